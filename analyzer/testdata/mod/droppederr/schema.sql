-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE payouts (
    id bigserial PRIMARY KEY,
    tenant_id text NOT NULL,
    idempotency_key text NOT NULL,
    UNIQUE (tenant_id, idempotency_key)
);

CREATE TABLE refunds (
    id bigserial PRIMARY KEY,
    tenant_id text NOT NULL,
    idempotency_key text,
    UNIQUE (tenant_id, idempotency_key)
);
