package gorules

import (
	"go/ast"
	"go/types"
	"sort"
)

// Calls through an interface. A service often calls its repository
// through an interface it declares (s.Store.CreateRefund(ctx, f)), so the
// call has no static callee. When exactly one method in view (this
// package's, or one a fact describes) implements the called method and
// writes a parameter into a key, the call is checked as a call of that
// method. A test double that implements the interface too writes no key
// and does not count; two that write keys (a store and a decorator around
// it) leave the call to a note (noteInterfaceCall).

// keyWritingImpls returns the methods, in name order, that implement the
// interface method call calls and write a parameter into a key.
func (c *checker) keyWritingImpls(call *ast.CallExpr) []*types.Func {
	se, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	sel := c.pass.TypesInfo.Selections[se]
	if sel == nil || sel.Kind() != types.MethodVal || !types.IsInterface(sel.Recv()) {
		return nil
	}
	iface, ok := sel.Recv().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var impls []*types.Func
	for fn, keys := range c.keyWritingMethods() {
		if fn.Name() != se.Sel.Name || len(keys) == 0 {
			continue
		}
		recv := fn.Signature().Recv().Type()
		if implements(recv, iface) {
			impls = append(impls, fn)
		}
	}
	sort.Slice(impls, func(i, j int) bool { return calleeName(impls[i]) < calleeName(impls[j]) })
	return impls
}

// interfaceCallee returns the one key-writing implementation of the
// interface method call calls, or nil.
func (c *checker) interfaceCallee(call *ast.CallExpr) *types.Func {
	if impls := c.keyWritingImpls(call); len(impls) == 1 {
		return impls[0]
	}
	return nil
}

// implements reports whether a method's receiver type recv implements
// iface, by its own method set or by its pointer's (a method on T is
// called through an interface that *T satisfies).
func implements(recv types.Type, iface *types.Interface) bool {
	return types.Implements(recv, iface) || types.Implements(types.NewPointer(recv), iface)
}
