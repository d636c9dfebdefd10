CREATE TABLE jobs (
    id bigserial PRIMARY KEY,
    name text NOT NULL,
    idempotency_key text NOT NULL UNIQUE
);
