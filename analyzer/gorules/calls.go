package gorules

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/idemlint/idemlint/checks"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/schema"
)

// enclosingDecl returns the function declaration a site belongs to. For a
// site in a function literal it is the declaration around it: the
// literal's own parameters are no caller's (vocab.ParamPath finds none of
// them there), but a parameter of the declaration it captures is what the
// declaration's callers pass (a repository's db.RunInTx(ctx, func(…) {
// …in.Key… }), a tracing wrapper's closure).
func enclosingDecl(site rowwrite.Site) *ast.FuncDecl {
	if fd, ok := site.Func.(*ast.FuncDecl); ok {
		return fd
	}
	return site.Decl
}

// checkCalls checks calls to functions that write a parameter into a key:
// the argument a caller passes is where a NULL or empty key shows.
func (c *checker) checkCalls() {
	if !c.pendingMode {
		c.methods = nil // a round can add summaries: list the key-writing methods again
	}
	for _, file := range c.pass.Files {
		if c.inTestFile(file.Pos()) {
			continue // test fixtures pass keyless rows on purpose, as checkSite says
		}
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
				if c.pendingMode {
					c.pendingCall(fd, call) // wiring.go
					return true
				}
				callee := typeutil.StaticCallee(c.pass.TypesInfo, call)
				if callee == nil {
					callee = c.interfaceCallee(call) // iface.go
				}
				if callee == nil {
					return true
				}
				keys := c.sums[callee]
				if keys == nil {
					keys = keyfacts.ImportKeyParams(c.pass, callee)
				}
				if keys == nil && c.implKeys[callee] != nil {
					keys = c.methods[callee] // an interface method standing for another package's implementation (iface.go)
				}
				for _, k := range keys {
					c.sayKeyWrite(call.Pos(), "passes a key to a function that writes it")
					c.checkCallArg(fd, call, callee, k)
				}
				c.checkCallbacks(fd, call, callee) // callbacks.go
				c.checkGenerated(fd, call, callee) // generated.go
				return true
			})
		}
	}
}

func (c *checker) checkCallArg(fd *ast.FuncDecl, call *ast.CallExpr, callee *types.Func, k keyfacts.KeyParam) {
	if k.Param < 0 || k.Param >= len(call.Args) || call.Ellipsis.IsValid() {
		return
	}
	if i := hasElem(k.Path); i >= 0 {
		c.checkCallElements(fd, call, callee, k, i)
		return
	}
	c.checkPassed(fd, call, callee, k, call.Args[k.Param])
}

