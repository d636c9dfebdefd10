package rowwrite

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// A fieldCol is a struct field an API maps to a column, possibly promoted
// through embedded structs.
type fieldCol struct {
	column string
	path   []int // field indexes from the outer struct down
	name   string
	typ    types.Type
	tag    reflect.StructTag
}

// A mapper names the column of a struct field: ok false skips the field;
// flatten reports an embedded struct whose fields count as the outer one's.
type mapper func(f *types.Var, tag reflect.StructTag) (column string, flatten, ok bool)

// structColumns lists the columns of struct type t under m.
func structColumns(t types.Type, m mapper) []fieldCol {
	var out []fieldCol
	var walk func(t types.Type, path []int, prefix string, depth int)
	walk = func(t types.Type, path []int, prefix string, depth int) {
		st, ok := t.Underlying().(*types.Struct)
		if !ok || depth > 4 {
			return
		}
		for i := range st.NumFields() {
			f := st.Field(i)
			tag := reflect.StructTag(st.Tag(i))
			col, flatten, ok := m(f, tag)
			if !ok {
				continue
			}
			p := append(append([]int(nil), path...), i)
			if flatten { // col, if any, prefixes the nested columns (GORM's embeddedPrefix)
				ft := f.Type()
				if ptr, ok := ft.Underlying().(*types.Pointer); ok {
					ft = ptr.Elem()
				}
				walk(ft, p, prefix+col, depth+1)
				continue
			}
			out = append(out, fieldCol{column: prefix + col, path: p, name: f.Name(), typ: f.Type(), tag: tag})
		}
	}
	walk(t, nil, "", 0)
	return out
}

// sqlxMapper is sqlx's default: the db tag, else the lower-cased field
// name; embedded structs without a tag are flattened.
func sqlxMapper(f *types.Var, tag reflect.StructTag) (string, bool, bool) {
	name := strings.Split(tag.Get("db"), ",")[0]
	if name == "-" {
		return "", false, false
	}
	if f.Embedded() && name == "" {
		return "", true, true
	}
	if !f.Exported() {
		return "", false, false
	}
	if name == "" {
		name = strings.ToLower(f.Name())
	}
	return name, false, true
}

// fieldValue follows fc's path through the literal lit. It returns the
// expression set there; or leftOut when the literal (or an embedded value
// struct in it) leaves the field out, so it is zero; or, when an embedded
// struct on the way is a value built elsewhere (entryRow{Entry: e}), that
// value (wrapped) and how many fields of the path are left below it; or
// nothing when the value cannot be read.
func fieldValue(info *types.Info, lit *ast.CompositeLit, path []int) (expr, wrapped ast.Expr, rest int, leftOut bool) {
	for n, idx := range path {
		st, ok := derefType(info.TypeOf(lit)).Underlying().(*types.Struct) // *T for {…} in []*T
		if !ok || idx >= st.NumFields() {
			return nil, nil, 0, false
		}
		f := st.Field(idx)
		var val ast.Expr
		for i, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == f.Name() {
					val = kv.Value
				}
			} else if i == idx {
				val = elt // positional: every field is written
			}
		}
		last := n == len(path)-1
		if val == nil {
			if !last {
				if _, ptr := f.Type().Underlying().(*types.Pointer); ptr {
					return nil, nil, 0, false // a nil embedded pointer: what the API does varies
				}
			}
			return nil, nil, 0, true
		}
		val = astutil.Unparen(val)
		if last {
			return val, nil, 0, false
		}
		inner := val
		if u, ok := inner.(*ast.UnaryExpr); ok && u.Op == token.AND {
			inner = astutil.Unparen(u.X)
		}
		if lit, ok = inner.(*ast.CompositeLit); !ok {
			return nil, val, len(path) - n - 1, false
		}
	}
	return nil, nil, 0, false
}

// A row is one Go value that an API writes as a row: a composite literal,
// or a variable whose literal is visible (then only left-out fields count,
// since whatever else the function does with the value is not followed).
type row struct {
	lit      *ast.CompositeLit // nil for a zero value declared as var v T
	typ      types.Type        // the struct or map type
	at       ast.Expr          // where left-out values are reported
	holder   string            // "the Message literal"
	onlyZero bool              // from a variable: report only left-out fields
	// written are the fields the function assigns after the literal; the
	// expression is set when the field's one write is a plain assignment
	// that runs on every path to the insert (rec.Key = ref at the top of
	// the body): what the callers are asked about when the flow cannot
	// tell (a parameter).
	written map[string]ast.Expr
	// mapWrites counts, for a map row, the writes of each constant key
	// after the literal (m["k"] = x); written holds the value of a key
	// written once on every path.
	mapWrites map[string]int
	// whenSet, for a map row, holds the string a key's one write writes
	// under a test that it is not empty (if x.Key != "" { m["k"] = x.Key }):
	// the operand of that test.
	whenSet map[string]nonEmpty
	conv    *converter // lit is in a converter's body, not the inserting function
	// handed, when set, is the call the row value is handed to on its
	// way to the insert (the append that adds it to a slice of rows).
	handed *ast.CallExpr
	// param: the row is a parameter of the inserting function (a struct
	// or a pointer to one), built by its callers: each field is its value
	// at the call, which the callers decide.
	param bool
	// local: a local variable of the inserting function whose writes are
	// not read from the syntax (localRows): each field is its value at
	// the call, as for param, but no caller decides it.
	local bool
	// elems: the row stands for every element of a slice parameter of the
	// inserting function (param is set too).
	elems bool
}

