package analyzer

import (
	"fmt"
	"github.com/idemlint/idemlint/checks"
	"go/ast"
	"go/format"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/analyzer/insertsite"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/schema"
)

// A keyParamsFact marks a function that writes one of its parameters (or a
// field of one) into an idempotency-key column, the way sqlc's generated
// CreateMessage(ctx, arg CreateMessageParams) writes arg.IdempotencyKey.
// The function alone cannot know whether callers pass a key; its callers,
// in this package or in packages that import it, are checked instead.
type keyParamsFact struct {
	Keys []keyParam
}

// A keyParam is one parameter path that reaches a key column.
type keyParam struct {
	Param         int      // index among the signature's parameters
	Path          []string // field path within the parameter; empty for the parameter itself
	Table, Column string
	Null          bool   // a NULL there repeats under Rule
	Empty         bool   // an empty key there collides under Rule
	Rule          string // "PostgreSQL unique constraint (session_id, idempotency_key)"
	Where         string // the column's schema position, for messages
	MaxLen        int    // the column's declared length, for fixes; 0 when unbounded
}

func (*keyParamsFact) AFact() {}

func (f *keyParamsFact) String() string {
	var parts []string
	for _, k := range f.Keys {
		parts = append(parts, fmt.Sprintf("param %d%s → %s.%s", k.Param, strings.Join(append([]string{""}, k.Path...), "."), k.Table, k.Column))
	}
	return "writes key " + strings.Join(parts, ", ")
}

// summaries collects the key parameters of the package's functions as the
// insert sites are checked, then exports them as facts.
type summaries map[*types.Func][]keyParam

func (s summaries) size() int {
	n := 0
	for _, ks := range s {
		n += len(ks)
	}
	return n
}

func (s summaries) add(fn *types.Func, k keyParam) {
	for _, old := range s[fn] {
		if old.Param == k.Param && strings.Join(old.Path, ".") == strings.Join(k.Path, ".") && old.Column == k.Column {
			return
		}
	}
	s[fn] = append(s[fn], k)
}

// paramPath reports whether e is a parameter of the function declared by
// decl, or a field path on one (arg.IdempotencyKey), and which.
func paramPath(info *types.Info, decl *ast.FuncDecl, e ast.Expr) (int, []string, bool) {
	var path []string
	for {
		e = astutil.Unparen(e)
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			break
		}
		if s, ok := info.Selections[sel]; !ok || s.Kind() != types.FieldVal {
			return 0, nil, false
		}
		path = append([]string{sel.Sel.Name}, path...)
		e = sel.X
	}
	id, ok := e.(*ast.Ident)
	if !ok || decl == nil {
		return 0, nil, false
	}
	obj := info.Uses[id]
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if info.Defs[name] == obj && obj != nil {
				if assigned(info, decl.Body, obj) {
					return 0, nil, false // the parameter is overwritten: not the caller's value
				}
				return i, path, true
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return 0, nil, false
}

// assigned reports whether body assigns to obj (or a field of it).
func assigned(info *types.Info, body *ast.BlockStmt, obj types.Object) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found {
			return !found
		}
		for _, lhs := range as.Lhs {
			for {
				lhs = astutil.Unparen(lhs)
				if sel, ok := lhs.(*ast.SelectorExpr); ok {
					lhs = sel.X
					continue
				}
				break
			}
			if id, ok := lhs.(*ast.Ident); ok && info.Uses[id] == obj {
				found = true
			}
		}
		return true
	})
	return found
}

// enclosingDecl returns the function declaration a site belongs to (nil
// for a function literal, whose parameters no caller names).
func enclosingDecl(site insertsite.Site) *ast.FuncDecl {
	fd, _ := site.Func.(*ast.FuncDecl)
	return fd
}

// checkCalls checks calls to functions that write a parameter into a key:
// the argument a caller passes is where a NULL or empty key shows.
func (c *goChecker) checkCalls() {
	for _, file := range c.pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				callee := typeutil.StaticCallee(c.pass.TypesInfo, call)
				if callee == nil {
					return true
				}
				keys := c.sums[callee]
				if keys == nil {
					var f keyParamsFact
					if callee.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(callee, &f) {
						keys = f.Keys
					}
				}
				for _, k := range keys {
					c.checkCallArg(fd, call, callee, k)
				}
				return true
			})
		}
	}
}

