-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    session_id text NOT NULL,
    body text NOT NULL,
    idempotency_key text,
    UNIQUE (session_id, idempotency_key)
);

CREATE TABLE gorm_orders (
    id bigserial PRIMARY KEY,
    idempotency_key uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE
);
