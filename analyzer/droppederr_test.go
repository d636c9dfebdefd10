package analyzer_test

import (
	"testing"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

// TestDroppedError: a key from a constructor of another package that
// returns "" (or nil) with its error is that zero value where the caller
// drops the error (k, _ := domain.NewIdempotencyKey(raw)) or checks it
// and goes on (logs it only): IDEM202 (IDEM201) at the write. A caller
// that returns, replaces or stops on the error, writes only when it is
// nil, checks the key itself, or hands the error to a helper whose answer
// it branches on is not reported; nor is one whose constructor returns a
// key with its error. The fixes' goldens are built against the library.
func TestDroppedError(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	schematest.RunWithSuggestedFixes(t, dir, a, "./droppederr")
	buildModuleGoldens(t, dir, "droppederr")
}