// rowsOf returns the rows that arg holds: a struct or map literal (or its
// address), each element literal of a slice literal, or the same through
// a local variable of fn whose literal initialisation is visible and which
// the function only passes to call and reads.
func (f *finder) rowsOf(fn ast.Node, call *ast.CallExpr, arg ast.Expr) []row {
	info := f.info
	e := unaddr(arg)
	if lit, ok := e.(*ast.CompositeLit); ok {
		return literalRows(info, lit, arg, "", false, nil)
	}
	if s, ok := e.(*ast.SliceExpr); ok {
		// A chunk of a parameter's rows (Create(rows[:n]) in a loop that
		// reslices rows = rows[n:]): slicing keeps the elements.
		x := ast.Expr(s)
		for sx, ok := x.(*ast.SliceExpr); ok; sx, ok = x.(*ast.SliceExpr) {
			x = astutil.Unparen(sx.X)
		}
		if id, ok := x.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && isParam(info, fn, v) {
				if sl, ok := v.Type().Underlying().(*types.Slice); ok {
					if et := derefType(sl.Elem()); isStructType(et) {
						return []row{{typ: et, at: arg, holder: v.Name(), param: true, elems: true}}
					}
				}
			}
		}
		return nil
	}
	if c, ok := e.(*ast.CallExpr); ok { // Create(toRows(ins)): a converter's result, handed on as it is
		if rows := f.convertedRows(c, arg, nil, nil); rows != nil {
			return rows
		}
		return f.resultRows(c, arg)
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	if _, isSlice := v.Type().Underlying().(*types.Slice); isSlice {
		if rows := f.appendedRows(fn, call, v); rows != nil {
			return rows
		}
	}
	if isParam(info, fn, v) || f.capturedParam(fn, v) {
		t := derefType(v.Type())
		if sl, ok := t.Underlying().(*types.Slice); ok {
			// A slice of rows the callers build (Create(&rows),
			// Model(&rows) with rows a parameter, also inside a
			// transaction helper's closure: db.RunInTx(ctx, nil,
			// func(ctx context.Context, tx bun.Tx) error { …
			// Model(&rows) … })): each element's field is theirs.
			et := derefType(sl.Elem())
			if _, ok := et.Underlying().(*types.Struct); !ok {
				return nil
			}
			return []row{{typ: et, at: arg, holder: v.Name(), param: true, elems: true}}
		}
		if _, ok := t.Underlying().(*types.Struct); !ok {
			return nil
		}
		return []row{{typ: t, at: arg, holder: v.Name(), param: true}}
	}
	init, written, mapWrites, ok := visibleInit(info, fn, v, call)
	whenSet := mapWhenSet(info, fn, v, call)
	if !ok {
		if rows := localRows(fn, arg, v); rows != nil {
			return rows
		}
		return f.capturedLocalRows(fn, arg, v)
	}
	if init == nil { // var v T
		t := v.Type()
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		if _, ok := t.Underlying().(*types.Struct); !ok {
			return nil
		}
		return []row{{typ: t, at: arg, holder: v.Name() + ", declared without a value", onlyZero: true, written: written}}
	}
	switch init := init.(type) {
	case *ast.CompositeLit:
		if isSliceOrArray(info.TypeOf(init)) {
			// A slice of rows nothing but the call uses (visibleInit
			// allows no other use): its elements are the literal's, read
			// as if the literal were passed inline.
			return literalRows(info, init, arg, " of "+v.Name(), false, nil)
		}
		rows := literalRows(info, init, arg, " of "+v.Name(), true, written)
		for i := range rows {
			rows[i].mapWrites = mapWrites
			rows[i].whenSet = whenSet
		}
		return rows
	case *ast.CallExpr:
		if rows := f.convertedRows(init, arg, v, written); rows != nil {
			return rows
		}
		return f.filledRows(init, arg, v)
	}
	return nil
}

// unreadRows says what arg, an ORM's row argument no row was read from,
// is: the result of a call idemlint does not follow into (rows :=
// lo.Map(reqs, toRow)), or a value built where it does not read it.
func (f *finder) unreadRows(call *ast.CallExpr, arg ast.Expr) string {
	if arg == nil {
		return ""
	}
	text := types.ExprString(unaddr(arg))
	if id, ok := unaddr(arg).(*ast.Ident); ok && call != nil {
		if v, ok := f.info.Uses[id].(*types.Var); ok {
			if use := f.sliceUses[v]; use != nil {
				if c, isCall := use.(*ast.CallExpr); isCall {
					return fmt.Sprintf("%s, whose rows are appended here, is also handed to %s, which idemlint does not follow", text, types.ExprString(c.Fun))
				}
				return fmt.Sprintf("%s, whose rows are appended here, is also used in %s, which idemlint does not follow", text, shortNode(use))
			}
			if init, _, _, ok := visibleInit(f.info, f.fn, v, call); ok {
				if c, ok := init.(*ast.CallExpr); ok {
					return fmt.Sprintf("%s is the result of %s, whose rows idemlint does not read", text, types.ExprString(c.Fun))
				}
			}
		}
	}
	return text + " is built where idemlint does not read its rows"
}

