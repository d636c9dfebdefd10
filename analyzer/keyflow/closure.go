package keyflow

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// RunsFunc reports whether f, a function of a library keyflow knows,
// calls its parameter i (a function) before it returns: a transaction
// helper such as pgx.BeginFunc, bun's RunInTx or GORM's Transaction.
func RunsFunc(f *types.Func, i int) bool {
	j, ok := libRunners()[idOf(f)]
	return ok && j == i
}

// RunsInParent reports whether fn, a function literal, runs only while
// the function around it does, before that function returns: every use
// of the closure is a call of it, or hands it to a function that calls
// it (RunsFunc, or Options.RunsFunc for the module's own helpers, which
// call fn(tx) between begin and commit). Then a parameter of the function
// around it that the literal captures is that function's callers' value
// at the moment it is written, as if the function wrote it itself; a
// closure kept for later (a goroutine, a callback stored in a field) may
// run after the function returns, or never.
func (c *Checker) RunsInParent(fn *ssa.Function) bool {
	parent := fn.Parent()
	if parent == nil {
		return false
	}
	found := false
	for _, b := range parent.Blocks {
		for _, in := range b.Instrs {
			mc, ok := in.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn {
				continue
			}
			found = true
			for _, r := range *mc.Referrers() {
				if _, ok := r.(*ssa.DebugRef); ok {
					continue
				}
				call, ok := r.(*ssa.Call)
				if !ok || !c.callRuns(&call.Call, mc) {
					return false
				}
			}
		}
	}
	return found
}

// callRuns reports whether the call com runs the closure mc, one of its
// operands, before it returns.
func (c *Checker) callRuns(com *ssa.CallCommon, mc *ssa.MakeClosure) bool {
	if com.Value == mc {
		return true // the literal called where it is made
	}
	callee := calleeOf(com)
	if callee == nil {
		return false
	}
	for i, a := range userArgs(com) {
		if a != mc {
			continue
		}
		if !RunsFunc(callee, i) && (c.opts.RunsFunc == nil || !c.opts.RunsFunc(callee, i)) {
			return false
		}
	}
	return true
}
