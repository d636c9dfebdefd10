package sqlddl

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/idemlint/idemlint/internal/pgtest"
	"github.com/idemlint/idemlint/schema"
)

// TestChecksRead: CHECK constraints are kept with PostgreSQL's names,
// through ALTER TABLE ADD, DROP CONSTRAINT, DROP COLUMN and RENAME COLUMN.
func TestChecksRead(t *testing.T) {
	type ck = schema.CheckConstraint
	tests := []struct {
		name string
		d    schema.Dialect
		src  string
		want []*ck
	}{
		{"column and table checks", schema.PostgreSQL, `
CREATE TABLE t (
  id int,
  k text NOT NULL CHECK (k <> ''),
  v text CONSTRAINT v_set CHECK (length(v) > 0),
  CHECK (id > 0 AND k <> 'x'),
  CONSTRAINT named CHECK (btrim(k) <> '')
)`, []*ck{
			{Name: "t_k_check", Column: "k", Expr: "k <> ''"},
			{Name: "v_set", Column: "v", Expr: "length(v) > 0"},
			{Name: "t_id_check", Expr: "id > 0 AND k <> 'x'"},
			{Name: "named", Expr: "btrim(k) <> ''"},
		}},
		{"added, dropped by generated name", schema.PostgreSQL, `
CREATE TABLE t (k text);
ALTER TABLE t ADD CHECK (k <> '');
ALTER TABLE t ADD CONSTRAINT keep CHECK (char_length(k) > 0) NOT VALID;
ALTER TABLE t DROP CONSTRAINT t_k_check`, []*ck{
			{Name: "keep", Expr: "char_length(k) > 0"},
		}},
		{"renamed column", schema.PostgreSQL, `
CREATE TABLE t (k text CHECK (k <> ''));
ALTER TABLE t RENAME COLUMN k TO key`, []*ck{
			{Name: "t_k_check", Column: "key", Expr: `"key" <> ''`},
		}},
		{"dropped column takes its checks", schema.PostgreSQL, `
CREATE TABLE t (k text CHECK (k <> ''), j text, CHECK (j <> '' AND k <> ''), CHECK (j <> 'x'));
ALTER TABLE t DROP COLUMN k`, []*ck{
			{Name: "t_j_check", Expr: "j <> 'x'"},
		}},
		{"MySQL DROP CHECK", schema.MySQL, "CREATE TABLE t (k varchar(64), CONSTRAINT c1 CHECK (k <> ''), CONSTRAINT c2 CHECK (k <> 'x'));\nALTER TABLE t DROP CHECK c1", []*ck{
			{Name: "c2", Expr: "k <> 'x'"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Parse("f.sql", []byte(tt.src), tt.d)
			if len(m.Errors) > 0 {
				t.Fatalf("errors: %v", m.Errors)
			}
			if len(m.Tables) != 1 {
				t.Fatalf("%d tables", len(m.Tables))
			}
			got := m.Tables[0].Checks
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(schema.CheckConstraint{}, "Span"), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("checks (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRejectsEmptyEngine: a CHECK constraint makes IDEM202 stand down
// (schema.EmptyCollides finds nothing) exactly when PostgreSQL rejects the
// insert of an empty key and accepts a real one.
func TestRejectsEmptyEngine(t *testing.T) {
	db := pgtest.NewDB(t)
	checks := []struct {
		check string
		want  bool // PostgreSQL rejects k = ''
	}{
		{"CHECK (k <> '')", true},
		{"CHECK (k != ''::text)", true},
		{"CHECK (length(k) > 0)", true},
		{"CHECK (char_length(k) >= 1)", true},
		{"CHECK (btrim(k) <> '')", true},
		{"CHECK (length(btrim(k)) > 0)", true},
		{"CHECK (n > 0 AND k <> '')", true},
		{"CHECK (k <> '' OR length(k) > 0)", true},
		{"CONSTRAINT named CHECK (lower(k) <> '')", true},

		{"CHECK (k <> 'x')", false},
		{"CHECK (n > 0)", false},
		{"CHECK (k <> '' OR n IS NULL)", false},
		{"CHECK (md5(k) <> '')", false},
		{"CHECK (j <> '')", false},
		{"CHECK (length(k) >= 0)", false},
	}
	for i, tt := range checks {
		create := "CREATE TABLE t (n int, j text, k text NOT NULL, UNIQUE (k), " + tt.check + ")"
		m := Parse("f.sql", []byte(create), schema.PostgreSQL)
		if len(m.Errors) > 0 || len(m.Tables) != 1 {
			t.Fatalf("%s: %v", create, m.Errors)
		}
		tbl := m.Tables[0]
		key := tbl.Column("k")
		rejects := schema.RejectsEmpty(m, tbl, key) != nil
		collides := len(schema.EmptyCollides(m, tbl, key)) > 0

		db.MustExec(t, "DROP TABLE IF EXISTS t")
		db.MustExec(t, create)
		engineRejects := db.Exec("INSERT INTO t (k) VALUES ('')") != nil
		if rejects != engineRejects || rejects != tt.want || collides == rejects {
			t.Errorf("case %d %s: RejectsEmpty %v, EmptyCollides %v; PostgreSQL rejects '': %v, want %v",
				i, tt.check, rejects, collides, engineRejects, tt.want)
		}
		if rejects {
			if err := db.Exec("INSERT INTO t (k) VALUES ('real-key')"); err != nil {
				t.Errorf("%s: a real key is rejected too: %v", tt.check, err)
			}
		}
	}
}

// TestNullKeyEngine: what a NULL key does under each unique rule, as
// schema.NullRepeats (IDEM101, IDEM201), schema.NullCollides (a NULL
// collides as an empty key does: IDEM202) and schema.EmptyCollides
// (IDEM202) say, against PostgreSQL: two rows that differ only by a NULL
// key both land, or the second is rejected as a duplicate (23505) and ON
// CONFLICT DO NOTHING drops a third without an error, answering the
// keyless request with the first one's row.
func TestNullKeyEngine(t *testing.T) {
	db := pgtest.NewDB(t)
	if db.Server.Version < 150000 {
		t.Skipf("NULLS NOT DISTINCT needs PostgreSQL 15, have %d", db.Server.Version)
	}
	cases := []struct {
		rule                        string
		repeats, collides, emptyToo bool // NULL rows repeat; NULL rows collide; empty rows collide
	}{
		{"UNIQUE (p, k)", true, false, true},
		{"UNIQUE NULLS DISTINCT (p, k)", true, false, true},
		{"UNIQUE NULLS NOT DISTINCT (p, k)", false, true, true},
		{"CONSTRAINT t_nnd UNIQUE NULLS NOT DISTINCT (k)", false, true, true},
		{"INDEX:CREATE UNIQUE INDEX t_k ON t (p, k) NULLS NOT DISTINCT", false, true, true},
		{"INDEX:CREATE UNIQUE INDEX t_k ON t (p, k) NULLS NOT DISTINCT WHERE k IS NOT NULL", false, false, true},
		{"INDEX:CREATE UNIQUE INDEX t_k ON t (p, k) NULLS NOT DISTINCT WHERE k <> ''", false, false, false},
		{"INDEX:CREATE UNIQUE INDEX t_k ON t (p, k) WHERE k IS NOT NULL", false, false, true},
	}
	for i, tt := range cases {
		create := "CREATE TABLE t (id serial, p text NOT NULL, k text"
		if idx, ok := strings.CutPrefix(tt.rule, "INDEX:"); ok {
			create += ");\n" + idx + ";"
		} else {
			create += ", " + tt.rule + ");"
		}
		m := Parse("f.sql", []byte(create), schema.PostgreSQL)
		if len(m.Errors) > 0 || len(m.Tables) != 1 {
			t.Fatalf("%s: %v", create, m.Errors)
		}
		tbl := m.Tables[0]
		key := tbl.Column("k")
		repeats := len(schema.NullRepeats(m, tbl, key)) > 0
		collides := len(schema.NullCollides(m, tbl, key)) > 0
		emptyToo := len(schema.EmptyCollides(m, tbl, key)) > 0

		db.MustExec(t, "DROP TABLE IF EXISTS t")
		db.MustExec(t, create)
		db.MustExec(t, "INSERT INTO t (p, k) VALUES ('stripe', NULL)")
		engineCollides := db.Exec("INSERT INTO t (p, k) VALUES ('stripe', NULL)") != nil
		db.MustExec(t, "INSERT INTO t (p, k) VALUES ('stripe', NULL) ON CONFLICT DO NOTHING")
		rows := strings.TrimSpace(db.MustQuery(t, "SELECT count(*) FROM t WHERE k IS NULL"))
		db.MustExec(t, "INSERT INTO t (p, k) VALUES ('stripe', '')")
		engineEmpty := db.Exec("INSERT INTO t (p, k) VALUES ('stripe', '')") != nil
		if collides != engineCollides || repeats && engineCollides || collides != tt.collides || repeats != tt.repeats {
			t.Errorf("case %d %s: NullRepeats %v, NullCollides %v; PostgreSQL rejects a second NULL key: %v; want repeats %v, collides %v",
				i, tt.rule, repeats, collides, engineCollides, tt.repeats, tt.collides)
		}
		if want := map[bool]string{true: "1", false: "3"}[engineCollides]; rows != want {
			t.Errorf("case %d %s: %s rows with a NULL key after three keyless inserts (the last ON CONFLICT DO NOTHING), want %s", i, tt.rule, rows, want)
		}
		if emptyToo != engineEmpty || emptyToo != tt.emptyToo {
			t.Errorf("case %d %s: EmptyCollides %v; PostgreSQL rejects a second empty key: %v, want %v", i, tt.rule, emptyToo, engineEmpty, tt.emptyToo)
		}
	}
}
