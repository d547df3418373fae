-- Bills are keyed by (period, instance) instead of (instance, period). Each settled hour then adds
-- its bills at the end of the key, on new pages, instead of one entry on the leaf page of every
-- instance's run: with months of history the old order touched a different page per bill, and
-- after each checkpoint the first touch of a page writes the whole page to the WAL.
--
-- Settlement needs one figure per instance from before the period: the cycle totals of its
-- latest bill in the monthly rounding cycle. With the new key that is one probe at the previous
-- period. An instance that accrued nothing in an hour has no bill there, so settlement writes its
-- totals forward in cycle_carries for that hour, once it has a bill in the cycle: the probe at the
-- previous period finds a bill or a carry, and finding neither means no bill in the cycle yet.
CREATE TABLE cycle_carries (
    period_start        timestamptz NOT NULL,
    instance_id         text NOT NULL,
    cycle_gross         numeric(20, 6) NOT NULL,
    cycle_payable       numeric(20, 2) NOT NULL,
    PRIMARY KEY (period_start, instance_id)
);

-- The carries the last settled hour would have written, from the old key while it is there: for
-- each instance alive in its account's last settled period, without a bill in it, but with an
-- earlier bill in that period's cycle (months start at the account's standard offset).
INSERT INTO cycle_carries (period_start, instance_id, cycle_gross, cycle_payable)
SELECT a.settled_through - interval '1 hour', i.id, b.cycle_gross, b.cycle_payable
FROM accounts a
JOIN instances i ON i.account_id = a.id
CROSS JOIN LATERAL (
    SELECT x.cycle_gross, x.cycle_payable FROM bills x
    WHERE x.instance_id = i.id AND x.period_start < a.settled_through - interval '1 hour'
      AND x.period_start >= (date_trunc('month', (a.settled_through - interval '1 hour') AT TIME ZONE 'UTC'
                                 + make_interval(secs => a.standard_offset_s))
                             - make_interval(secs => a.standard_offset_s)) AT TIME ZONE 'UTC'
    ORDER BY x.period_start DESC LIMIT 1) b
WHERE i.created_at < a.settled_through
  AND (i.released_at IS NULL OR i.released_at > a.settled_through - interval '1 hour')
  AND NOT EXISTS (SELECT 1 FROM bills y WHERE y.instance_id = i.id AND y.period_start = a.settled_through - interval '1 hour');

-- (On a large bills table this takes as long as building the key.)
ALTER TABLE bills DROP CONSTRAINT bills_pkey;
ALTER TABLE bills ADD CONSTRAINT bills_pkey PRIMARY KEY (period_start, instance_id);
