package keyfacts

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/analyzer/rowwrite"
)

// A RowWriter marks a function that hands one of its parameters, as it
// is, to a library write as the row (rowwrite.Wrapper): a generic
// repository's Create[T](ctx, db, row *T) that GORM-creates it, or a
// helper InsertOne[T](ctx, db, q, row T) around sqlx's NamedExec. Its
// callers in other packages read a call of it as the write itself, with
// their argument's type's table and their row.
type RowWriter struct {
	API      string
	Row      int
	Query    int  // -1: none (GORM, bun)
	Conflict bool // bun: On("CONFLICT …")
}

func (*RowWriter) AFact() {}

func (f *RowWriter) String() string {
	if f.Query < 0 {
		return fmt.Sprintf("writes param %d as a %s row", f.Row, f.API)
	}
	return fmt.Sprintf("writes param %d as a %s row of the INSERT in param %d", f.Row, f.API, f.Query)
}

// RowWriters exports the facts of the package's Wrappers and returns the
// lookup rowwrite.Find takes for those of imported packages.
func RowWriters(pass *analysis.Pass) func(*types.Func) (rowwrite.Wrapper, bool) {
	for fn, w := range rowwrite.Wrappers(pass.Pkg, pass.Files, pass.TypesInfo) {
		if fn.Exported() { // this package's own calls read the body
			pass.ExportObjectFact(fn, &RowWriter{API: w.API, Row: w.Row, Query: w.Query, Conflict: w.Conflict})
		}
	}
	return func(fn *types.Func) (rowwrite.Wrapper, bool) {
		var f RowWriter
		if fn == nil || fn.Pkg() == pass.Pkg || !pass.ImportObjectFact(fn, &f) {
			return rowwrite.Wrapper{}, false
		}
		return rowwrite.Wrapper{API: f.API, Row: f.Row, Query: f.Query, Conflict: f.Conflict}, true
	}
}
