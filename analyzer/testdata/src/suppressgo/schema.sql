CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    session_id uuid NOT NULL,
    body text NOT NULL,
    idempotency_key varchar(64), -- idemlint:ignore IDEM101 the Go side is what this test is about
    UNIQUE (session_id, idempotency_key)
);
