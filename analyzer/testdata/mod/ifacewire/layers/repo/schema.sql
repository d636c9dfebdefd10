-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    amount bigint NOT NULL,
    idempotency_key text UNIQUE
);

CREATE TABLE transfers (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    idempotency_key text UNIQUE
);

CREATE TABLE order_items (
    id bigserial PRIMARY KEY,
    sku text NOT NULL,
    idempotency_key text UNIQUE
);

CREATE TABLE refunds (
    id bigserial PRIMARY KEY,
    amount bigint NOT NULL,
    idempotency_key text UNIQUE
);
