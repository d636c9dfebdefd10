package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// TestEntityValidate: a function that builds a domain entity from its
// parameter's key and validates the entity (p.Validate(), its error
// handled, or if p.Key == "") checks the key; its callers are not asked
// for one. Dropping the error, or validating another value, checks
// nothing.
func TestEntityValidate(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	analysistest.Run(t, dir, a, "./entityvalidate")
}
