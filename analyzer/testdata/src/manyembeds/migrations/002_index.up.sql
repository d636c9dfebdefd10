CREATE UNIQUE INDEX webhooks_ik ON webhooks (connector_id, idempotency_key);
