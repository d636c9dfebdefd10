CREATE TABLE nnd_deliveries (
    id bigserial PRIMARY KEY,
    provider text NOT NULL,
    dedup_key text,
    UNIQUE NULLS NOT DISTINCT (provider, dedup_key)
);
