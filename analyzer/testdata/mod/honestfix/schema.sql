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

CREATE TABLE waitlist (
    id bigserial PRIMARY KEY,
    hotel_id bigint NOT NULL,
    guest_id bigint NOT NULL,
    dedupe_key text NOT NULL,
    UNIQUE (hotel_id, dedupe_key)
);

CREATE TABLE transfers (
    id bigserial PRIMARY KEY,
    from_account text NOT NULL,
    to_account text NOT NULL,
    note text NOT NULL,
    idempotency_key text, -- want "IDEM101: idempotency key transfers.idempotency_key is nullable"
    UNIQUE (from_account, idempotency_key)
);
