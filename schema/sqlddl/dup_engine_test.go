package sqlddl

import (
	"slices"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/internal/pgtest"
	"github.com/idemlint/idemlint/schema"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestDuplicateColumnsEngine: a column defined twice in one CREATE TABLE is
// a parse error exactly when PostgreSQL rejects the statement.
func TestDuplicateColumnsEngine(t *testing.T) {
	db := pgtest.NewDB(t)
	db.MustExec(t, "CREATE TABLE base (x int, y text)")
	tests := []struct {
		src     string
		wantErr string // "" for none
	}{
		{`CREATE TABLE a1 (k text, k text UNIQUE)`, `2:26: column "k" specified more than once in table "a1"`},
		{`CREATE TABLE a2 (k text, "K" text)`, ""},
		{`CREATE TABLE a3 (k text, K int)`, `2:26: column "k" specified more than once in table "a3"`},
		{`CREATE TABLE a4 (LIKE base, x int)`, `2:29: column "x" specified more than once in table "a4"`},
		{`CREATE TABLE a5 (x int, LIKE base)`, `2:25: column "x" specified more than once in table "a5"`},
		{`CREATE TABLE a6 (x int, z int) INHERITS (base)`, ""},
		{`CREATE TABLE a7 (k text, j text)`, ""},
	}
	for _, tt := range tests {
		agreeWithEngine(t, db.Exec(tt.src), "CREATE TABLE base (x int, y text);\n", tt.src, tt.wantErr)
	}
}

// TestAddExistingColumnEngine: ADD COLUMN of a column the table has is a
// parse error exactly when PostgreSQL rejects it, and either way the model
// keeps the column the database keeps (a NOT NULL key stays NOT NULL).
func TestAddExistingColumnEngine(t *testing.T) {
	db := pgtest.NewDB(t)
	tests := []struct {
		src     string
		wantErr string // "" for none
	}{
		{`ALTER TABLE b1 ADD COLUMN k varchar(64)`, `2:27: column "k" of table "b1" already exists (line 1): the database rejects this ADD COLUMN and keeps the column it has`},
		{`ALTER TABLE b1 ADD k varchar(64)`, `2:20: column "k" of table "b1" already exists (line 1): the database rejects this ADD COLUMN and keeps the column it has`},
		{`ALTER TABLE b1 ADD COLUMN K text`, `2:27: column "k" of table "b1" already exists (line 1): the database rejects this ADD COLUMN and keeps the column it has`},
		{`ALTER TABLE b1 ADD COLUMN IF NOT EXISTS k varchar(64)`, ""},
		{`ALTER TABLE b1 ADD COLUMN "K" text`, ""},
	}
	const create = "CREATE TABLE b1 (id int, k text NOT NULL, UNIQUE (id, k));\n"
	for _, tt := range tests {
		db.MustExec(t, "DROP TABLE IF EXISTS b1")
		db.MustExec(t, create)
		m := agreeWithEngine(t, db.Exec(tt.src), create, tt.src, tt.wantErr)
		var nullable bool
		for _, tb := range m.Tables {
			for _, c := range tb.Columns {
				if c.Name == "k" {
					nullable = c.Nullable
				}
			}
		}
		if nullable {
			t.Errorf("%s: k became nullable in the model; the database keeps it NOT NULL", tt.src)
		}
	}
}

// agreeWithEngine reads setup then src as PostgreSQL and checks that the
// reader errs exactly when the engine did (engineErr, from running src
// after setup), with wantErr as its one error ("" for none). It returns
// the model read.
func agreeWithEngine(t *testing.T, engineErr error, setup, src, wantErr string) *schema.Model {
	t.Helper()
	m := &schema.Model{Dialect: schema.PostgreSQL}
	Apply(m, schema.NewFile("f.sql", []byte(setup+src+";")))
	var got []string
	for _, e := range m.Errors {
		got = append(got, strings.TrimPrefix(e.Error(), "f.sql:"))
	}
	if (engineErr != nil) != (len(got) > 0) {
		t.Errorf("%s: PostgreSQL says %v, sqlddl says %q", src, engineErr, got)
	}
	if wantErr == "" && len(got) > 0 || wantErr != "" && (len(got) != 1 || got[0] != wantErr) {
		t.Errorf("%s: errors %q, want %q", src, got, wantErr)
	}
	return m
}

// TestGeneratedNamesEngine: the names of many unnamed indexes of one table
// are PostgreSQL's, also when a dropped one frees its suffix, and past the
// thousandth.
func TestGeneratedNamesEngine(t *testing.T) {
	var b strings.Builder
	b.WriteString("CREATE TABLE t (a int, b int);\n")
	for range 1005 {
		b.WriteString("CREATE UNIQUE INDEX ON t (a);\n")
	}
	b.WriteString("DROP INDEX t_a_idx2;\nALTER INDEX t_a_idx5 RENAME TO kept;\nCREATE UNIQUE INDEX ON t (a);\nCREATE UNIQUE INDEX ON t (a);\nCREATE UNIQUE INDEX ON t (a);\n")
	b.WriteString("CREATE TABLE t_a_idx1006 (x int);\nCREATE UNIQUE INDEX ON t (a);\n")
	src := b.String()
	m := Parse("f.sql", []byte(src), schema.PostgreSQL)
	if len(m.Errors) > 0 {
		t.Fatal(m.Errors[0])
	}
	var got []string
	for _, u := range m.Table("t").Uniques {
		got = append(got, u.Name)
	}
	db := pgtest.NewDB(t)
	db.MustExec(t, src)
	out := db.MustQuery(t, "SELECT indexname FROM pg_indexes WHERE tablename = 't' ORDER BY indexname")
	want := strings.Fields(out)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("%d names, PostgreSQL has %d; first differences: %v", len(got), len(want), firstDiff(got, want))
	}
}

