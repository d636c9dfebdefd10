CREATE TABLE transfers (
    id bigserial PRIMARY KEY,
    account_id text NOT NULL,
    amount bigint NOT NULL,
    request_ref text, -- want "not checked as a key: transfers.request_ref is nullable in unique constraint transfers_account_id_request_ref_key \\(account_id, request_ref\\), where NULLs repeat.*-key transfers.request_ref, or an idemlint:key comment on the column\\)$"
    -- Optional on purpose, and said so: no note.
    external_ref text,
    -- A key by its name: IDEM101, not a note.
    idempotency_key text, -- want "IDEM101: idempotency key transfers.idempotency_key is nullable"
    -- A nullable key-named column closing a composite unique: a key by that shape.
    child_key text, -- want "IDEM101: idempotency key transfers.child_key \\(named like a key and closing unique constraint \\(account_id, child_key\\) with its NULLs let in\\) is nullable"
    -- The same shape, but the rule leaves its NULLs out: optional on purpose, no key and no note.
    step_key text,
    UNIQUE (account_id, request_ref),
    UNIQUE (account_id, child_key),
    UNIQUE (account_id, idempotency_key)
);
CREATE UNIQUE INDEX transfers_ref ON transfers (external_ref) WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX transfers_step ON transfers (account_id, step_key) WHERE step_key IS NOT NULL;
