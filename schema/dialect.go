package schema

import "strings"

// A Dialect is the database engine a schema targets. It decides how NULLs
// behave in unique indexes and how a fix spells a default.
type Dialect int

const (
	DialectUnknown Dialect = iota
	PostgreSQL
	CockroachDB
	MySQL
	MariaDB
	SQLite
	SQLServer
	Oracle
	MongoDB
	// ClickHouse and Spanner are recognised so that their files are not
	// read as another engine's; idemlint does not model them (Modelled).
	ClickHouse
	Spanner
)

var dialectNames = [...]string{
	DialectUnknown: "unknown",
	PostgreSQL:     "postgresql",
	CockroachDB:    "cockroachdb",
	MySQL:          "mysql",
	MariaDB:        "mariadb",
	SQLite:         "sqlite",
	SQLServer:      "sqlserver",
	Oracle:         "oracle",
	MongoDB:        "mongodb",
	ClickHouse:     "clickhouse",
	Spanner:        "spanner",
}

func (d Dialect) String() string {
	if d < 0 || int(d) >= len(dialectNames) {
		return "unknown"
	}
	return dialectNames[d]
}

// Title is the engine's usual name, for messages.
func (d Dialect) Title() string {
	switch d {
	case PostgreSQL:
		return "PostgreSQL"
	case CockroachDB:
		return "CockroachDB"
	case MySQL:
		return "MySQL"
	case MariaDB:
		return "MariaDB"
	case SQLite:
		return "SQLite"
	case SQLServer:
		return "SQL Server"
	case Oracle:
		return "Oracle"
	case MongoDB:
		return "MongoDB"
	case ClickHouse:
		return "ClickHouse"
	case Spanner:
		return "Spanner"
	}
	return "the database"
}

// Modelled reports whether idemlint reads d's SQL and knows how NULLs
// behave in its unique indexes. A file of another engine (ClickHouse has no
// unique indexes at all; Spanner's DDL is its own) is left unread with a
// note, rather than read as PostgreSQL and reported as unreadable.
func (d Dialect) Modelled() bool {
	return d != ClickHouse && d != Spanner
}

// ParseDialect recognises a dialect by the names Prisma providers, sqlc
// engines and users commonly give it.
func ParseDialect(s string) (Dialect, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "postgresql", "postgres", "pg", "pgx", "psql":
		return PostgreSQL, true
	case "cockroachdb", "cockroach", "crdb":
		return CockroachDB, true
	case "mysql":
		return MySQL, true
	case "mariadb":
		return MariaDB, true
	case "sqlite", "sqlite3":
		return SQLite, true
	case "sqlserver", "mssql", "tsql":
		return SQLServer, true
	case "oracle":
		return Oracle, true
	case "mongodb":
		return MongoDB, true
	case "clickhouse":
		return ClickHouse, true
	case "spanner", "cloudspanner":
		return Spanner, true
	}
	return DialectUnknown, false
}

// nullRule says how NULLs compare in a unique index of a dialect.
type nullRule int

const (
	// nullsDistinct: any number of rows may hold NULL in a unique column
	// (PostgreSQL, CockroachDB, MySQL, MariaDB, SQLite; also the SQL
	// standard's default).
	nullsDistinct nullRule = iota
	// nullsOneAllowed: NULL compares equal to NULL, so one row per
	// combination may hold it (SQL Server).
	nullsOneAllowed
	// nullsIgnoredWhenAllNull: rows whose key columns are all NULL are not
	// indexed; partly-NULL composite keys still compare (Oracle).
	nullsIgnoredWhenAllNull
	// nullsNotApplicable: the engine has no SQL NULL semantics for unique
	// indexes that idemlint models (MongoDB).
	nullsNotApplicable
)

func (d Dialect) nullRule() nullRule {
	switch d {
	case SQLServer:
		return nullsOneAllowed
	case Oracle:
		return nullsIgnoredWhenAllNull
	case MongoDB, ClickHouse, Spanner:
		return nullsNotApplicable
	}
	// Unknown dialects get the SQL standard's rule, which most engines follow.
	return nullsDistinct
}

// pathHints are the words in folder and file names that name an engine,
// as projects with several engines lay out their schemas (db/sqlite,
// riverdriver/riversqlite, migrations/pgx). Checked as substrings of a
// path segment, longest-meaning first; "pg" only as a whole segment.
var pathHints = []struct {
	sub string
	d   Dialect
}{
	{"sqlite", SQLite}, {"mariadb", MariaDB}, {"mysql", MySQL}, {"mssql", SQLServer}, {"sqlserver", SQLServer},
	{"cockroach", CockroachDB}, {"postgres", PostgreSQL}, {"pgx", PostgreSQL},
	{"clickhouse", ClickHouse}, {"spanner", Spanner},
}

// PathDialect reads a dialect from the names of path's folders and file,
// the deepest first (migrations/sqlite/001.sql is SQLite even under a
// postgres/ tree). DialectUnknown when no segment names an engine.
func PathDialect(path string) Dialect {
	segs := strings.Split(strings.ToLower(strings.ReplaceAll(path, "\\", "/")), "/")
	for i := len(segs) - 1; i >= 0; i-- {
		if segs[i] == "pg" {
			return PostgreSQL
		}
		for _, h := range pathHints {
			if strings.Contains(segs[i], h.sub) {
				return h.d
			}
		}
	}
	return DialectUnknown
}