func firstDiff(a, b []string) []string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return []string{a[i], b[i]}
		}
	}
	return nil
}

// TestDuplicateTableEngine: a second CREATE TABLE of a table that exists
// is an error exactly when PostgreSQL rejects it, and the model keeps the
// table the database keeps: the first (k NOT NULL, no unique), not the
// second (a nullable key in a unique constraint).
func TestDuplicateTableEngine(t *testing.T) {
	db := pgtest.NewDB(t)
	tests := []struct {
		src     string
		wantErr string // "" for none
	}{
		{`CREATE TABLE c1 (id int, k text UNIQUE)`, `2:14: table "c1" already exists (line 1): the database rejects this CREATE TABLE and keeps the table it has`},
		{`CREATE TABLE C1 (id int, k text UNIQUE)`, `2:14: table "c1" already exists (line 1): the database rejects this CREATE TABLE and keeps the table it has`},
		{`CREATE TABLE public.c1 (id int, k text UNIQUE)`, `2:14: table "c1" already exists (line 1): the database rejects this CREATE TABLE and keeps the table it has`},
		{`CREATE TABLE IF NOT EXISTS c1 (id int, k text UNIQUE)`, ""},
		{`CREATE TABLE "C1" (id int, k text)`, ""},
	}
	const create = "CREATE TABLE public.c1 (id int, k text NOT NULL);\n"
	for _, tt := range tests {
		db.MustExec(t, "DROP TABLE IF EXISTS c1; DROP TABLE IF EXISTS \"C1\"")
		db.MustExec(t, create)
		m := agreeWithEngine(t, db.Exec(tt.src), create, tt.src, tt.wantErr)
		for _, tb := range m.Tables {
			if tb.Name == "c1" && (len(tb.Uniques) > 0 || tb.Columns[1].Nullable) {
				t.Errorf("%s: the model has the second definition of c1: %q", tt.src, summary(m))
			}
		}
	}
}
