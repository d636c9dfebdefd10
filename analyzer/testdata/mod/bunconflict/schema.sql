CREATE TABLE feed_entries (
    id bigserial PRIMARY KEY,
    feed text NOT NULL,
    entry_ref text, -- want "IDEM101: idempotency key feed_entries.entry_ref \\(used as the ON CONFLICT target at bunconflict/bunconflict.go:26\\) is nullable"
    UNIQUE (feed, entry_ref)
);

-- Unique and nullable, but no code upserts on it: not a key.
CREATE TABLE feed_tags (
    id bigserial PRIMARY KEY,
    feed text NOT NULL,
    label text,
    UNIQUE (feed, label)
);
