package gorules

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema/gomodel"
)

// Consumer-declared interfaces (keyfacts/wiring.go). A service calls its
// repository through an interface it declares (s.repo.Create(ctx, in));
// the repository imports the service and implements it with an exported
// type; main wires the two. Under go vet, the service package sees no
// implementation and the repository package sees no caller, so:
//
//   - the service package, at a call through a module interface whose
//     implementations are all out of view (unseenImpls), records each
//     argument path that may carry a key (a field named as a key column)
//     and that it takes unchecked from its own parameter: an IfaceParams
//     fact on the function, followed up through its wrappers as a
//     KeyParams is (the same call rounds, run again in pending mode);
//   - a caller that passes a value that may be nil or empty there
//     records a pending call (keyfacts.PendingCalls), re-exported by
//     every importer;
//   - the package that converts an implementation's type to the
//     interface (service.NewOrders(repo.NewOrderRepo(db)), an assignment,
//     a struct field, a return), and sees both a pending call and the
//     implementation's keys (an Exported keyfacts.ImplKey), reports at
//     the conversion: there, the type converted is the implementation
//     that runs.
//
// Pending mode judges values as checkCalls does, with the same rounds,
// but into its own summaries (pendSums), its own seen positions, and
// records instead of reporting (reportVia); the contract rules and the
// dependence of a converted value on a parameter (passDep) stay out of
// it: the key's column and its NULL/empty handling are not known until
// the wiring.

// checkPending runs the call rounds in pending mode.
func (c *checker) checkPending() {
	if !c.mayPend() {
		return
	}
	c.keyWritingMethods() // from the real summaries, before they are set aside
	sums, seen := c.sums, c.seen
	if c.pendSums == nil {
		c.pendSums = keyfacts.Summaries{}
	}
	c.sums, c.seen, c.pendingMode = c.pendSums, map[reported]bool{}, true
	defer func() { c.sums, c.seen, c.pendingMode = sums, seen, false }()
	for round := 0; round < 4; round++ {
		before := c.sums.Size()
		c.checkCalls()
		if c.sums.Size() == before {
			break
		}
	}
}

// mayPend reports whether the package can hold a pending call or a
// forwarding function: it imports a function with an IfaceParams fact,
// or calls through a module interface (the seeds).
func (c *checker) mayPend() bool {
	if c.pass.Module == nil || c.ModuleMethods == nil {
		return false
	}
	for _, of := range c.pass.AllObjectFacts() {
		if _, ok := of.Fact.(*keyfacts.IfaceParams); ok {
			return true
		}
	}
	// A call through an interface is a method selection on one (see
	// calledInterfaceMethod): the type checker's record of selections is
	// read rather than the files walked. A method value that is not
	// called also counts, which only costs the pending rounds.
	for _, sel := range c.pass.TypesInfo.Selections {
		if sel.Kind() == types.MethodVal && c.inModule(sel.Obj().Pkg()) && types.IsInterface(sel.Recv()) {
			return true
		}
	}
	return false
}

// pendingCall is checkCalls' work on one call in pending mode.
func (c *checker) pendingCall(fd *ast.FuncDecl, call *ast.CallExpr) {
	var keys []keyfacts.KeyParam
	callee := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if callee != nil {
		keys = c.sums[callee]
		if keys == nil {
			var f keyfacts.IfaceParams
			if callee.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(callee, &f) {
				keys = f.Keys
			}
		}
	} else if m := calledInterfaceMethod(c.pass.TypesInfo, call); m != nil {
		callee, keys = m, c.ifaceSeeds(call, m)
		if len(keys) == 0 {
			if fwd, fk := c.ifaceForwarder(call, m); fwd != nil {
				callee, keys = fwd, fk
			}
		}
	}
	if len(keys) == 0 {
		return
	}
	caller := ""
	if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
		caller = qualifiedName(obj)
	}
	c.pendingCaller, c.pendingVia = caller, qualifiedName(callee)
	c.pendingDirect = callee.Signature().Recv() != nil && types.IsInterface(callee.Signature().Recv().Type())
	for _, k := range keys {
		if k.Iface != nil {
			c.checkCallArg(fd, call, callee, k)
		}
	}
}

