package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// TestConsumerInterfacesStructural: the consumer-declared interface of
// TestConsumerInterfaces, implemented by a package that does not import
// the interface's (Go asks no declaration of it): the wiring finds the
// implementation's keys through the facts on its methods. The key is a
// domain value object in a field named only Key (type IdempotencyKey), a
// service leaves it out itself (ImportLegacy) or passes its caller's on,
// and a compile-time assertion (var _ I = (*T)(nil)) wires nothing.
// Through go vet: cmd/idemlint's TestWantsThroughExportData/ifacestruct.
func TestConsumerInterfacesStructural(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	if err := a.Flags.Set(analyzer.NotesFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "./ifacestruct/...")
}
