-- idemlint:file-ignore IDEM101 this package tests the Go side
-- A NULL deduplication_id collides under NULLS NOT DISTINCT (PostgreSQL
-- 15+): the first keyless webhook of a provider lands, every later one is
-- rejected as its duplicate, as with an empty key.
CREATE TABLE nnd_webhooks (
    id bigserial PRIMARY KEY,
    provider text NOT NULL,
    body text NOT NULL,
    deduplication_id text,
    UNIQUE NULLS NOT DISTINCT (provider, deduplication_id)
);

-- NULLs are distinct here: a NULL key repeats (IDEM201, not IDEM202).
CREATE TABLE nnd_events (
    id bigserial PRIMARY KEY,
    source text NOT NULL,
    idempotency_key text,
    UNIQUE (source, idempotency_key)
);

-- NULLS NOT DISTINCT, but the index leaves NULL keys out: keyless jobs
-- are meant, and they do not collide.
CREATE TABLE nnd_jobs (
    id bigserial PRIMARY KEY,
    queue text NOT NULL,
    dedup_key text
);
CREATE UNIQUE INDEX nnd_jobs_dedup ON nnd_jobs (queue, dedup_key) NULLS NOT DISTINCT WHERE dedup_key IS NOT NULL;
