package sqlddl

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// TestUniqueIndexOnUnknownTable: a unique index on a table no statement
// before it creates (bun's migrate creates the table in a Go migration
// and adds the index in SQL) is read nowhere, and says so in a note;
// one on a view, or on a table the file creates, gets none.
func TestUniqueIndexOnUnknownTable(t *testing.T) {
	src := `CREATE UNIQUE INDEX redemptions_key ON redemptions (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX redemptions_code ON redemptions (code);
CREATE TABLE payments (id bigint PRIMARY KEY, idempotency_key text);
CREATE UNIQUE INDEX payments_key ON payments (idempotency_key);
CREATE MATERIALIZED VIEW totals AS SELECT 1 AS id;
CREATE UNIQUE INDEX totals_id ON totals (id);
`
	m := Parse("migrations/2_indexes.up.sql", []byte(src), schema.PostgreSQL)
	if len(m.Errors) > 0 {
		t.Fatalf("errors: %v", m.Errors)
	}
	if len(m.Notes) != 1 {
		t.Fatalf("notes = %+v, want one, for redemptions_key", m.Notes)
	}
	n := m.Notes[0]
	if n.Path != "migrations/2_indexes.up.sql" || !strings.Contains(n.Message, "unique index redemptions_key (line 1) is on table redemptions, which no statement of this schema creates") {
		t.Errorf("note = %+v", n)
	}
	if p := m.Table("payments"); p == nil || len(p.Uniques) != 2 {
		t.Errorf("payments should keep its primary key and unique index: %+v", p)
	}
}
