-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    amount bigint NOT NULL
);

CREATE TABLE refunds (
    id bigserial PRIMARY KEY,
    payment_id bigint NOT NULL,
    idempotency_key text UNIQUE
);
