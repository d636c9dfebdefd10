-- idemlint:file-ignore IDEM101 messages tests the Go side
CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    session_id uuid NOT NULL,
    idempotency_key text,
    UNIQUE (session_id, idempotency_key)
);
