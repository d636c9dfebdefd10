package suppressgo

//lint:file-ignore IDEM202 no empty keys here // want `IDEM002: //lint:file-ignore IDEM202 suppresses nothing: no idemlint finding in this file`

import (
	"context"
	"database/sql"
)

//idemlint:file-ignore IDEM201 this file writes the importer's rows

func importer(ctx context.Context, db *sql.DB, s, b string) {
	db.ExecContext(ctx, keyless, s, b)
}
