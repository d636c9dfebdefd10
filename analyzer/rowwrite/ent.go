package rowwrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/idemlint/idemlint/schema/gomodel"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// ent (entgo.io/ent): the generated create builders,
// client.Message.Create().SetX(…)….Save(ctx), in one chain or through a
// builder variable (entvar.go). The INSERT lists the fields set: an
// Optional field never set is left out (its database default, else NULL),
// SetNillableX(nil) sets nothing, and a required field left out fails
// validation rather than write NULL.

const entPath = "entgo.io/ent"

var entLibrary = &library{
	name:  "ent",
	paths: []string{entPath},
	ends:  []string{"Save", "SaveX", "Exec", "ExecX"},
	calls: func(info *types.Info, _ *ast.CallExpr, sel *ast.SelectorExpr) bool {
		create := entCreate(info, sel.X)
		if _, bulk, ok := entBulk(info.TypeOf(create)); ok {
			return !entDelegates(info, create, bulk)
		}
		_, builder, ok := entBuilder(info.TypeOf(create))
		return ok && !entDelegates(info, create, builder)
	},
	site: (*finder).entSite,
}

// pointerToNamed returns the named type t points to when its name ends in
// suffix and it belongs to a package (ent's generated builders), or nil.
func pointerToNamed(t types.Type, suffix string) *types.Named {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return nil
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || !strings.HasSuffix(n.Obj().Name(), suffix) || n.Obj().Pkg() == nil {
		return nil
	}
	return n
}

// entBuilder returns the entity name of an ent-generated create builder
// type (*MessageCreate → Message) and the builder's package, which imports
// entgo.io/ent.
func entBuilder(t types.Type) (string, *types.Named, bool) {
	n := pointerToNamed(t, "Create")
	if n == nil {
		return "", nil, false
	}
	for _, imp := range n.Obj().Pkg().Imports() {
		if hasPathPrefix(importPath(imp), entPath) {
			return strings.TrimSuffix(n.Obj().Name(), "Create"), n, true
		}
	}
	if entMutates(n) {
		return strings.TrimSuffix(n.Obj().Name(), "Create"), n, true
	}
	return "", nil, false
}

// entMutates reports whether builder's Mutation method returns a mutation
// whose Op method returns ent's Op: an ent create builder whose package
// the package checked never imports (c.repo.Client().Inbox.Create(), the
// client a method of another package returns), so that the builder's
// package is known only from another package's export data, which lists
// none of its imports.
func entMutates(builder *types.Named) bool {
	m, _, _ := types.LookupFieldOrMethod(types.NewPointer(builder), true, builder.Obj().Pkg(), "Mutation")
	fn, ok := m.(*types.Func)
	if !ok || fn.Signature().Results().Len() != 1 {
		return false
	}
	mut := fn.Signature().Results().At(0).Type()
	op, _, _ := types.LookupFieldOrMethod(mut, true, builder.Obj().Pkg(), "Op")
	opFn, ok := op.(*types.Func)
	if !ok || opFn.Signature().Results().Len() != 1 {
		return false
	}
	res, ok := types.Unalias(opFn.Signature().Results().At(0).Type()).(*types.Named)
	return ok && res.Obj().Pkg() != nil && importPath(res.Obj().Pkg()) == entPath && res.Obj().Name() == "Op"
}

// entDelegates reports whether create is the receiver of one of the
// builder's own methods, in the package ent generated it in: ExecX calling
// Exec calling Save on ac, an upsert's u.create.Exec). That is ent's plumbing between the ends of one
// write, not a write; the write is the user's chain that calls ExecX, and
// noting every generated method as "not followed" would bury the notes
// that matter (flexprice: 226 of them, all in ent/*_create.go).
func entDelegates(info *types.Info, create ast.Expr, builder *types.Named) bool {
	e := ast.Unparen(create)
	for {
		sel, ok := e.(*ast.SelectorExpr) // u.create.Exec(ctx) in an upsert builder's method
		if !ok {
			break
		}
		e = ast.Unparen(sel.X)
	}
	switch x := e.(type) {
	case *ast.Ident: // ac.Save(ctx) in a method of ac's builder
		v, ok := info.Uses[x].(*types.Var)
		return ok && v.Kind() == types.RecvVar && v.Pkg() == builder.Obj().Pkg()
	case *ast.UnaryExpr: // (&MessageCreate{config: c.config, mutation: m}).Save(ctx) in the client's mutate
		lit, ok := ast.Unparen(x.X).(*ast.CompositeLit)
		return ok && x.Op == token.AND && lit.Type != nil && types.Identical(info.TypeOf(lit), builder)
	}
	return false
}

