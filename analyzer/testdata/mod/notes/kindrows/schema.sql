-- idemlint:file-ignore IDEM101 this package tests the Go side
-- One table, two kinds of row: a user's role (type 'user', a name, no
-- parent and no list) and a list's permissions under a role (type 'list',
-- parent_id and list_id). The code upserts the second kind on
-- (parent_id, list_id); the first kind is told apart by (type, name).
CREATE TABLE roles (
    id serial PRIMARY KEY,
    type text NOT NULL DEFAULT 'user',
    parent_id integer REFERENCES roles (id) ON DELETE CASCADE,
    list_id integer,
    permissions text[] NOT NULL DEFAULT '{}',
    name text
);
CREATE UNIQUE INDEX idx_roles ON roles (parent_id, list_id);
CREATE UNIQUE INDEX idx_roles_name ON roles (type, name) WHERE name IS NOT NULL;
