-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE shipments (
    id bigserial PRIMARY KEY,
    order_id text NOT NULL,
    idempotency_key text
);
CREATE UNIQUE INDEX shipments_key ON shipments (idempotency_key);
