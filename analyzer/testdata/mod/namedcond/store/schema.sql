-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE holds (
    id bigserial PRIMARY KEY,
    reservation_id text NOT NULL,
    idempotency_key text,
    UNIQUE (reservation_id, idempotency_key)
);
