package keyflow

import (
	"go/ast"

	"golang.org/x/tools/go/ssa"
)

// This file maps call syntax to SSA values.

// ArgValue returns the SSA value that the call passes for e, one of the
// call's argument expressions, before any boxing into an interface. It
// reads the call's own operands (so constants like nil or "" and loads of
// address-taken variables resolve), falling back to fn.ValueForExpr. It
// returns nil when e cannot be matched (for example an argument spread
// with ...).
func ArgValue(fn *ssa.Function, call ssa.CallInstruction, e ast.Expr) ssa.Value {
	e = ast.Unparen(e)
	if call != nil {
		if v := argFromCall(fn, call, e); v != nil {
			return v
		}
	}
	if v, isAddr := fn.ValueForExpr(e); v != nil && !isAddr {
		return v
	}
	return nil
}

func argFromCall(fn *ssa.Function, call ssa.CallInstruction, e ast.Expr) ssa.Value {
	syn := fn.Syntax()
	if syn == nil {
		return nil
	}
	common := call.Common()
	var ce *ast.CallExpr
	ast.Inspect(syn, func(n ast.Node) bool {
		if ce != nil {
			return false
		}
		if c, ok := n.(*ast.CallExpr); ok && c.Lparen == common.Pos() {
			ce = c
			return false
		}
		return true
	})
	if ce == nil {
		return nil
	}
	idx := -1
	for i, a := range ce.Args {
		if ast.Unparen(a) == e {
			idx = i
		}
	}
	if idx < 0 {
		return nil
	}
	args := common.Args
	sig := common.Signature()
	if !common.IsInvoke() && sig.Recv() != nil && len(args) > sig.Params().Len() {
		args = args[1:] // static method call: the receiver comes first
	}
	np := sig.Params().Len()
	if sig.Variadic() && idx >= np-1 {
		if ce.Ellipsis.IsValid() || np == 0 || len(args) < np {
			return nil
		}
		return varargElem(args[np-1], idx-(np-1))
	}
	if idx < len(args) {
		return args[idx]
	}
	return nil
}

// varargElem finds the value stored at index i of the array that SSA
// builds for a variadic call (varargs := new [n]T; *&varargs[i] = x).
func varargElem(slice ssa.Value, i int) ssa.Value {
	sl, ok := slice.(*ssa.Slice)
	if !ok {
		return nil
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	for _, r := range *arr.Referrers() {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		c, ok := ia.Index.(*ssa.Const)
		if !ok || c.Int64() != int64(i) {
			continue
		}
		for _, rr := range *ia.Referrers() {
			if st, ok := rr.(*ssa.Store); ok && st.Addr == ia {
				return unbox(st.Val)
			}
		}
	}
	return nil
}

// unbox strips interface conversions: database/sql looks through them.
func unbox(v ssa.Value) ssa.Value {
	for {
		mi, ok := v.(*ssa.MakeInterface)
		if !ok {
			return v
		}
		v = mi.X
	}
}
