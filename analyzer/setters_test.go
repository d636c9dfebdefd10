package analyzer_test

import (
	"testing"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

// TestSetters: a builder's setter that writes the key on every path is
// followed from the value the caller hands it to the row the builder
// builds, in a chain and as statements on a builder variable (a pointer
// or a value); an option written inline at the constructor's call is
// judged on the variable it captures, where it is the only option that
// writes the key and that variable is assigned once; otherwise a note. A
// generic ptr[T any](v T) *T is never nil, so a key it makes of a
// concatenation with a constant part is never missing: no note that the
// callers decide (setters/ptrs).
func TestSetters(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	schematest.RunWithSuggestedFixes(t, dir, a, "./setters", "./setters/ptrs")
	buildModuleGoldens(t, dir, "setters", "setters/ptrs")
}
