-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE shipments (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL,
    idempotency_key text,
    UNIQUE (order_id, idempotency_key)
);
