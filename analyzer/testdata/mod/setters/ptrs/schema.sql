-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE beneficiaries (
    id bigserial PRIMARY KEY,
    tenant_id text NOT NULL,
    iban text NOT NULL,
    client_token text,
    UNIQUE (tenant_id, client_token)
);
