package rowwrite

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// ent's CreateBulk: client.Message.CreateBulk(builders...).Exec(ctx)
// (Save, SaveX, ExecX too) writes one row per create builder, in one
// INSERT. The builders are read where the function builds them: the
// arguments themselves, a slice literal of them, or a local slice that
// starts empty and gets setter chains appended (or set by index) in a
// loop, each chain one row as in a single Create (entInsert).

// entBulk returns the entity of an ent-generated bulk builder type
// (*MessageCreateBulk → Message), the bulk builder and the entity's create
// builder.
func entBulk(t types.Type) (string, *types.Named, bool) {
	n := pointerToNamed(t, "CreateBulk")
	if n == nil {
		return "", nil, false
	}
	c, _ := n.Obj().Pkg().Scope().Lookup(strings.TrimSuffix(n.Obj().Name(), "Bulk")).(*types.TypeName)
	if c == nil {
		return "", nil, false
	}
	entity, _, ok := entBuilder(types.NewPointer(c.Type()))
	return entity, n, ok
}

// entBulkSite reads the bulk write that call runs on create, the
// CreateBulk (or MapCreateBulk) call, perhaps before an upsert's
// OnConflictColumns (entCreate).
func (f *finder) entBulkSite(call *ast.CallExpr, create ast.Expr) (Site, bool) {
	sel := call.Fun.(*ast.SelectorExpr) // librarySite's call
	_, bulk, _ := entBulk(f.info.TypeOf(create))
	if entDelegates(f.info, create, bulk) {
		return Site{}, false
	}
	cb, ok := astutil.Unparen(create).(*ast.CallExpr)
	if !ok {
		return Site{}, f.unread("the CreateBulk builder is not built in the call that runs it")
	}
	cs, ok := astutil.Unparen(cb.Fun).(*ast.SelectorExpr)
	c, _ := bulk.Obj().Pkg().Scope().Lookup(strings.TrimSuffix(bulk.Obj().Name(), "Bulk")).(*types.TypeName)
	entity, builder, _ := entBuilder(types.NewPointer(c.Type()))
	bt := types.NewPointer(builder)
	if ok && cs.Sel.Name == "MapCreateBulk" && len(cb.Args) == 2 {
		// MapCreateBulk(slice, func(c *MessageCreate, i int) {…}): the
		// callback sets each row's builder.
		chain, partial, why := f.entCallbackSets(cb.Args[1], bt)
		if why != "" {
			return Site{}, f.unread("%s", why)
		}
		ins, rows := entInsert(builder, entity, [][]entSetter{chain}, partial, nil, call, sel, true)
		return ormRows(Site{Call: call, Query: cb, Insert: ins, API: "ent", EntEntity: entityOutOfView(builder, entity),
			Writer: "the " + bulk.Obj().Name() + " builder"}, rows), true
	}
	if !ok || cs.Sel.Name != "CreateBulk" {
		return Site{}, f.unread("its builders come from %s, not from CreateBulk(builders...)", shortExpr(cb.Fun))
	}
	var elems []ast.Expr
	switch {
	case cb.Ellipsis.IsValid() && len(cb.Args) == 1:
		switch x := unaddr(cb.Args[0]).(type) {
		case *ast.CompositeLit:
			for _, e := range x.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				elems = append(elems, e)
			}
		case *ast.Ident:
			v, ok := f.info.Uses[x].(*types.Var)
			if !ok {
				return Site{}, f.unread("the builders of the CreateBulk are not a variable of this function")
			}
			rows := f.appendedRowsOf(f.fn, cb, v, func(_ *ast.CallExpr, e ast.Expr) []row { return []row{{at: e}} })
			if rows == nil {
				return Site{}, f.unread("the builders of the CreateBulk are not a slice this function builds by appending setter chains")
			}
			for _, r := range rows {
				elems = append(elems, r.at)
			}
		default:
			return Site{}, f.unread("the builders of the CreateBulk are %s, which idemlint does not read", shortExpr(cb.Args[0]))
		}
	default:
		elems = cb.Args
	}
	if len(elems) == 0 {
		return Site{}, f.unread("the CreateBulk has no builders idemlint can see")
	}
	var builders [][]entSetter
	for _, e := range elems {
		chain, root, _, ok := f.entChain(e, bt)
		if !ok || root == nil {
			return Site{}, f.unread("a builder of the CreateBulk, %s, is not a setter chain on a Create call", shortExpr(e))
		}
		for i := range chain {
			chain[i].src.Call, _ = chain[i].pos.(*ast.CallExpr) // judged where the setter takes it (perhaps in a loop)
		}
		builders = append(builders, chain)
	}
	ins, rows := entInsert(builder, entity, builders, nil, nil, call, sel, true)
	return ormRows(Site{Call: call, Query: cb, Insert: ins, API: "ent", EntEntity: entityOutOfView(builder, entity),
		Writer: "the " + bulk.Obj().Name() + " builder"}, rows), true
}

// entCallbackSets reads MapCreateBulk's callback, fn, as the builder of
// each row: the setter chains on its builder parameter, each a statement
// of its own. A chain in a statement of the body that every call runs (no
// return before it) sets its fields on every row; one nested in an if or
// a loop sets them on some rows only (partial). Any other use of the
// builder (passed on, stored, returned) makes the callback unread, and why
// says so.
func (f *finder) entCallbackSets(fn ast.Expr, bt types.Type) (sets []entSetter, partial map[string]bool, why string) {
	lit, ok := astutil.Unparen(fn).(*ast.FuncLit)
	if !ok {
		return nil, nil, "its builders are set by " + shortExpr(fn) + ", not a function literal idemlint reads"
	}
	params := lit.Type.Params.List
	if len(params) == 0 || len(params[0].Names) == 0 {
		return nil, nil, "its callback does not name its builder"
	}
	b, _ := f.info.Defs[params[0].Names[0]].(*types.Var)
	if b == nil {
		return nil, nil, "its callback ignores its builder"
	}
	uses, chained := 0, 0
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && f.info.Uses[id] == b {
			uses++
		}
		return true
	})
	must := map[string]bool{}
	returned := false
	for _, st := range lit.Body.List {
		top := !returned
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				returned = true
			case *ast.ExprStmt:
				chain, root, v, ok := f.entChain(n.X, bt)
				if ok && root == nil && v == b {
					chained++
					for i := range chain {
						chain[i].src.Call, _ = chain[i].pos.(*ast.CallExpr) // judged where the setter takes it
						if top && n == st {
							must[chain[i].field] = true
						}
					}
					sets = append(sets, chain...)
					return false
				}
			}
			return true
		})
	}
	if uses != chained {
		return nil, nil, "its callback uses its builder " + b.Name() + " other than in setter chains"
	}
	partial = map[string]bool{}
	for _, s := range sets {
		if !must[s.field] {
			partial[s.field] = true
		}
	}
	return sets, partial, ""
}
