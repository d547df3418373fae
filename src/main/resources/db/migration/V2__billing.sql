-- Billow's ledger of record. Money columns are exact numerics; instants are timestamptz (UTC).

CREATE TABLE accounts (
    id                  text PRIMARY KEY,
    name                text NOT NULL,
    currency            char(3) NOT NULL,
    balance             numeric(20, 6) NOT NULL,
    settlement_zone     text NOT NULL,
    standard_offset_s   integer NOT NULL,
    -- resumable settlement cursor: every period ending at or before this instant is settled
    settled_through     timestamptz NOT NULL,
    overdue_since       timestamptz,
    -- how far the overdue lifecycle has gone: 0 running, 1 stopped (day 16), 2 released (day 31)
    overdue_stage       smallint NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL
);

CREATE TABLE access_keys (
    access_key_id       text PRIMARY KEY,
    account_id          text NOT NULL REFERENCES accounts (id),
    -- AES-GCM sealed secret (the RPC signatures need the secret itself, so it cannot be a one-way hash)
    secret_sealed       bytea NOT NULL,
    created_at          timestamptz NOT NULL
);
CREATE INDEX access_keys_account ON access_keys (account_id);

CREATE TABLE service_linked_roles (
    account_id          text NOT NULL REFERENCES accounts (id),
    role_name           text NOT NULL,
    service_name        text NOT NULL,
    created_at          timestamptz NOT NULL,
    PRIMARY KEY (account_id, role_name)
);

CREATE TABLE coupons (
    id                  text PRIMARY KEY,
    account_id          text NOT NULL REFERENCES accounts (id),
    amount              numeric(20, 2) NOT NULL CHECK (amount > 0),
    remaining           numeric(20, 2) NOT NULL CHECK (remaining >= 0),
    expires_at          timestamptz,
    created_at          timestamptz NOT NULL
);

CREATE TABLE catalog_versions (
    id                  serial PRIMARY KEY,
    digest              text NOT NULL UNIQUE,
    loaded_at           timestamptz NOT NULL,
    summary             jsonb NOT NULL
);

CREATE TABLE instances (
    id                  text PRIMARY KEY,
    account_id          text NOT NULL REFERENCES accounts (id),
    product             text NOT NULL,
    region              text NOT NULL,
    zone_id             text NOT NULL,
    edition             text NOT NULL,
    instance_class      text NOT NULL,
    billing_method      text NOT NULL,
    status              text NOT NULL,
    storage_gb          integer NOT NULL,
    storage_type        text NOT NULL,
    attributes          jsonb NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL,
    released_at         timestamptz,
    last_switch_at      timestamptz,
    -- subscription term end, and when an expired instance is released unless renewed
    expires_at          timestamptz,
    release_at          timestamptz,
    event_count         integer NOT NULL DEFAULT 0,
    version             integer NOT NULL DEFAULT 0
);
CREATE INDEX instances_account ON instances (account_id, id);
CREATE INDEX instances_expiry ON instances (expires_at) WHERE expires_at IS NOT NULL AND released_at IS NULL;

