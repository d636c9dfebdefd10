CREATE TABLE carrier_labels (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL,
    carrier_ref text, -- want "IDEM101: idempotency key carrier_labels.carrier_ref \\(used as the ON CONFLICT target at builderconflict/builderconflict.go:32\\) is nullable"
    UNIQUE (order_id, carrier_ref)
);

CREATE TABLE sync_records (
    id bigserial PRIMARY KEY,
    source text NOT NULL,
    remote_id text, -- want "IDEM101: idempotency key sync_records.remote_id \\(used as the ON CONFLICT target at builderconflict/builderconflict.go:74\\) is nullable"
    payload text NOT NULL,
    UNIQUE (source, remote_id)
);

-- Unique and nullable, but the only suffix names no target: not a key.
CREATE TABLE label_notes (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL,
    note_ref text,
    UNIQUE (order_id, note_ref)
);
