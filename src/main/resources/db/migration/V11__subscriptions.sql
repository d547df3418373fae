-- The subscription engine: which expiry warning an instance has had (7, 3 or 1 days before an
-- expiry that will delete it), and the once-a-year five-day no-reason refund per product.
ALTER TABLE instances ADD COLUMN expiry_warned_days int;

CREATE TABLE no_reason_refunds (
    account_id text NOT NULL REFERENCES accounts (id),
    product text NOT NULL,
    year int NOT NULL,
    order_id text NOT NULL,
    PRIMARY KEY (account_id, product, year)
);
