-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE audits (
    id bigserial PRIMARY KEY,
    action text NOT NULL,
    idempotency_key uuid UNIQUE -- nullable for the service's internal calls.
);
