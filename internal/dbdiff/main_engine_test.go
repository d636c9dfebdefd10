package dbdiff

import (
	"testing"

	"github.com/idemlint/idemlint/internal/pgtest"
	"github.com/idemlint/idemlint/schema"
)

// TestMain shares one PostgreSQL server between the tests of the package.
func TestMain(m *testing.M) { pgtest.Main(m) }

// pgSchema reads the catalog of db.
func pgSchema(t *testing.T, db *pgtest.DB) *Schema {
	t.Helper()
	s, err := ReadPostgres(db, db.Version)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// noParseErrors fails t on the reader's recovered errors.
func noParseErrors(t *testing.T, m *schema.Model) {
	t.Helper()
	for _, e := range m.Errors {
		t.Errorf("sqlddl parse error: %v", e)
	}
}
