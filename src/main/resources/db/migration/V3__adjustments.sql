-- Late usage re-rates an already settled period; the difference is billed in the next unsettled
-- period as an explained adjustment line, never by rewriting a settled bill.
CREATE TABLE adjustments (
    id                  bigserial PRIMARY KEY,
    account_id          text NOT NULL,
    instance_id         text NOT NULL,
    source_period_start timestamptz NOT NULL,
    item                text NOT NULL,
    spec                text NOT NULL,
    billing_method      text NOT NULL,
    quantity            numeric NOT NULL,
    quantity_unit       text NOT NULL,
    unit_price          numeric NOT NULL,
    unit_size           bigint NOT NULL,
    price_unit          text NOT NULL,
    amount              numeric(20, 6) NOT NULL,
    explanation         text NOT NULL,
    bill_id             bigint,
    created_at          timestamptz NOT NULL
);
CREATE INDEX adjustments_pending ON adjustments (account_id, instance_id) WHERE bill_id IS NULL;
