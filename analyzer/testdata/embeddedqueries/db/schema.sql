CREATE TABLE exports (
    id bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL,
    idempotency_key text, -- want "IDEM101: idempotency key exports.idempotency_key is nullable"
    UNIQUE (tenant_id, idempotency_key)
);
