package gorules

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/gomodel"
)

// Silence is a claim. Where the rules recognise a write but cannot follow
// the key it writes (rowwrite's notes: a builder run elsewhere, columns
// that are not constants; a table no schema declares; a value the SSA
// form does not hold; a key-writing method called through an interface),
// they say so with a note: a diagnostic of category NoteCategory, which
// idemlint's driver prints under -v as "note: not followed: …" and never
// counts as a finding. Notes are reported only when Input.Notes is set
// (the driver sets it for -v), so other drivers and the default run see
// none and pay nothing for them.

// NoteCategory is the category of a note's diagnostic.
const NoteCategory = "note"

// KeyWritesCategory is the category of the diagnostic Input.KeyWrites
// asks for: not a finding, a sign for the driver.
const KeyWritesCategory = "keywrites"

// IfaceCallCategory and WiredCategory are the categories of the signs
// Input.Wired asks for: not findings, for the driver. An IfaceCallCategory
// sign stands at a note about a call through an interface whose
// implementations are out of view; its message is the method
// ("example.com/svc/billing.InvoiceStore.CreateInvoice") and, after a
// tab each, the implementing types out of view ("example.com/svc/postgres.Store").
// A WiredCategory sign stands at a wiring that converts one of them to
// the interface and judges the calls of the method (wiring.go); its
// message is the method and the type, tab-separated. A note whose every
// implementation out of view is wired in the run is dropped by the driver:
// the wiring judged the key passed there.
const (
	IfaceCallCategory = "ifacecall"
	WiredCategory     = "wired"
)

// note reports a note at pos.
func (c *checker) note(pos token.Pos, format string, args ...any) {
	if !c.Notes || !pos.IsValid() || c.inTestFile(pos) {
		return
	}
	msg := fmt.Sprintf(format, args...)
	id := fmt.Sprint(int(pos)) + "\x00" + msg
	if c.noted[id] {
		return
	}
	if c.noted == nil {
		c.noted = map[string]bool{}
	}
	c.noted[id] = true
	if c.notedAt == nil {
		c.notedAt = map[token.Pos]bool{}
	}
	c.notedAt[pos] = true
	c.pass.Report(analysis.Diagnostic{Pos: pos, Category: NoteCategory, Message: msg})
}