// checkPassed checks arg, the value a call passes for k: an argument, or
// an element of a slice literal passed for a function that writes its
// elements' key (elements.go).
func (c *checker) checkPassed(fd *ast.FuncDecl, call *ast.CallExpr, callee *types.Func, k keyfacts.KeyParam, arg ast.Expr) {
	expr, missing, fieldType := fieldOf(c.pass.TypesInfo, arg, k.Path)
	via := fmt.Sprintf("passed to %s, which writes it into %s", c.calledName(call, callee), k.Target())
	site := rowwrite.Site{Call: call, Func: fd}
	if missing {
		// A composite literal that leaves the field out: its zero value.
		switch {
		case k.Null && vocab.ZeroIsNull(fieldType):
			c.reportVia(finding{code: checks.GoNullKey, written: true, at: arg, why: "the " + strings.Join(k.Path, ".") + " field is left out, so it is " + vocab.ZeroName(fieldType) + "; " + via, noFix: leftOutNoFix}, k)
		case k.Empty && (vocab.IsString(fieldType) || vocab.IsByteSlice(fieldType)):
			c.reportVia(finding{code: checks.GoEmptyKey, written: true, at: arg, why: "the " + strings.Join(k.Path, ".") + " field is left out, so it is empty; " + via, noFix: leftOutNoFix}, k)
		case k.EmptyIsNull && (vocab.IsString(fieldType) || vocab.IsByteSlice(fieldType)):
			c.reportVia(finding{code: checks.GoNullKey, written: true, at: arg, why: "the " + strings.Join(k.Path, ".") + " field is left out, so it is empty; " + via + " as NULL when it is empty", noFix: leftOutNoFix}, k)
		case k.NilIsEmpty && vocab.Nillable(fieldType):
			c.reportVia(finding{code: checks.GoEmptyKey, written: true, at: arg, why: "the " + strings.Join(k.Path, ".") + " field is left out, so it is nil; " + via + nilAsEmpty, noFix: leftOutNoFix}, k)
		case k.Zero && vocab.IsFixedID(fieldType):
			zero := vocab.ZeroIDName(fieldType)
			c.reportVia(finding{code: checks.GoEmptyKey, zero: zero, written: true, at: arg, why: "the " + strings.Join(k.Path, ".") + " field is left out, so it is " + zero + "; " + via, noFix: leftOutNoFix}, k)
		}
		return
	}
	if expr == nil {
		if c.pendElement(fd, arg, k) {
			return
		}
		if !c.pendingMode {
			if pe, ok := c.forwardElement(fd, arg, k, k.Path); ok {
				// An element of fd's parameter slice passed whole: fd's callers decide.
				_, t := vocab.FieldStruct(c.pass.TypesInfo.TypeOf(arg), k.Path)
				c.checkForwardedElementContract(fd, call, arg, callee, k, pe, t, "")
				return
			}
		}
		c.checkCallField(site, arg, callee, k)
		return
	}
	fn, at := c.ssaFor(site)
	if fn != nil {
		if val := keyflow.ArgValue(fn, at, expr); val != nil {
			if k.Null {
				if vd, ok := c.flow.MayBeNull(fn, val, at); ok {
					if c.callersDecide(fn, fd, k, vd.Dependence, expr, vd.Reason) {
						return
					}
					fixes := gofix.Key{Pass: c.pass, Site: site, Arg: expr, MaxLen: k.MaxLen, Column: k.Table + "." + k.Column, Call: true}.Null()
					if len(fixes) == 0 {
						// A NULL wrapper made in the call (sql.NullString{String:
						// key, Valid: key != ""}): the value inside gets the key.
						fixes = c.innerFixes(gofix.Key{Pass: c.pass, Site: site, MaxLen: k.MaxLen, Table: c.factTable(k), Column: k.Table + "." + k.Column, Call: true}, expr)
					}
					c.reportVia(finding{code: checks.GoNullKey, written: vd.Written, at: expr, why: vd.Reason + "; " + via, fixes: fixes}, k)
					return
				}
			}
			if k.NilIsEmpty {
				if vd, ok := c.flow.MayBeNull(fn, val, at); ok {
					if c.callersDecide(fn, fd, k, vd.Dependence, expr, vd.Reason) {
						return
					}
					c.reportVia(finding{code: checks.GoEmptyKey, at: expr, why: vd.Reason + "; " + via + nilAsEmpty, fixes: gofix.Key{Pass: c.pass, Site: site, Arg: expr, MaxLen: k.MaxLen, Column: k.Table + "." + k.Column, Call: true}.Null()}, k)
					return
				}
			}
			if k.Empty || k.EmptyIsNull || k.Zero {
				if vd, ok := c.flow.MayBeEmpty(fn, val, at); ok && factCollides(k, vd) {
					if c.callersDecide(fn, fd, k, vd.Dependence, expr, vd.Reason) {
						return
					}
					fixKey := gofix.Key{Pass: c.pass, Site: site, Arg: expr, MaxLen: k.MaxLen, Column: k.Table + "." + k.Column, Call: true}
					f := finding{code: checks.GoEmptyKey, at: expr, why: vd.Reason + "; " + via, fixes: fixKey.Empty()}
					switch {
					case vd.Zero != "" && k.Zero:
						f.zero, f.fixes = vd.Zero, fixKey.Zero()
					case k.EmptyIsNull:
						f.code, f.why = checks.GoNullKey, f.why+" as NULL when it is empty"
					}
					c.reportVia(f, k)
					return
				}
			}
			if _, _, isParam := vocab.ParamPath(c.pass.TypesInfo, fd, expr); !isParam {
				// Made from a parameter (toNullText(in.Key), Valid: s != ""):
				// fd's callers decide, as for the parameter itself.
				if d, ok := c.dependence(fn, val, at, k); ok && c.passDep(fn, fd, k, d) {
					c.checkPassedContract(fd, call, expr, callee, k, d)
					return
				}
			}
		}
	}
	// Nothing known here: the caller's own caller decides, unless this
	// function checks the value itself (as summarise does at an insert).
	if !c.pendingMode {
		if pe, ok := c.forwardElement(fd, expr, k, nil); ok {
			// A field of an element of fd's parameter slice: fd's callers decide.
			c.checkForwardedElementContract(fd, call, expr, callee, k, pe, c.pass.TypesInfo.TypeOf(expr), "")
			return
		}
	}
	if p, path, ok := vocab.ParamPath(c.pass.TypesInfo, fd, expr); ok && !vocab.ChecksPath(c.pass.TypesInfo, fd.Body, expr) {
		guarded := false
		if vp, ok := vocab.PathOf(c.pass.TypesInfo, expr); ok {
			guarded = c.checkForwardedContract(passOn{site, callee, k}, expr, vp, c.pass.TypesInfo.TypeOf(expr), true)
		}
		if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			k2 := k
			k2.Param, k2.Path = p, path
			k2.Guarded = k.Guarded || guarded // a guard here or in callee covers fd's callers too
			c.sums.Add(obj, k2)
		}
	}
}

