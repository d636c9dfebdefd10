package migrate

import (
	"strings"
)

// A Convention is the way a migration tool names, orders and splits its
// migrations. It is detected per folder.
type Convention int

const (
	Unknown Convention = iota
	// Goose: <version>_<name>.sql with `-- +goose Up` / `-- +goose Down`.
	Goose
	// GolangMigrate: <version>_<name>.up.sql and .down.sql. sqlx's reversible
	// migrations and river's use the same layout and are reported as this.
	GolangMigrate
	// Dbmate: <timestamp>_<name>.sql with `-- migrate:up` / `-- migrate:down`.
	Dbmate
	// SQLMigrate: rubenv/sql-migrate, `-- +migrate Up` / `-- +migrate Down`.
	SQLMigrate
	// Tern: one file per version, `---- create above / drop below ----`.
	Tern
	// Flyway: V<version>__<desc>.sql, U… (undo, never applied), R__… (repeatable,
	// applied after every versioned one).
	Flyway
	// Atlas: <version>_<name>.sql beside an atlas.sum integrity file.
	Atlas
	// PrismaMigrate: <timestamp>_<name>/migration.sql.
	PrismaMigrate
	// DirPerMigration: <n>-<name>/up.sql (formance ledger, and others).
	DirPerMigration
	// Numbered: plain <n>_<name>.sql files applied in numeric order.
	Numbered
)

var conventionNames = [...]string{
	Unknown:         "unknown",
	Goose:           "goose",
	GolangMigrate:   "golang-migrate",
	Dbmate:          "dbmate",
	SQLMigrate:      "sql-migrate",
	Tern:            "tern",
	Flyway:          "flyway",
	Atlas:           "atlas",
	PrismaMigrate:   "prisma-migrate",
	DirPerMigration: "dir-per-migration",
	Numbered:        "numbered",
}

func (c Convention) String() string {
	if c < 0 || int(c) >= len(conventionNames) {
		return "unknown"
	}
	return conventionNames[c]
}

// A marker is a comment line that switches a file between the part a tool
// applies on the way up and the part it applies on the way down.
type marker struct {
	prefix   string // compared case-insensitively, after leading blanks
	up, down []string
	// tern has a single divider: everything above it is up.
	divider bool
}

var markers = map[Convention]marker{
	Goose:      {prefix: "-- +goose", up: []string{"up"}, down: []string{"down"}},
	Dbmate:     {prefix: "-- migrate:", up: []string{"up"}, down: []string{"down"}},
	SQLMigrate: {prefix: "-- +migrate", up: []string{"up"}, down: []string{"down"}},
	Tern:       {prefix: "---- create above / drop below ----", divider: true},
}

// compareVersions orders two versions numerically, part by part (Flyway's
// 1.10 after 1.9). Each part is a run of digits of any length, compared
// without leading zeros by length and then lexically, so a 14-digit
// timestamp never overflows and "10" follows "9". A missing part sorts
// first (1 before 1.1).
func compareVersions(a, b string) int {
	for a != "" || b != "" {
		var pa, pb string
		pa, a, _ = strings.Cut(a, ".")
		pb, b, _ = strings.Cut(b, ".")
		if c := compareNumbers(pa, pb); c != 0 {
			return c
		}
	}
	return 0
}

func compareNumbers(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	switch {
	case len(a) != len(b):
		if len(a) < len(b) {
			return -1
		}
		return 1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// leadingDigits returns the run of ASCII digits that starts s.
func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// splitVersioned splits "<digits><sep><name>" into version and name. It
// accepts '_' and '-' as the separator; a bare number is a version with no
// name.
func splitVersioned(base string) (version, name string, ok bool) {
	v := leadingDigits(base)
	if v == "" {
		return "", "", false
	}
	rest := base[len(v):]
	if rest == "" {
		return v, "", true
	}
	if rest[0] != '_' && rest[0] != '-' {
		return "", "", false
	}
	return v, rest[1:], true
}

// flywayName parses V1.1__desc.sql, U1__desc.sql and R__desc.sql. Flyway
// writes version parts with '.' or '_'; both become '.'.
func flywayName(base string) (prefix byte, version, desc string, ok bool) {
	if len(base) < 3 {
		return 0, "", "", false
	}
	prefix = base[0]
	if prefix != 'V' && prefix != 'U' && prefix != 'R' {
		return 0, "", "", false
	}
	v, d, found := strings.Cut(base[1:], "__")
	if !found {
		return 0, "", "", false
	}
	if prefix == 'R' {
		return prefix, "", d, v == ""
	}
	if v == "" {
		return 0, "", "", false
	}
	for _, c := range v {
		if (c < '0' || c > '9') && c != '.' && c != '_' {
			return 0, "", "", false
		}
	}
	return prefix, strings.ReplaceAll(v, "_", "."), d, true
}

// variantSuffixes name a dialect that a migration is the only one for, when a
// runner picks between files sharing a version by dialect (dbos:
// 28_drop_dedup_id_constraint.sql and 28_drop_dedup_id_constraint_cockroach.sql).
var variantSuffixes = []struct {
	suffix string
	d      dialectName
}{
	{"_cockroachdb", "cockroachdb"}, {"_cockroach", "cockroachdb"}, {"_crdb", "cockroachdb"},
	{"_postgresql", "postgresql"}, {"_postgres", "postgresql"}, {"_pg", "postgresql"},
	{"_mysql", "mysql"}, {"_mariadb", "mariadb"}, {"_sqlite", "sqlite"}, {"_sqlite3", "sqlite"},
}

type dialectName = string
