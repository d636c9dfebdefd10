-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE tasks (
    id text PRIMARY KEY,
    idempotency_key text,
    spec text NOT NULL,
    UNIQUE (idempotency_key)
);
