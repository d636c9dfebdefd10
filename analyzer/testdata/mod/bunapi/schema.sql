-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE webhooks (
    id bigserial PRIMARY KEY,
    connector_id text NOT NULL,
    payload text NOT NULL,
    idempotency_key text,
    UNIQUE (connector_id, idempotency_key)
);

CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL,
    idempotency_key text,
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE transfers (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE events (
    id bigserial PRIMARY KEY,
    source text NOT NULL,
    idempotency_key uuid DEFAULT gen_random_uuid(),
    UNIQUE (source, idempotency_key)
);

-- The model's default: tag says gen_random_uuid(), but this table has no
-- default: bun's DEFAULT is NULL here.
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    customer_id text NOT NULL,
    idempotency_key uuid,
    UNIQUE (customer_id, idempotency_key)
);

CREATE TABLE ledger_entries (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL,
    idempotency_key text,
    UNIQUE (account_id, idempotency_key)
);
