package keyfacts

import (
	"go/types"
	"strings"

	"github.com/idemlint/idemlint/analyzer/keyflow"
	"golang.org/x/tools/go/analysis"
)

// A Results marks an exported function whose results can be nil, an
// invalid Null value or "" on some path its code shows, as
// `func KeyOf(r *http.Request) string { return r.Header.Get("Idempotency-Key") }`
// can: callers in importing packages treat the result as a source and name
// the path inside the helper. It is keyflow's summary, reasons included
// (a sentence each), and exists only for functions with a bad result, or
// one that is nil or "" beside an error (for callers that drop it).
type Results struct {
	Results []keyflow.ResultSummary
}

func (*Results) AFact() {}

func (f *Results) String() string {
	var parts []string
	for _, r := range f.Results {
		parts = append(parts, r.String())
	}
	return strings.Join(parts, ", ")
}

// ImportResults returns what the fact of f, a function of another
// package, says about its results (nil when it has none).
func ImportResults(pass *analysis.Pass, f *types.Func) []keyflow.ResultSummary {
	var rf Results
	if f == nil || f.Pkg() == pass.Pkg || !pass.ImportObjectFact(f, &rf) {
		return nil
	}
	return rf.Results
}
