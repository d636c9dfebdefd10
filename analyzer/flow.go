package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A verdict says why an argument can carry a NULL or empty key, and where
// that value comes from.
type verdict struct {
	Reason string
	Origin token.Pos
}

// mayBeNull and mayBeEmpty adapt the value analysis (analyzer/keyflow).
func mayBeNull(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (verdict, bool) {
	return verdict{}, false
}

func mayBeEmpty(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (verdict, bool) {
	return verdict{}, false
}
