CREATE TABLE webhooks (
    id text PRIMARY KEY,
    connector_id text NOT NULL,
    body bytea,
    idempotency_key text -- want "IDEM101: idempotency key webhooks.idempotency_key is nullable"
);
CREATE UNIQUE INDEX webhooks_ik ON webhooks (connector_id, idempotency_key);

CREATE TABLE pings (
    id text PRIMARY KEY,
    idempotency_key text -- want "IDEM101: idempotency key pings.idempotency_key is nullable"
);
CREATE UNIQUE INDEX pings_ik ON pings (idempotency_key);
