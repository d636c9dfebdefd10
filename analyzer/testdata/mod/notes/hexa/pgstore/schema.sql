-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    idempotency_key text UNIQUE
);

CREATE TABLE entries (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    idempotency_key text UNIQUE
);
