package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/insertsite"
	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// This file holds the rule that the type is the contract: a hand-written
// function that takes the key as a *string or a sql.Null* (a parameter or
// a field of one) and inserts it unchecked lets every caller pass nil, as
// an optional key in an API schema does. It is reported at its insert,
// with a fix at the top of the function. Its callers that pass a value
// that may be nil are reported too, at their calls, with their own path
// (through the keyParamsFact summarise records): the two findings name
// different code and read differently, and the fix here quiets both,
// since a parameter the function assigns is no longer the caller's value.
// Generated code (sqlc) is never reported itself: its callers are.
//
// A function whose callers are all in view (unexported, only ever called,
// see callers.go) is not a contract with unknown callers: its callers are
// judged instead, and one that forwards its own unchecked *string
// parameter is where the contract rule applies (checkForwardedContract).

// checkContract reports arg, a key the insert takes from a parameter of
// the enclosing function, when the parameter's type allows NULL and the
// function does not check it. It says whether it reported.
func (c *goChecker) checkContract(kt keyTarget, site insertsite.Site, v sqlinsert.Value, arg ast.Expr) bool {
	// v.NullIfEmpty (NULLIF($2, ''), bun's nullzero) does not matter: the
	// types below are pointers and Null structs, whose NULL is not "".
	if len(kt.nulls) == 0 || v.NeverNull {
		return false
	}
	decl := enclosingDecl(site)
	info := c.pass.TypesInfo
	if decl == nil || isGenerated(c.pass, decl.Pos()) {
		return false
	}
	if _, _, ok := paramPath(info, decl, arg); !ok {
		return false
	}
	t := info.TypeOf(arg)
	missing, ok := missingValue(t)
	if !ok {
		return false
	}
	if checksPath(info, decl.Body, arg) {
		return false
	}
	if fn, ok := info.Defs[decl.Name].(*types.Func); ok && c.callersInView(fn) {
		return false // its callers are judged, through the summary
	}
	what := "parameter"
	if _, ok := astutil.Unparen(arg).(*ast.SelectorExpr); ok {
		what = "parameter field"
	}
	why := fmt.Sprintf("%s's %s %s is a %s, so every caller may pass %s, and nothing here checks it",
		decl.Name.Name, what, exprText(c.pass, arg), types.TypeString(t, shortQualifier), missing)
	c.report(finding{code: checks.GoNullKey, at: arg, why: why, fixes: contractFixes(c.pass, site, decl, arg, kt.key.MaxLength())}, kt)
	return true
}

// checkForwardedContract applies the contract rule at a call in fd that
// passes fd's own parameter (at, whose path is vp and type t) to callee, a
// function of this package that writes it into a key column unchecked and
// whose callers are all in view, so that the rule was not applied inside
// it. Nothing is reported when fd's callers are in view too: the rule
// moves up to them. fix says whether to offer the fixes at the top of fd
// (at is then the assignable key itself).
func (c *goChecker) checkForwardedContract(fd *ast.FuncDecl, site insertsite.Site, callee *types.Func, at ast.Expr, vp valuePath, t types.Type, k keyParam, fix bool) {
	info := c.pass.TypesInfo
	if !k.Null || callee.Pkg() != c.pass.Pkg || !c.callersInView(callee) || isGenerated(c.pass, fd.Pos()) {
		return
	}
	if fn, ok := info.Defs[fd.Name].(*types.Func); !ok || c.callersInView(fn) {
		return
	}
	missing, ok := missingValue(t)
	if !ok {
		return
	}
	if checksValuePath(info, fd.Body, vp) {
		return
	}
	what, text := "parameter", vp.root.Name()
	if vp.fields != "" {
		what, text = "parameter field", text+"."+vp.fields
	}
	why := fmt.Sprintf("%s's %s %s is a %s, so every caller may pass %s, and nothing here checks it; passed to %s, which writes it into %s.%s",
		fd.Name.Name, what, text, types.TypeString(t, shortQualifier), missing, calleeName(callee), k.Table, k.Column)
	var fixes []analysis.SuggestedFix
	if fix {
		fixes = contractFixes(c.pass, site, fd, at, k.MaxLen)
	}
	c.reportVia(finding{code: checks.GoNullKey, at: at, why: why, fixes: fixes}, k)
}

