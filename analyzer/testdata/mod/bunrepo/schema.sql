-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE logs (
    id bigint PRIMARY KEY,
    ledger text NOT NULL,
    idempotency_key varchar(256),
    UNIQUE (ledger, idempotency_key)
);

CREATE TABLE deliveries (
    id bigserial PRIMARY KEY,
    body text NOT NULL,
    dedup_key text
);
CREATE UNIQUE INDEX deliveries_dedup_key ON deliveries (dedup_key) WHERE dedup_key IS NOT NULL;