// entCreate returns the create builder an upsert chain starts from:
// for Create()….OnConflictColumns(…).DoNothing().Exec(ctx) (ent's
// sql/upsert feature), the expression before OnConflictColumns, whose
// setters say what the INSERT writes; for CreateBulk(…).OnConflictColumns(…)
// .UpdateNewValues().Exec(ctx), the CreateBulk call. Any other x is
// returned as is.
func entCreate(info *types.Info, x ast.Expr) ast.Expr {
	for {
		call, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok || !isUpsertBuilder(info.TypeOf(call)) {
			return x
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return x
		}
		x = sel.X
	}
}

// isUpsertBuilder reports whether t is an ent upsert builder
// (*MessageUpsertOne, *MessageUpsertBulk), which OnConflict and its
// chained calls return.
func isUpsertBuilder(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && (strings.HasSuffix(n.Obj().Name(), "UpsertOne") || strings.HasSuffix(n.Obj().Name(), "UpsertBulk"))
}

// entSite: client.Message.Create().SetSessionID(s).SetNillableIdempotencyKey(k).Save(ctx),
// written as one chain or through a builder variable whose setters are
// followed over the function's control flow (followBuilder): a field set
// on some paths only is left out on the others. ent's INSERT lists the fields set; an Optional
// field never set is left out (its database default, else NULL), and
// SetNillableX(nil) sets nothing. A required field left out fails
// validation, and a field with an ent default gets it: neither is NULL.
func (f *finder) entSite(call *ast.CallExpr, sel *ast.SelectorExpr) (Site, bool) {
	create := entCreate(f.info, sel.X)
	if _, _, ok := entBulk(f.info.TypeOf(create)); ok {
		return f.entBulkSite(call, create)
	}
	entity, builder, ok := entBuilder(f.info.TypeOf(create))
	if !ok || entDelegates(f.info, create, builder) {
		return Site{}, false
	}
	bt := types.NewPointer(builder)
	chain, root, v, ok := f.entChain(create, bt)
	if !ok {
		return Site{}, false
	}
	partial := map[string]bool{} // fields set on some paths to the Save only
	if v != nil {
		bv, ok := f.followBuilder(v, call, bt)
		if !ok {
			return Site{}, false
		}
		root = bv.root
		inChain := map[string]bool{}
		for _, s := range chain {
			inChain[s.field] = true
		}
		for _, s := range bv.sets {
			if !bv.must[s.field] && !inChain[s.field] {
				partial[s.field] = true
			}
		}
		chain = append(chain, bv.sets...)
	}
	when := map[string]nonEmpty{}
	for field := range partial {
		if w, ok := f.setOnlyWhen(chain, field); ok {
			when[field] = w
		}
	}
	ins, rows := entInsert(builder, entity, [][]entSetter{chain}, partial, when, call, sel, false)
	return ormRows(Site{Call: call, Query: root, Insert: ins, API: "ent", EntEntity: entityOutOfView(builder, entity),
		Writer: "the " + builder.Obj().Name() + " builder"}, rows), true
}

