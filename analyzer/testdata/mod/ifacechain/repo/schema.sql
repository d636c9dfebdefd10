CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    amount bigint NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (idempotency_key)
);

CREATE TABLE refunds (
    id bigserial PRIMARY KEY,
    amount bigint NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (idempotency_key)
);
