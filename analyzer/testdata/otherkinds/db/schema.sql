-- A user's role (type, name) and a list's permissions (parent_id,
-- list_id) share the table: the user's role is written with its own ON
-- CONFLICT and leaves parent_id and list_id NULL, so their NULLs are by
-- design and NOT NULL would make that insert fail: no IDEM101, a -v note.
CREATE TABLE roles (
    id serial PRIMARY KEY,
    type text NOT NULL DEFAULT 'user',
    parent_id integer REFERENCES roles (id) ON DELETE CASCADE, -- want "IDEM101 not reported: roles.parent_id is a key of unique index idx_roles \\(parent_id, list_id\\) only \\(used as the ON CONFLICT target at db/db.go:12\\), and the INSERT at db/db.go:13, deduplicated by an ON CONFLICT of its own, writes rows that leave every column of that rule NULL: those NULLs are another kind of row, and NOT NULL would make that insert fail"
    list_id integer, -- want "IDEM101 not reported: roles.list_id is a key of unique index idx_roles \\(parent_id, list_id\\) only"
    name text
);
CREATE UNIQUE INDEX idx_roles ON roles (parent_id, list_id);
CREATE UNIQUE INDEX idx_roles_name ON roles (type, name) WHERE name IS NOT NULL;

-- The other kind's ON CONFLICT names a rule of its own (tag), and the
-- grant's rows leave tag NULL in turn: neither rule is reported.
CREATE TABLE grants (
    role_ref text, -- want "IDEM101 not reported: grants.role_ref is a key of unique constraint grants_role_ref_scope_ref_key \\(role_ref, scope_ref\\) only \\(used as the ON CONFLICT target at db/db.go:15\\), and the INSERT at db/db.go:16"
    scope_ref text, -- want "IDEM101 not reported: grants.scope_ref"
    tag text UNIQUE, -- want "IDEM101 not reported: grants.tag is a key of unique constraint grants_tag_key \\(tag\\) only \\(used as the ON CONFLICT target at db/db.go:16\\), and the INSERT at db/db.go:15"
    UNIQUE (role_ref, scope_ref)
);

-- Rows that leave the rule out, but with no ON CONFLICT of their own or
-- one no rule backs, say nothing of design: still reported.
CREATE TABLE runs (
    id bigserial PRIMARY KEY,
    parent_ref text, -- want "IDEM101: idempotency key columns runs.parent_ref and runs.child_ref \\(used as the ON CONFLICT target at db/db.go:18\\) are nullable"
    child_ref text,
    nickname text,
    email text UNIQUE, -- want "not checked as a key: runs.email"
    UNIQUE (parent_ref, child_ref)
);
