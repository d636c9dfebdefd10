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

CREATE TABLE events (
    id bigserial PRIMARY KEY,
    source text NOT NULL,
    idempotency_key uuid DEFAULT gen_random_uuid(),
    UNIQUE (source, idempotency_key)
);

CREATE TABLE notes (
    id bigserial PRIMARY KEY,
    author text NOT NULL,
    idempotency_key text,
    UNIQUE (author, idempotency_key)
);

CREATE TABLE ledger_entries (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL,
    idempotency_key text,
    UNIQUE (account_id, idempotency_key)
);
