package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// TestDetectDialectOrder checks each clue wins over the ones after it and
// names itself.
func TestDetectDialectOrder(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) string {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("go.mod", "module x\n")
	write("sqlc.yaml", "version: \"2\"\nsql:\n  - engine: mysql\n    schema: db/sqlite/schema.sql\n    queries: q.sql\n")
	configured := write("db/sqlite/schema.sql", "create table t (id int);\n")
	byFolder := write("store/sqlite/schema.sql", "create table t (id int);\n")
	plain := write("store/schema.sql", "create table t (id int);\n")
	sqlite := func() schema.Dialect { return schema.SQLite }
	for _, tc := range []struct {
		name  string
		clues DialectClues
		want  schema.Dialect
		from  string
	}{
		{"flag first", DialectClues{Override: schema.SQLServer, Path: configured, Datasource: schema.MySQL}, schema.SQLServer, "-dialect flag"},
		{"tool config over folder name", DialectClues{Path: configured, Lock: schema.SQLite}, schema.MySQL, "sqlc.yaml sql[0].schema"},
		{"datasource over lock", DialectClues{Path: plain, Datasource: schema.CockroachDB, Lock: schema.PostgreSQL}, schema.CockroachDB, "Prisma datasource provider"},
		{"lock over folder", DialectClues{Path: byFolder, Lock: schema.MySQL}, schema.MySQL, "migration_lock.toml"},
		{"folder over text", DialectClues{Path: byFolder, Sniff: func() schema.Dialect { return schema.MySQL }}, schema.SQLite, "folder name"},
		{"text", DialectClues{Path: plain, Sniff: sqlite}, schema.SQLite, "SQL text"},
		{"default", DialectClues{Path: plain}, DialectDefault, "default: nothing names the engine"},
	} {
		d, from := DetectDialect(tc.clues)
		if d != tc.want || from != tc.from {
			t.Errorf("%s: got %v from %q, want %v from %q", tc.name, d, from, tc.want, tc.from)
		}
	}
}

func TestPathDialectOutsideProject(t *testing.T) {
	// A folder above the project named pg says nothing about its engine.
	root := filepath.Join(t.TempDir(), "pg", "proj")
	if err := os.MkdirAll(filepath.Join(root, "db"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, from := DetectDialect(DialectClues{Path: filepath.Join(root, "db", "schema.sql"), Sniff: func() schema.Dialect { return schema.MySQL }})
	if d != schema.MySQL || from != "SQL text" {
		t.Errorf("got %v from %q, want mysql from the SQL text", d, from)
	}
}

// TestSniffSQL checks the SQL text's clues, CockroachDB's among them: a
// STRING or BYTES column (its casts and timestamptz would otherwise read
// as PostgreSQL), beside texts that merely mention the words.
func TestSniffSQL(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want schema.Dialect
	}{
		{"CREATE TABLE payouts (\n    id UUID PRIMARY KEY,\n    idempotency_key STRING,\n    UNIQUE INDEX k (idempotency_key)\n);\n", schema.CockroachDB},
		{"CREATE TABLE t (\n  payload BYTES,\n  at TIMESTAMPTZ DEFAULT now()::TIMESTAMPTZ\n);\n", schema.CockroachDB},
		{"create table t (id INT8 DEFAULT unique_rowid() PRIMARY KEY);\n", schema.CockroachDB},
		{"-- the key as a string\nCREATE TABLE t (id serial, key text);\n", schema.PostgreSQL},
		{"CREATE TABLE t (\n  string text,\n  at timestamptz\n);\n", schema.PostgreSQL},
		{"CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, k STRING);\n", schema.SQLite},
		{"CREATE TABLE t (id int, k varchar(10));\n", schema.DialectUnknown},
	} {
		if got := sniffSQL([]byte(tc.src)); got != tc.want {
			t.Errorf("sniffSQL(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}
