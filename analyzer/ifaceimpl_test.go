package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// TestUnexportedImpls: a call through an exported interface whose one
// key-writing implementation is an unexported type of the interface's
// package (returned by an exported constructor typed as the interface)
// is judged as a call of that implementation in the importing package,
// beside a key that is set (silent) and an interface with two such
// implementations (not judged). With notes on, so that a false note
// ("no key-writing method in view implements …") fails too.
func TestUnexportedImpls(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./ifaceimpl/...")
}
