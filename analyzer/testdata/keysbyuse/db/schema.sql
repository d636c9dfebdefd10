CREATE TABLE runs (
    id bigserial PRIMARY KEY,
    -- Both are keys only as the upsert's target: one finding for the rule,
    -- at the first column, naming both.
    parent_id text, -- want "IDEM101: idempotency key columns runs.parent_id and runs.child_ref \\(used as the ON CONFLICT target at store/runs.go:10\\) are nullable, but NULLs are distinct in PostgreSQL unique index runs_child \\(parent_id, child_ref\\): an upsert that sends a NULL in any of them never meets its ON CONFLICT and inserts the row again"
    child_ref text,
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

-- The code upserts on (account_id, idempotency_key): the key is the
-- column named like one, and account_id its scope. A nullable scope is
-- IDEM103, not an idempotency key of its own (IDEM101).
CREATE TABLE transfers (
    id bigserial PRIMARY KEY,
    account_id bigint, -- want "IDEM103: transfers.account_id is nullable and part of unique index transfers_acct_key \\(account_id, idempotency_key\\) with idempotency key idempotency_key"
    idempotency_key text NOT NULL,
    amount bigint NOT NULL
);
CREATE UNIQUE INDEX transfers_acct_key ON transfers (account_id, idempotency_key);

-- The code upserts on code alone: the rule holds that one column, so an
-- empty code is one key shared by every writer that has none.
CREATE TABLE claims (
    code text NOT NULL UNIQUE,
    owner text NOT NULL
);

-- A device's fingerprint, upserted on both columns and NULLs not
-- distinct: a NULL agent is one agent like any other, not a missing key.
CREATE TABLE pins (
    device text,
    agent text,
    UNIQUE NULLS NOT DISTINCT (device, agent)
);
