CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (account_id, idempotency_key)
);
