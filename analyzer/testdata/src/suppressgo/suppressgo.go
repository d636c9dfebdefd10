// Package suppressgo silences IDEM201 with idemlint's own directives,
// golangci-lint's //nolint and staticcheck's //lint:ignore, beside the
// directives that silence nothing (IDEM002) or cannot apply (IDEM003).
package suppressgo

import (
	"context"
	"database/sql"
	_ "embed"
)

//go:embed schema.sql
var schema string

const keyless = `INSERT INTO messages (session_id, body) VALUES ($1, $2)`

func own(ctx context.Context, db *sql.DB, s, b string) {
	//idemlint:ignore IDEM201 messages from the importer never carry keys
	db.ExecContext(ctx, keyless, s, b)
	db.ExecContext(ctx, keyless, s, b) //idemlint:ignore IDEM2* globs work
	//idemlint:ignore IDEM202 another code // want `IDEM002: //idemlint:ignore IDEM202 suppresses nothing: no idemlint finding on the lines it covers; remove it`
	db.ExecContext(ctx, keyless, s, b) // want `IDEM201`
	db.ExecContext(ctx, keyless, s, b) /* want `IDEM201` `IDEM003: //idemlint:ignore does not apply: it names no check` */                     //idemlint:ignore
	db.ExecContext(ctx, keyless, s, b) /* want `IDEM201` `IDEM003: //idemlint:ignore IDEM21 does not apply: IDEM21 names no idemlint check` */ //idemlint:ignore IDEM21 a typo
}

func golangci(ctx context.Context, db *sql.DB, s, b string) {
	db.ExecContext(ctx, keyless, s, b) //nolint:idemlint // the importer's rows
	db.ExecContext(ctx, keyless, s, b) //nolint
	db.ExecContext(ctx, keyless, s, b) //nolint:errcheck,idemlint
	db.ExecContext(ctx, keyless, s, b) //nolint:all
	db.ExecContext(ctx, keyless, s, b) //nolint:errcheck // want `IDEM201`
	// A //nolint alone on its line covers the statement that starts below.
	//nolint:idemlint
	if s != "" {
		db.ExecContext(ctx, keyless, s, b)
	}
	z := 0 //nolint // for every linter: idemlint's silence here says nothing
	_ = z
	x := 1 //nolint:idemlint // want `IDEM002: //nolint:idemlint suppresses nothing`
	_ = x
}

// nolintFunc is covered whole by the //nolint above its declaration.
//
//nolint:idemlint // the whole function is legacy
func nolintFunc(ctx context.Context, db *sql.DB, s, b string) {
	db.ExecContext(ctx, keyless, s, b)
	db.ExecContext(ctx, keyless, s, b)
}

func staticcheck(ctx context.Context, db *sql.DB, s, b string) {
	//lint:ignore IDEM201 the importer's rows carry no key
	db.ExecContext(ctx, keyless, s, b)
	db.ExecContext(ctx, keyless, s, b) //lint:ignore SA1019,IDEM201 two tools at once
	db.ExecContext(ctx, keyless, s, b) /* want `IDEM201` `IDEM003: //lint:ignore IDEM201 does not apply: the reason is missing` */           //lint:ignore IDEM201
	db.ExecContext(ctx, keyless, s, b) /* want `IDEM201` `IDEM003: //lint:ignore IDEM999 does not apply: IDEM999 names no idemlint check` */ //lint:ignore IDEM999 a typo
	//lint:ignore SA4006 another tool's check, none of idemlint's business
	db.ExecContext(ctx, keyless, s, b) // want `IDEM201`
	y := 2                             //lint:ignore IDEM202 reason // want `IDEM002: //lint:ignore IDEM202 suppresses nothing`
	_ = y
}
