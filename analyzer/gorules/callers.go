package gorules

import (
	"go/ast"
	"go/types"
)

// This file decides which functions have all their callers in view of the
// pass. The contract rule (contract.go) reports a function that inserts an
// unchecked *string parameter because any caller may pass nil; when every
// caller is in this package and visible, the callers are judged instead,
// so that a helper whose callers all check or generate the key is not
// reported for a nil no one passes.

// A callerIndex counts, for the package's functions, the calls that name
// them and the other uses (a function value, a method value), and records
// the method names that the package's interfaces declare.
type callerIndex struct {
	calls, others map[*types.Func]int
	ifaceMethods  map[string]bool
}

// callersInView reports whether every use of fn is a call in view: fn is
// an unexported function or method of this package, it is called at least
// once (a function no one calls is still a contract for the callers to
// come), never used as a value, and, for a method, no interface of the
// package declares its name (a call through one would not be seen).
func (c *checker) callersInView(fn *types.Func) bool {
	if fn.Pkg() != c.pass.Pkg || fn.Exported() {
		return false
	}
	if c.callers == nil {
		c.callers = indexCallers(c.pass.Files, c.pass.TypesInfo)
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() != nil && c.callers.ifaceMethods[fn.Name()] {
		return false
	}
	return c.callers.calls[fn] > 0 && c.callers.others[fn] == 0
}

// callsInSSA answers keyflow's Options.CallersInView: every use of fn is
// a call (callersInView) in a body the SSA built holds.
func (c *checker) callsInSSA(fn *types.Func) bool {
	return c.callersInView(fn) && c.callerBodiesBuilt(fn)
}

func indexCallers(files []*ast.File, info *types.Info) *callerIndex {
	x := &callerIndex{calls: map[*types.Func]int{}, others: map[*types.Func]int{}, ifaceMethods: map[string]bool{}}
	called := map[*ast.Ident]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if id := calledIdent(n.Fun); id != nil {
					called[id] = true // f(…), s.f(…), pkg.F[T](…)
				}
			case *ast.InterfaceType:
				for _, m := range n.Methods.List {
					for _, name := range m.Names {
						x.ifaceMethods[name.Name] = true
					}
				}
			case *ast.Ident:
				fn, ok := info.Uses[n].(*types.Func)
				if !ok {
					return true
				}
				fn = fn.Origin()
				if called[n] {
					x.calls[fn]++
				} else {
					x.others[fn]++
				}
			}
			return true
		})
	}
	return x
}
