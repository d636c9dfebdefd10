package gorules

import (
	"go/ast"
	"go/types"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
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
	impls = c.dropDecorators(c.dropShownImpls(impls))
	byName := func(fns []*types.Func) {
		sort.Slice(fns, func(i, j int) bool { return calleeName(fns[i]) < calleeName(fns[j]) })
	}
	byName(impls)
	byName(twins)
	return impls, twins
}

// Unexported implementations. A package that declares an interface and
// implements it with an unexported type (func NewStore(db) Store {
// return &pgStore{db} }) exports the keys of that type's methods on the
// interface's methods too (exportInterfaceKeys), naming the methods
// (keyfacts.KeyParams.Impls): an importer reads the package from export
// data, which has no unexported types, so their own facts never reach
// it. To the importer the interface method is then a key-writing method
// that implements the interface called, standing for the methods it
// names; where those are in view themselves (a pass over source), they
// are the candidates and it is dropped (dropShownImpls).

// exportInterfaceKeys exports, on each method of an exported interface
// declared in this package that a key-writing method of the package
// with an unexported receiver implements, the keys of the package's
// key-writing methods that implement it, with their names. Several
// names leave the call unjudged, as several candidates do.
func (c *checker) exportInterfaceKeys() {
	hidden := false
	for fn, keys := range c.sums {
		if len(keys) > 0 && fn.Pkg() == c.pass.Pkg && fn.Signature().Recv() != nil && !recvExported(fn) {
			hidden = true
			break
		}
	}
	if !hidden {
		return
	}
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || !tn.Exported() || tn.IsAlias() {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for i := range iface.NumMethods() {
			m := iface.Method(i)
			if m.Pkg() != c.pass.Pkg || !m.Exported() {
				continue // an embedded interface's method: another package's object
			}
			var impls []*types.Func
			unexported := false
			for fn, keys := range c.sums {
				if len(keys) == 0 || fn.Pkg() != c.pass.Pkg || fn.Name() != m.Name() || fn.Signature().Recv() == nil {
					continue
				}
				if _, isIface := fn.Signature().Recv().Type().Underlying().(*types.Interface); isIface {
					continue
				}
				if implements(fn.Signature().Recv().Type(), iface) {
					impls = append(impls, fn)
					unexported = unexported || !recvExported(fn)
				}
			}
			if !unexported {
				continue
			}
			sort.Slice(impls, func(i, j int) bool { return calleeName(impls[i]) < calleeName(impls[j]) })
			names := make([]string, len(impls))
			for i, fn := range impls {
				names[i] = calleeName(fn)
			}
			c.pass.ExportObjectFact(m, &keyfacts.KeyParams{Keys: c.sums[impls[0]], Impls: names})
		}
	}
}

// recvExported reports whether method fn's receiver type is exported.
func recvExported(fn *types.Func) bool {
	t := fn.Signature().Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Exported()
}

// Implementations in other packages. A package whose unexported type
// implements an interface declared in a package it imports (package
// pgstore's pgPayoutStore, returned as a domain.PayoutStore) cannot put
// a fact on that interface's method, another package's object: it lists
// the type's key-writing methods in its package fact
// (keyfacts.ImplKeys), which each importer re-exports with its own. To a
// package that reads the fact, the interface method is then a
// key-writing method standing for the implementations the entries name
// (implNames, implKeys), as for an interface of the implementing
// package; dropped in favour of the methods themselves where those are
// in view (a pass over source).

// foreignImplKeys returns the entries of this package's ImplKeys fact:
// for each key-writing method with an unexported receiver, the methods of
// exported interfaces of the packages it imports (the standard library
// aside) that the method implements; for one with an exported receiver,
// those of the module's packages only (Exported entries, for the wiring:
// wiring.go).
func (c *checker) foreignImplKeys() []keyfacts.ImplKey {
	var out []keyfacts.ImplKey
	for fn, keys := range c.sums {
		if len(keys) == 0 || fn.Pkg() != c.pass.Pkg || fn.Signature().Recv() == nil {
			continue
		}
		exported := recvExported(fn)
		recv := fn.Signature().Recv().Type()
		if _, isIface := recv.Underlying().(*types.Interface); isIface {
			continue
		}
		for _, imp := range c.pass.Pkg.Imports() {
			if !strings.Contains(strings.Split(imp.Path(), "/")[0], ".") && !c.inModule(imp) {
				continue // the standard library's interfaces (io.Writer)
			}
			if exported && !c.inModule(imp) {
				continue // an exported type's facts reach every importer: only a consumer-declared interface needs the entry (wiring.go)
			}
			scope := imp.Scope()
			for _, name := range scope.Names() {
				tn, ok := scope.Lookup(name).(*types.TypeName)
				if !ok || !tn.Exported() {
					continue
				}
				iface, ok := tn.Type().Underlying().(*types.Interface)
				if !ok || iface.NumMethods() == 0 {
					continue
				}
				if m, _, _ := types.LookupFieldOrMethod(iface, false, nil, fn.Name()); m == nil || !implements(recv, iface) {
					continue
				}
				out = append(out, keyfacts.ImplKey{IfacePkg: imp.Path(), Iface: tn.Name(), Method: fn.Name(),
					Impl: calleeName(fn), ImplPkg: c.pass.Pkg.Path(), Keys: keys, Exported: exported})
			}
		}
	}
	return out
}