// shortNode is n's source text for a note, cut to one line.
func shortNode(n ast.Node) string {
	var text string
	switch n := n.(type) {
	case ast.Expr:
		text = types.ExprString(n)
	case *ast.AssignStmt:
		var l, r []string
		for _, e := range n.Lhs {
			l = append(l, types.ExprString(e))
		}
		for _, e := range n.Rhs {
			r = append(r, types.ExprString(e))
		}
		text = strings.Join(l, ", ") + " " + n.Tok.String() + " " + strings.Join(r, ", ")
	case *ast.RangeStmt:
		text = "range " + types.ExprString(n.X)
	default:
		text = "a statement"
	}
	if len(text) > 60 {
		text = text[:57] + "..."
	}
	return text
}

// localRows returns the row of v, a local struct (or pointer to one) of
// fn whose initialisation or writes are not read from the syntax (s, err
// := build(in); fill(&s, in); a method called on it): each field is its
// value at the call, which the value analysis follows (into a helper's
// results) or, where it cannot, says so (a -v note), instead of the row's
// columns being unknown.
func localRows(fn ast.Node, arg ast.Expr, v *types.Var) []row {
	var body *ast.BlockStmt
	switch f := fn.(type) {
	case *ast.FuncDecl:
		body = f.Body
	case *ast.FuncLit:
		body = f.Body
	}
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return nil
	}
	t := derefType(v.Type())
	if _, ok := t.Underlying().(*types.Struct); !ok {
		return nil
	}
	return []row{{typ: t, at: arg, holder: v.Name(), param: true, local: true}}
}

// capturedLocalRows returns the row of v, a local struct (or pointer to
// one) of the declaration around fn, a literal that reads v and never
// assigns it: a row built before a transaction helper's closure writes it
// (rec := payoutRecord{…}; WithTx(ctx, db, func(tx *sqlx.Tx) error { …
// tx.NamedExecContext(ctx, q, rec) … })). Each field is its value at the
// call, which the value analysis judges where the literal is made.
func (f *finder) capturedLocalRows(fn ast.Node, arg ast.Expr, v *types.Var) []row {
	lit, ok := fn.(*ast.FuncLit)
	if !ok || f.decl == nil || f.decl.Body == nil {
		return nil
	}
	body := f.decl.Body
	if v.Pos() < body.Pos() || v.Pos() >= body.End() || v.Pos() >= lit.Pos() && v.Pos() < lit.End() {
		return nil
	}
	assigned := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if id, ok := astutil.Unparen(l).(*ast.Ident); ok && f.info.Uses[id] == v {
					assigned = true
				}
			}
		}
		return !assigned
	})
	if assigned {
		return nil
	}
	t := derefType(v.Type())
	if _, ok := t.Underlying().(*types.Struct); !ok {
		return nil
	}
	return []row{{typ: t, at: arg, holder: v.Name(), param: true, local: true}}
}

// filledRows returns the row of v, initialised by a converter of this
// package that fills a variable field by field rather than returning a
// literal (var r row; if in.Key != nil { r.Key = in.Key }; return r):
// each field is its value at the call, which the value analysis follows
// into the converter's returns.
func (f *finder) filledRows(call *ast.CallExpr, arg ast.Expr, v *types.Var) []row {
	fn := typeutil.StaticCallee(f.info, call)
	if fn == nil || f.declOf(fn) == nil {
		return nil
	}
	t := derefType(v.Type())
	if _, ok := t.Underlying().(*types.Struct); !ok {
		return nil
	}
	return []row{{typ: t, at: arg, holder: v.Name() + ", filled by " + fn.Name(), param: true, local: true}}
}

// resultRows returns the row of a converter's result passed inline
// (Create(toModel(in)), Model(toRow(&in))), when the converter is of this
// package but returns no one literal (it fills a variable, or returns nil
// on some path): each field is its value at the call, which the value
// analysis follows into the converter's returns, as filledRows does for
// the same result kept in a local.
func (f *finder) resultRows(call *ast.CallExpr, arg ast.Expr) []row {
	fn := typeutil.StaticCallee(f.info, call)
	if fn == nil || f.declOf(fn) == nil {
		return nil
	}
	t := f.info.TypeOf(call)
	if t == nil {
		return nil
	}
	t = derefType(t)
	if _, ok := t.Underlying().(*types.Struct); !ok {
		return nil
	}
	return []row{{typ: t, at: arg, holder: "the result of " + fn.Name(), param: true, local: true}}
}

func isSliceOrArray(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Slice, *types.Array:
		return true
	}
	return false
}

func literalRows(info *types.Info, lit *ast.CompositeLit, at ast.Expr, of string, onlyZero bool, written map[string]ast.Expr) []row {
	t := info.TypeOf(lit)
	if t == nil {
		return nil
	}
	switch t.Underlying().(type) {
	case *types.Struct, *types.Map:
		if !onlyZero {
			at = lit
		}
		return []row{{lit: lit, typ: t, at: at, holder: "the " + typeName(t) + " literal" + of, onlyZero: onlyZero, written: written}}
	case *types.Slice, *types.Array:
		if len(written) > 0 {
			return nil
		}
		var rows []row
		for i, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			el, ok := unaddr(elt).(*ast.CompositeLit)
			if !ok {
				// A row made elsewhere ([]Row{toRow(in)}, []Row{r}): its
				// fields as the value analysis finds them.
				if et := info.TypeOf(elt); et != nil {
					if _, ok := derefType(et).Underlying().(*types.Struct); ok {
						rows = append(rows, row{typ: derefType(et), at: unaddr(elt), holder: fmt.Sprintf("element %d%s", i+1, of), param: true, local: true})
					}
				}
				continue
			}
			et := info.TypeOf(el)
			if et == nil {
				continue
			}
			et = derefType(et) // {…} in a []*T literal has type *T
			if _, ok := et.Underlying().(*types.Struct); !ok {
				continue
			}
			a := ast.Expr(el)
			if onlyZero {
				a = at
			}
			rows = append(rows, row{lit: el, typ: et, at: a, holder: fmt.Sprintf("the %s literal (element %d)%s", typeName(et), i+1, of), onlyZero: onlyZero})
		}
		return rows
	}
	return nil
}

