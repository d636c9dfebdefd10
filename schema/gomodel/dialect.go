package gomodel

import (
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// A driver is a module whose presence in go.mod says which engine a
// library's models are created in.
type driver struct {
	module  string
	dialect schema.Dialect
}

// gormDrivers are GORM's dialectors.
var gormDrivers = []driver{
	{"gorm.io/driver/postgres", schema.PostgreSQL},
	{"gorm.io/driver/mysql", schema.MySQL},
	{"gorm.io/driver/sqlite", schema.SQLite},
	{"github.com/glebarez/sqlite", schema.SQLite},
	{"gorm.io/driver/sqlserver", schema.SQLServer},
}

// sqlDrivers are the database/sql drivers ent and bun open.
var sqlDrivers = []driver{
	{"github.com/lib/pq", schema.PostgreSQL},
	{"github.com/jackc/pgx", schema.PostgreSQL},
	{"github.com/uptrace/bun/dialect/pgdialect", schema.PostgreSQL},
	{"github.com/uptrace/bun/driver/pgdriver", schema.PostgreSQL},
	{"github.com/go-sql-driver/mysql", schema.MySQL},
	{"github.com/uptrace/bun/dialect/mysqldialect", schema.MySQL},
	{"github.com/mattn/go-sqlite3", schema.SQLite},
	{"modernc.org/sqlite", schema.SQLite},
	{"github.com/uptrace/bun/dialect/sqlitedialect", schema.SQLite},
	{"github.com/microsoft/go-mssqldb", schema.SQLServer},
	{"github.com/denisenkom/go-mssqldb", schema.SQLServer},
	{"github.com/uptrace/bun/dialect/mssqldialect", schema.SQLServer},
}

// detectDialect decides the engine of a library's models: the -dialect
// flag, else the first of the drivers the module requires directly
// (go.mod lines not marked // indirect), else PostgreSQL.
func detectDialect(opts Options, drivers []driver) (schema.Dialect, string) {
	if opts.Dialect != schema.DialectUnknown {
		return opts.Dialect, "-dialect flag"
	}
	var required []string // in go.mod's order, so that the reason given is always the same
	for _, line := range strings.Split(string(opts.GoMod), "\n") {
		if strings.Contains(line, "// indirect") {
			continue
		}
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require"))
		if len(f) >= 2 {
			required = append(required, f[0])
		}
	}
	for _, d := range drivers {
		for _, m := range required {
			if m == d.module || strings.HasPrefix(m, d.module+"/") {
				return d.dialect, "driver " + m + " in go.mod"
			}
		}
	}
	return schema.PostgreSQL, "default: no database driver in go.mod"
}