// foreignImplMethods returns the interface methods imported ImplKeys
// entries name.
func (c *checker) foreignImplMethods() map[*types.Func]bool {
	if c.foreignMethods == nil {
		c.foreignMethods = map[*types.Func]bool{}
		for _, pf := range c.pass.AllPackageFacts() {
			if f, ok := pf.Fact.(*keyfacts.ImplKeys); ok && pf.Package != c.pass.Pkg {
				for _, e := range f.Impls {
					if e.Exported {
						continue // matched at the wiring (wiring.go)
					}
					if m := c.viewMethod(e); m != nil {
						c.foreignMethods[m] = true
					}
				}
			}
		}
	}
	return c.foreignMethods
}

// importedImplKeys adds to methods the interface methods that imported
// ImplKeys entries say key-writing methods of other packages implement,
// each standing for the implementations its entries name.
func (c *checker) importedImplKeys() {
	for _, pf := range c.pass.AllPackageFacts() {
		f, ok := pf.Fact.(*keyfacts.ImplKeys)
		if !ok || pf.Package == c.pass.Pkg {
			continue
		}
		for _, e := range f.Impls {
			if e.Exported {
				continue // matched at the wiring (wiring.go)
			}
			m := c.viewMethod(e)
			if m == nil {
				continue
			}
			key := e.ImplPkg + "." + e.Impl
			if slices.Contains(c.implKeys[m], key) {
				continue
			}
			if _, had := c.methods[m]; !had {
				c.methods[m] = e.Keys
			}
			c.implNames[m] = append(c.implNames[m], e.Impl)
			c.implKeys[m] = append(c.implKeys[m], key)
		}
	}
}

// viewMethod returns the method e names, of an interface of a package in
// view, or nil.
func (c *checker) viewMethod(e keyfacts.ImplKey) *types.Func {
	p := c.viewPackage(e.IfacePkg)
	if p == nil {
		return nil
	}
	tn, ok := p.Scope().Lookup(e.Iface).(*types.TypeName)
	if !ok {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(tn.Type(), false, p, e.Method)
	m, _ := obj.(*types.Func)
	return m
}

// viewPackage returns the package of path among this one and those it
// imports, directly or not, or nil.
func (c *checker) viewPackage(p string) *types.Package {
	if c.viewPkgs == nil {
		c.viewPkgs = map[string]*types.Package{}
		var visit func(p *types.Package)
		visit = func(p *types.Package) {
			if c.viewPkgs[p.Path()] != nil {
				return
			}
			c.viewPkgs[p.Path()] = p
			for _, imp := range p.Imports() {
				visit(imp)
			}
		}
		visit(c.pass.Pkg)
	}
	return c.viewPkgs[p]
}

// implsOf returns the names of the methods candidate fn stands for: the
// implementations an interface method's fact names, else fn itself.
func (c *checker) implsOf(fn *types.Func) []string {
	if names := c.implNames[fn]; len(names) > 0 {
		return names
	}
	return []string{calleeName(fn)}
}

// dropShownImpls drops from impls the interface methods whose named
// implementations are all among impls themselves (their package was read
// from source): each is counted once, as itself.
func (c *checker) dropShownImpls(impls []*types.Func) []*types.Func {
	shown := map[string]bool{}
	for _, fn := range impls {
		if c.implNames[fn] == nil && fn.Pkg() != nil {
			shown[fn.Pkg().Path()+"."+calleeName(fn)] = true
		}
	}
	out := impls[:0]
	for _, fn := range impls {
		if keys := c.implKeys[fn]; keys != nil && !slices.ContainsFunc(keys, func(k string) bool { return !shown[k] }) {
			continue
		}
		out = append(out, fn)
	}
	return out
}

// interfaceCallee returns the one key-writing implementation of the
// interface method call calls, or nil. It is nil too when the module
// declares implementations in packages this one does not see
// (unseenImpls): any of them may be the one that runs, and what it
// writes is not known here (noteInterfaceCall says so).
func (c *checker) interfaceCallee(call *ast.CallExpr) *types.Func {
	if impls := c.keyWritingImpls(call); len(impls) == 1 && len(c.implsOf(impls[0])) == 1 && len(c.unseenImpls(call)) == 0 {
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

// unseenImplIDs is unseenImpls with each type's package path
// ("example.com/svc/postgres.Store"), for the driver's signs.
func (c *checker) unseenImplIDs(m *types.Func) []string {
	var out []string
	iface, _ := types.Unalias(m.Signature().Recv().Type()).Underlying().(*types.Interface)
	if iface != nil && c.inModule(m.Pkg()) && c.ModuleMethods != nil {
		inView := c.packagesInView()
		for _, t := range c.moduleMethods().Types {
			if !inView[t.Pkg] && declaresAll(t, iface) {
				out = append(out, t.Pkg+"."+t.Name)
			}
		}
		sort.Strings(out)
	}
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
	// Under go vet, an imported package's imports are only those its
	// export data names; the packages whose implementations reach this
	// one through ImplKeys facts are in view too.
	for _, pf := range c.pass.AllPackageFacts() {
		if f, ok := pf.Fact.(*keyfacts.ImplKeys); ok {
			for _, e := range f.Impls {
				c.inView[e.ImplPkg] = true
			}
		}
	}
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
