package schema

import "testing"

func TestPathDialect(t *testing.T) {
	for path, want := range map[string]Dialect{
		"riverdriver/riversqlite/migration/main": SQLite,
		"riverdriver/riverpgxv5/migration/main":  PostgreSQL,
		"db/pg/001_init.sql":                     PostgreSQL,
		"postgres/migrations/sqlite/001.sql":     SQLite, // the deepest name wins
		"db/mysql/schema.sql":                    MySQL,
		"db/mssql":                               SQLServer,
		"db/migrations/001.sql":                  DialectUnknown,
		"pgbouncer/schema.sql":                   DialectUnknown, // "pg" counts only as a whole name
		`C:\db\sqlite\schema.sql`:                SQLite,
	} {
		if got := PathDialect(path); got != want {
			t.Errorf("PathDialect(%q) = %v, want %v", path, got, want)
		}
	}
}