func (c *checker) inTestFile(pos token.Pos) bool {
	f := c.pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// findSites returns the package's insert sites under m; with notes on, the
// first model's run also notes the writes rowwrite recognised but could not
// read (the notes do not depend on the model).
func (c *checker) findSites(m *schema.Model, first bool) []rowwrite.Site {
	if !c.Notes || !first {
		return c.sitesUnder(m.Dialect)
	}
	sites, notes := rowwrite.FindWithNotes(c.pass.Files, c.pass.TypesInfo, m.Dialect, c.wrappers, rowwrite.ImportedHooks(c.importedHooks))
	for _, n := range notes {
		c.note(n.Pos, "%s", n.Message)
	}
	return sites
}

// sitesUnder returns the package's insert sites under dialect d, read
// once: they depend on the dialect alone, not on a model's tables (a
// module with SQL migrations and bun models has two models of one
// dialect).
func (c *checker) sitesUnder(d schema.Dialect) []rowwrite.Site {
	if sites, ok := c.sitesByDialect[d]; ok {
		return sites
	}
	if c.sitesByDialect == nil {
		c.sitesByDialect = map[schema.Dialect][]rowwrite.Site{}
	}
	sites := rowwrite.Find(c.pass.Files, c.pass.TypesInfo, d, c.wrappers, rowwrite.ImportedHooks(c.importedHooks))
	c.sitesByDialect[d] = sites
	return sites
}

// noteUnmodelled notes the writes whose table no model declares (and, with
// no schema at all, the package's first write): their keys are not
// checked.
func (c *checker) noteUnmodelled(perModel [][]rowwrite.Site) {
	if !c.Notes {
		return
	}
	if len(c.models) == 0 {
		sites, _ := rowwrite.FindWithNotes(c.pass.Files, c.pass.TypesInfo, schema.PostgreSQL, c.wrappers, rowwrite.ImportedHooks(c.importedHooks))
		for _, s := range sites {
			if !c.inTestFile(s.Call.Pos()) {
				c.note(s.Query.Pos(), "not followed: %s writes rows, but idemlint found no schema for this module (embed one with //go:embed, or name it with -schema), so no key it writes is checked", s.WriterName())
				return
			}
		}
		return
	}
	known := map[token.Pos]bool{}
	for i, m := range c.models {
		for _, s := range perModel[i] {
			if findSiteTable(m, s) != nil {
				known[s.Call.Pos()] = true
			}
		}
	}
	for _, s := range perModel[0] {
		if known[s.Call.Pos()] {
			continue
		}
		if s.Model != "" && s.Insert.Table == "" {
			c.note(s.Query.Pos(), "not followed: %s writes the table %s's TableName names, which is no constant in this package and matches no Go-declared model of that package and name idemlint read, so the key it writes is not checked", s.WriterName(), s.Model)
			continue
		}
		if s.Insert.Table == "" {
			continue
		}
		table := s.Insert.Table
		if s.Insert.Namespace != "" {
			table = s.Insert.Namespace + "." + table
		}
		c.note(s.Query.Pos(), "not followed: %s writes table %s, which no schema idemlint read declares, so the key it writes is not checked", s.WriterName(), table)
	}
}

// noteInterfaceCall notes a call through an interface method whose
// implementation is not known, so that the key the call passes is not
// checked: more than one method writing a parameter into a key
// implements it (this package's, or ones facts describe); or the module
// declares implementations in packages this one does not import, whose
// facts are out of view (iface.go's unseenImpls), beside one that writes
// a key or, when none in view does, for an argument that carries a field
// named as a key column. With one implementation, and none out of view,
// checkCalls follows the call (iface.go).
func (c *checker) noteInterfaceCall(call *ast.CallExpr) {
	impls, twins := c.keyWritingCandidates(call)
	if len(impls) == 0 && len(twins) > 0 {
		c.noteTwinCall(call, twins)
		return
	}
	var names []string
	for _, fn := range impls {
		names = append(names, c.implsOf(fn)...)
	}
	if len(names) >= 2 {
		sort.Strings(names)
		k := c.methods[impls[0]][0]
		c.note(call.Pos(), "not followed: %s is called through an interface that %d methods writing %s implement (%s); which one runs is not known, so the key passed here is not checked",
			types.ExprString(call.Fun), len(names), k.Target(), strings.Join(names, ", "))
		return
	}
	if len(impls) == 1 {
		unseen := c.unseenImpls(call)
		if len(unseen) == 0 {
			return
		}
		k := c.methods[impls[0]][0]
		c.note(call.Pos(), "not followed: %s is called through an interface that %s implements, writing %s, and that %s implement%s too in packages this one does not import; which one runs is not known, so the key passed here is not checked",
			types.ExprString(call.Fun), names[0], k.Target(), strings.Join(unseen, ", "), pluralS(len(unseen) == 1))
		return
	}
	if m := calledInterfaceMethod(c.pass.TypesInfo, call); m == nil || !c.inModule(m.Pkg()) {
		return // a library's interface (io.Writer): the module declares none of its implementations
	}
	field, ok := c.keyFieldArg(call)
	if !ok {
		return
	}
	unseen := c.unseenImpls(call)
	if len(unseen) == 0 {
		return
	}
	c.note(call.Pos(), "not followed: %s is called through an interface that %s implement%s in packages this one does not import, so whether it writes %s into a key column is not known here and the key passed is not checked here; a key this function takes from its callers unchecked is judged where a package that sees this call's callers converts one of those types to the interface (the wiring)",
		types.ExprString(call.Fun), strings.Join(unseen, ", "), pluralS(len(unseen) == 1), field)
	if c.Wired && !c.inTestFile(call.Pos()) {
		if m := calledInterfaceMethod(c.pass.TypesInfo, call); m != nil {
			if id := ifaceMethodID(m); id != "" {
				c.pass.Report(analysis.Diagnostic{Pos: call.Pos(), Category: IfaceCallCategory, Message: strings.Join(append([]string{id}, c.unseenImplIDs(m)...), "\t")})
			}
		}
	}
}

// ifaceMethodID names interface method m for the driver's signs:
// "example.com/svc/billing.InvoiceStore.CreateInvoice"; "" for a method
// of an unnamed interface.
func ifaceMethodID(m *types.Func) string {
	recv, ok := types.Unalias(m.Signature().Recv().Type()).(*types.Named)
	if !ok || m.Pkg() == nil {
		return ""
	}
	return m.Pkg().Path() + "." + recv.Obj().Name() + "." + m.Name()
}

// pluralS is the verb ending for a subject of one ("implements") or more
// ("implement").
func pluralS(one bool) string {
	if one {
		return "s"
	}
	return ""
}

// keyFieldArg returns, for a note, the first field of an argument of call
// (a struct, or a pointer to one) whose column name (its db, bun or gorm
// tag, else its name in snake_case) is the name of an idempotency-key
// column of a table the package's schemas declare: "the IdempotencyKey
// field of &Message{…}". Else the first field path the wiring seeds for
// the called method (keyArgs) deeper in an argument, so that a call the
// wiring judges is not silent here: a key field of each element of a slice
// ("the IdempotencyKey field of each element of in.Items"), a nested field
// ("the Meta.IdempotencyKey field of in"); unless a note of its own already
// stands in the call (the pending calls' "reaches the key through the
// pointer field Checkout"): one note per call. (A plain argument named as
// a key is left out, as before: most are a lookup's, GetByIdempotencyKey.)
func (c *checker) keyFieldArg(call *ast.CallExpr) (string, bool) {
	if s, ok := c.keyStructFieldArg(call); ok {
		return s, true
	}
	m := calledInterfaceMethod(c.pass.TypesInfo, call)
	if m == nil {
		return "", false
	}
	for pos := range c.notedAt {
		if call.Pos() <= pos && pos < call.End() {
			return "", false
		}
	}
	for _, a := range c.keyArgs(m) {
		if a.arg >= len(call.Args) || m.Signature().Variadic() && a.arg >= m.Signature().Params().Len()-1 {
			continue
		}
		arg := types.ExprString(call.Args[a.arg])
		switch {
		case len(a.path) == 0:
			continue
		case a.path[0] == elemMark:
			return "the " + strings.Join(a.path[1:], ".") + " field of each element of " + arg, true
		default:
			return "the " + strings.Join(a.path, ".") + " field of " + arg, true
		}
	}
	return "", false
}

// keyStructFieldArg is keyFieldArg's first answer: a key field of a
// struct argument itself.
func (c *checker) keyStructFieldArg(call *ast.CallExpr) (string, bool) {
	keys := c.keyColumnNames()
	if len(keys) == 0 {
		return "", false
	}
	for _, a := range call.Args {
		t := c.pass.TypesInfo.TypeOf(a)
		if t == nil {
			continue
		}
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			f := st.Field(i)
			if keys[fieldColumn(f, st.Tag(i))] || (keyValueType(f.Type()) && keyTyped(f.Type(), keys)) {
				return "the " + f.Name() + " field of " + types.ExprString(a), true
			}
		}
	}
	return "", false
}

