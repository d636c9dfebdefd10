package pgtest

import (
	"errors"
	"os"
	"testing"
)

func TestMain(m *testing.M) { Main(m) }

func TestServer(t *testing.T) {
	db := NewDB(t)
	if db.Version < 100000 {
		t.Errorf("Version = %d", db.Version)
	}
	db.MustExec(t, "CREATE TABLE t (id int PRIMARY KEY, k text UNIQUE); INSERT INTO t VALUES (1, NULL), (2, NULL)")
	if got := db.MustQuery(t, "SELECT count(*) FROM t"); got != "2" {
		t.Errorf("count = %q, want 2", got)
	}
	err := db.Exec("INSERT INTO t VALUES (1, 'x')")
	var e *Error
	if !errors.As(err, &e) || e.SQLState != UniqueViolation {
		t.Fatalf("duplicate insert: err = %v, want SQLSTATE %s", err, UniqueViolation)
	}
	var rows []struct {
		ID int     `json:"id"`
		K  *string `json:"k"`
	}
	if err := db.QueryJSON("SELECT json_agg(t ORDER BY id) FROM t", &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].K != nil {
		t.Errorf("rows = %+v", rows)
	}
	// Databases are separate.
	other := NewDB(t)
	if err := other.Exec("SELECT * FROM t"); err == nil {
		t.Errorf("table t visible in a fresh database")
	}
}

func TestExecFilesKeepsSession(t *testing.T) {
	db := NewDB(t)
	dir := t.TempDir()
	a, b := dir+"/a.sql", dir+"/b.sql"
	os.WriteFile(a, []byte("CREATE SCHEMA s; SET search_path = s;"), 0o644)
	os.WriteFile(b, []byte("CREATE TABLE x (a int);"), 0o644)
	if err := db.ExecFiles(a, b); err != nil {
		t.Fatal(err)
	}
	if got := db.MustQuery(t, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'x'"); got != "s" {
		t.Errorf("x created in schema %q, want s", got)
	}
}