// entInsert synthesizes the INSERT that the create builders of entity
// (each one's setters in builders) write: the fields set, the optional
// fields left out, one row of sources per builder (more where a field is
// set by several setters, one per branch). partial names the fields a
// builder variable sets on some paths only. bulk says the builders are
// one CreateBulk: there ent lists every column some builder sets and
// writes NULL for a builder that does not set it (sqlgraph's batch
// insert), so SetNillableX(nil) is NULL, not the database default, when
// another builder sets X, as the builders of a loop may.
func entInsert(builder *types.Named, entity string, builders [][]entSetter, partial map[string]bool, when map[string]nonEmpty, call *ast.CallExpr, sel *ast.SelectorExpr, bulk bool) (*sqlinsert.Insert, []map[string]Source) {
	bt := types.NewPointer(builder)
	sets := make([]map[string][]Source, len(builders)) // per builder, field → the setters that set it
	setAny := map[string]bool{}
	for i, chain := range builders {
		sets[i] = map[string][]Source{}
		for _, s := range chain {
			sets[i][s.field] = append(sets[i][s.field], s.src)
			setAny[s.field] = true
		}
	}
	entPkg := entityPackage(builder.Obj().Pkg(), entity)
	// ent's own default name (Keys → keys, OAuth2Client → oauth2clients),
	// for when the entity package's Table is out of view
	// (entityOutOfView: the ent schema read, if any, decides).
	table := gomodel.EntTableName(entity)
	if entPkg != nil {
		if c, ok := entPkg.Scope().Lookup("Table").(*types.Const); ok && c.Val().Kind() == constant.String {
			table = constant.StringVal(c.Val())
		}
	}
	ins := &sqlinsert.Insert{Columns: []sqlinsert.Column{}}
	ins.Table, ins.Namespace = tableName(table)
	// A field set by several setters (one per branch) gets one row per
	// setter, so each value is checked: row i takes the field's i-th
	// setter, or its last.
	srcs := make([]map[string][]Source, len(builders))
	for i := range srcs {
		srcs[i] = map[string][]Source{}
	}
	ms := types.NewMethodSet(bt)
	for i := range ms.Len() {
		m := ms.At(i).Obj()
		field, ok := strings.CutPrefix(m.Name(), "Set")
		if !ok || strings.HasPrefix(field, "Nillable") || !isSetter(m, bt) {
			continue
		}
		column := snake(field)
		hasDefault, optional := false, ms.Lookup(m.Pkg(), "SetNillable"+field) != nil
		if entPkg != nil {
			if c, ok := entPkg.Scope().Lookup("Field" + field).(*types.Const); ok && c.Val().Kind() == constant.String {
				column = constant.StringVal(c.Val())
			}
			hasDefault = entPkg.Scope().Lookup("Default"+field) != nil
		}
		switch {
		case partial[field] && optional && !hasDefault && entPkg != nil && bulk:
			// MapCreateBulk's callback: the rows it does not set the field
			// on are written NULL beside those it does.
			srcs[0][column] = []Source{{Zero: types.Typ[types.UntypedNil], At: call, ZeroAs: ZeroAsNull,
				What: "Set" + field + " is not called on every path of the MapCreateBulk callback"}}
		case partial[field] && optional && !hasDefault && entPkg != nil && when[field].operand != nil && !when[field].deref:
			// Set only when a parameter's string is not empty: the
			// column is left out, so NULL, exactly where it is "", so
			// the string is the value, written as NULL when empty.
			srcs[0][column] = []Source{{Expr: when[field].operand, Test: when[field].test, ZeroAs: ZeroAsDefault}}
		case partial[field] && optional && !hasDefault && entPkg != nil && when[field].operand != nil:
			w := when[field]
			srcs[0][column] = []Source{{Zero: types.Typ[types.UntypedNil], At: call, ZeroAs: ZeroAsDefault, SetIf: w.operand,
				What: "Set" + field + " is called only when " + types.ExprString(w.operand) + " is not nil, before " + sel.Sel.Name}}
		case partial[field] && optional && !hasDefault && entPkg != nil:
			srcs[0][column] = []Source{{Zero: types.Typ[types.UntypedNil], At: call, ZeroAs: ZeroAsDefault,
				What: "Set" + field + " is not called on every path to " + sel.Sel.Name}}
		case partial[field]:
			// a required field left out fails validation; an ent default fills it
		case !setAny[field] && optional && !hasDefault && entPkg != nil:
			continue // left out of the INSERT
		default:
			for b := range builders {
				set := sets[b][field]
				if bulk && len(set) == 0 && setAny[field] && optional && !hasDefault && entPkg != nil {
					srcs[b][column] = []Source{{Zero: types.Typ[types.UntypedNil], At: builderAt(builders[b], call), ZeroAs: ZeroAsNull,
						What: "this builder of the CreateBulk does not call Set" + field + ", which another one does"}}
					continue
				}
				for _, s := range set {
					if hasDefault && s.OmitIfNil {
						continue // SetNillableX(nil) leaves it to ent's default
					}
					if bulk {
						s.OmitIfNil = false // written as NULL beside a builder that sets it
					}
					srcs[b][column] = append(srcs[b][column], s)
				}
			}
		}
		ins.Columns = append(ins.Columns, sqlinsert.Column{Name: column})
	}
	var rows []map[string]Source
	for b := range builders {
		n := 1
		for _, ss := range srcs[b] {
			n = max(n, len(ss))
		}
		for i := range n {
			r := map[string]Source{}
			for column, ss := range srcs[b] {
				if len(ss) > 0 {
					r[column] = ss[min(i, len(ss)-1)]
				}
			}
			rows = append(rows, r)
		}
	}
	return ins, rows
}

