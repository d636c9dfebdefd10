CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE jobs (
    id bigserial PRIMARY KEY,
    queue text NOT NULL,
    dedup_key text
);
CREATE UNIQUE INDEX jobs_dedup ON jobs (queue, dedup_key) WHERE dedup_key IS NOT NULL;
