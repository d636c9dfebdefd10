CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    topic text NOT NULL,
    dedup_id text NOT NULL,
    UNIQUE (topic, dedup_id)
);
