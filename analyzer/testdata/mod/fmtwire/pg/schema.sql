CREATE TABLE orders (
    id              bigserial PRIMARY KEY,
    idempotency_key text NOT NULL UNIQUE
);

CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    event_type text NOT NULL,
    dedup_key  text NOT NULL UNIQUE
);
