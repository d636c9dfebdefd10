package load

import (
	"slices"
	"strings"
	"testing"
)

// TestDuplicateTableAcrossFiles: a folder of declarative SQL whose second
// file creates a table the first created is what the database refuses:
// an IDEM001 at the second CREATE TABLE naming the first, and the model
// keeps the first definition (a NOT NULL key: no IDEM101), as the
// database does.
func TestDuplicateTableAcrossFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"schema/a_jobs.sql": "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text NOT NULL UNIQUE);\n",
		"schema/b_jobs.sql": "-- a second definition\nCREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n",
	})
	res := Check([]string{dir + "/schema"}, Config{})
	if got := codes(res); !slices.Equal(got, []string{"IDEM001 b_jobs.sql"}) {
		t.Fatalf("findings %q, want one IDEM001 in b_jobs.sql", got)
	}
	f := res.Findings[0]
	if pos := f.Span.Position(); pos.Line != 2 || pos.Column != 14 || !strings.Contains(f.Message, `table "jobs" already exists (a_jobs.sql:1)`) {
		t.Errorf("IDEM001 at %v: %s", pos, f.Message)
	}
}