func (c *goChecker) checkCallArg(fd *ast.FuncDecl, call *ast.CallExpr, callee *types.Func, k keyParam) {
	if k.Param >= len(call.Args) || call.Ellipsis.IsValid() {
		return
	}
	arg := call.Args[k.Param]
	expr, missing, fieldType := fieldOf(c.pass.TypesInfo, arg, k.Path)
	via := fmt.Sprintf("passed to %s, which writes it into %s.%s", calleeName(callee), k.Table, k.Column)
	site := insertsite.Site{Call: call, Func: fd}
	if missing {
		// A composite literal that leaves the field out: its zero value.
		switch {
		case k.Null && (isNillable(fieldType) || isNullStruct(fieldType)):
			c.reportVia(finding{code: checks.GoNullKey, at: arg, why: "the " + strings.Join(k.Path, ".") + " field is left out, so it is " + zeroName(fieldType) + "; " + via}, k)
		case k.Empty && isString(fieldType):
			c.reportVia(finding{code: checks.GoEmptyKey, at: arg, why: "the " + strings.Join(k.Path, ".") + " field is left out, so it is empty; " + via}, k)
		}
		return
	}
	if expr == nil {
		c.checkCallField(site, arg, callee, k)
		return
	}
	fn, at := c.ssaFor(site)
	if fn != nil {
		if val := keyflow.ArgValue(fn, at, expr); val != nil {
			if k.Null {
				if vd, ok := c.flow.MayBeNull(fn, val, at); ok {
					c.reportVia(finding{code: checks.GoNullKey, at: expr, why: vd.Reason + "; " + via, fixes: nullFixes(c.pass, site, expr, k.MaxLen)}, k)
					return
				}
			}
			if k.Empty {
				if vd, ok := c.flow.MayBeEmpty(fn, val, at); ok {
					c.reportVia(finding{code: checks.GoEmptyKey, at: expr, why: vd.Reason + "; " + via, fixes: emptyFixes(c.pass, site, expr, k.MaxLen)}, k)
					return
				}
			}
		}
	}
	// Nothing known here: the caller's own caller decides, unless this
	// function checks the value itself (as summarise does at an insert).
	if p, path, ok := paramPath(c.pass.TypesInfo, fd, expr); ok && !checksPath(c.pass.TypesInfo, fd.Body, expr) {
		if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			k2 := k
			k2.Param, k2.Path = p, path
			c.sums.add(obj, k2)
		}
		if vp, ok := pathOf(c.pass.TypesInfo, expr); ok {
			c.checkForwardedContract(fd, site, callee, expr, vp, c.pass.TypesInfo.TypeOf(expr), k, true)
		}
	}
}

// checkCallField checks the key field of a struct built elsewhere (a
// decoded request, a value filled field by field) that a caller passes on:
// h.R.Create(ctx, in) after json.Decode(&in). The value analysis follows
// the field path through the caller's memory.
func (c *goChecker) checkCallField(site insertsite.Site, arg ast.Expr, callee *types.Func, k keyParam) {
	if len(k.Path) == 0 {
		return
	}
	fn, at := c.ssaFor(site)
	if fn == nil {
		return
	}
	val := keyflow.ArgValue(fn, at, arg)
	if val == nil {
		return
	}
	field := strings.Join(k.Path, ".")
	via := fmt.Sprintf("%s.%s is passed to %s, which writes it into %s.%s", exprText(c.pass, arg), field, calleeName(callee), k.Table, k.Column)
	if k.Null {
		if vd, ok := c.flow.MayBeNullField(fn, val, k.Path, at); ok {
			c.reportVia(finding{code: checks.GoNullKey, at: arg, why: vd.Reason + "; " + via, origin: vd.Origin,
				fixes: fieldFixes(c.pass, site, arg, k.Path, keyflow.Nil, k.MaxLen)}, k)
			return
		}
	}
	if k.Empty {
		if vd, ok := c.flow.MayBeEmptyField(fn, val, k.Path, at); ok {
			c.reportVia(finding{code: checks.GoEmptyKey, at: arg, why: vd.Reason + "; " + via, origin: vd.Origin,
				fixes: fieldFixes(c.pass, site, arg, k.Path, keyflow.Empty, k.MaxLen)}, k)
			return
		}
	}
	// Nothing known here: a parameter passed on makes this function one
	// that writes the key too, for its own callers.
	fd := enclosingDecl(site)
	vp, ok := pathOf(c.pass.TypesInfo, arg)
	if !ok {
		return
	}
	vp.fields = strings.TrimPrefix(vp.fields+"."+field, ".")
	if p, path, ok := paramPath(c.pass.TypesInfo, fd, arg); ok && !checksValuePath(c.pass.TypesInfo, fd.Body, vp) {
		if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			k2 := k
			k2.Param, k2.Path = p, append(path[:len(path):len(path)], k.Path...)
			c.sums.add(obj, k2)
		}
		// The fixes at the top of fd assign an expression, which a field
		// of a parameter passed whole is not here: the finding goes alone.
		_, ft := fieldStruct(c.pass.TypesInfo.TypeOf(arg), k.Path)
		c.checkForwardedContract(fd, site, callee, arg, vp, ft, k, false)
	}
}

