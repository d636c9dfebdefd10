CREATE TABLE receipts (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL,
    idempotency_key uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE
);

CREATE TABLE push_receipts (
    id bigserial PRIMARY KEY,
    device_id text NOT NULL,
    dedupe_id text NOT NULL DEFAULT gen_random_uuid()::text,
    UNIQUE (device_id, dedupe_id)
);