// ifaceForwarder returns, for a call through interface method m of the
// module whose implementations are all in view (a handler's own
// interface, type PaymentService interface{ Create(ctx, Req) error },
// implemented by the service package it imports), the one implementing
// method that passes a parameter on to a consumer-declared interface (an
// IfaceParams fact, or the package's own pending summaries), with those
// keys: the call is judged as a call of it. Nil when there is none or
// more than one.
func (c *checker) ifaceForwarder(call *ast.CallExpr, m *types.Func) (*types.Func, []keyfacts.KeyParam) {
	if !c.inModule(m.Pkg()) || len(c.unseenImpls(call)) > 0 {
		return nil, nil
	}
	iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil, nil
	}
	if c.forwarders == nil {
		c.forwarders = map[*types.Func][]keyfacts.KeyParam{}
		for _, of := range c.pass.AllObjectFacts() {
			ip, ok := of.Fact.(*keyfacts.IfaceParams)
			fn, isFunc := of.Object.(*types.Func)
			if ok && isFunc && fn.Pkg() != c.pass.Pkg && fn.Signature().Recv() != nil {
				c.forwarders[fn] = ip.Keys
			}
		}
	}
	var found *types.Func
	var keys []keyfacts.KeyParam
	n := 0
	consider := func(fn *types.Func, ks []keyfacts.KeyParam) {
		if fn.Name() != m.Name() || fn.Signature().Recv() == nil || types.IsInterface(fn.Signature().Recv().Type()) || !implements(fn.Signature().Recv().Type(), iface) {
			return
		}
		var own []keyfacts.KeyParam
		for _, k := range ks {
			if k.Iface != nil {
				own = append(own, k)
			}
		}
		if len(own) > 0 {
			n++
			found, keys = fn, own
		}
	}
	for fn, ks := range c.forwarders {
		consider(fn, ks)
	}
	for fn, ks := range c.pendSums {
		if fn.Pkg() == c.pass.Pkg {
			consider(fn, ks)
		}
	}
	if n != 1 {
		return nil, nil
	}
	return found, keys
}

// ifaceSeeds returns the argument paths of call, a call through module
// interface method m whose implementations are all out of view, that may
// carry a key: a field (of a struct argument or one it points to) whose
// column name is a key column's, or an argument whose parameter is named
// as one. Nil when an implementation is in view (checkCalls follows or
// notes the call) or none is declared out of view.
func (c *checker) ifaceSeeds(call *ast.CallExpr, m *types.Func) []keyfacts.KeyParam {
	if !c.inModule(m.Pkg()) || c.interfaceCallee(call) != nil || len(c.keyWritingImpls(call)) > 0 || len(c.unseenImpls(call)) == 0 {
		return nil
	}
	named, ok := types.Unalias(m.Signature().Recv().Type()).(*types.Named)
	if !ok {
		return nil
	}
	var out []keyfacts.KeyParam
	for _, a := range c.keyArgs(m) {
		ia := &keyfacts.IfaceArg{IfacePkg: m.Pkg().Path(), Iface: named.Obj().Name(), Method: m.Name(), Arg: a.arg, ArgPath: a.path}
		out = append(out, keyfacts.KeyParam{Param: a.arg, Path: a.path, Table: ia.Name(), Column: fmt.Sprintf("arg %d%s", a.arg, pathSuffix(a.path)),
			Null: true, Empty: true, Zero: vocab.HoldsFixedID(argPathType(m.Signature().Params().At(a.arg).Type(), a.path)), Iface: ia})
	}
	return out
}

// argPathType is the type of the field path of a value of type t, through
// pointers and (elemMark) slice elements; nil when a step is no field.
func argPathType(t types.Type, path []string) types.Type {
	for _, name := range path {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		if name == elemMark {
			sl, ok := t.Underlying().(*types.Slice)
			if !ok {
				return nil
			}
			t = sl.Elem()
			continue
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return nil
		}
		var next types.Type
		for f := range st.Fields() {
			if f.Name() == name {
				next = f.Type()
			}
		}
		if next == nil {
			return nil
		}
		t = next
	}
	return t
}

