-- The network endpoints of an instance (RocketMQ 5.x PrivateLink VPC endpoints) as the APIs list
-- them. Billing reads the same facts from the timeline (endpoint-added / -marked / -deleted),
-- written in the same transaction as these rows.
CREATE TABLE instance_endpoints (
    instance_id   text NOT NULL REFERENCES instances (id),
    endpoint_id   text NOT NULL,
    endpoint_type text NOT NULL,
    url           text NOT NULL,
    bills_owner   boolean NOT NULL,
    status        text NOT NULL,
    created_at    timestamptz NOT NULL,
    marked_at     timestamptz,
    deleted_at    timestamptz,
    PRIMARY KEY (instance_id, endpoint_id),
    CHECK (status IN ('Active', 'ToBeUnpublished'))
);
