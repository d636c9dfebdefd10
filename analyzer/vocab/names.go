package vocab

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// Function names in messages, one rule for every Go-side message (the
// flow's "keyOf can return …", the rules' "passed to Repo.Create", the
// facts' texts read in other packages).

// FuncName names fn for messages: its receiver type and name for a
// method ("Repo.Create", the pointer removed), its name alone for a
// method of a type with no name (an interface literal's), its package's
// name and its name for a function ("store.Insert").
func FuncName(fn *types.Func) string {
	if recv := RecvName(fn); recv != "" {
		return recv + "." + fn.Name()
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		return fn.Name()
	}
	if fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}

// CalledName names, for messages, the function call runs: callee's
// FuncName, or, for a call through an interface method that callee
// implements, the method as the caller wrote it with the implementation
// after it ("Store.Create (pgStore.Create)"), so the reader recognises
// the call. An interface with no name is named by the call as written
// (s.store.Create). call may be nil.
func CalledName(info *types.Info, call *ast.CallExpr, callee *types.Func) string {
	name := FuncName(callee)
	if call == nil {
		return name
	}
	se, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return name
	}
	sel := info.Selections[se]
	if sel == nil || sel.Kind() != types.MethodVal || !types.IsInterface(sel.Recv()) || sel.Obj() == callee {
		return name
	}
	called := types.ExprString(se)
	if n, ok := types.Unalias(sel.Recv()).(*types.Named); ok {
		called = n.Obj().Name() + "." + se.Sel.Name
	}
	return called + " (" + name + ")"
}