// keyValueType reports whether a key can be a value of type t: a string,
// a pointer to one, a NULL wrapper (sql.NullString), or a fixed-size ID
// (uuid.UUID, whose nil UUID repeats).
func keyValueType(t types.Type) bool {
	if vocab.HoldsFixedID(t) {
		return true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return vocab.IsString(p.Elem())
	}
	return vocab.IsString(t) || vocab.IsNullStruct(t)
}

// qualifiedName names fn for messages with its package's name:
// "service.Orders.PlaceOrder".
func qualifiedName(fn *types.Func) string {
	name := calleeName(fn)
	if fn.Pkg() != nil && fn.Signature().Recv() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// recordPending records f, found in pending mode at a call that passes a
// value for k, as a pending call. Contract findings are not: they are
// about the column's type, which only the implementation knows.
func (c *checker) recordPending(f finding, k keyfacts.KeyParam) {
	if f.byContract || k.Iface == nil || c.inTestFile(f.at.Pos()) {
		return
	}
	reason := f.why
	if i := strings.LastIndex(reason, "; "); i >= 0 {
		reason = reason[:i] // the via text names the pending target, not a column
	}
	if k.Scoped && f.zero != "" {
		reason += ", and is written as one part of a key format, whose other parts alone are then the key"
	}
	c.pending = append(c.pending, keyfacts.PendingCall{IfaceArg: *k.Iface, Nil: f.code == checks.GoNullKey, Zero: f.zero, Written: f.written || c.pendingDirect,
		Reason: reason, At: c.modulePos(f.at.Pos()), Caller: c.pendingCaller, Via: c.pendingVia})
}

// recordUnfollowed records, in pending mode, a call that passes for k a
// value bad as why says only under a condition on the caller's own
// parameter, which is not followed to the caller's callers: the wiring
// notes it rather than stay silent.
func (c *checker) recordUnfollowed(at ast.Expr, k keyfacts.KeyParam, why string) {
	if k.Iface == nil || at == nil || c.inTestFile(at.Pos()) {
		return
	}
	c.pending = append(c.pending, keyfacts.PendingCall{IfaceArg: *k.Iface, Unfollowed: true,
		Reason: why, At: c.modulePos(at.Pos()), Caller: c.pendingCaller, Via: c.pendingVia})
}

// modulePos is pos as file:line:col with the file's path inside the
// module ("internal/api/api.go:48:12"), else the package's.
func (c *checker) modulePos(pos token.Pos) string {
	p := c.pass.Fset.Position(pos)
	dir := c.pass.Pkg.Path()
	if c.pass.Module != nil && c.pass.Module.Path != "" {
		dir = strings.TrimPrefix(strings.TrimPrefix(dir, c.pass.Module.Path), "/")
	}
	return fmt.Sprintf("%s:%d:%d", path.Join(dir, path.Base(p.Filename)), p.Line, p.Column)
}

// exportPending exports the IfaceParams facts of the package's functions
// and its PendingCalls fact, and returns the pending calls in view.
func (c *checker) exportPending() []keyfacts.PendingCall {
	for fn, keys := range c.pendSums {
		if fn.Pkg() != c.pass.Pkg {
			continue
		}
		var own []keyfacts.KeyParam
		for _, k := range keys {
			if k.Iface != nil {
				own = append(own, k)
			}
		}
		if len(own) > 0 {
			c.pass.ExportObjectFact(fn, &keyfacts.IfaceParams{Keys: own})
		}
	}
	return keyfacts.ReexportPending(c.pass, c.pending)
}

// checkWiring reports, at each conversion of an implementation's type to
// a consumer-declared interface in the package, the pending calls in
// view whose value that implementation writes into a key that a NULL or
// an empty value defeats. impls are the ImplKeys entries in view.
func (c *checker) checkWiring(pending []keyfacts.PendingCall, impls []keyfacts.ImplKey) {
	if len(pending) == 0 && !c.Notes {
		return
	}
	done := map[string]bool{}
	signed := map[string]bool{}
	noted := map[string]bool{}
	c.conversions(func(at ast.Expr, target *types.Named) {
		if c.inTestFile(at.Pos()) {
			return
		}
		src := c.pass.TypesInfo.TypeOf(at)
		if src == nil || types.IsInterface(src) {
			return
		}
		if p, ok := src.Underlying().(*types.Pointer); ok {
			src = p.Elem()
		}
		sn, ok := types.Unalias(src).(*types.Named)
		if !ok || sn.Obj().Pkg() == nil {
			return
		}
		for _, e := range append(slices.Clone(impls), c.convertedImplKeys(sn, target, impls)...) {
			if e.ImplPkg != sn.Obj().Pkg().Path() || strings.TrimSuffix(e.Impl, "."+e.Method) != sn.Obj().Name() || !hasIfaceMethod(target, e) {
				continue
			}
			c.signWired(at, target, sn, e, signed)
			for _, p := range pending {
				if p.IfacePkg != e.IfacePkg || p.Iface != e.Iface || p.Method != e.Method {
					continue
				}
				for _, k := range e.Keys {
					if k.Param != p.Arg || strings.Join(k.Path, ".") != strings.Join(p.ArgPath, ".") {
						continue
					}
					// One finding per call, argument path and writer: a
					// call that passes two keys gets two.
					id := fmt.Sprintf("%s\x00%d.%s\x00%s.%s", p.At, p.Arg, strings.Join(p.ArgPath, "."), e.ImplPkg, e.Impl)
					if done[id] {
						continue
					}
					if c.reportWired(at, target, sn, e, k, p) {
						done[id] = true
					}
				}
			}
		}
		c.noteUnjudgedWiring(at, target, sn, noted)
	})
}

// noteUnjudgedWiring notes (-v), at the conversion at of sn to the
// module's interface target, the key paths of target's methods that the
// wiring cannot judge, so that its silence claims nothing:
//
//   - a path sn's method passes on to another interface's argument (an
//     IfaceParams fact: a service that hands the key to its store), when
//     target's package does not see sn's (a handler calling the service
//     through the handler's own interface): the callers' calls are
//     followed neither into sn, which they do not see, nor here, where
//     only implementations that write the key themselves are matched;
//   - a path sn's method writes into a column named or marked as a key
//     (KeyParams) that the callers' calls are not recorded on (keyArgs: a
//     field whose name is not a key column's, such as Key).
func (c *checker) noteUnjudgedWiring(at ast.Expr, target, sn *types.Named, noted map[string]bool) {
	it, ok := target.Underlying().(*types.Interface)
	if !c.Notes || !ok || !c.inModule(target.Obj().Pkg()) {
		return
	}
	pkg := sn.Obj().Pkg()
	ifaceName := target.Obj().Pkg().Name() + "." + target.Obj().Name()
	implName := pkg.Name() + "." + sn.Obj().Name()
	sees := importsPackage(target.Obj().Pkg(), pkg, map[*types.Package]bool{})
	// Only columns named or marked as keys: a column that is a key by use
	// (an upsert's target: relations.object_id, transactions.reference)
	// is written from fields named after it, and a note per such path at
	// every wiring would bury the rest.
	named := c.keyColumnNames()
	for m := range it.Methods() {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(sn), false, pkg, m.Name())
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		seeds := c.keyArgs(m)
		var keys []keyfacts.KeyParam
		if fn.Pkg() == c.pass.Pkg {
			keys = append(slices.Clone(c.sums[fn]), c.pendSums[fn]...)
		} else {
			keys = keyfacts.ImportKeyParams(c.pass, fn)
			var f keyfacts.IfaceParams
			if c.pass.ImportObjectFact(fn, &f) {
				keys = append(slices.Clone(keys), f.Keys...)
			}
		}
		for _, k := range keys {
			arg := fmt.Sprintf("argument %d", k.Param)
			if len(k.Path) > 0 {
				arg += "'s " + strings.Join(k.Path, ".")
			}
			var msg string
			switch {
			case k.Iface != nil && !sees:
				msg = fmt.Sprintf("not followed: %s, wired here as %s, passes %s of %s on to %s; %s does not import %s, so the calls of %s.%s there are not followed into %s, nor through both interfaces here, and the key they pass is not judged",
					implName, ifaceName, arg, m.Name(), k.Target(), target.Obj().Pkg().Name(), pkg.Name(), ifaceName, m.Name(), implName)
			case k.Iface == nil && named[k.Column] && (k.Null || k.Empty || k.EmptyIsNull || k.NilIsEmpty) && !slices.ContainsFunc(seeds, func(a keyArg) bool { return a.arg == k.Param && slices.Equal(a.path, k.Path) }):
				// A package that imports sn's judged its own calls with sn's
				// facts; the export data does not tell which packages do.
				msg = fmt.Sprintf("not followed: %s, wired here as %s, writes %s of %s into %s, a path the calls of %s.%s are checked on only in packages that import %s (no field or parameter on it is named as a key column), so the key the others pass is not judged",
					implName, ifaceName, arg, m.Name(), k.Target(), ifaceName, m.Name(), pkg.Name())
			default:
				continue
			}
			id := fmt.Sprintf("%d\x00%s", at.Pos(), msg)
			if noted[id] {
				continue
			}
			noted[id] = true
			c.note(at.Pos(), "%s", msg)
		}
	}
}

