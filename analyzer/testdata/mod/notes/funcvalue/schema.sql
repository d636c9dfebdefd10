CREATE TABLE jobs (
    id bigserial PRIMARY KEY,
    tenant text NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (tenant, idempotency_key)
);
