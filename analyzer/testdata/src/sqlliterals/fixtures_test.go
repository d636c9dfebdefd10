package sqlliterals

import (
	"context"
	"database/sql"
)

// Test fixtures insert keyless rows on purpose: not reported.
func insertFixture(ctx context.Context, db *sql.DB) {
	db.ExecContext(ctx, `INSERT INTO messages (session_id, body) VALUES ($1, $2)`, "s", "b")
}

// A fixture that calls a key-writing function with an empty key on
// purpose: not reported either.
func callFixture(ctx context.Context, db *sql.DB) {
	literals(ctx, db, "s", "b", "")
}
