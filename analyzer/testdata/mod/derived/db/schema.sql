CREATE TABLE webhook_deliveries (
    id text PRIMARY KEY,
    connector_id text NOT NULL,
    body bytea,
    idempotency_key text -- want "IDEM101: idempotency key webhook_deliveries.idempotency_key is nullable"
);
CREATE UNIQUE INDEX webhook_deliveries_ik ON webhook_deliveries (connector_id, idempotency_key);

CREATE TABLE pings (
    id text PRIMARY KEY,
    idempotency_key text -- want "IDEM101: idempotency key pings.idempotency_key is nullable"
);
CREATE UNIQUE INDEX pings_ik ON pings (idempotency_key);
