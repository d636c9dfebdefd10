-- idemlint:file-ignore IDEM101 this package tests the Go side's fixes
CREATE TABLE payouts (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    amount bigint NOT NULL,
    client_request_id text NOT NULL,
    trace text NOT NULL,
    idempotency_key text,
    UNIQUE (account, idempotency_key)
);