// structSources returns the sources of r's fields under m, by column.
func (r row) structSources(info *types.Info, m mapper) map[string]Source {
	out := map[string]Source{}
	for _, fc := range structColumns(r.typ, m) {
		out[fc.column] = r.fieldSource(info, fc)
	}
	return out
}

func (r row) fieldSource(info *types.Info, fc fieldCol) Source {
	st, _ := r.typ.Underlying().(*types.Struct)
	if st == nil {
		return Source{}
	}
	names := fieldNames(r.typ, fc.path)
	if set, ok := r.written[st.Field(fc.path[0]).Name()]; ok || r.param {
		// Assigned after the literal: the value at the call is followed,
		// with the assignment's expression when it is the field's one
		// unconditional write and the field is the one assigned.
		if len(fc.path) > 1 {
			set = nil
		}
		if r.elems {
			return Source{Field: &FieldOf{Root: r.at, Path: names, Type: fc.typ, Elems: true}}
		}
		// A field written without a plain assignment (its address taken:
		// Scan(&rec.Key)) is a write not read from the syntax, as a
		// local's are: where the flow cannot tell, a note says so.
		return Source{Field: &FieldOf{Root: r.at, Path: names, Type: fc.typ, At: r.handed, Set: set, Local: r.local || ok && set == nil && !r.param}}
	}
	var expr, wrapped ast.Expr
	leftOut := true
	rest := 0
	if r.lit != nil {
		expr, wrapped, rest, leftOut = fieldValue(info, r.lit, fc.path)
	}
	switch {
	case leftOut:
		return Source{Zero: fc.typ, At: r.at, What: fmt.Sprintf("the %s field is left out of %s", fc.name, r.holder)}
	case r.conv != nil && expr != nil:
		if s := r.conv.source(info, expr, fc.typ); s != (Source{}) || r.conv.slice {
			return s
		}
		// Not a parameter's field (a local the converter computes, a
		// call): the field's value at the insert, which the value
		// analysis follows into the converter's result.
		return Source{Field: &FieldOf{Root: r.at, Path: names, Type: fc.typ, At: r.handed, Local: true}}
	case r.conv != nil && !r.conv.slice:
		// An embedded value the converter takes from elsewhere: the
		// same, its field at the insert.
		return Source{Field: &FieldOf{Root: r.at, Path: names, Type: fc.typ, At: r.handed, Local: true}}
	case r.conv != nil:
		return Source{}
	case expr != nil && r.onlyZero:
		// A variable's field set in its literal, not assigned after it:
		// its value at the call, with the literal's expression (Set) for
		// what the flow cannot tell (a parameter's field: its callers).
		return Source{Field: &FieldOf{Root: r.at, Path: names, Type: fc.typ, At: r.handed, Set: expr}}
	case expr != nil:
		return Source{Expr: expr}
	case r.onlyZero:
		// A variable's embedded value built elsewhere: its field at the call.
		return Source{Field: &FieldOf{Root: r.at, Path: names, Type: fc.typ, At: r.handed}}
	case wrapped != nil:
		// An embedded value the literal takes from elsewhere
		// (entryRow{Entry: e}): the field of that value.
		return Source{Field: &FieldOf{Root: wrapped, Path: names[len(names)-rest:], Type: fc.typ}}
	}
	return Source{}
}

// fieldNames turns a path of field indexes through t into field names.
func fieldNames(t types.Type, path []int) []string {
	var names []string
	for _, i := range path {
		st, ok := derefType(t).Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return names
		}
		names = append(names, st.Field(i).Name())
		t = st.Field(i).Type()
	}
	return names
}

