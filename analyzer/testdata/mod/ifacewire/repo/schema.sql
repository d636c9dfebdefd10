-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    customer_id text NOT NULL,
    idempotency_key text UNIQUE
);

CREATE TABLE events (
    id bigserial PRIMARY KEY,
    source text NOT NULL,
    idempotency_key text UNIQUE
);

CREATE TABLE notifications (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    idempotency_key text,
    UNIQUE (user_id, idempotency_key)
);

CREATE TABLE audits (
    id bigserial PRIMARY KEY,
    event text NOT NULL,
    idempotency_key text UNIQUE, -- nullable for internal calls
    created_at timestamptz NOT NULL DEFAULT now()
);