// keyColumnNames returns the names of the columns named or marked as
// idempotency keys (schema.KeyMatcher.IsNamedKey; not every unique
// column) in the tables the package's schemas (else the module's)
// declare, read once.
func (c *checker) keyColumnNames() map[string]bool {
	if c.keyCols != nil {
		return c.keyCols
	}
	c.keyCols = map[string]bool{}
	keys := c.keyMatcher()
	var names []string
	switch {
	case len(c.models) > 0:
		names = KeyColumnNames(c.models, keys)
	case c.ModuleKeyColumns != nil:
		names = c.ModuleKeyColumns(keys)
	case c.ModuleModels != nil:
		names = KeyColumnNames(c.ModuleModels(), keys)
	}
	for _, name := range names {
		c.keyCols[name] = true
	}
	return c.keyCols
}

// KeyColumnNames returns the names of the columns named or marked as
// idempotency keys under keys (schema.KeyMatcher.IsNamedKey) in the
// tables of models, each once, in the models' order.
func KeyColumnNames(models []*schema.Model, keys schema.KeyMatcher) []string {
	var names []string
	seen := map[string]bool{}
	for _, m := range models {
		for _, t := range m.Tables {
			for _, col := range t.Columns {
				if !seen[col.Name] && keys.IsNamedKey(t, col) {
					seen[col.Name] = true
					names = append(names, col.Name)
				}
			}
		}
	}
	return names
}

// fieldColumn is the column a struct field maps to: its db, bun or gorm
// tag's column name, else its name in snake_case.
func fieldColumn(f *types.Var, tag string) string {
	st := reflect.StructTag(tag)
	for _, k := range []string{"db", "bun"} {
		if v, ok := st.Lookup(k); ok {
			if name, _, _ := strings.Cut(v, ","); name != "" && name != "-" {
				return name
			}
		}
	}
	if v, ok := st.Lookup("gorm"); ok {
		for _, part := range strings.Split(v, ";") {
			if name, ok := strings.CutPrefix(strings.TrimSpace(part), "column:"); ok {
				return name
			}
		}
	}
	return gomodel.SnakeCase(f.Name())
}

