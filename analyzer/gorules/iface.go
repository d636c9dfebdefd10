package gorules

import (
	"go/ast"
	"go/types"
	"path"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/analyzer/modules"
)

// Calls through an interface. A service often calls its repository
// through an interface it declares (s.Store.CreateRefund(ctx, f)), so the
// call has no static callee. When exactly one method in view (this
// package's, or one a fact describes) implements the called method and
// writes a parameter into a key, and the module declares no other
// implementation out of view, the call is checked as a call of that
// method. A test double that implements the interface too writes no key
// and does not count; two that write keys (a store and a decorator around
// it), or one beside implementations in packages this one does not
// import (whose facts it cannot see: a repository in package postgres
// behind an interface the service package declares, wired in main),
// leave the call to a note (noteInterfaceCall).

// keyWritingImpls returns the methods, in name order, that implement the
// interface method call calls and write a parameter into a key.
func (c *checker) keyWritingImpls(call *ast.CallExpr) []*types.Func {
	impls, _ := c.keyWritingCandidates(call)
	return impls
}

// keyWritingCandidates returns the methods, in name order, that implement
// the interface method call calls and write a parameter into a key, and
// the key-writing methods of the same name and signature whose receivers
// do not implement the interface (twins). A type that embeds a twin may
// implement it with the twin's method promoted: formance ledger's
// system.DefaultStoreAdapter{*ledgerstore.Store} is the controller's
// Store, which *ledgerstore.Store is not (its BeginTX returns *Store).
func (c *checker) keyWritingCandidates(call *ast.CallExpr) (impls, twins []*types.Func) {
	se, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	sel := c.pass.TypesInfo.Selections[se]
	if sel == nil || sel.Kind() != types.MethodVal || !types.IsInterface(sel.Recv()) {
		return nil, nil
	}
	iface, ok := sel.Recv().Underlying().(*types.Interface)
	if !ok {
		return nil, nil
	}
	called, _ := sel.Obj().(*types.Func)
	for fn, keys := range c.keyWritingMethods() {
		if fn.Name() != se.Sel.Name || len(keys) == 0 {
			continue
		}
		recv := fn.Signature().Recv().Type()
		switch {
		case implements(recv, iface):
			impls = append(impls, fn)
		case called != nil && types.Identical(fn.Signature(), called.Signature()):
			twins = append(twins, fn)
		}
	}
	byName := func(fns []*types.Func) {
		sort.Slice(fns, func(i, j int) bool { return calleeName(fns[i]) < calleeName(fns[j]) })
	}
	byName(impls)
	byName(twins)
	return impls, twins
}

// interfaceCallee returns the one key-writing implementation of the
// interface method call calls, or nil. It is nil too when the module
// declares implementations in packages this one does not see
// (unseenImpls): any of them may be the one that runs, and what it
// writes is not known here (noteInterfaceCall says so).
func (c *checker) interfaceCallee(call *ast.CallExpr) *types.Func {
	if impls := c.keyWritingImpls(call); len(impls) == 1 && len(c.unseenImpls(call)) == 0 {
		return impls[0]
	}
	return nil
}

// unseenImpls returns, in order, the types of the module ("postgres.Store")
// that implement the interface whose method call calls, by the methods
// their files declare (modules.ScanMethods: names and parameter types as
// written, so a type that gets a method by embedding is not seen), and
// that live in packages this one neither is nor imports, directly or
// not: their facts, which say whether they write a key, are not in view.
// Test files and mocks are not the module's implementations.
func (c *checker) unseenImpls(call *ast.CallExpr) []string {
	m := calledInterfaceMethod(c.pass.TypesInfo, call)
	if m == nil || c.ModuleMethods == nil {
		return nil
	}
	if out, ok := c.unseen[m]; ok {
		return out
	}
	if c.unseen == nil {
		c.unseen = map[*types.Func][]string{}
	}
	var out []string
	iface, _ := types.Unalias(m.Signature().Recv().Type()).Underlying().(*types.Interface)
	if iface != nil && c.inModule(m.Pkg()) {
		inView := c.packagesInView()
		for _, t := range c.moduleMethods().Types {
			if !inView[t.Pkg] && declaresAll(t, iface) {
				out = append(out, path.Base(t.Pkg)+"."+t.Name)
			}
		}
		sort.Strings(out)
	}
	c.unseen[m] = out
	return out
}

