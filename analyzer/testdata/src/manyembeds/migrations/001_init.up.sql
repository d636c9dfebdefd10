CREATE TABLE webhooks (
  id bigint PRIMARY KEY,
  connector_id text NOT NULL,
  idempotency_key varchar(255) -- want "IDEM101: idempotency key webhooks.idempotency_key is nullable"
);
