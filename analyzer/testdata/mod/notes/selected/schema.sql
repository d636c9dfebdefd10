-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE payouts (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    idempotency_key text UNIQUE
);

CREATE TABLE staged_payouts (
    account_id text NOT NULL,
    idempotency_key text
);
