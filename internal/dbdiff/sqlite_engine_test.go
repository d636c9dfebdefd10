package dbdiff

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
)

// openSQLite opens a fresh SQLite database file for t.
func openSQLite(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func sqliteSchema(t *testing.T, db *sql.DB) *Schema {
	t.Helper()
	s, err := ReadSQLite(db)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var sqliteCases = []struct{ name, ddl string }{
	{"integer primary key and column constraints", `
CREATE TABLE a (id INTEGER PRIMARY KEY, k TEXT UNIQUE, n INT NOT NULL DEFAULT 0, t TEXT DEFAULT (datetime('now')), c TEXT CONSTRAINT c_uq UNIQUE);`},
	{"autoincrement", `
CREATE TABLE a2 (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT);`},
	{"text primary key in a rowid table", `
CREATE TABLE b (id TEXT PRIMARY KEY, k TEXT);`},
	{"int primary key is not a rowid alias", `
CREATE TABLE b2 (id INT PRIMARY KEY, k TEXT);`},
	{"integer primary key as a table constraint", `
CREATE TABLE b3 (id INTEGER, k TEXT, PRIMARY KEY (id));`},
	{"without rowid", `
CREATE TABLE c (id TEXT PRIMARY KEY, k TEXT) WITHOUT ROWID;`},
	{"strict", `
CREATE TABLE c2 (id TEXT PRIMARY KEY, k TEXT) STRICT;`},
	{"table constraints", `
CREATE TABLE d (a INT NOT NULL, b TEXT, k TEXT, CONSTRAINT d_uq UNIQUE (a, b), UNIQUE (k, a), PRIMARY KEY (a, b));`},
	{"partial unique indexes", `
CREATE TABLE e (id INTEGER PRIMARY KEY, k TEXT, deleted_at TEXT, status TEXT);
CREATE UNIQUE INDEX e_k ON e (k) WHERE k IS NOT NULL;
CREATE UNIQUE INDEX e_del ON e (k, status) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX e_in ON e (id, k) WHERE status IN ('a', 'b') AND k <> '';
CREATE UNIQUE INDEX IF NOT EXISTS e_k ON e (status);`},
	{"expression unique indexes", `
CREATE TABLE f (id INTEGER PRIMARY KEY, email TEXT, k TEXT);
CREATE UNIQUE INDEX f_l ON f (lower(email));
CREATE UNIQUE INDEX f_co ON f (id, coalesce(k, ''));
CREATE UNIQUE INDEX f_collate ON f (email COLLATE NOCASE DESC, k);`},
	{"alter table", `
CREATE TABLE g (id INTEGER PRIMARY KEY, k TEXT, old TEXT, gone TEXT);
CREATE UNIQUE INDEX g_k ON g (k);
ALTER TABLE g ADD COLUMN n INT NOT NULL DEFAULT 1;
ALTER TABLE g ADD c TEXT;
ALTER TABLE g RENAME COLUMN k TO key;
ALTER TABLE g RENAME old TO new;
ALTER TABLE g DROP COLUMN gone;
ALTER TABLE g RENAME TO g2;`},
	{"drop index and table", `
CREATE TABLE h (a INT, b INT);
CREATE UNIQUE INDEX h_a ON h (a);
CREATE UNIQUE INDEX h_b ON h (b);
DROP INDEX h_a;
DROP INDEX IF EXISTS nope;
CREATE TABLE gone (a INT UNIQUE);
DROP TABLE gone;
DROP TABLE IF EXISTS nope;`},
	{"mixed-case and quoted names", `
CREATE TABLE "Users" ("Email" TEXT, [Key] TEXT, ` + "`Other`" + ` TEXT, UNIQUE (email));
CREATE UNIQUE INDEX users_key ON users (key, "OTHER") WHERE "KEY" IS NOT NULL;`},
	{"generated columns", `
CREATE TABLE i (a INT, b INT GENERATED ALWAYS AS (a * 2) STORED, c INT AS (a + 1), k TEXT UNIQUE);`},
	{"conflict clauses", `
CREATE TABLE j (a INT NOT NULL ON CONFLICT REPLACE, k TEXT UNIQUE ON CONFLICT IGNORE, id INTEGER PRIMARY KEY ON CONFLICT FAIL);`},
	{"if not exists", `
CREATE TABLE IF NOT EXISTS k (a INT UNIQUE);
CREATE TABLE IF NOT EXISTS k (b INT);`},
}

func TestSQLiteCases(t *testing.T) {
	for _, tc := range sqliteCases {
		t.Run(tc.name, func(t *testing.T) {
			db := openSQLite(t)
			if _, err := db.Exec(tc.ddl); err != nil {
				t.Fatalf("SQLite rejected the case: %v", err)
			}
			m := sqlddl.Parse("case.sql", []byte(tc.ddl), schema.SQLite)
			noParseErrors(t, m)
			if d := Diff(sqliteSchema(t, db), FromModel(m)); d != "" {
				t.Errorf("SQLite (-) and sqlddl (+) disagree:\n%s", d)
			}
		})
	}
}

// TestSQLiteNullablePrimaryKey checks the SQLite quirk the reader encodes:
// a non-INTEGER primary key of an ordinary table accepts NULLs, twice.
func TestSQLiteNullablePrimaryKey(t *testing.T) {
	db := openSQLite(t)
	for _, q := range []string{
		`CREATE TABLE t (id TEXT PRIMARY KEY, v INT)`,
		`INSERT INTO t (id, v) VALUES (NULL, 1), (NULL, 2)`,
		`CREATE TABLE s (id TEXT PRIMARY KEY, v INT) STRICT`,
		`CREATE TABLE w (id TEXT PRIMARY KEY, v INT) WITHOUT ROWID`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM t WHERE id IS NULL`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("rows with a NULL primary key = %d, %v; want 2", n, err)
	}
	for _, tbl := range []string{"s", "w"} {
		if _, err := db.Exec(`INSERT INTO ` + tbl + ` (id, v) VALUES (NULL, 1)`); err == nil {
			t.Errorf("%s accepted a NULL primary key", tbl)
		}
	}
	s := sqliteSchema(t, db)
	for tbl, want := range map[string]bool{"t": true, "s": false, "w": false} {
		if got := s.Table(tbl).Column("id").Nullable; got != want {
			t.Errorf("%s.id Nullable = %v, want %v", tbl, got, want)
		}
	}
}