// importsPackage reports whether package from imports pkg, directly or
// through the packages it imports (as their export data records them).
func importsPackage(from, pkg *types.Package, seen map[*types.Package]bool) bool {
	if from == pkg {
		return true
	}
	if seen[from] {
		return false
	}
	seen[from] = true
	for _, imp := range from.Imports() {
		if importsPackage(imp, pkg, seen) {
			return true
		}
	}
	return false
}

// signWired gives the driver, under Input.Wired, the sign that the
// conversion at of sn to target wires e's method (notes.go's
// WiredCategory): the calls of the method that this package sees were
// judged here, when every key path e writes is one the pending calls
// seed (keyArgs), so that a bad value passed at any of them was recorded.
func (c *checker) signWired(at ast.Expr, target, sn *types.Named, e keyfacts.ImplKey, signed map[string]bool) {
	if !c.Wired || !c.Notes || c.inTestFile(at.Pos()) {
		return
	}
	obj, _, _ := types.LookupFieldOrMethod(target, false, target.Obj().Pkg(), e.Method)
	m, ok := obj.(*types.Func)
	if !ok {
		return
	}
	seeds := c.keyArgs(m)
	for _, k := range e.Keys {
		if !slices.ContainsFunc(seeds, func(a keyArg) bool { return a.arg == k.Param && slices.Equal(a.path, k.Path) }) {
			return
		}
	}
	id := e.IfacePkg + "." + e.Iface + "." + e.Method + "\t" + e.ImplPkg + "." + sn.Obj().Name()
	if signed[id] {
		return
	}
	signed[id] = true
	c.pass.Report(analysis.Diagnostic{Pos: at.Pos(), Category: WiredCategory, Message: id})
}

