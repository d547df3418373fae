-- Each distinct snapshot an instance can be in, stored once under its SHA-256. Snapshots are
-- immutable, so an id always means the same snapshot and readers may cache it for good.
CREATE TABLE snapshots (
    id                  bigserial PRIMARY KEY,
    digest              bytea NOT NULL UNIQUE,
    payload             text NOT NULL
);

-- The snapshot an instance's last event made, with the time and index of that event: an instance
-- that has not changed since before a period is metered from this alone, so hourly settlement
-- reads the timeline only of the instances that changed. Written with every append, in the same
-- transaction as the events. NULL (rows from before this column, released instances) means
-- "read the timeline", which is always right.
ALTER TABLE instances ADD COLUMN snapshot_id bigint REFERENCES snapshots (id);
ALTER TABLE instances ADD COLUMN snapshot_since timestamptz;
ALTER TABLE instances ADD COLUMN snapshot_event integer;

-- Settlement walks an account's instances in id order, batch by batch, reading only these
-- columns: from this index alone (an index-only scan), not from the wide rows. It serves every
-- lookup by (account_id, id) that the index it replaces did.
CREATE INDEX instances_settlement ON instances (account_id, id)
    INCLUDE (product, region, created_at, released_at, snapshot_id, snapshot_since, snapshot_event);
DROP INDEX instances_account;
