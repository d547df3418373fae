-- A settlement batch books its ledger entry with the number of bills it wrote; the period's close
-- finds the period's entries by this index (a few per period) to apply their sum to the balance
-- once, instead of scanning the period's bills of every account.
ALTER TABLE ledger_entries ADD COLUMN bills integer;
CREATE INDEX ledger_settlements ON ledger_entries (account_id, at) WHERE kind = 'SETTLEMENT';
