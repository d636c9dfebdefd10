package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

// TestGoSuppressions checks idemlint's, golangci-lint's and staticcheck's
// suppression comments in Go files, and the directives that silence
// nothing (IDEM002) or cannot apply (IDEM003), side by side.
func TestGoSuppressions(t *testing.T) {
	schematest.Run(t, testdata(t), analyzer.New(&config.Options{}), "suppressgo")
}

// TestNolintLeftToGolangci: under golangci-lint, which applies //nolint
// itself (and reports unused ones with nolintlint), idemlint neither
// applies nor judges them; its own and staticcheck's forms still work.
func TestNolintLeftToGolangci(t *testing.T) {
	a := analyzer.New(&config.Options{NolintByDriver: true})
	results := analysistest.Run(&quietT{t}, testdata(t), a, "suppressgo")
	nolintLines := map[int]bool{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			p := r.Pass.Fset.Position(d.Pos)
			if d.Category == "IDEM002" && p.Line == 40 {
				t.Errorf("%s: an unused //nolint is reported under golangci-lint: %s", p, d.Message)
			}
			if d.Category == "IDEM201" {
				nolintLines[p.Line] = true
			}
		}
	}
	for _, line := range []int{28, 29, 30, 31, 36, 48, 49} { // lines //nolint covers
		if !nolintLines[line] {
			t.Errorf("line %d: IDEM201 not reported, although golangci-lint, not idemlint, applies //nolint", line)
		}
	}
	for _, line := range []int{19, 20, 54, 55} { // //idemlint:ignore and //lint:ignore
		if nolintLines[line] {
			t.Errorf("line %d: IDEM201 reported despite its suppression comment", line)
		}
	}
}