// mapSources returns the sources of a map literal's constant string keys.
// missing, when set, is the type a key left out of the literal is written
// as (pgx.NamedArgs sends nil); else a missing key is not known.
func (r row) mapSources(info *types.Info, names []string, missing types.Type) map[string]Source {
	out := map[string]Source{}
	if r.lit == nil {
		return out
	}
	set := map[string]ast.Expr{}
	for _, elt := range r.lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return out
		}
		tv, ok := info.Types[kv.Key]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
			return out // a computed key could be any name
		}
		set[constant.StringVal(tv.Value)] = astutil.Unparen(kv.Value)
	}
	for _, n := range names {
		if w, wrote := r.written[n]; wrote {
			switch {
			case w != nil: // set on every path to the insert
				out[n] = Source{Expr: w}
			case r.mapWrites[n] == 1 && set[n] == nil && missing != nil && r.whenSet[n].deref:
				// Set only when a pointer is not nil (if e.Key != nil {
				// args["k"] = *e.Key }): left out, so NULL, exactly where
				// it is nil; the pointer decides (SetIf).
				w := r.whenSet[n]
				out[n] = Source{Zero: missing, At: r.at, SetIf: w.operand,
					What: fmt.Sprintf("the %q key is left out of %s and set only when %s is not nil", n, r.holder, types.ExprString(w.operand))}
			case r.mapWrites[n] == 1 && set[n] == nil && missing != nil && r.whenSet[n].operand != nil:
				// Set only when not empty: NULL exactly when the string is
				// "", so the string is the value, written as NULL when
				// empty. The test's operand, not the assignment's, is the
				// expression: the assignment sits where the string is
				// present, which is not a check of it.
				out[n] = Source{Expr: r.whenSet[n].operand, Test: r.whenSet[n].test, ZeroAs: ZeroAsNull}
			case r.mapWrites[n] == 1 && set[n] == nil && missing != nil:
				// One write, under a condition: where it does not run,
				// the name is missing from the map.
				out[n] = Source{Zero: missing, At: r.at, What: fmt.Sprintf("the %q key is left out of %s and set only on some paths to the call", n, r.holder)}
			}
			continue
		}
		switch e, ok := set[n]; {
		case ok:
			// The literal's value: a map variable's entry nothing writes
			// after the literal is that value at the call (visibleInit
			// allows no other use of the map).
			out[n] = Source{Expr: e}
		case !ok && missing != nil:
			out[n] = Source{Zero: missing, At: r.at, What: fmt.Sprintf("the %q key is left out of %s", n, r.holder)}
		}
	}
	return out
}

// mapWhenSet returns, for the map variable v of fn, the keys written
// once before call in the body of an if whose only condition is that the
// written string is not empty (if x.Key != "" { m["k"] = x.Key }, also
// len(x.Key) > 0), or that the pointer whose target is written is not
// nil (if x.Key != nil { m["k"] = *x.Key }), each with that condition's
// operand: the key is NULL exactly where the operand is empty or nil.
func mapWhenSet(info *types.Info, fn ast.Node, v *types.Var, call *ast.CallExpr) map[string]nonEmpty {
	if _, isMap := v.Type().Underlying().(*types.Map); !isMap {
		return nil
	}
	out := map[string]nonEmpty{}
	ast.Inspect(fn, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || ifs.Else != nil || ifs.Pos() > call.Pos() {
			return true
		}
		operand, deref := nonEmptyTest(info, ifs.Cond), false
		if operand == nil {
			operand, deref = nonNilTest(info, ifs.Cond), true
		}
		if operand == nil {
			return true
		}
		for _, st := range ifs.Body.List {
			as, ok := st.(*ast.AssignStmt)
			if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				continue
			}
			ix, ok := astutil.Unparen(as.Lhs[0]).(*ast.IndexExpr)
			if !ok {
				continue
			}
			id, ok := astutil.Unparen(ix.X).(*ast.Ident)
			tv := info.Types[ix.Index]
			if !ok || info.Uses[id] != v || tv.Value == nil || tv.Value.Kind() != constant.String {
				continue
			}
			written := astutil.Unparen(as.Rhs[0])
			if deref {
				// if p != nil { m["k"] = *p }: NULL exactly where p is nil,
				// as p itself would be.
				star, ok := written.(*ast.StarExpr)
				if !ok {
					continue
				}
				written = astutil.Unparen(star.X)
			}
			if types.ExprString(written) == types.ExprString(operand) {
				out[constant.StringVal(tv.Value)] = nonEmpty{operand, ifs.Cond, deref}
			}
		}
		return true
	})
	return out
}

// nonNilTest returns p when cond is p != nil or nil != p for a pointer p,
// else nil.
func nonNilTest(info *types.Info, cond ast.Expr) ast.Expr {
	b, ok := astutil.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return nil
	}
	isNil := func(e ast.Expr) bool { return info.Types[e].IsNil() }
	isPtr := func(e ast.Expr) bool {
		_, ok := types.Unalias(info.TypeOf(e)).Underlying().(*types.Pointer)
		return info.TypeOf(e) != nil && ok
	}
	x, y := astutil.Unparen(b.X), astutil.Unparen(b.Y)
	switch {
	case isNil(y) && isPtr(x):
		return x
	case isNil(x) && isPtr(y):
		return y
	}
	return nil
}

// A nonEmpty is a test that a string is not empty, and the string; or,
// with deref, that a pointer is not nil, and the pointer.
type nonEmpty struct {
	operand, test ast.Expr
	deref         bool
}

// nonEmptyTest returns s when cond is s != "", "" != s or len(s) > 0 for
// a string s, else nil.
func nonEmptyTest(info *types.Info, cond ast.Expr) ast.Expr {
	b, ok := astutil.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return nil
	}
	isEmpty := func(e ast.Expr) bool {
		tv := info.Types[e]
		return tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == ""
	}
	isZero := func(e ast.Expr) bool {
		tv := info.Types[e]
		return tv.Value != nil && tv.Value.Kind() == constant.Int && constant.Sign(tv.Value) == 0
	}
	isString := func(e ast.Expr) bool {
		t := info.TypeOf(e)
		if t == nil {
			return false
		}
		bt, ok := t.Underlying().(*types.Basic)
		return ok && bt.Info()&types.IsString != 0
	}
	x, y := astutil.Unparen(b.X), astutil.Unparen(b.Y)
	switch b.Op {
	case token.NEQ:
		if isEmpty(y) && isString(x) {
			return x
		}
		if isEmpty(x) && isString(y) {
			return y
		}
	case token.GTR:
		if c, ok := x.(*ast.CallExpr); ok && isBuiltin(info, c.Fun, "len") && len(c.Args) == 1 && isZero(y) && isString(c.Args[0]) {
			return astutil.Unparen(c.Args[0])
		}
	}
	return nil
}

