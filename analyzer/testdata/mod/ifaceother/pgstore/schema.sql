-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE payouts (
    id bigserial PRIMARY KEY,
    merchant_id text NOT NULL,
    idempotency_key text UNIQUE
);

CREATE TABLE refunds (
    id bigserial PRIMARY KEY,
    merchant_id text NOT NULL,
    idempotency_key text UNIQUE
);
