package rowwrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/astutil"
)

// Query builders (bun, squirrel, goqu) describe an INSERT as a chain of
// method calls on a builder value: sq.Insert("t").Columns(…).Values(…),
// kept in a variable or not. builderChain reads such a chain back from
// the call that runs it.

// A builderChain is a builder's calls, in call order, after the call that
// made the builder (start: sq.Insert("t"), db.NewInsert(), goqu.Insert("t")).
type builderChain struct {
	start *ast.CallExpr
	calls []*ast.CallExpr
}

// chainOf reads the chain e ends with, back to the call that made the
// builder, through a builder variable of the function (q := sq.Insert(…);
// q = q.Values(…)) and a builder helper of the package (q :=
// s.deliveryInsert(), see helperChain). isBuilder says which types are
// the builder; a later q = q.M(…) may not call the methods in fixed,
// which change the columns and may sit in a branch. A chain it cannot
// read whole is not read.
func (f *finder) chainOf(e ast.Expr, isBuilder func(types.Type) bool, fixed map[string]bool) (builderChain, bool) {
	start, calls, root, ok := chainCalls(f.info, e, isBuilder)
	if !ok {
		return builderChain{}, false
	}
	if root != nil {
		s, before, ok := f.varChain(root, isBuilder, fixed)
		if !ok {
			return builderChain{}, false
		}
		start, calls = s, append(before, calls...)
	}
	for range 3 { // a helper may start from another helper
		s, before, ok := f.helperChain(start, isBuilder)
		if !ok {
			break
		}
		start, calls = s, append(before, calls...)
	}
	return builderChain{start: start, calls: calls}, true
}

// helperChain reads the chain a builder helper of the package returns,
// when call calls one: a function or method whose body is a single
// return of a chain (func (s *Store) deliveryInsert() sq.InsertBuilder {
// return s.psql.Insert("deliveries").Columns("notification_id",
// "idempotency_key") }), whose calls' arguments use nothing of the
// helper's own (parameters, receiver, locals), so they mean the same at
// each of its calls: the helper's start and calls, which the caller's
// chain continues.
func (f *finder) helperChain(call *ast.CallExpr, isBuilder func(types.Type) bool) (*ast.CallExpr, []*ast.CallExpr, bool) {
	fn := callee(f.info, call)
	if fn == nil {
		return nil, nil, false
	}
	fd := f.funcDecl(fn)
	if fd == nil {
		return nil, nil, false
	}
	return f.builderHelper(fd, isBuilder)
}

// builderHelper returns the chain fd returns when fd is a builder helper
// (helperChain).
func (f *finder) builderHelper(fd *ast.FuncDecl, isBuilder func(types.Type) bool) (*ast.CallExpr, []*ast.CallExpr, bool) {
	if fd.Body == nil || len(fd.Body.List) != 1 {
		return nil, nil, false
	}
	ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil, nil, false
	}
	start, calls, root, ok := chainCalls(f.info, ret.Results[0], isBuilder)
	if !ok || root != nil || start == nil {
		return nil, nil, false
	}
	own := func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if o := f.info.Uses[id]; o != nil && o.Pos() >= fd.Pos() && o.Pos() < fd.End() {
					found = true
				}
			}
			return !found
		})
		return found
	}
	for _, c := range append([]*ast.CallExpr{start}, calls...) {
		if slices.ContainsFunc(c.Args, own) {
			return nil, nil, false
		}
	}
	return start, calls, true
}

// chainCalls returns the builder calls e ends with, in call order, and
// what they start from: the call that made the builder from something else
// (start), or a builder variable (root).
func chainCalls(info *types.Info, e ast.Expr, isBuilder func(types.Type) bool) (start *ast.CallExpr, calls []*ast.CallExpr, root *ast.Ident, ok bool) {
	for e = astutil.Unparen(e); ; {
		if id, isID := e.(*ast.Ident); isID && isBuilder(info.TypeOf(id)) {
			root = id
			break
		}
		c, isCall := e.(*ast.CallExpr)
		if !isCall || !isBuilder(info.TypeOf(c)) {
			return nil, nil, nil, false
		}
		sel, isSel := astutil.Unparen(c.Fun).(*ast.SelectorExpr)
		if !isSel || !isBuilder(info.TypeOf(sel.X)) {
			start = c // sq.Insert("t"), db.NewInsert(), goqu.Dialect("postgres").Insert("t")
			break
		}
		calls = append(calls, c)
		e = astutil.Unparen(sel.X)
	}
	for i, j := 0, len(calls)-1; i < j; i, j = i+1, j-1 {
		calls[i], calls[j] = calls[j], calls[i]
	}
	return start, calls, root, true
}

// varChain returns the chain a builder variable has been through: its
// definition's chain, then each q = q.M(…) in source order. Any other use
// of the variable (passed on, reassigned from elsewhere) gives up, and so
// does a reassignment that calls a method in fixed.
func (f *finder) varChain(id *ast.Ident, isBuilder func(types.Type) bool, fixed map[string]bool) (*ast.CallExpr, []*ast.CallExpr, bool) {
	v, ok := f.info.Uses[id].(*types.Var)
	body := funcBody(f.fn)
	if !ok || body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return nil, nil, false
	}
	var start *ast.CallExpr
	var def, later []*ast.CallExpr
	ok = true
	handled := map[*ast.Ident]bool{id: true}
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		lhs, isID := as.Lhs[0].(*ast.Ident)
		if !isID || f.info.ObjectOf(lhs) != v {
			return true
		}
		handled[lhs] = true
		s, calls, root, chainOK := chainCalls(f.info, as.Rhs[0], isBuilder)
		switch {
		case !chainOK:
			ok = false
		case as.Tok == token.DEFINE:
			if s == nil || start != nil {
				ok = false
			}
			start, def = s, calls
		default:
			if root == nil || f.info.Uses[root] != v || start == nil {
				ok = false
				break
			}
			handled[root] = true
			for _, c := range calls {
				if fixed[c.Fun.(*ast.SelectorExpr).Sel.Name] {
					ok = false
				}
			}
			later = append(later, calls...)
		}
		return true
	})
	if !ok || start == nil {
		return nil, nil, false
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if x, isID := n.(*ast.Ident); isID && f.info.Uses[x] == v && !handled[x] {
			ok = false
		}
		return ok
	})
	return start, append(def, later...), ok
}

// methodName is the name of the method a chain call calls.
func methodName(c *ast.CallExpr) string {
	if sel, ok := astutil.Unparen(c.Fun).(*ast.SelectorExpr); ok {
		return sel.Sel.Name
	}
	if id, ok := astutil.Unparen(c.Fun).(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// namedType reports whether t (or what it points to) is the named type
// name of the package at path (or below it: goqu's /v9).
func namedType(t types.Type, path, name string) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == name && hasPathPrefix(importPath(n.Obj().Pkg()), path)
}
