-- idemlint:file-ignore IDEM101 this package tests the Go side
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    idempotency_key TEXT DEFAULT (lower(hex(randomblob(16)))),
    UNIQUE (source, idempotency_key)
);
