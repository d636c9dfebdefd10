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

// A ResultFields marks an exported function that returns a struct (or a
// pointer to one) with key-shaped exported fields: what each holds, for
// importers that insert a field of the result (row := rows.FromTransfer(t);
// … row.Key), or pass the result on to a function that does
// (repo.Insert(ctx, mapping.FromDTO(req))). It is keyflow's field
// summary: a reason, conditions on the arguments, or never bad.
type ResultFields struct {
	Fields []keyflow.FieldSummary
}

func (*ResultFields) AFact() {}

func (f *ResultFields) String() string {
	var parts []string
	for _, s := range f.Fields {
		parts = append(parts, s.String())
	}
	return strings.Join(parts, ", ")
}

// ImportResultFields returns what the fact of f, a function of another
// package, says about its results' fields (nil when it has none).
func ImportResultFields(pass *analysis.Pass, f *types.Func) []keyflow.FieldSummary {
	var rf ResultFields
	if f == nil || f.Pkg() == pass.Pkg || !pass.ImportObjectFact(f, &rf) {
		return nil
	}
	return rf.Fields
}
