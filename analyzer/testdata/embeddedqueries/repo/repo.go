// Package repo embeds its query files, which declare no table: the
// module's schema (package db's) is still the one its inserts are checked
// against, as for a package that embeds nothing.
package repo

import (
	"database/sql"
	"embed"
)

//go:embed queries/*.sql
var queries embed.FS

const insertExport = `INSERT INTO exports (tenant_id, idempotency_key) VALUES ($1, $2)`

func CreateExport(db *sql.DB, tenant int64, key *string) error { // want CreateExport:`writes key param 2 → exports.idempotency_key`
	_, err := db.Exec(insertExport, tenant, key) // want `IDEM201: idempotency key exports.idempotency_key can be NULL here: CreateExport's parameter key is a \*string`
	return err
}

func CreateExportChecked(db *sql.DB, tenant int64, key *string) error {
	if key == nil {
		return sql.ErrNoRows
	}
	_, err := db.Exec(insertExport, tenant, key)
	return err
}

// Query reads a query file; its text is not followed.
func Query(name string) (string, error) {
	b, err := queries.ReadFile("queries/" + name)
	return string(b), err
}
