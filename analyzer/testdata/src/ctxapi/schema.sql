CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (account, idempotency_key)
);