// visibleInit finds how fn initialises the local variable v: a composite
// literal (or its address), or nil for var v T. ok is false
// when fn does anything with v but pass it to call (v or &v) and read or
// assign its fields; written lists the top-level fields it assigns, takes
// the address of or calls methods through.
func visibleInit(info *types.Info, fn ast.Node, v *types.Var, call *ast.CallExpr) (init ast.Expr, written map[string]ast.Expr, mapWrites map[string]int, ok bool) {
	var body ast.Node
	switch f := fn.(type) {
	case *ast.FuncDecl:
		body = f.Body
	case *ast.FuncLit:
		body = f.Body
	}
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return nil, nil, nil, false
	}
	ok = true
	declared := false
	// A use after the call cannot change what the call wrote (the created
	// row returned, its ID logged), unless the call runs again in a loop
	// that v outlives.
	after := !loopedFrom(body, v, call)
	written = map[string]ast.Expr{}
	mapWrites = map[string]int{}
	// write notes a write of field; set is the assigned expression when
	// the write is v.F = set, a statement of the body itself (so on every
	// path) before the call. A second write of the field forgets it.
	write := func(field string, set ast.Expr) {
		if _, again := written[field]; again {
			set = nil
		}
		written[field] = set
	}
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, isID := n.(*ast.Ident)
		if !isID {
			return true
		}
		if info.Defs[id] == v {
			declared = true
			init, ok = declInit(info, stack, id)
			return true
		}
		if info.Uses[id] != v {
			return true
		}
		if after && id.Pos() >= call.End() {
			return true
		}
		parent := stack[len(stack)-2]
		if u, isU := parent.(*ast.UnaryExpr); isU && u.Op == token.AND && len(stack) >= 3 {
			if isArgOf(call, u) {
				return true
			}
		}
		if isArgOf(call, id) {
			return true
		}
		if ix, isIx := parent.(*ast.IndexExpr); isIx && ix.X == id {
			if _, isMap := v.Type().Underlying().(*types.Map); isMap {
				// m["k"] = x: a map row's entry, by its constant key.
				tv := info.Types[ix.Index]
				if tv.Value == nil || tv.Value.Kind() != constant.String {
					ok = false // a computed key could be any name
					return false
				}
				name := constant.StringVal(tv.Value)
				if len(stack) < 3 {
					return true
				}
				if as, isAs := stack[len(stack)-3].(*ast.AssignStmt); isAs {
					for j, l := range as.Lhs {
						if l != ix {
							continue
						}
						var set ast.Expr
						if as.Tok == token.ASSIGN && len(as.Lhs) == len(as.Rhs) && len(stack) >= 4 &&
							stack[len(stack)-4] == body && as.End() <= call.Pos() {
							set = as.Rhs[j]
						}
						write(name, set)
						mapWrites[name]++
					}
				}
				return true
			}
		}
		sel, isSel := parent.(*ast.SelectorExpr)
		if !isSel || sel.X != id {
			ok = false
			return false
		}
		s, has := info.Selections[sel]
		if !has || s.Kind() != types.FieldVal {
			ok = false // a method may change the value
			return false
		}
		// The top of the selector chain: assigned, incremented, address
		// taken or used as a method receiver writes the first field.
		first := sel.Sel.Name
		if len(s.Index()) > 1 {
			if st, isSt := derefType(v.Type()).Underlying().(*types.Struct); isSt {
				first = st.Field(s.Index()[0]).Name()
			}
		}
		top := ast.Node(sel)
		i := len(stack) - 3
		for ; i >= 0; i-- {
			switch p := stack[i].(type) {
			case *ast.SelectorExpr, *ast.IndexExpr, *ast.ParenExpr, *ast.StarExpr:
				if ps, isPS := p.(*ast.SelectorExpr); isPS {
					if s2, has := info.Selections[ps]; has && s2.Kind() != types.FieldVal {
						write(first, nil)
					}
				}
				top = p
				continue
			}
			break
		}
		if i >= 0 {
			switch p := stack[i].(type) {
			case *ast.AssignStmt:
				for j, l := range p.Lhs {
					if l != top {
						continue
					}
					var set ast.Expr
					if top == sel && len(s.Index()) == 1 && p.Tok == token.ASSIGN && len(p.Lhs) == len(p.Rhs) &&
						i > 0 && stack[i-1] == body && p.End() <= call.Pos() {
						set = p.Rhs[j]
					}
					write(first, set)
				}
			case *ast.IncDecStmt:
				write(first, nil)
			case *ast.UnaryExpr:
				if p.Op == token.AND {
					write(first, nil)
				}
			case *ast.RangeStmt:
				if p.Key == top || p.Value == top {
					write(first, nil)
				}
			}
		}
		return true
	})
	if !declared {
		return nil, nil, nil, false
	}
	return init, written, mapWrites, ok
}

