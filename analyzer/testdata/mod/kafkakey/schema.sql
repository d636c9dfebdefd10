-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE inbox (
    id bigserial PRIMARY KEY,
    topic text NOT NULL,
    dedupe_id text NOT NULL,
    UNIQUE (topic, dedupe_id)
);

CREATE TABLE events (
    id bigserial PRIMARY KEY,
    topic text NOT NULL,
    dedup_key bytea,
    UNIQUE (topic, dedup_key)
);
