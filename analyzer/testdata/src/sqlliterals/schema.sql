CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    session_id uuid NOT NULL,
    body text NOT NULL,
    idempotency_key varchar(64), -- idemlint:ignore IDEM101 the Go side is what this test is about
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
    dedup_key text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX jobs_dedup ON jobs (queue, dedup_key) WHERE dedup_key IS NOT NULL;

CREATE TABLE events (
    id bigserial PRIMARY KEY,
    source text NOT NULL,
    idempotency_key uuid DEFAULT gen_random_uuid(), -- want "IDEM101: idempotency key events.idempotency_key is nullable"
    UNIQUE (source, idempotency_key)
);