// loopedFrom reports whether call sits in a loop of body that starts
// after v is declared: the call may then run again after a use of v
// that follows it in the source.
func loopedFrom(body ast.Node, v *types.Var, call *ast.CallExpr) bool {
	looped := false
	ast.Inspect(body, func(n ast.Node) bool {
		if looped || n == nil {
			return false
		}
		if n.Pos() > call.Pos() || n.End() < call.End() {
			return false // not on the way to the call
		}
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() > v.Pos() {
				looped = true
			}
		case *ast.FuncLit:
			looped = true // a closure may be called any number of times
		}
		return !looped
	})
	return looped
}

// declInit returns the literal (or the call, for a converter) a
// declaration gives id; ok is false for any other initial value. var v T
// (no value) is nil and ok.
func declInit(info *types.Info, stack []ast.Node, id *ast.Ident) (ast.Expr, bool) {
	for i := len(stack) - 2; i >= 0; i-- {
		switch d := stack[i].(type) {
		case *ast.AssignStmt:
			if d.Tok != token.DEFINE || len(d.Lhs) != len(d.Rhs) {
				return nil, false
			}
			for j, l := range d.Lhs {
				if l == id {
					return literalOrCall(d.Rhs[j])
				}
			}
			return nil, false
		case *ast.ValueSpec:
			if len(d.Values) == 0 {
				return nil, true
			}
			if len(d.Values) != len(d.Names) {
				return nil, false
			}
			for j, n := range d.Names {
				if n == id {
					return literalOrCall(d.Values[j])
				}
			}
			return nil, false
		case ast.Stmt:
			return nil, false // a range variable, a type switch
		}
	}
	return nil, false
}

// literalOrCall returns e (without a leading &) when it is a composite
// literal or a call.
func literalOrCall(e ast.Expr) (ast.Expr, bool) {
	switch x := unaddr(e).(type) {
	case *ast.CompositeLit:
		return x, true
	case *ast.CallExpr:
		return x, true
	}
	return nil, false
}

func isArgOf(call *ast.CallExpr, e ast.Expr) bool {
	for _, a := range call.Args {
		if astutil.Unparen(a) == e {
			return true
		}
	}
	return false
}

func unaddr(e ast.Expr) ast.Expr {
	e = astutil.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return astutil.Unparen(u.X)
	}
	return e
}

func derefType(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func typeName(t types.Type) string {
	t = derefType(t)
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return "struct"
}

// appendedRows returns the rows of a slice variable v that fn builds by
// appending, then hands to call:
//
//	var rows []Row
//	for _, in := range ins {
//		rows = append(rows, Row{Key: in.Key})
//	}
//	db.Create(&rows)
//
// Each appended element is a row (and each rows[i] = … of a slice made to
// its length): a literal is read like one, a variable through its own
// literal in fn, as it is at the append. v must start empty or made with
// make (var v []T, []T{}, make([]T, n…)) and be used only by such appends
// and element assignments, len and cap, and call; anything else (passed
// on, read by index, assigned otherwise) gives no rows. out is call, or,
// in a converter that returns the slice, its return statement.
func (f *finder) appendedRows(fn ast.Node, out ast.Node, v *types.Var) []row {
	return f.appendedRowsOf(fn, out, v, func(app *ast.CallExpr, e ast.Expr) []row { return f.elementRows(fn, app, e) })
}

// appendedRowsOf is appendedRows with elem reading each element.
func (f *finder) appendedRowsOf(fn ast.Node, out ast.Node, v *types.Var, elem func(app *ast.CallExpr, e ast.Expr) []row) []row {
	info := f.info
	body := funcBody(fn)
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return nil
	}
	var rows []row
	ok, declared := true, false
	handled := map[*ast.Ident]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if info.Defs[name] == v {
					handled[name], declared = true, true
					if i < len(n.Values) && !emptySlice(info, n.Values[i]) {
						ok = false
					}
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) != 1 || len(n.Rhs) != 1 {
				return true
			}
			if ix, isIndex := astutil.Unparen(n.Lhs[0]).(*ast.IndexExpr); isIndex && n.Tok == token.ASSIGN {
				// rows[i] = Row{…}: an element of a slice made to length.
				if id, isID := astutil.Unparen(ix.X).(*ast.Ident); isID && info.Uses[id] == v {
					handled[id] = true
					rs := elem(nil, n.Rhs[0])
					if rs == nil {
						ok = false
					}
					rows = append(rows, rs...)
				}
				return true
			}
			lhs, isID := n.Lhs[0].(*ast.Ident)
			if !isID || info.ObjectOf(lhs) != v {
				return true
			}
			handled[lhs] = true
			if n.Tok == token.DEFINE {
				declared = true
				if !emptySlice(info, n.Rhs[0]) {
					ok = false
				}
				return true
			}
			app, isCall := astutil.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if !isCall || !isBuiltin(info, app.Fun, "append") || app.Ellipsis.IsValid() || len(app.Args) < 1 {
				ok = false
				return true
			}
			first, isID := astutil.Unparen(app.Args[0]).(*ast.Ident)
			if !isID || info.Uses[first] != v {
				ok = false
				return true
			}
			handled[first] = true
			for _, e := range app.Args[1:] {
				rs := elem(app, e)
				if rs == nil {
					ok = false
				}
				rows = append(rows, rs...)
			}
		case *ast.CallExpr:
			if isBuiltin(info, n.Fun, "len") || isBuiltin(info, n.Fun, "cap") {
				if id, isID := astutil.Unparen(n.Args[0]).(*ast.Ident); isID && info.Uses[id] == v {
					handled[id] = true
				}
			}
		case *ast.Ident:
			if info.Uses[n] == v && !handled[n] && !handsOn(out, n) && !handsOn(out, parentAddr(body, n)) {
				if w := rowsWrittenBy(info, body, n); w != nil {
					// Handed to another batch insert too (db.Create(&rows),
					// then bun's Model(&rows)), which only reads the rows
					// and is checked at its own site.
					handled[n] = true
					return true
				}
				ok = false
				if f.sliceUses == nil {
					f.sliceUses = map[*types.Var]ast.Node{}
				}
				if _, seen := f.sliceUses[v]; !seen {
					f.sliceUses[v] = useOf(body, n)
				}
			}
		}
		return true
	})
	if !ok || !declared {
		return nil
	}
	return rows
}

