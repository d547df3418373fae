-- Webhooks: events pushed to an account's URLs, at least once, in event order, signed.
CREATE TABLE webhooks (
    id                  text PRIMARY KEY,
    account_id          text NOT NULL REFERENCES accounts (id),
    url                 text NOT NULL,
    secret_sealed       bytea NOT NULL,
    -- delivery cursor: every event of the account with a smaller or equal id has been delivered
    delivered_through   bigint NOT NULL,
    failures            integer NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    last_error          text,
    created_at          timestamptz NOT NULL
);
CREATE INDEX webhooks_account ON webhooks (account_id);
