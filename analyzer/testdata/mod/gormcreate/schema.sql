-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    session_id text NOT NULL,
    body text NOT NULL,
    idempotency_key text,
    created_at timestamptz,
    UNIQUE (session_id, idempotency_key)
);

CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    idempotency_key text NOT NULL DEFAULT gen_random_uuid()::text,
    UNIQUE (account_id, idempotency_key)
);
