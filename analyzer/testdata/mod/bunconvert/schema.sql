-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE webhooks (
    id text PRIMARY KEY,
    connector_id text NOT NULL,
    idempotency_key text,
    UNIQUE (connector_id, idempotency_key)
);