// setOnlyWhen returns, for a field that chain sets in one statement
// only, directly in the body of an if without else, the if's test when
// it is that a parameter's string (a field of a parameter) is not empty
// and that string is what the setter takes (if key != "" {
// b.SetDedupKey(key) }), or that a parameter's pointer is not nil and
// the setter takes its target (deref): where the test fails, the field
// is left out exactly because of what the caller passed.
func (f *finder) setOnlyWhen(chain []entSetter, field string) (nonEmpty, bool) {
	var set *entSetter
	for i := range chain {
		if chain[i].field == field {
			if set != nil {
				return nonEmpty{}, false
			}
			set = &chain[i]
		}
	}
	if set == nil || set.src.Expr == nil || set.src.OmitIfNil || f.fn == nil {
		return nonEmpty{}, false
	}
	var out nonEmpty
	found := false
	ast.Inspect(f.fn, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || found {
			return !found
		}
		if ifs.Init != nil || ifs.Else != nil || !topLevelIn(ifs.Body, set.pos) {
			return true
		}
		operand, deref := nonEmptyTest(f.info, ifs.Cond), false
		if operand == nil {
			operand, deref = nonNilTest(f.info, ifs.Cond), true
		}
		if operand == nil || !f.isParamPath(operand) {
			return true
		}
		arg := ast.Unparen(set.src.Expr)
		if deref {
			star, ok := arg.(*ast.StarExpr)
			if !ok {
				return true
			}
			arg = ast.Unparen(star.X)
		}
		if types.ExprString(arg) == types.ExprString(operand) {
			out, found = nonEmpty{operand, ifs.Cond, deref}, true
		}
		return true
	})
	return out, found
}

// topLevelIn reports whether node is, or is the whole expression of, a
// statement of body itself (b.SetX(x), b = b.SetX(x)).
func topLevelIn(body *ast.BlockStmt, node ast.Node) bool {
	for _, st := range body.List {
		switch st := st.(type) {
		case *ast.ExprStmt:
			if contains(st.X, node) {
				return true
			}
		case *ast.AssignStmt:
			if len(st.Rhs) == 1 && contains(st.Rhs[0], node) {
				return true
			}
		}
	}
	return false
}

// isParamPath reports whether e is a parameter of the function being
// walked, or a field of one (key, in.Key).
func (f *finder) isParamPath(e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if sel := f.info.Selections[x]; sel == nil || sel.Kind() != types.FieldVal {
				return false
			}
			e = x.X
			continue
		case *ast.Ident:
			v, ok := f.info.Uses[x].(*types.Var)
			return ok && v.Kind() == types.ParamVar
		}
		return false
	}
}

// builderAt is where a builder's left-out field shows: its chain (the
// outermost setter call, which entChain reads first), else call.
func builderAt(chain []entSetter, call *ast.CallExpr) ast.Expr {
	if len(chain) > 0 {
		if c, ok := chain[0].pos.(*ast.CallExpr); ok {
			return c
		}
	}
	return call
}

func isBuilder(t, bt types.Type) bool { return t != nil && types.Identical(t, bt) }

// isSetter reports whether m is func(v) *Builder.
func isSetter(m types.Object, bt types.Type) bool {
	sig, ok := m.Type().(*types.Signature)
	return ok && sig.Params().Len() == 1 && sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), bt)
}

// entityOutOfView is entity when its generated package's Table constant
// is out of this pass's view: the package is not among the builder
// package's imports, or is there only as export data lists it (the
// objects ent's own API names, not Table), which is what a package that
// imports the ent client but not ent/charge sees. The table is then the
// Go-declared ent schema of that name when one is read (its
// entsql.Annotation's Table, which ent's default name misses), see
// Site.EntEntity.
func entityOutOfView(builder *types.Named, entity string) string {
	if p := entityPackage(builder.Obj().Pkg(), entity); p != nil {
		if c, ok := p.Scope().Lookup("Table").(*types.Const); ok && c.Val().Kind() == constant.String {
			return ""
		}
	}
	return entity
}

// entityPackage finds ent's generated package for entity (ent/message for
// Message) among the builder package's imports.
func entityPackage(builderPkg *types.Package, entity string) *types.Package {
	want := strings.ToLower(entity)
	for _, imp := range builderPkg.Imports() {
		if imp.Name() == want && strings.HasPrefix(imp.Path(), builderPkg.Path()+"/") {
			return imp
		}
	}
	return nil
}
