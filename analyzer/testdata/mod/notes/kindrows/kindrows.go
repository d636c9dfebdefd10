// Package kindrows writes two kinds of row into one table: parent_id and
// list_id are keys only as the target of the upsert that writes a list's
// permissions, so an insert that writes none of them (a user's role) is
// another kind of row, not a keyless retry of that upsert; one that
// writes one of them and leaves the other out is.
package kindrows

import (
	"context"
	"database/sql"
	_ "embed"

	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed schema.sql
var schema string

const upsertListPermission = `INSERT INTO roles (parent_id, list_id, permissions, type) VALUES ($1, $2, $3, 'list')
ON CONFLICT (parent_id, list_id) DO UPDATE SET permissions = EXCLUDED.permissions`

// The upsert itself: both columns of its target are ints, never NULL.
func SetListPermission(ctx context.Context, db *pgxpool.Pool, role, list int, perms []string) error {
	_, err := db.Exec(ctx, upsertListPermission, role, list, perms)
	return err
}

// A user's role: it writes neither column of (parent_id, list_id), so
// its NULLs there are no missing key. (Written without an ON CONFLICT of
// its own, so that the schema's IDEM101, which such an insert would
// leave alone, stays, silenced by schema.sql's file-ignore: this package tests
// the Go side.)
func CreateUserRole(ctx context.Context, db *sql.DB, name string, perms []string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO roles (type, name, permissions) VALUES ('user', $1, $2)`, name, perms) // want `IDEM201 not reported: the INSERT writes none of the columns of unique index idx_roles \(parent_id, list_id\), and roles.parent_id is a key only of that rule \(used as the ON CONFLICT target at notes/kindrows/kindrows.go:19\): the rows it writes are not the ones the rule tells apart` `IDEM201 not reported: .*roles.list_id is a key only of that rule`
	return err
}

// The same kind of row with no ON CONFLICT of its own: still not a write
// of the upsert's key.
func CreateRole(ctx context.Context, db *pgxpool.Pool, name string) error {
	_, err := db.Exec(ctx, `INSERT INTO roles (name, type) VALUES ($1, 'user')`, name) // want `IDEM201 not reported: .*roles.parent_id is a key only of that rule` `IDEM201 not reported: .*roles.list_id is a key only of that rule`
	return err
}

// A list's permission without its parent role: it writes list_id and
// leaves parent_id out, so every such row has a NULL in the upsert's key
// and a retry is inserted again.
func CreateOrphanPermission(ctx context.Context, db *pgxpool.Pool, list int) error {
	_, err := db.Exec(ctx, `INSERT INTO roles (list_id, type) VALUES ($1, 'list')`, list) // want `IDEM201: idempotency key roles.parent_id \(used as the ON CONFLICT target at notes/kindrows/kindrows.go:19\) can be NULL here: the INSERT leaves out parent_id, which has no database default`
	return err
}