// exprText is e's source text, or a short stand-in when it is unreadable.
func exprText(pass *analysis.Pass, e ast.Expr) string {
	var b strings.Builder
	if err := format.Node(&b, pass.Fset, e); err != nil {
		return "the argument"
	}
	return b.String()
}

// fieldOf follows path through arg: composite literals (and their
// addresses) by field name. It returns the expression found, or missing
// when a literal leaves the field out (its zero value), with the field's
// type; nil and false when the value is built elsewhere.
func fieldOf(info *types.Info, arg ast.Expr, path []string) (expr ast.Expr, missing bool, fieldType types.Type) {
	e := astutil.Unparen(arg)
	for _, name := range path {
		if u, ok := e.(*ast.UnaryExpr); ok {
			e = astutil.Unparen(u.X)
		}
		lit, ok := e.(*ast.CompositeLit)
		if !ok {
			return nil, false, nil
		}
		st, ok := info.TypeOf(lit).Underlying().(*types.Struct)
		if !ok {
			return nil, false, nil
		}
		var ft types.Type
		for i := range st.NumFields() {
			if st.Field(i).Name() == name {
				ft = st.Field(i).Type()
			}
		}
		if ft == nil {
			return nil, false, nil
		}
		var next ast.Expr
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				return nil, false, nil // positional fields: leave them to the value analysis
			}
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				next = kv.Value
			}
		}
		if next == nil {
			return nil, true, ft
		}
		e = astutil.Unparen(next)
	}
	return e, false, info.TypeOf(e)
}

func calleeName(fn *types.Func) string {
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	if fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}

func zeroName(t types.Type) string {
	if isNullStruct(t) {
		return "an invalid (NULL) " + types.TypeString(t, func(p *types.Package) string { return p.Name() })
	}
	return "nil"
}

func isNillable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Slice, *types.Map:
		return true
	}
	return false
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

// isNullStruct reports whether t is a struct with a boolean Valid field:
// sql.NullString, sql.Null[T], pgtype.Text, uuid.NullUUID and their kin.
func isNullStruct(t types.Type) bool {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if f := st.Field(i); f.Name() == "Valid" {
			b, ok := f.Type().Underlying().(*types.Basic)
			return ok && b.Kind() == types.Bool
		}
	}
	return false
}

// reportVia reports a key problem found at a call of a summarised function;
// rounds of checkCalls may meet the same call again.
func (c *goChecker) reportVia(f finding, k keyParam) {
	if c.seen[f.at.Pos()] {
		return
	}
	c.seen[f.at.Pos()] = true
	c.emit(f, k.Table+"."+k.Column, k.Rule, nil)
}

// exportSummaries publishes the package's key parameters as facts.
func (c *goChecker) exportSummaries() {
	for fn, keys := range c.sums {
		if fn.Pkg() == c.pass.Pkg {
			c.pass.ExportObjectFact(fn, &keyParamsFact{Keys: keys})
		}
	}
}

// ruleText describes the unique rule for a fact's messages.
func ruleText(m *schema.Model, u *schema.Unique) string {
	return m.Dialect.Title() + " " + schema.DescribeUnique(u)
}