// convertedImplKeys returns, for type sn converted to interface target,
// the entries its methods' own facts give for target's methods where
// impls (the ImplKeys entries in view) have none: the implementing
// package need not import the interface's, as Go does not ask it to
// (package pg's PayoutStore satisfies service's PayoutRepository without
// naming it), and then it lists no ImplKeys entry, but this package,
// which converts the type, sees the KeyParams fact of its method.
func (c *checker) convertedImplKeys(sn, target *types.Named, impls []keyfacts.ImplKey) []keyfacts.ImplKey {
	it, ok := target.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	seen := map[string]bool{}
	for _, e := range impls {
		seen[e.IfacePkg+"."+e.Iface+"."+e.Method+"\x00"+e.ImplPkg+"."+strings.TrimSuffix(e.Impl, "."+e.Method)] = true
	}
	pkg := sn.Obj().Pkg()
	var out []keyfacts.ImplKey
	for m := range it.Methods() {
		recv, ok := types.Unalias(m.Signature().Recv().Type()).(*types.Named)
		if !ok || m.Pkg() == nil || !c.inModule(m.Pkg()) {
			continue
		}
		e := keyfacts.ImplKey{IfacePkg: m.Pkg().Path(), Iface: recv.Obj().Name(), Method: m.Name(),
			Impl: sn.Obj().Name() + "." + m.Name(), ImplPkg: pkg.Path(), Exported: true}
		if seen[e.Name()+"\x00"+pkg.Path()+"."+sn.Obj().Name()] {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(sn), false, pkg, m.Name())
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		if fn.Pkg() == c.pass.Pkg {
			e.Keys = c.sums[fn]
		} else {
			e.Keys = keyfacts.ImportKeyParams(c.pass, fn)
		}
		if len(e.Keys) > 0 {
			out = append(out, e)
		}
	}
	return out
}

