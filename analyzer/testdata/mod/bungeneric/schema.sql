-- idemlint:file-ignore IDEM101 movements keeps its optional key: this package tests the Go side
CREATE TABLE movements (
    id bigserial PRIMARY KEY,
    warehouse_id bigint NOT NULL,
    idempotency_key text,
    UNIQUE (warehouse_id, idempotency_key)
);

CREATE TABLE counts (
    id bigserial PRIMARY KEY,
    dedup_key text NOT NULL UNIQUE
);
