-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE shipments (
    id bigserial PRIMARY KEY,
    carrier text NOT NULL,
    client_request_id varchar(64),
    UNIQUE (client_request_id)
);
