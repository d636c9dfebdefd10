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

func (f *finder) entBulkSite(call *ast.CallExpr, sel *ast.SelectorExpr) (Site, bool) {
	_, bulk, _ := entBulk(f.info.TypeOf(sel.X))
	if entDelegates(f.info, sel.X, bulk) {
		return Site{}, false
	}
	cb, ok := astutil.Unparen(sel.X).(*ast.CallExpr)
	if !ok {
		return Site{}, f.unread("the CreateBulk builder is not built in the call that runs it")
	}
	cs, ok := astutil.Unparen(cb.Fun).(*ast.SelectorExpr)
	if !ok || cs.Sel.Name != "CreateBulk" {
		// MapCreateBulk(slice, func(c *MessageCreate, i int) {…}): the
		// setters run in a callback.
		return Site{}, f.unread("its builders come from %s, not from CreateBulk(builders...)", shortExpr(cb.Fun))
	}
	c, _ := bulk.Obj().Pkg().Scope().Lookup(strings.TrimSuffix(bulk.Obj().Name(), "Bulk")).(*types.TypeName)
	entity, builder, _ := entBuilder(types.NewPointer(c.Type()))
	bt := types.NewPointer(builder)
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
	ins, rows := entInsert(builder, entity, builders, nil, call, sel, true)
	return ormRows(Site{Call: call, Query: cb, Insert: ins, API: "ent", EntEntity: entityOutOfView(builder, entity),
		Writer: "the " + bulk.Obj().Name() + " builder"}, rows), true
}
