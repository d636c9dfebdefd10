-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE transactions (
    id bigserial PRIMARY KEY,
    namespace text NOT NULL,
    idempotency_key text,
    UNIQUE (namespace, idempotency_key)
);

CREATE TABLE deliveries (
    id bigserial PRIMARY KEY,
    idempotency_key text NOT NULL,
    UNIQUE (idempotency_key)
);
