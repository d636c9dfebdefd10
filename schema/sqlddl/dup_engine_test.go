package sqlddl

import (
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
		engineErr := db.Exec(tt.src)
		m := &schema.Model{Dialect: schema.PostgreSQL}
		Apply(m, schema.NewFile("f.sql", []byte("CREATE TABLE base (x int, y text);\n"+tt.src+";")))
		var got []string
		for _, e := range m.Errors {
			got = append(got, strings.TrimPrefix(e.Error(), "f.sql:"))
		}
		if (engineErr != nil) != (len(got) > 0) {
			t.Errorf("%s: PostgreSQL says %v, sqlddl says %q", tt.src, engineErr, got)
		}
		if tt.wantErr == "" && len(got) > 0 || tt.wantErr != "" && (len(got) != 1 || got[0] != tt.wantErr) {
			t.Errorf("%s: errors %q, want %q", tt.src, got, tt.wantErr)
		}
	}
}
