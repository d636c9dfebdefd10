-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE shipments (
    id text PRIMARY KEY,
    carrier text,
    idempotency_key text,
    UNIQUE (idempotency_key)
);
