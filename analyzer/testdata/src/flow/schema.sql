-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    session_id uuid NOT NULL,
    body text NOT NULL,
    idempotency_key varchar(64),
    UNIQUE (session_id, idempotency_key)
);

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

CREATE TABLE transfers (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL,
    amount bigint NOT NULL,
    idempotency_key text,
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE charges (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL,
    idempotency_key text NOT NULL CHECK (idempotency_key <> ''),
    UNIQUE (account_id, idempotency_key)
);
