package keyfacts

import (
	"fmt"
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
// (a sentence each), and exists only for functions with a bad result.
type Results struct {
	Results []keyflow.ResultSummary
}

func (*Results) AFact() {}

func (f *Results) String() string {
	var parts []string
	for _, r := range f.Results {
		var kinds []string
		for _, k := range []keyflow.Kind{keyflow.Nil, keyflow.Invalid, keyflow.Empty} {
			if r.Reason(k) != "" {
				kinds = append(kinds, k.String())
			}
		}
		parts = append(parts, fmt.Sprintf("result %d may be %s", r.Index, strings.Join(kinds, "/")))
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
