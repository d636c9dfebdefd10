package load

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestNextMigrationFollowsHistory")

// TestNextMigrationFollowsHistory checks, on each migration convention of
// the real-world corpus, the new migration a fix adds for a column: named,
// annotated and spelt as the history's recent steps are (formance ledger's
// "{{.Schema}}" qualifier and lower case, hatchet's goose StatementBegin
// blocks, Prisma Migrate's folders, sqlx's up/down pairs, golang-migrate's
// numbers). Versions that are timestamps read as <timestamp>.
func TestNextMigrationFollowsHistory(t *testing.T) {
	corpus := corpusDir(t)
	for _, tc := range []struct {
		name, dir, table, column string
	}{
		{"formance-ledger", "formance-ledger/migrations", "logs", "idempotency_key"},
		{"hatchet-goose", "hatchet/migrations", "WorkflowRun", "childKey"},
		{"trigger.dev-prisma", "trigger.dev/migrations", "TaskRun", "idempotencyKey"},
		{"svix-sqlx", "svix/migrations", "application", "uid"},
		{"river-golang-migrate", "river-pgx/main", "river_job", "unique_key"},
		{"dbos-numbered", "dbos/migrations", "workflow_status", "deduplication_id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(corpus, tc.dir)
			models, err := Paths([]string{dir}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			m := models[0]
			tbl := m.Table(tc.table)
			if tbl == nil || tbl.Column(tc.column) == nil {
				t.Fatalf("no column %s.%s in %s", tc.table, tc.column, tc.dir)
			}
			c := tbl.Column(tc.column)
			syn, ok := c.Span.File.Syntax.(schema.MigrationSyntax)
			if !ok {
				t.Fatalf("%s is not in a migration file", tc.column)
			}
			files, _, err := syn.RequireColumnMigration(c, "")
			if err != nil {
				t.Fatal(err)
			}
			got := renderNew(dir, files)
			golden := filepath.Join("testdata", "nextmigration", tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("new migration for %s.%s:\n%s\nwant (%s):\n%s", tc.table, tc.column, got, golden, want)
			}
		})
	}
}

var timestampVersion = regexp.MustCompile(`\b(19|20)\d{12}`)

func renderNew(dir string, files []schema.CreateFile) string {
	var b strings.Builder
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f.Path)
		b.WriteString("==> " + timestampVersion.ReplaceAllString(filepath.ToSlash(rel), "<timestamp>") + "\n")
		b.Write(f.Content)
	}
	return b.String()
}
