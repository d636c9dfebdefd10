-- idemlint:file-ignore IDEM101 this package tests the Go side
-- orders: the schema fix applied (NOT NULL, no CHECK): an invalid wrapper
-- is NULL, which the column rejects loudly; only a valid "" is a silent
-- duplicate (IDEM202).
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    customer text NOT NULL,
    idempotency_key text NOT NULL
);
CREATE UNIQUE INDEX orders_key ON orders (idempotency_key);

-- payments: nullable, so the same invalid wrapper is a NULL that repeats.
CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    amount bigint NOT NULL,
    idempotency_key text
);
CREATE UNIQUE INDEX payments_key ON payments (idempotency_key);
