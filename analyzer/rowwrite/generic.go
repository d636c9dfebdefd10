package rowwrite

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// A generic repository function writes a row of its type parameter:
//
//	func Create[T any](ctx context.Context, db *gorm.DB, row *T) error {
//		return db.WithContext(ctx).Create(row).Error
//	}
//
// Inside it, the row's type, and so its table and columns, is not known;
// at each call it is the type argument. So a call of such a function of
// this package is read as the write itself, with the caller's argument as
// the row: Create(ctx, db, &Message{…}) is GORM's Create of Message,
// judged in the caller like a Create it made (a field it leaves out, its
// own parameter's key). The write inside the generic body gets a note.
// A generic function of another package of the module is known by its
// fact (wrapper.go's Wrapper, carried by keyfacts.RowWriter), for GORM
// and bun alike.

// genericSite reads call as the GORM write of a generic function of this
// package (or a method of a generic type) that creates one of its
// parameters of a type-parameter type as it is.
func (f *finder) genericSite(call *ast.CallExpr) (Site, bool) {
	fn := callee(f.info, call)
	if fn == nil || fn.Pkg() == nil {
		return Site{}, false
	}
	origin := fn.Origin()
	if !isGeneric(origin) || origin.Signature().Variadic() {
		return Site{}, false
	}
	decl := f.declOf(origin)
	if decl == nil {
		// Another package's, known by its fact (wrapper.go).
		w, ok := f.wrapperOf(origin)
		switch {
		case !ok || w.Row >= len(call.Args):
		case w.API == "GORM":
			return f.gormCreate(call, gormChain{}, call.Args[w.Row], " through "+origin.Name(), false)
		case w.API == "bun":
			ch := bunChain{model: call.Args[w.Row], modelAt: call, conflict: w.Conflict}
			return f.bunSiteOf(call, ch, " through "+origin.Name())
		}
		return Site{}, false
	}
	inner, sel, param := f.genericWrite(decl, origin)
	if inner == nil {
		// bun's insert of the parameter (r.db.NewInsert().Model(row)):
		// the chain's columns and table with the caller's row.
		if ch, param, ok := f.genericBunWrite(decl, origin); ok && param < len(call.Args) {
			ch.model, ch.modelAt = call.Args[param], call
			return f.bunSiteOf(call, ch, " through "+origin.Name())
		}
		return Site{}, false
	}
	if param >= len(call.Args) {
		return Site{}, false
	}
	return f.gormWrite(call, sel.X, call.Args[param], " through "+origin.Name())
}

// unreadTypeParam notes a write, in a generic function's body, of row of
// the type parameter tp: its calls are where it is checked, in this
// package, and in others where the function's fact carries it (a
// Wrapper).
func (f *finder) unreadTypeParam(row ast.Expr, tp *types.TypeParam) bool {
	elsewhere := "one from another package is not"
	if fn, ok := f.info.Defs[f.decl.Name].(*types.Func); ok && f.fn == ast.Node(f.decl) {
		if _, ok := f.wrapperIn(f.decl, fn); ok {
			elsewhere = "one from another package too, by its fact"
		}
	}
	return f.unread("its row %s is of the type parameter %s, whose table each call decides (a call of %s in this package is checked there, %s)", types.ExprString(row), tp.Obj().Name(), f.decl.Name.Name, elsewhere)
}

// genericBunWrite finds, in the body of the generic function decl, bun's
// insert of one of its parameters of a type made of a type parameter
// (Model(row), Model(&rows)) built in one chain from NewInsert and ended
// by Exec or Scan, which the body does not assign: the chain and the
// parameter's index.
func (f *finder) genericBunWrite(decl *ast.FuncDecl, fn *types.Func) (bunChain, int, bool) {
	params := fn.Signature().Params()
	var found bunChain
	index := -1
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if index >= 0 || !ok {
			return index < 0
		}
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Exec" && sel.Sel.Name != "Scan") || !isBunInsertQuery(f.info.TypeOf(sel.X)) {
			return true
		}
		calls, root, ok := bunCalls(f.info, sel.X)
		if _, isCall := root.(*ast.CallExpr); !ok || !isCall {
			return true // a query variable: not read here
		}
		ch, ok := f.bunChainFrom(calls)
		if !ok || ch.model == nil {
			return true
		}
		if i := f.rowParam(decl, params, ch.model); i >= 0 {
			found, index = ch, i
		}
		return index < 0
	})
	return found, index, index >= 0
}

// isGeneric reports whether fn, a function's origin, is generic or a
// method of a generic type. (A call of a generic function names its
// origin, types.Info.Uses; a method of an instantiated type is the
// instance's, whose Origin is the generic one.)
func isGeneric(fn *types.Func) bool {
	sig := fn.Signature()
	if sig.TypeParams().Len() > 0 {
		return true
	}
	if r := sig.Recv(); r != nil {
		if n, ok := types.Unalias(derefType(r.Type())).(*types.Named); ok && n.TypeParams().Len() > 0 {
			return true
		}
	}
	return false
}

// genericWrite finds, in the body of the generic function decl, a GORM
// Create whose row is one of its parameters (row, &rows) of a type made
// of a type parameter, which the body does not assign: the Create call
// and the parameter's index.
func (f *finder) genericWrite(decl *ast.FuncDecl, fn *types.Func) (*ast.CallExpr, *ast.SelectorExpr, int) {
	params := fn.Signature().Params()
	var found *ast.CallExpr
	var foundSel *ast.SelectorExpr
	index := -1
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if found != nil || !ok {
			return found == nil
		}
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || len(call.Args) == 0 || !isGormCreate(callee(f.info, call)) {
			return true
		}
		if i := f.rowParam(decl, params, call.Args[0]); i >= 0 {
			found, foundSel, index = call, sel, i
		}
		return found == nil
	})
	return found, foundSel, index
}

// rowParam returns the index among params of the parameter row names
// (row, &rows), when its type is made of a type parameter and decl's body
// does not assign it; else -1.
func (f *finder) rowParam(decl *ast.FuncDecl, params *types.Tuple, row ast.Expr) int {
	id, ok := unaddr(row).(*ast.Ident)
	if !ok {
		return -1
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok || typeParamOf(v.Type()) == nil || assigns(f.info, decl.Body, v) {
		return -1
	}
	for i := range params.Len() {
		if params.At(i) == v {
			return i
		}
	}
	return -1
}

// typeParamOf returns the type parameter a row of type t is made of (T,
// *T, []T, *[]T, []*T), or nil.
func typeParamOf(t types.Type) *types.TypeParam {
	for range 3 {
		if t == nil {
			return nil
		}
		if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
			return tp
		}
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
		case *types.Slice:
			t = u.Elem()
		default:
			return nil
		}
	}
	return nil
}

// assigns reports whether body assigns v itself (rows = append(rows, r)).
func assigns(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if id, ok := astutil.Unparen(l).(*ast.Ident); ok && info.Uses[id] == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