// rowsWrittenBy returns the call that id, or &id, is the row argument of
// when that call writes the rows as they are: GORM's Create or
// CreateInBatches, or Model on a bun insert query.
func rowsWrittenBy(info *types.Info, body ast.Node, id *ast.Ident) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if found != nil || !ok || len(call.Args) == 0 || unaddr(call.Args[0]) != ast.Expr(id) {
			return found == nil
		}
		sel, isSel := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if fn := callee(info, call); isGormCreate(fn) || isGormFirstOrCreate(fn) || isSel && sel.Sel.Name == "Model" && isBunInsertQuery(info.TypeOf(sel.X)) {
			found = call
		}
		return found == nil
	})
	return found
}

// useOf returns the expression id is used in that stopped the reading
// of a slice of rows: the call it is handed to, the statement assigning
// or reading it, else id itself.
func useOf(body ast.Node, id *ast.Ident) ast.Node {
	var use ast.Node = id
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if n == ast.Node(id) {
			for i := len(stack) - 1; i >= 0; i-- {
				switch stack[i].(type) {
				case *ast.CallExpr, ast.Stmt:
					use = stack[i]
					return false
				}
			}
			return false
		}
		stack = append(stack, n)
		return true
	})
	return use
}

// handsOn reports whether e is handed on by out: an argument of out, a
// call, or the result out, a return statement, returns.
func handsOn(out ast.Node, e ast.Expr) bool {
	switch out := out.(type) {
	case *ast.CallExpr:
		return isArgOf(out, e)
	case *ast.ReturnStmt:
		return len(out.Results) == 1 && astutil.Unparen(out.Results[0]) == e
	}
	return false
}

// elementRows reads one element appended to a slice of rows.
func (f *finder) elementRows(fn ast.Node, app *ast.CallExpr, e ast.Expr) []row {
	if lit, ok := unaddr(e).(*ast.CompositeLit); ok {
		t := f.info.TypeOf(lit)
		if t == nil {
			return nil
		}
		if _, ok := derefType(t).Underlying().(*types.Struct); !ok {
			return nil
		}
		return []row{{lit: lit, typ: derefType(t), at: lit, holder: "the " + typeName(t) + " literal appended to the rows"}}
	}
	if app == nil {
		return nil // rows[i] = v: the variable's own reading is not done here
	}
	rs := f.rowsOf(fn, app, e)
	for i := range rs {
		rs[i].handed = app
	}
	return rs
}

// emptySlice reports whether e makes a slice with no rows of its own yet:
// []T{}, nil, or make([]T, n…), whose elements the function then sets.
func emptySlice(info *types.Info, e ast.Expr) bool {
	switch e := astutil.Unparen(e).(type) {
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.CallExpr:
		return isBuiltin(info, e.Fun, "make")
	case *ast.Ident:
		_, isNil := info.Uses[e].(*types.Nil)
		return isNil
	}
	return false
}

func isBuiltin(info *types.Info, fun ast.Expr, name string) bool {
	id, ok := astutil.Unparen(fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// parentAddr returns &id when id's parent in body is that expression, so
// that Create(&rows) counts as handing rows to the call.
func parentAddr(body ast.Node, id *ast.Ident) ast.Expr {
	var found ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && astutil.Unparen(u.X) == id {
			found = u
		}
		return found == nil
	})
	if found == nil {
		return id
	}
	return found
}

// capturedParam reports whether v, used in the function literal fn, is a
// parameter of the declaration around it that fn does not assign: a
// repository's db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx)
// error { … Model(h) … }) writes the declaration's h, which its callers
// pass.
func (f *finder) capturedParam(fn ast.Node, v *types.Var) bool {
	lit, ok := fn.(*ast.FuncLit)
	if !ok || f.decl == nil || !isParam(f.info, f.decl, v) {
		return false
	}
	assigned := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if id, ok := astutil.Unparen(l).(*ast.Ident); ok && f.info.Uses[id] == v {
					assigned = true
				}
			}
		}
		return !assigned
	})
	return !assigned
}

// isParam reports whether v is a parameter of the function declaration
// fn (not of a literal inside it, nor the receiver).
func isParam(info *types.Info, fn ast.Node, v *types.Var) bool {
	fd, ok := fn.(*ast.FuncDecl)
	if !ok {
		return false
	}
	for _, field := range fd.Type.Params.List {
		for _, name := range field.Names {
			if info.Defs[name] == v {
				return true
			}
		}
	}
	return false
}

func isStructType(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}
