-- The upsert's target is two generated columns: the database computes
-- them from the row on every write, so no retry arrives without them and
-- no IDEM101 is reported; -v says they are not checked, and why.
CREATE TABLE reactions (
    id text PRIMARY KEY,
    collection_id bigint NOT NULL,
    comment_id text NULL,
    user_id bigint NOT NULL,
    actor_key text GENERATED ALWAYS AS ('U:' || user_id::text) STORED, -- want "not checked as a key: reactions.actor_key is used as the ON CONFLICT target at db/db.go:11, but it is a generated column: the database computes it from the row's other columns \\('U:' \\|\\| user_id::text\\), no write sends it, and whether that expression can be NULL is not checked"
    unique_key text GENERATED ALWAYS AS ( -- want "not checked as a key: reactions.unique_key is used as the ON CONFLICT target at db/db.go:11, but it is a generated column: the database computes it from the row's other columns \\(CASE WHEN comment_id IS NOT NULL THEN 'M:' \\|\\| comment_id \\.\\.\\.\\)"
        CASE
            WHEN comment_id IS NOT NULL THEN 'M:' || comment_id
            ELSE 'C:' || collection_id::text
        END
    ) STORED,
    CONSTRAINT uq_reactions_actor_target UNIQUE (actor_key, unique_key)
);

-- A plain nullable column beside a generated one in the target is still
-- a key by that use.
CREATE TABLE votes (
    poll_id bigint, -- want "IDEM101: idempotency key votes.poll_id \\(used as the ON CONFLICT target at db/db.go:12\\) is nullable"
    user_id bigint NOT NULL,
    voter text GENERATED ALWAYS AS ('U:' || user_id::text) STORED, -- want "not checked as a key: votes.voter is used as the ON CONFLICT target at db/db.go:12, but it is a generated column"
    UNIQUE (poll_id, voter)
);