// hasIfaceMethod reports whether interface type target has e's method,
// declared by e's interface (itself, or an interface target embeds).
func hasIfaceMethod(target *types.Named, e keyfacts.ImplKey) bool {
	obj, _, _ := types.LookupFieldOrMethod(target, false, target.Obj().Pkg(), e.Method)
	m, ok := obj.(*types.Func)
	if !ok || m.Pkg() == nil || m.Pkg().Path() != e.IfacePkg {
		return false
	}
	recv, ok := types.Unalias(m.Signature().Recv().Type()).(*types.Named)
	return ok && recv.Obj().Name() == e.Iface
}

// reportWired reports pending call p at the conversion at of type sn to
// interface target, when implementation e writes p's value into key k
// so that p's nil or empty value defeats k's rule. It says whether it
// reported.
func (c *checker) reportWired(at ast.Expr, target, sn *types.Named, e keyfacts.ImplKey, k keyfacts.KeyParam, p keyfacts.PendingCall) bool {
	if p.Unfollowed {
		where := p.At
		if p.Via != "" && !strings.HasSuffix(p.Via, "."+p.Iface+"."+p.Method) {
			where += " via " + p.Via
		}
		c.note(at.Pos(), "not followed: %s.%s, wired here as %s.%s, writes %s into %s, and %s, at %s, passes a value that is %s: bad only under that condition on %s's own parameter, which idemlint does not follow to its callers, so the key they pass is not judged here",
			sn.Obj().Pkg().Name(), sn.Obj().Name(), target.Obj().Pkg().Name(), target.Obj().Name(), wiredWhat(p), k.Target(), p.Caller, where, p.Reason, p.Caller)
		return true
	}
	code, how := checks.Code(""), ""
	switch {
	case p.Nil && k.Null:
		code, how = checks.GoNullKey, ""
	case p.Nil && k.NilIsEmpty:
		code, how = checks.GoEmptyKey, nilAsEmpty
	case !p.Nil && k.EmptyIsNull:
		code, how = checks.GoNullKey, " as NULL when it is empty"
	case !p.Nil && (k.Empty || p.Zero != "" && k.Zero):
		code = checks.GoEmptyKey
	default:
		return false
	}
	if code == checks.GoNullKey && k.NullIntended != "" && p.Written && !k.NullCollides {
		c.note(at.Pos(), "%s not reported for %s: %s.%s, wired here as %s.%s, writes the NULL %s passes (%s) on purpose, as the column's comment says: %s",
			code, k.Target(), sn.Obj().Pkg().Name(), sn.Obj().Name(), target.Obj().Pkg().Name(), target.Obj().Name(), p.Caller, p.At, k.NullIntended)
		return true
	}
	what := wiredWhat(p)
	ifaceName := target.Obj().Pkg().Name() + "." + target.Obj().Name()
	where := p.At
	if p.Via != "" {
		where += " via " + p.Via
	}
	passes := "passes one that is " + p.Reason
	if strings.HasPrefix(p.Reason, "the ") && p.Zero == "" {
		passes = "passes one where " + p.Reason // "the Key field is left out, so it is empty"
	}
	why := fmt.Sprintf("%s.%s, wired here as %s, writes %s into it%s, and %s, at %s, %s",
		sn.Obj().Pkg().Name(), sn.Obj().Name(), ifaceName, what, how, p.Caller, where, passes)
	f := finding{code: code, at: at, why: why, nullCollides: k.NullCollides, zero: p.Zero,
		noFix: "the value comes from " + p.Caller + " and the write is " + sn.Obj().Name() + "'s, two packages this one only wires: give the key a value where the request is read, or reject a request without one there"}
	return c.emit(f, k.Table+"."+k.Column, k.Rule, nil)
}

