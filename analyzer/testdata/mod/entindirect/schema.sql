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