// nilAsEmpty ends the message of a nil passed to a function that writes
// it as "" (keyfacts.KeyParam.NilIsEmpty).
const nilAsEmpty = " as the empty string when it is nil"

// checkCallField checks the key field of a struct built elsewhere (a
// decoded request, a value filled field by field) that a caller passes on:
// h.R.Create(ctx, in) after json.Decode(&in). The value analysis follows
// the field path through the caller's memory.
func (c *checker) checkCallField(site rowwrite.Site, arg ast.Expr, callee *types.Func, k keyfacts.KeyParam) {
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
	owner := arg
	if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
		owner = u.X // &d: d.Key is passed, not &d.Key
	}
	via := fmt.Sprintf("%s.%s is passed to %s, which writes it into %s", exprText(c.pass, owner), field, c.calledName(site.Call, callee), k.Target())
	if k.Null {
		if vd, ok := c.flow.MayBeNullField(fn, val, k.Path, at); ok {
			if c.callersDecide(fn, enclosingDecl(site), k, vd.Dependence, arg, vd.Reason) {
				return
			}
			c.reportVia(finding{code: checks.GoNullKey, written: vd.Written, at: arg, why: vd.Reason + "; " + via, origin: vd.Origin,
				fixes: c.fixes(func() []analysis.SuggestedFix {
					return gofix.Key{Pass: c.pass, Site: site, Arg: arg, MaxLen: k.MaxLen, Table: c.factTable(k)}.Field(k.Path, keyflow.Nil)
				})}, k)
			return
		}
	}
	if k.NilIsEmpty {
		if vd, ok := c.flow.MayBeNullField(fn, val, k.Path, at); ok {
			if c.callersDecide(fn, enclosingDecl(site), k, vd.Dependence, arg, vd.Reason) {
				return
			}
			c.reportVia(finding{code: checks.GoEmptyKey, at: arg, why: vd.Reason + "; " + via + nilAsEmpty, origin: vd.Origin,
				fixes: gofix.Key{Pass: c.pass, Site: site, Arg: arg, MaxLen: k.MaxLen, Table: c.factTable(k)}.Field(k.Path, keyflow.Nil)}, k)
			return
		}
	}
	if k.Empty || k.EmptyIsNull || k.Zero {
		if vd, ok := c.flow.MayBeEmptyField(fn, val, k.Path, at); ok && factCollides(k, vd) {
			if c.callersDecide(fn, enclosingDecl(site), k, vd.Dependence, arg, vd.Reason) {
				return
			}
			f := finding{code: checks.GoEmptyKey, at: arg, why: vd.Reason + "; " + via, origin: vd.Origin,
				fixes: c.fixes(func() []analysis.SuggestedFix {
					return gofix.Key{Pass: c.pass, Site: site, Arg: arg, MaxLen: k.MaxLen, Table: c.factTable(k)}.Field(k.Path, keyflow.Empty)
				})}
			switch {
			case vd.Zero != "" && k.Zero:
				f.zero, f.fixes = vd.Zero, nil // no key is made up for a missing ID
			case k.EmptyIsNull:
				f.code, f.why = checks.GoNullKey, f.why+" as NULL when it is empty"
			}
			c.reportVia(f, k)
			return
		}
	}
	// Nothing known here: a parameter passed on makes this function one
	// that writes the key too, for its own callers.
	fd := enclosingDecl(site)
	vp, ok := vocab.PathOf(c.pass.TypesInfo, arg)
	if ok {
		_, _, ok = vocab.ParamPath(c.pass.TypesInfo, fd, arg)
	}
	if !ok {
		// A value made from a parameter (toRow(in), whose key field is
		// in.Key, also kept in a local first: params := toRow(in)):
		// fd's callers decide, as for the parameter itself.
		if d, ok := c.dependenceField(fn, val, at, k); ok && c.passDep(fn, fd, k, d) {
			c.checkPassedContract(fd, site.Call, arg, callee, k, d)
			return
		}
		if c.noteEscapedField(site, arg, callee, k, fn, val, at) {
			return
		}
		if hop := pointerField(c.pass.TypesInfo.TypeOf(arg), k.Path); hop != "" {
			// Not read through the pointer: silence would claim the key
			// was checked.
			c.note(arg.Pos(), "not followed: %s, passed to %s, which writes its %s into %s, reaches the key through %s, which idemlint does not follow at the caller, so the key passed here is not checked",
				exprText(c.pass, arg), c.calledName(site.Call, callee), field, k.Target(), hop)
		}
		return
	}
	vp.Fields = strings.TrimPrefix(vp.Fields+"."+field, ".")
	p, path, isParam := vocab.ParamPath(c.pass.TypesInfo, fd, arg)
	if !isParam {
		// A local row passed by value (sh := Row{Key: req.Key}; Save(ctx,
		// sh)), as &sh above: its field made from a parameter is the
		// callers' to decide.
		if d, ok := c.dependenceField(fn, val, at, k); ok && c.passDep(fn, fd, k, d) {
			c.checkPassedContract(fd, site.Call, arg, callee, k, d)
		}
		return
	}
	if !vocab.ChecksValuePath(c.pass.TypesInfo, fd.Body, vp) {
		if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			k2 := k
			k2.Param, k2.Path = p, append(path[:len(path):len(path)], k.Path...)
			c.sums.Add(obj, k2)
		}
		// The fixes at the top of fd assign an expression, which a field
		// of a parameter passed whole is not here: the finding goes alone.
		_, ft := vocab.FieldStruct(c.pass.TypesInfo.TypeOf(arg), k.Path)
		c.checkForwardedContract(passOn{site, callee, k}, arg, vp, ft, false)
	}
}