// wiredWhat names the argument path of pending call p for messages: "the
// IdempotencyKey field of argument 1 of Store.InsertPayment", "the
// IdempotencyKey field of each element of argument 1 of …".
func wiredWhat(p keyfacts.PendingCall) string {
	what := "argument " + fmt.Sprint(p.Arg)
	path := p.ArgPath
	if i := hasElem(path); i >= 0 {
		if i > 0 {
			what = "the " + strings.Join(path[:i], ".") + " field of " + what
		}
		what, path = "each element of "+what, path[i+1:]
	}
	if len(path) > 0 {
		what = "the " + strings.Join(path, ".") + " field of " + what
	}
	return what + " of " + p.Iface + "." + p.Method
}

// conversions calls visit for each expression of the package that is
// converted to a named interface type of the module: an argument, an
// assigned or declared value, a composite literal's field or element, a
// returned value, or an explicit conversion.
func (c *checker) conversions(visit func(at ast.Expr, target *types.Named)) {
	info := c.pass.TypesInfo
	to := func(e ast.Expr, t types.Type) {
		if t == nil {
			return
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok || !types.IsInterface(n) || !c.inModule(n.Obj().Pkg()) {
			return
		}
		visit(e, n)
	}
	var walk func(n ast.Node, results *types.Tuple)
	walk = func(root ast.Node, results *types.Tuple) {
		ast.Inspect(root, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.FuncLit:
				if root != x {
					sig, _ := info.TypeOf(x).(*types.Signature)
					if sig != nil {
						walk(x, sig.Results())
					}
					return false
				}
			case *ast.CallExpr:
				if tv, ok := info.Types[x.Fun]; ok && tv.IsType() {
					if len(x.Args) == 1 {
						to(x.Args[0], tv.Type)
					}
					return true
				}
				sig, ok := types.Unalias(info.TypeOf(x.Fun)).(*types.Signature)
				if !ok || (len(x.Args) == 1 && sig.Params().Len() > 1) {
					return true
				}
				for i, a := range x.Args {
					switch {
					case sig.Variadic() && i >= sig.Params().Len()-1 && !x.Ellipsis.IsValid():
						if s, ok := sig.Params().At(sig.Params().Len() - 1).Type().(*types.Slice); ok {
							to(a, s.Elem())
						}
					case i < sig.Params().Len():
						to(a, sig.Params().At(i).Type())
					}
				}
			case *ast.AssignStmt:
				if len(x.Lhs) == len(x.Rhs) && x.Tok == token.ASSIGN {
					for i := range x.Lhs {
						to(x.Rhs[i], info.TypeOf(x.Lhs[i]))
					}
				}
			case *ast.ValueSpec:
				if x.Type != nil && !allBlank(x.Names) { // var _ I = (*T)(nil) asserts, it wires nothing
					for _, v := range x.Values {
						to(v, info.TypeOf(x.Type))
					}
				}
			case *ast.CompositeLit:
				t := info.TypeOf(x)
				if t == nil {
					return true
				}
				switch u := t.Underlying().(type) {
				case *types.Struct:
					for i, el := range x.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							if id, ok := kv.Key.(*ast.Ident); ok {
								if v, ok := info.Uses[id].(*types.Var); ok {
									to(kv.Value, v.Type())
								}
							}
						} else if i < u.NumFields() {
							to(el, u.Field(i).Type())
						}
					}
				case *types.Slice, *types.Array, *types.Map:
					elem := u.(interface{ Elem() types.Type }).Elem()
					for _, el := range x.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							el = kv.Value
						}
						to(el, elem)
					}
				}
			case *ast.ReturnStmt:
				if results != nil && len(x.Results) == results.Len() {
					for i, r := range x.Results {
						to(r, results.At(i).Type())
					}
				}
			}
			return true
		})
	}
	for _, file := range c.pass.Files {
		for _, decl := range file.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Body == nil {
					continue
				}
				var results *types.Tuple
				if obj, ok := info.Defs[d.Name].(*types.Func); ok {
					results = obj.Signature().Results()
				}
				walk(d.Body, results)
			case *ast.GenDecl:
				walk(d, nil)
			}
		}
	}
}

