-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE variant_requests (
    id bigserial PRIMARY KEY,
    idempotency_key text,
    UNIQUE (idempotency_key)
);
