-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE exports (
    id bigserial PRIMARY KEY,
    requested_by text NOT NULL,
    dedup_key text NOT NULL,
    UNIQUE (requested_by, dedup_key)
);

CREATE TABLE imports (
    id bigserial PRIMARY KEY,
    source text NOT NULL,
    idempotency_key text,
    UNIQUE (source, idempotency_key)
);
