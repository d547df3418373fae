-- Counted usage whose free quota the whole account shares (quotaScope: ACCOUNT, such as the
-- RocketMQ 4.x 20 million free API calls a month). The timeline keeps every usage event; these
-- rows say how much of each one the account's monthly quota made free. A period's events are
-- allocated once, in usage order, when its settlement begins; one that arrives after that is
-- allocated when it arrives. Both happen under the account's lock, so the quota is handed out
-- exactly once whatever crashes or retries.
CREATE TABLE usage_counts (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    instance_id text NOT NULL REFERENCES instances (id),
    quota_key text NOT NULL,          -- product/item
    event_id text NOT NULL,           -- the timeline event's external id
    at timestamptz NOT NULL,
    quantity numeric NOT NULL CHECK (quantity >= 0),
    free numeric CHECK (free >= 0 AND free <= quantity),  -- null until allocated
    UNIQUE (instance_id, event_id)
);
CREATE INDEX usage_counts_unallocated ON usage_counts (account_id, at) WHERE free IS NULL;
CREATE INDEX usage_counts_instance ON usage_counts (instance_id, at);

-- How much of each account-wide quota a monthly cycle has handed out (allocated usage).
CREATE TABLE account_quota_usage (
    account_id text NOT NULL REFERENCES accounts (id),
    quota_key text NOT NULL,
    cycle_start timestamptz NOT NULL,
    used numeric NOT NULL CHECK (used >= 0),
    PRIMARY KEY (account_id, quota_key, cycle_start)
);

-- The end of the last period whose usage was allocated: usage dated before it is allocated on arrival.
ALTER TABLE accounts ADD COLUMN quota_allocated_through timestamptz;

-- Counted resources of an instance (RocketMQ topics and groups): their count is metered from the
-- timeline; these rows are what the APIs list. A deleted one keeps its row with deleted_at.
CREATE TABLE instance_resources (
    id bigserial PRIMARY KEY,
    instance_id text NOT NULL REFERENCES instances (id),
    kind text NOT NULL,
    name text NOT NULL,
    attributes jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL,
    deleted_at timestamptz
);
CREATE UNIQUE INDEX instance_resources_live ON instance_resources (instance_id, kind, name) WHERE deleted_at IS NULL;
