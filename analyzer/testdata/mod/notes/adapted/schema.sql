-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE logs (
    id bigint PRIMARY KEY,
    ledger text NOT NULL,
    idempotency_key varchar(256),
    UNIQUE (ledger, idempotency_key)
);
