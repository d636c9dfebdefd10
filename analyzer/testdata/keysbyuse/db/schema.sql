CREATE TABLE runs (
    id bigserial PRIMARY KEY,
    parent_id text, -- want "IDEM101: idempotency key runs.parent_id \\(used as the ON CONFLICT target at store/runs.go:10\\) is nullable, but NULLs are distinct in PostgreSQL unique index runs_child \\(parent_id, child_ref\\)"
    child_ref text, -- want "IDEM101: idempotency key runs.child_ref \\(used as the ON CONFLICT target at store/runs.go:10\\) is nullable"
    -- Unique and nullable, but no code treats it as a key: not reported.
    nickname text UNIQUE,
    email text
);
CREATE UNIQUE INDEX runs_child ON runs (parent_id, child_ref);
CREATE UNIQUE INDEX runs_email ON runs (email);

-- Named unlike a key, but the table's name says what it holds.
CREATE TABLE request_dedup (
    scope text NOT NULL,
    token text, -- want "IDEM101: idempotency key request_dedup.token \\(its table request_dedup holds idempotency keys, by its name\\) is nullable"
    UNIQUE (scope, token)
);

-- The code upserts on (tenant, idempotency_key): tenant scopes the key
-- named like one, so an empty tenant is no missing key.
CREATE TABLE outbox (
    tenant text NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (tenant, idempotency_key)
);
