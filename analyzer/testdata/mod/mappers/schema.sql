-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE mapped_transfers (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL,
    idempotency_key text,
    UNIQUE (account_id, idempotency_key)
);
