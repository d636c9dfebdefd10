-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE records (
    id bigserial PRIMARY KEY,
    org_id text NOT NULL,
    org_name text,
    idempotency_key text,
    UNIQUE (org_id, idempotency_key)
);
