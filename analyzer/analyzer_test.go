package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/internal/schematest"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSchemaFindings checks findings positioned in embedded schema files,
// their fixes (goldens beside the schema files), suppression, multi-file
// Prisma folders, and that importers and non-embedding packages stay quiet.
func TestSchemaFindings(t *testing.T) {
	a := analyzer.New(&analyzer.Config{})
	schematest.Run(t, testdata(t), a, "embedded", "importer", "notembedded", "suppressed", "multifile")
}

// TestAnchorAtEmbed checks the golangci-lint/gopls mode: findings anchored
// at the //go:embed variable, schema position in the message.
func TestAnchorAtEmbed(t *testing.T) {
	a := analyzer.New(&analyzer.Config{AnchorAtEmbed: true})
	analysistest.Run(t, testdata(t), a, "anchored")
}

// TestInsertLiterals checks IDEM201/IDEM202 decided by the SQL text alone:
// a key column left out, NULL, DEFAULT or ” written, beside inserts that
// are fine (NOT NULL keys, partial indexes, database defaults).
func TestInsertLiterals(t *testing.T) {
	a := analyzer.New(&analyzer.Config{})
	schematest.Run(t, testdata(t), a, "sqlliterals")
}
