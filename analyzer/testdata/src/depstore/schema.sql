-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE entries (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    idempotency_key text,
    UNIQUE (account, idempotency_key)
);

-- The database rejects an empty key loudly: IDEM202 has nothing to report.
CREATE TABLE tokens (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    dedup_key text NOT NULL CHECK (btrim(dedup_key) <> ''),
    UNIQUE (account, dedup_key)
);

-- The same table without the check: an empty key collides in silence.
CREATE TABLE tokens_unchecked (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    dedup_key text NOT NULL,
    UNIQUE (account, dedup_key)
);

-- A uuid key: PostgreSQL rejects '' as invalid input for the type, so an
-- empty key fails loudly, as under a CHECK.
CREATE TABLE uuid_tokens (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    dedup_key uuid NOT NULL,
    UNIQUE (account, dedup_key)
);
