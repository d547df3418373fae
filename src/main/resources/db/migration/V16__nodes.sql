-- Several Billow nodes on one database (issue 14).

-- A piece of scheduled work a node has claimed (an account's period to settle, a webhook's next
-- delivery). Expiry is measured on the database's own clock, so nodes whose clocks disagree still
-- agree on when a dead node's claim may be taken over. A finished piece deletes its row.
CREATE TABLE work_leases (
    work                text PRIMARY KEY,
    node                text NOT NULL,
    expires_at          timestamptz NOT NULL
);

-- A known text sealed under the master key of the first node: a node started with another key
-- cannot open it, and refuses to start rather than answer 500 for every account.
CREATE TABLE master_key_check (
    id                  smallint PRIMARY KEY CHECK (id = 1),
    sealed              bytea NOT NULL
);