// noteEscapedField notes a key field of a local value whose address was
// handed, before the call, to a call the value analysis does not follow
// into (copier.Copy(&row, &in), mapper.Fill(&row)): that call may write
// the field, so what the callee writes is not known, and silence would
// claim it was checked, as noteEscaped says for an insert in the function
// itself. It says whether it noted.
func (c *checker) noteEscapedField(site rowwrite.Site, arg ast.Expr, callee *types.Func, k keyfacts.KeyParam, fn *ssa.Function, val ssa.Value, at ssa.Instruction) bool {
	if !c.Notes {
		return false
	}
	unknown, by, _ := c.flow.FieldUnknown(fn, val, k.Path, at, k.Null || k.NilIsEmpty, k.Empty || k.EmptyIsNull)
	if !unknown || by == nil {
		return false
	}
	owner := arg
	if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
		owner = u.X
	}
	c.note(arg.Pos(), "not followed: %s.%s, passed to %s, which writes it into %s, is read from a variable whose address is passed to %s before this call, which the value analysis does not follow into and which may write it, so the key passed here is not checked",
		exprText(c.pass, owner), strings.Join(k.Path, "."), c.calledName(site.Call, callee), k.Target(), escapeCallName(by))
	return true
}

// factTable returns the table k's callee writes, when the schemas this
// package sees declare exactly one of that name: the fix leaves the
// columns the database fills out of a derived key. Nil when unknown (the
// fix then reads the row's tags).
func (c *checker) factTable(k keyfacts.KeyParam) *schema.Table {
	var found *schema.Table
	for _, m := range c.models {
		t := m.Table(k.Table)
		if t == nil || t == found {
			continue
		}
		if found != nil {
			return nil
		}
		found = t
	}
	return found
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
		t := info.TypeOf(lit)
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem() // an element of []*Row{{…}}: &Row{…} elided
		}
		st, ok := t.Underlying().(*types.Struct)
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

// factCollides reports whether the value vd says a caller passes (an
// empty string, or the zero ID vd.Zero names) is one k's rule rejects as
// a duplicate, or writes as NULL (EmptyIsNull: bun's nullzero writes
// the nil UUID as NULL too).
func factCollides(k keyfacts.KeyParam, vd keyflow.Verdict) bool {
	if vd.Zero != "" {
		return k.Zero || k.EmptyIsNull
	}
	return k.Empty || k.EmptyIsNull
}
