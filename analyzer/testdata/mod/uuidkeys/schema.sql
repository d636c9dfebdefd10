-- idemlint:file-ignore IDEM101 transfers keeps its optional key: this package tests the Go side
-- Webhook deliveries, deduplicated per provider by the event's id.
CREATE TABLE webhook_events (
    id bigserial PRIMARY KEY,
    provider text NOT NULL,
    dedup_id uuid NOT NULL,
    UNIQUE (provider, dedup_id)
);

-- Transfers: an optional client key, a uuid.
CREATE TABLE transfers (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL,
    idempotency_key uuid,
    UNIQUE (account_id, idempotency_key)
);

-- Jobs keyed by the text of an id; an empty key is rejected.
CREATE TABLE jobs (
    id bigserial PRIMARY KEY,
    dedup_key text NOT NULL CHECK (dedup_key <> ''),
    UNIQUE (dedup_key)
);

-- Tasks keyed by the text of an id, no check.
CREATE TABLE tasks (
    id bigserial PRIMARY KEY,
    dedup_key text NOT NULL UNIQUE
);
