CREATE TABLE webhooks (
    id bigserial PRIMARY KEY,
    provider text NOT NULL,
    delivery_id text NOT NULL,
    payload text NOT NULL,
    idempotency_key text, -- want "IDEM101: idempotency key webhooks.idempotency_key is nullable"
    UNIQUE (provider, idempotency_key)
);

CREATE TABLE payouts (
    id bigserial PRIMARY KEY,
    merchant_id text NOT NULL,
    amount_cents bigint NOT NULL,
    client_request_id text NOT NULL DEFAULT '',
    idempotency_key text, -- want "IDEM101: idempotency key payouts.idempotency_key is nullable"
    UNIQUE (merchant_id, idempotency_key)
);