// missingValue names what a caller may pass for a key of type t when it
// has none ("nil", an invalid Null value), and reports whether the type
// allows that at all: the contract rule holds only for such types.
func missingValue(t types.Type) (string, bool) {
	switch {
	case t == nil:
		return "", false
	case isPointer(t):
		return "nil", true
	case isNullStruct(t):
		return "an invalid (NULL) one", true
	}
	return "", false
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

func shortQualifier(p *types.Package) string { return p.Name() }

// contractFixes returns the random and derived fixes that give the key a
// value at the top of decl, the repository layer, when the caller sent
// none.
func contractFixes(pass *analysis.Pass, site insertsite.Site, decl *ast.FuncDecl, arg ast.Expr, maxLen int) []analysis.SuggestedFix {
	if decl.Body == nil || len(decl.Body.List) == 0 {
		return nil
	}
	f := newKeyFixerAt(pass, site, arg, maxLen, decl.Body.List[0])
	if f == nil {
		return nil
	}
	f.where = "at the top of " + decl.Name.Name
	f.params = decl
	return f.nullFixes()
}

// A valuePath is a variable followed by field selections: in.Key.
type valuePath struct {
	root   types.Object
	fields string
}

// pathOf returns e's valuePath, if e is one.
func pathOf(info *types.Info, e ast.Expr) (valuePath, bool) {
	var fields []string
	for {
		e = astutil.Unparen(e)
		switch x := e.(type) {
		case *ast.SelectorExpr:
			if s, ok := info.Selections[x]; !ok || s.Kind() != types.FieldVal {
				return valuePath{}, false
			}
			fields = append([]string{x.Sel.Name}, fields...)
			e = x.X
			continue
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.Ident:
			obj := info.Uses[x]
			if obj == nil {
				return valuePath{}, false
			}
			return valuePath{root: obj, fields: strings.Join(fields, ".")}, true
		}
		return valuePath{}, false
	}
}

// checksPath reports whether body checks the value at arg's path: compares
// it with nil, reads its Valid field, or hands its root (or the root's
// address) to something named Validate… or Check… (validate.Struct(in),
// in.Validate()), whose rules are out of view and trusted.
func checksPath(info *types.Info, body *ast.BlockStmt, arg ast.Expr) bool {
	want, ok := pathOf(info, arg)
	return ok && checksValuePath(info, body, want)
}

// checksValuePath is checksPath for a path given as such.
func checksValuePath(info *types.Info, body *ast.BlockStmt, want valuePath) bool {
	if body == nil {
		return false
	}
	same := func(e ast.Expr) bool {
		p, ok := pathOf(info, e)
		return ok && p == want
	}
	rooted := func(e ast.Expr) bool {
		if u, ok := astutil.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = u.X
		}
		p, ok := pathOf(info, e)
		return ok && p.root == want.root && strings.HasPrefix(want.fields, p.fields)
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch x := n.(type) {
		case *ast.BinaryExpr:
			if (x.Op == token.EQL || x.Op == token.NEQ) && (isNilIdent(info, x.X) && same(x.Y) || isNilIdent(info, x.Y) && same(x.X)) {
				found = true
			}
		case *ast.SelectorExpr:
			if x.Sel.Name == "Valid" && same(x.X) {
				found = true
			}
		case *ast.CallExpr:
			if validatorCall(x) {
				if sel, ok := astutil.Unparen(x.Fun).(*ast.SelectorExpr); ok && rooted(sel.X) {
					found = true
				}
				for _, a := range x.Args {
					if rooted(a) {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

func isNilIdent(info *types.Info, e ast.Expr) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// validatorCall reports whether a call's name says it validates: Struct
// (go-playground's validate.Struct), Validate…, Check….
func validatorCall(call *ast.CallExpr) bool {
	var name string
	switch f := astutil.Unparen(call.Fun).(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
	default:
		return false
	}
	l := strings.ToLower(name)
	return name == "Struct" || name == "StructCtx" || strings.HasPrefix(l, "validate") || strings.HasPrefix(l, "check")
}

// rootedAtParam reports whether e reads only decl's parameters (or
// receiver) and package-level values, none of them assigned in its body:
// what a fix at the top of decl can already use.
func rootedAtParam(info *types.Info, decl *ast.FuncDecl, e ast.Expr) bool {
	params := map[types.Object]bool{}
	for _, fl := range []*ast.FieldList{decl.Recv, decl.Type.Params} {
		if fl == nil {
			continue
		}
		for _, field := range fl.List {
			for _, name := range field.Names {
				params[info.Defs[name]] = true
			}
		}
	}
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || !ok {
			return ok
		}
		v, isVar := info.Uses[id].(*types.Var)
		if !isVar || v.IsField() {
			return true
		}
		if v.Parent() == v.Pkg().Scope() {
			return true // a package-level variable
		}
		if !params[v] || assigned(info, decl.Body, v) {
			ok = false
		}
		return true
	})
	return ok
}