CREATE TABLE timeline_events (
    instance_id         text NOT NULL REFERENCES instances (id),
    seq                 integer NOT NULL,
    at                  timestamptz NOT NULL,
    kind                text NOT NULL,
    payload             jsonb NOT NULL,
    -- idempotency of reported usage: the same event id is recorded once
    external_id         text,
    PRIMARY KEY (instance_id, seq)
);
CREATE UNIQUE INDEX timeline_events_external ON timeline_events (instance_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE operations (
    id                  text PRIMARY KEY,
    instance_id         text NOT NULL REFERENCES instances (id),
    order_id            text,
    kind                text NOT NULL,
    status              text NOT NULL,
    due_at              timestamptz NOT NULL,
    payload             jsonb NOT NULL,
    created_at          timestamptz NOT NULL,
    finished_at         timestamptz
);
CREATE INDEX operations_due ON operations (due_at) WHERE status = 'PENDING';

CREATE TABLE orders (
    id                  text PRIMARY KEY,
    -- insertion order: orders placed in the same second list in the order they were placed
    seq                 bigserial NOT NULL,
    account_id          text NOT NULL REFERENCES accounts (id),
    instance_id         text,
    type                text NOT NULL,
    status              text NOT NULL,
    currency            char(3) NOT NULL,
    list_price          numeric(20, 2) NOT NULL,
    discount            numeric(20, 2) NOT NULL,
    coupon              numeric(20, 2) NOT NULL,
    cash_paid           numeric(20, 2) NOT NULL,
    explanation         text NOT NULL,
    details             jsonb NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX orders_account ON orders (account_id, created_at);

CREATE TABLE bills (
    id                  bigint PRIMARY KEY,
    account_id          text NOT NULL,
    instance_id         text NOT NULL,
    period_start        timestamptz NOT NULL,
    period_end          timestamptz NOT NULL,
    currency            char(3) NOT NULL,
    gross               numeric(20, 6) NOT NULL,
    rounding_discount   numeric(20, 6) NOT NULL,
    payable             numeric(20, 2) NOT NULL,
    -- running totals of the instance's monthly rounding cycle, this bill included: the next
    -- period's payable needs only the latest bill, not a sum over the month
    cycle_gross         numeric(20, 6) NOT NULL,
    cycle_payable       numeric(20, 2) NOT NULL,
    ledger_entry_id     bigint NOT NULL,
    -- exactly once: one bill per instance and period, whatever crashes and retries happen
    UNIQUE (instance_id, period_start)
);
-- Bills arrive in period order, so a BRIN index serves per-account listings at almost no write cost.
CREATE INDEX bills_period ON bills USING brin (period_start);
-- Each settlement batch reserves one block of ids with a single nextval (batches hold at most 10,000 bills).
CREATE SEQUENCE bill_ids INCREMENT BY 10000;

CREATE TABLE bill_lines (
    bill_id             bigint NOT NULL,
    line_no             smallint NOT NULL,
    item                text NOT NULL,
    spec                text NOT NULL,
    billing_method      text NOT NULL,
    quantity            numeric NOT NULL,
    quantity_unit       text NOT NULL,
    unit_price          numeric NOT NULL,
    unit_size           bigint NOT NULL,
    price_unit          text NOT NULL,
    amount              numeric(20, 6) NOT NULL,
    adjustment          boolean NOT NULL,
    explanation         text NOT NULL,
    PRIMARY KEY (bill_id, line_no)
);

CREATE TABLE ledger_entries (
    id                  bigserial PRIMARY KEY,
    account_id          text NOT NULL REFERENCES accounts (id),
    kind                text NOT NULL,
    amount              numeric(20, 6) NOT NULL,
    reference           text NOT NULL,
    at                  timestamptz NOT NULL,
    -- one entry per settled batch or order payment: a retried write cannot be booked twice
    UNIQUE (kind, reference)
);
CREATE INDEX ledger_account ON ledger_entries (account_id, id);

CREATE TABLE idempotency_records (
    account_id          text NOT NULL,
    client_token        text NOT NULL,
    request_hash        text NOT NULL,
    response            jsonb NOT NULL,
    created_at          timestamptz NOT NULL,
    PRIMARY KEY (account_id, client_token)
);

CREATE TABLE events (
    id                  bigserial PRIMARY KEY,
    account_id          text,
    instance_id         text,
    type                text NOT NULL,
    at                  timestamptz NOT NULL,
    payload             jsonb NOT NULL
);
CREATE INDEX events_account ON events (account_id, id);

CREATE TABLE signature_nonces (
    access_key_id       text NOT NULL,
    nonce               text NOT NULL,
    expires_at          timestamptz NOT NULL,
    PRIMARY KEY (access_key_id, nonce)
);

CREATE TABLE clock_state (
    id                  smallint PRIMARY KEY CHECK (id = 1),
    now                 timestamptz NOT NULL
);
