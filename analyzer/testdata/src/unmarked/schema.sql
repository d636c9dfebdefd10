CREATE TABLE transfers (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    amount bigint NOT NULL,
    request_key text, -- want "not checked as a key: transfers.request_key is nullable in unique constraint transfers_account_id_request_key_key \\(account_id, request_key\\), where NULLs repeat.*-key transfers.request_key"
    -- Optional on purpose, and said so: no note.
    external_ref text,
    -- A key by its name: IDEM101, not a note.
    idempotency_key text, -- want "IDEM101: idempotency key transfers.idempotency_key is nullable"
    UNIQUE (account_id, request_key),
    UNIQUE (account_id, idempotency_key)
);
CREATE UNIQUE INDEX transfers_ref ON transfers (external_ref) WHERE external_ref IS NOT NULL;
