INSERT INTO exports (tenant_id, idempotency_key)
VALUES ($1, $2)
