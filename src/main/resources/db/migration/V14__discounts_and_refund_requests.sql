-- An account's discount: a percentage off the list price of the terms it buys (NEW, RENEW,
-- CONVERT orders), set by the operator; a changed discount applies to orders placed after it.
CREATE TABLE account_discounts (
    account_id text PRIMARY KEY REFERENCES accounts (id),
    percent    numeric(5, 2) NOT NULL CHECK (percent >= 0 AND percent < 100),
    updated_at timestamptz NOT NULL
);

-- A tenant's request to refund a whole subscription instance; an operator approves or declines it
-- once. An approved one has frozen the instance and set its release.
CREATE TABLE refund_requests (
    id          text PRIMARY KEY,
    account_id  text NOT NULL REFERENCES accounts (id),
    instance_id text NOT NULL,
    status      text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED')),
    reason      text NOT NULL,
    order_id    text,
    created_at  timestamptz NOT NULL,
    decided_at  timestamptz
);
-- At most one open request per instance.
CREATE UNIQUE INDEX refund_requests_one_pending ON refund_requests (instance_id) WHERE status = 'PENDING';
