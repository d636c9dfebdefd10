package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/keyflow"
)

// A verdict says why an argument can carry a NULL or empty key, and where
// that value comes from.
type verdict struct {
	Reason string
	Origin token.Pos
}

// flow adapts the value analysis (analyzer/keyflow) for one package.
type flow struct{ c *keyflow.Checker }

// newFlow returns the analysis for one package; alwaysKey vouches for
// functions that always return a key (see alwaysKeyFact).
func newFlow(alwaysKey func(*types.Func) bool) *flow {
	return &flow{c: keyflow.New(keyflow.Options{AlwaysKey: alwaysKey})}
}

func (f *flow) mayBeNull(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (verdict, bool) {
	vd, ok := f.c.MayBeNull(fn, v, at)
	return verdict{Reason: vd.Reason, Origin: vd.Origin}, ok
}

func (f *flow) mayBeEmpty(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (verdict, bool) {
	vd, ok := f.c.MayBeEmpty(fn, v, at)
	return verdict{Reason: vd.Reason, Origin: vd.Origin}, ok
}
