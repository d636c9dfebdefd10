-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE jobs (
    id bigserial PRIMARY KEY,
    queue text NOT NULL,
    dedup_key text,
    UNIQUE (queue, dedup_key)
);
