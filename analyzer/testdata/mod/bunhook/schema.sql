-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE stamped (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    idempotency_key text,
    created_at timestamptz,
    updated_at timestamptz,
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE minted (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    idempotency_key text,
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE asked (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    idempotency_key text,
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE handed (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    idempotency_key text,
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE nil_minted (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    idempotency_key text,
    UNIQUE (account_id, idempotency_key)
);
