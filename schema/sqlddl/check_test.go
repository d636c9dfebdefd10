package sqlddl

import (
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