// calledInterfaceMethod returns the interface method call calls, or nil
// for a call that does not go through an interface.
func calledInterfaceMethod(info *types.Info, call *ast.CallExpr) *types.Func {
	se, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	sel := info.Selections[se]
	if sel == nil || sel.Kind() != types.MethodVal || !types.IsInterface(sel.Recv()) {
		return nil
	}
	m, _ := sel.Obj().(*types.Func)
	return m
}

// inModule reports whether p is a package of the module being checked
// (as the driver names it; go vet and go/packages do): only the module's
// own interfaces have implementations the module declares.
func (c *checker) inModule(p *types.Package) bool {
	if p == nil || c.pass.Module == nil || c.pass.Module.Path == "" {
		return false
	}
	mod := c.pass.Module.Path
	return p.Path() == mod || strings.HasPrefix(p.Path(), mod+"/")
}

// moduleMethods reads the module's method declarations once.
func (c *checker) moduleMethods() modules.Methods {
	if !c.methodsRead {
		c.methodsRead = true
		c.modMethods = c.ModuleMethods()
	}
	return c.modMethods
}

// packagesInView returns the paths of this package and of every package
// it imports, directly or not: the packages whose facts this pass sees.
func (c *checker) packagesInView() map[string]bool {
	if c.inView != nil {
		return c.inView
	}
	c.inView = map[string]bool{}
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if c.inView[p.Path()] {
			return
		}
		c.inView[p.Path()] = true
		for _, imp := range p.Imports() {
			visit(imp)
		}
	}
	visit(c.pass.Pkg)
	return c.inView
}

// declaresAll reports whether t declares every method of iface, each with
// parameters of the same types as written in t's package.
func declaresAll(t modules.TypeMethods, iface *types.Interface) bool {
	for i := range iface.NumMethods() {
		m := iface.Method(i)
		params, ok := t.Methods[m.Name()]
		sig := m.Signature()
		if !ok || len(params) != sig.Params().Len() {
			return false
		}
		for j, p := range params {
			if !sameTypeText(p, typeText(sig.Params().At(j).Type(), t.Pkg)) {
				return false
			}
		}
	}
	return true
}

// typeText spells t as a file of package pkg would write it, the way
// modules.TypeText records a parameter: "*ports.Message", "[]byte",
// "context.Context"; "?" for what that reading does not spell.
func typeText(t types.Type, pkg string) string {
	named := func(obj *types.TypeName) string {
		if obj.Pkg() == nil || obj.Pkg().Path() == pkg {
			return obj.Name()
		}
		return obj.Pkg().Name() + "." + obj.Name()
	}
	switch x := t.(type) {
	case *types.Alias:
		return named(x.Obj())
	case *types.Named:
		return named(x.Obj())
	case *types.TypeParam:
		return x.Obj().Name()
	case *types.Basic:
		return x.Name()
	case *types.Pointer:
		return "*" + typeText(x.Elem(), pkg)
	case *types.Slice:
		return "[]" + typeText(x.Elem(), pkg)
	case *types.Map:
		return "map[" + typeText(x.Key(), pkg) + "]" + typeText(x.Elem(), pkg)
	}
	return "?"
}

// sameTypeText compares two spellings, "?" in either matching anything
// in its place.
func sameTypeText(a, b string) bool {
	return a == b || strings.Contains(a, "?") || strings.Contains(b, "?")
}

// implements reports whether a method's receiver type recv implements
// iface, by its own method set or by its pointer's (a method on T is
// called through an interface that *T satisfies).
func implements(recv types.Type, iface *types.Interface) bool {
	return types.Implements(recv, iface) || types.Implements(types.NewPointer(recv), iface)
}
