package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// TestNullsNotDistinct checks NULL keys under a unique rule with NULLS NOT
// DISTINCT (nndkeys), where a NULL collides as an empty key does: IDEM202
// for a NULL written through database/sql, pgx, GORM, bun, goqu and
// squirrel, by the contract rule at a store taking a *string, and at its
// callers through the fact (nndkeys/api); beside each, IDEM201 for the
// same write under a rule whose NULLs are distinct, and silence for a key
// given a value, a request rejected without one, and an index whose
// predicate leaves NULL keys out. Every fix against its golden, and the
// fixed packages built against the libraries.
func TestNullsNotDistinct(t *testing.T) {
	dir := libraryModule(t)
	pkgs := []string{"nndkeys/sqlcdb", "nndkeys", "nndkeys/api"}
	analysistest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), relative(pkgs)...)
	buildModuleGoldens(t, dir, "nndkeys") // api's findings have none: Insert's own fix guards the key
}
