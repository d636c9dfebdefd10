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
	var walk func(t types.Type, path []int, depth int)
	walk = func(t types.Type, path []int, depth int) {
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
			if flatten {
				ft := f.Type()
				if ptr, ok := ft.Underlying().(*types.Pointer); ok {
					ft = ptr.Elem()
				}
				walk(ft, p, depth+1)
				continue
			}
			out = append(out, fieldCol{column: col, path: p, name: f.Name(), typ: f.Type(), tag: tag})
		}
	}
	walk(t, nil, 0)
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
// struct in it) leaves the field out, so it is zero; or neither when the
// value is built elsewhere.
func fieldValue(info *types.Info, lit *ast.CompositeLit, path []int) (expr ast.Expr, leftOut bool) {
	for n, idx := range path {
		st, ok := derefType(info.TypeOf(lit)).Underlying().(*types.Struct) // *T for {…} in []*T
		if !ok || idx >= st.NumFields() {
			return nil, false
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
					return nil, false // a nil embedded pointer: what the API does varies
				}
			}
			return nil, true
		}
		val = astutil.Unparen(val)
		if last {
			return val, false
		}
		if u, ok := val.(*ast.UnaryExpr); ok && u.Op == token.AND {
			val = astutil.Unparen(u.X)
		}
		if lit, ok = val.(*ast.CompositeLit); !ok {
			return nil, false
		}
	}
	return nil, false
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
	written  map[string]bool   // fields the function assigns after the literal
	conv     *converter        // lit is in a converter's body, not the inserting function
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
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	init, written, ok := visibleInit(info, fn, v, call)
	if !ok {
		return nil
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
		return literalRows(info, init, arg, " of "+v.Name(), true, written)
	case *ast.CallExpr:
		return f.convertedRows(init, arg, v, written)
	}
	return nil
}

func literalRows(info *types.Info, lit *ast.CompositeLit, at ast.Expr, of string, onlyZero bool, written map[string]bool) []row {
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
				continue // not a literal: skipped
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
	if st == nil || r.written[st.Field(fc.path[0]).Name()] {
		return Source{}
	}
	var expr ast.Expr
	leftOut := true
	if r.lit != nil {
		expr, leftOut = fieldValue(info, r.lit, fc.path)
	}
	switch {
	case leftOut:
		return Source{Zero: fc.typ, At: r.at, What: fmt.Sprintf("the %s field is left out of %s", fc.name, r.holder)}
	case r.conv != nil && expr != nil:
		return r.conv.source(info, expr, fc.typ)
	case expr != nil && !r.onlyZero:
		return Source{Expr: expr}
	}
	return Source{}
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
		switch e, ok := set[n]; {
		case ok && !r.onlyZero:
			out[n] = Source{Expr: e}
		case !ok && missing != nil:
			out[n] = Source{Zero: missing, At: r.at, What: fmt.Sprintf("the %q key is left out of %s", n, r.holder)}
		}
	}
	return out
}

// visibleInit finds how fn initialises the local variable v: a composite
// literal (or its address), or nil for var v T. ok is false
// when fn does anything with v but pass it to call (v or &v) and read or
// assign its fields; written lists the top-level fields it assigns, takes
// the address of or calls methods through.
func visibleInit(info *types.Info, fn ast.Node, v *types.Var, call *ast.CallExpr) (init ast.Expr, written map[string]bool, ok bool) {
	var body ast.Node
	switch f := fn.(type) {
	case *ast.FuncDecl:
		body = f.Body
	case *ast.FuncLit:
		body = f.Body
	}
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return nil, nil, false
	}
	ok = true
	declared := false
	written = map[string]bool{}
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
		parent := stack[len(stack)-2]
		if u, isU := parent.(*ast.UnaryExpr); isU && u.Op == token.AND && len(stack) >= 3 {
			if isArgOf(call, u) {
				return true
			}
		}
		if isArgOf(call, id) {
			return true
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
						written[first] = true
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
				for _, l := range p.Lhs {
					if l == top {
						written[first] = true
					}
				}
			case *ast.IncDecStmt:
				written[first] = true
			case *ast.UnaryExpr:
				if p.Op == token.AND {
					written[first] = true
				}
			case *ast.RangeStmt:
				if p.Key == top || p.Value == top {
					written[first] = true
				}
			}
		}
		return true
	})
	if !declared {
		return nil, nil, false
	}
	return init, written, ok
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