// implEntries returns the ImplKeys entries in view that wiring matches:
// the package's own and those of its imports.
func implEntries(all []keyfacts.ImplKey) []keyfacts.ImplKey {
	return slices.DeleteFunc(slices.Clone(all), func(e keyfacts.ImplKey) bool { return len(e.Keys) == 0 })
}

// seedable reports, for the SSA plan, whether a call of interface method
// m may seed pending calls (ifaceSeeds): a method of a module interface
// that no method in view implements, with a parameter that may carry a
// key.
func (c *checker) seedable(m *types.Func) bool {
	if c.pass.Module == nil || c.ModuleMethods == nil || !c.inModule(m.Pkg()) {
		return false
	}
	if v, ok := c.seedables[m]; ok {
		return v
	}
	if c.seedables == nil {
		c.seedables = map[*types.Func]bool{}
	}
	v := len(c.keyArgs(m)) > 0
	c.seedables[m] = v
	return v
}

// A keyArg is an argument path of a method that may carry a key.
type keyArg struct {
	arg  int
	path []string
}

// keyArgs returns the argument paths of method m that may carry a key: a
// field (of a struct parameter or one it points to) whose column name is
// a key column's, or a parameter named as one; or either of a type named
// as one (a domain value object: Key domain.IdempotencyKey).
func (c *checker) keyArgs(m *types.Func) []keyArg {
	keys := c.keyColumnNames()
	if len(keys) == 0 {
		return nil
	}
	var out []keyArg
	params := m.Signature().Params()
	for i := range params.Len() {
		t := params.At(i).Type()
		if keyValueType(t) && (keys[gomodel.SnakeCase(params.At(i).Name())] || keyTyped(t, keys)) {
			out = append(out, keyArg{i, nil})
			continue
		}
		if sl, ok := t.Underlying().(*types.Slice); ok {
			t = sl.Elem() // every element's fields: InsertItems(ctx, items []Item)
			for _, path := range keyFieldPaths(t, keys, []string{elemMark}, 0) {
				out = append(out, keyArg{i, path})
			}
			continue
		}
		for _, path := range keyFieldPaths(t, keys, nil, 0) {
			out = append(out, keyArg{i, path})
		}
	}
	return out
}

// maxKeyDepth bounds the field paths keyFieldPaths follows into nested
// structs: in.Meta.IdempotencyKey is two deep.
const maxKeyDepth = 3

// keyFieldPaths returns the paths of the exported fields of struct type t
// (or the struct it points to) that may carry a key: a field whose column
// name is a key column's, or such a field of a struct field (of its
// pointer), in.Meta.IdempotencyKey, to maxKeyDepth. A field that is a
// key's value type is not looked into (sql.NullString's String); nor is an embedded struct, whose fields
// are promoted.
func keyFieldPaths(t types.Type, keys map[string]bool, prefix []string, depth int) [][]string {
	if depth >= maxKeyDepth {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var out [][]string
	for j := range st.NumFields() {
		f := st.Field(j)
		if !f.Exported() {
			continue
		}
		path := append(slices.Clip(prefix), f.Name())
		switch {
		case keyValueType(f.Type()):
			if keys[fieldColumn(f, st.Tag(j))] || keyTyped(f.Type(), keys) {
				out = append(out, path)
			}
		case !f.Embedded():
			out = append(out, keyFieldPaths(f.Type(), keys, path, depth+1)...)
		}
	}
	return out
}

// keyTyped reports whether t is, or points to, a named type whose name in
// snake_case is a key column's name (keys): the value object of a domain
// layer, type IdempotencyKey string, held by a field named only Key.
func keyTyped(t types.Type, keys map[string]bool) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && keys[gomodel.SnakeCase(n.Obj().Name())]
}

// allBlank reports whether every name is the blank identifier.
func allBlank(names []*ast.Ident) bool {
	for _, n := range names {
		if n.Name != "_" {
			return false
		}
	}
	return len(names) > 0
}
