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

-- A key by its name that no code upserts on: its fixes keep the random
-- default (with its honest wording), where transfers.transfer_ref's, a
-- key only because Save upserts on it, do not.
CREATE TABLE transfer_requests (
    id bigserial PRIMARY KEY,
    account text NOT NULL,
    idempotency_key text, -- want "IDEM101: idempotency key transfer_requests.idempotency_key is nullable"
    UNIQUE (account, idempotency_key)
);