// noteTwinCall notes a call through an interface method that no method in
// view writing a key implements, while twins, methods of the same name and
// signature that write a parameter into a key, belong to types that are
// not the interface: a type embedding one (an adapter, perhaps in a
// package this one does not see) may run it here, so the call is neither
// followed nor silent.
func (c *checker) noteTwinCall(call *ast.CallExpr, twins []*types.Func) {
	// Names as seen from this package: a store and the interface it is
	// called through are often both Store, in packages both named ledger.
	here := func(p *types.Package) string {
		switch {
		case p == c.pass.Pkg:
			return ""
		case p.Name() == c.pass.Pkg.Name():
			parts := strings.Split(p.Path(), "/")
			return strings.Join(parts[max(0, len(parts)-2):], "/")
		}
		return p.Name()
	}
	names := make([]string, len(twins))
	recvs := make([]string, len(twins))
	for i, fn := range twins {
		recvs[i] = vocab.RecvName(fn)
		if q := here(fn.Pkg()); q != "" {
			recvs[i] = q + "." + recvs[i]
		}
		names[i] = recvs[i] + "." + fn.Name()
	}
	k := c.methods[twins[0]][0]
	iface := types.TypeString(c.pass.TypesInfo.Selections[call.Fun.(*ast.SelectorExpr)].Recv(), here)
	verb := "does"
	if len(twins) > 1 {
		verb = "do"
	}
	c.note(call.Pos(), "not followed: %s is called through %s, which no key-writing method in view implements; %s writes %s with the same signature, but %s %s not implement %s (a type embedding it may, as an adapter does), so the key passed here is not checked",
		types.ExprString(call.Fun), iface, strings.Join(names, " and "), k.Target(), strings.Join(recvs, " and "), verb, iface)
}

// noteInterfaceCalls runs noteInterfaceCall over the package's calls that
// have no static callee.
func (c *checker) noteInterfaceCalls() {
	if !c.Notes {
		return
	}
	for _, file := range c.pass.Files {
		if c.inTestFile(file.Pos()) {
			continue
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && typeutil.StaticCallee(c.pass.TypesInfo, call) == nil && calledInterfaceMethod(c.pass.TypesInfo, call) != nil {
				c.noteInterfaceCall(call)
			}
			return true
		})
	}
}

// noteImplementedInterfaces notes each of the package's methods that
// writes a parameter into a key and implements a method of an interface
// declared in a package it imports: a repository whose interface the
// service layer declares and calls (store.InsertLog(ctx, &log) on a
// controller.Store), while the repository imports the service layer, not
// the other way round. go/analysis checks the callers' package first, when
// this method's fact does not exist yet, so what they pass is not checked.
func (c *checker) noteImplementedInterfaces() {
	if !c.Notes {
		return
	}
	for fn, keys := range c.sums {
		recv := fn.Signature().Recv()
		if recv == nil || fn.Pkg() != c.pass.Pkg || len(keys) == 0 {
			continue
		}
		if iface, name, pkg := c.importedInterfaceOf(fn, recv.Type()); iface != nil {
			k := keys[0]
			wiring := ""
			if recvExported(fn) && c.inModule(pkg) {
				wiring = fmt.Sprintf(" here; they are judged where a package converts %s to that interface and sees their calls (the wiring)", vocab.RecvName(fn))
			}
			c.note(fn.Pos(), "not followed: %s writes parameter %d%s into %s and implements %s, declared in a package checked before this one: its callers through that interface in packages that do not import this one are not checked for the key they pass%s",
				calleeName(fn), k.Param, pathSuffix(k.Path), k.Target(), name, wiring)
			c.signImplemented(fn, iface, name, pkg)
		}
	}
}

