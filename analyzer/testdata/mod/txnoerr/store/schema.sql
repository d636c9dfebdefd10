-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    idempotency_key text UNIQUE
);
