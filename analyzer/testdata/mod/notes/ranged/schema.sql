CREATE TABLE jobs (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    dedup_key text NOT NULL UNIQUE
);

CREATE TABLE events (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    dedup_key text NOT NULL DEFAULT gen_random_uuid(),
    UNIQUE (dedup_key)
);