// signImplemented gives the driver, under Input.Wired, the sign that
// the note at fn (a method implementing ifaceName, "svc.Store.Insert", of
// interface iface declared in package pkg) is about the calls of that
// interface method (IfaceCallCategory), with every type of the module
// that implements iface: a call through the interface may run any of
// them, so only when the run wires each of them (signWired: the wiring
// judged the calls it sees) is the note redundant, and the driver drops
// it, as it drops the note at such a call.
func (c *checker) signImplemented(fn *types.Func, iface *types.Interface, ifaceName string, pkg *types.Package) {
	if !c.Wired || c.inTestFile(fn.Pos()) {
		return
	}
	t := fn.Signature().Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return
	}
	impls := []string{fn.Pkg().Path() + "." + named.Obj().Name()}
	if c.ModuleMethods != nil && c.inModule(pkg) {
		for _, mt := range c.moduleMethods().Types {
			if id := mt.Pkg + "." + mt.Name; !slices.Contains(impls, id) && declaresAll(mt, iface) {
				impls = append(impls, id)
			}
		}
	}
	sort.Strings(impls)
	id := pkg.Path() + "." + strings.TrimPrefix(ifaceName, pkg.Name()+".")
	c.pass.Report(analysis.Diagnostic{Pos: fn.Pos(), Category: IfaceCallCategory, Message: strings.Join(append([]string{id}, impls...), "\t")})
}

// importedInterfaceOf returns an interface, declared in a package the
// package imports, that recv implements and that has a method named as
// fn, with its name for messages (controller.Store.InsertLog).
func (c *checker) importedInterfaceOf(fn *types.Func, recv types.Type) (*types.Interface, string, *types.Package) {
	for _, imp := range c.pass.Pkg.Imports() {
		scope := imp.Scope()
		for _, n := range scope.Names() {
			tn, ok := scope.Lookup(n).(*types.TypeName)
			if !ok || !tn.Exported() {
				continue
			}
			iface, ok := tn.Type().Underlying().(*types.Interface)
			if !ok || iface.NumMethods() == 0 {
				continue
			}
			if m, _, _ := types.LookupFieldOrMethod(iface, false, nil, fn.Name()); m == nil {
				continue
			}
			if implements(recv, iface) {
				return iface, imp.Name() + "." + tn.Name() + "." + fn.Name(), imp
			}
		}
	}
	return nil, "", nil
}

func pathSuffix(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return " (." + strings.Join(path, ".") + ")"
}

// keyWritingMethods returns the methods known to write a parameter into a
// key: this package's summaries and the facts of imported ones. Built once.
func (c *checker) keyWritingMethods() map[*types.Func][]keyfacts.KeyParam {
	if c.methods != nil {
		return c.methods
	}
	c.methods = map[*types.Func][]keyfacts.KeyParam{}
	c.implNames = map[*types.Func][]string{}
	c.implKeys = map[*types.Func][]string{}
	for fn, keys := range c.sums {
		if fn.Signature().Recv() != nil {
			c.methods[fn] = keys
		}
	}
	for _, f := range c.pass.AllObjectFacts() {
		kp, ok := f.Fact.(*keyfacts.KeyParams)
		fn, isFunc := f.Object.(*types.Func)
		if ok && isFunc && fn.Signature().Recv() != nil {
			c.methods[fn] = kp.Keys
			if len(kp.Impls) > 0 {
				c.implNames[fn] = kp.Impls
				for _, name := range kp.Impls {
					c.implKeys[fn] = append(c.implKeys[fn], fn.Pkg().Path()+"."+name)
				}
			}
		}
	}
	c.importedImplKeys()
	// Generated methods that write a bad key on every call (generated.go)
	// are called through interfaces too (sqlc's Querier): a key parameter
	// of none, Param -1, which checkCallArg skips.
	gen := map[*types.Func][]keyfacts.GeneratedKey{}
	for fn, keys := range c.genWrites {
		gen[fn] = keys
	}
	for _, f := range c.pass.AllObjectFacts() {
		if gw, ok := f.Fact.(*keyfacts.GeneratedWrite); ok {
			if fn, isFunc := f.Object.(*types.Func); isFunc {
				gen[fn] = gw.Keys
			}
		}
	}
	c.genVia = map[*types.Func][]string{}
	for fn, keys := range gen {
		if fn.Signature().Recv() == nil {
			continue
		}
		for _, g := range keys {
			if g.Via != "" {
				c.genVia[fn] = append(c.genVia[fn], g.Via)
			} else {
				c.genVia[fn] = append(c.genVia[fn], "") // a write of its own: never dropped
			}
			c.methods[fn] = append(slices.Clip(c.methods[fn]), keyfacts.KeyParam{Param: -1, Table: g.Table, Column: g.Column})
		}
	}
	return c.methods
}
