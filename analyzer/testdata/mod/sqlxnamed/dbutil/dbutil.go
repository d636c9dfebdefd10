// Package dbutil is a module's helpers around sqlx, in a package of
// their own: each binds the row it is handed, as it is, to the INSERT it
// is handed, so its fact tells the callers in other packages to read a
// call of it as sqlx's NamedExec of their row.
package dbutil

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// InsertOne is a generic wrapper.
func InsertOne[T any](ctx context.Context, db *sqlx.DB, q string, row T) error { // want InsertOne:`writes param 3 as a sqlx row of the INSERT in param 2`
	_, err := db.NamedExecContext(ctx, q, row)
	return err
}

// Exec takes the row as any.
func Exec(db *sqlx.DB, q string, arg any) error { // want Exec:`writes param 2 as a sqlx row of the INSERT in param 1`
	_, err := db.NamedExec(q, arg)
	return err
}

// Rebind changes the row before binding it: no fact (what it writes is
// not the caller's row as it is).
func Rebind(db *sqlx.DB, q string, arg any) error {
	arg = map[string]any{"row": arg}
	_, err := db.NamedExec(q, arg)
	return err
}
