CREATE TABLE transfers (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    transfer_ref text, -- want "IDEM101: idempotency key transfers.transfer_ref \\(used as the ON CONFLICT target at gormconflict/gormconflict.go:27\\) is nullable"
    UNIQUE (account, transfer_ref)
);

-- Unique and nullable, but no code upserts on it: not a key.
CREATE TABLE transfer_notes (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    note_ref text,
    UNIQUE (account, note_ref)
);
