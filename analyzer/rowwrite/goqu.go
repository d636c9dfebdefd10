package rowwrite

import (
	"go/ast"
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// goqu (github.com/doug-martin/goqu/v9) builds the INSERT from a chain on
// its *InsertDataset:
//
//	db.Insert("messages").Rows(messageRow{…}).Executor().ExecContext(ctx)
//	goqu.Insert("messages").Cols("session_id", "idempotency_key").Vals(goqu.Vals{s, k}).ToSQL()
//
// The table is Insert's (or Into's) constant, or goqu.T's. Rows takes
// structs (each argument a row, or a slice of them), whose exported fields
// are columns named by their db tag, else their lower-cased name (db:"-"
// skips a field, embedded structs are flattened), or goqu.Record maps;
// Cols and Vals give constant columns and rows of values in their order.
// Zero values: a field tagged goqu:"skipinsert" is never written (left to
// its database default, else NULL); goqu:"omitnil" leaves a nil field out
// and goqu:"omitempty" a zero one, and goqu:"defaultifempty" writes
// DEFAULT for a zero one: the database default, else NULL. Every other
// value is written as it is. The write runs at .Executor().Exec…/Query…/
// Scan…, or at ToSQL, whose statement the code then runs itself.
const goquPath = "github.com/doug-martin/goqu"

var goquLibrary = &library{
	name:    "goqu",
	builder: isGoquInsert,
	paths:   []string{goquPath},
	ends: []string{"Exec", "ExecContext", "Query", "QueryContext", "ScanStruct", "ScanStructContext",
		"ScanStructs", "ScanStructsContext", "ScanVal", "ScanValContext", "ScanVals", "ScanValsContext", "ToSQL"},
	calls: func(info *types.Info, _ *ast.CallExpr, sel *ast.SelectorExpr) bool {
		_, ok := goquDataset(info, sel)
		return ok
	},
	site: (*finder).goquSite,
}

func isGoquInsert(t types.Type) bool { return namedType(t, goquPath, "InsertDataset") }

// goquDataset returns the *InsertDataset expression a terminal call runs:
// ds.ToSQL(), ds.Executor().Exec().
func goquDataset(info *types.Info, sel *ast.SelectorExpr) (ast.Expr, bool) {
	if sel.Sel.Name == "ToSQL" {
		return sel.X, isGoquInsert(info.TypeOf(sel.X))
	}
	ex, ok := astutil.Unparen(sel.X).(*ast.CallExpr)
	if !ok || methodName(ex) != "Executor" {
		return nil, false
	}
	xs, ok := astutil.Unparen(ex.Fun).(*ast.SelectorExpr)
	if !ok || !isGoquInsert(info.TypeOf(xs.X)) {
		return nil, false
	}
	return xs.X, true
}

// goquFixed are the calls that change the columns, which a later
// q = q.M(…) may not make (they may sit in a branch).
var goquFixed = map[string]bool{"Into": true, "Cols": true, "ColsAppend": true, "ClearCols": true,
	"ClearVals": true, "Rows": true, "ClearRows": true, "FromQuery": true}

func (f *finder) goquSite(call *ast.CallExpr, sel *ast.SelectorExpr) (Site, bool) {
	ds, ok := goquDataset(f.info, sel)
	if !ok {
		return Site{}, false
	}
	ch, ok := f.chainOf(ds, isGoquInsert, goquFixed)
	if !ok {
		return Site{}, f.unread("its dataset is not built in one chain or one variable of this function")
	}
	if methodName(ch.start) != "Insert" {
		return Site{}, false
	}
	table, at := "", ast.Expr(ch.start)
	if len(ch.start.Args) == 1 {
		table, _ = f.goquTable(ch.start.Args[0])
	}
	var cols []string
	var vals [][]ast.Expr
	var rows []map[string]Source
	var rowCols []string // the columns of struct and Record rows, in the order first met
	for _, c := range ch.calls {
		switch methodName(c) {
		case "Into":
			t, ok := f.goquTable(c.Args[0])
			if !ok {
				return Site{}, f.unread("its table is not a constant (%s)", shortCall(c))
			}
			table = t
		case "Cols", "ColsAppend":
			strs, ok := constantArgs(f.info, c.Args)
			if !ok || c.Ellipsis.IsValid() {
				return Site{}, f.unread("%s", columnsProblem(c))
			}
			cols, at = append(cols, strs...), c
		case "Vals":
			if c.Ellipsis.IsValid() {
				return Site{}, f.unread("its rows of values are a slice (%s)", shortCall(c))
			}
			for _, a := range c.Args {
				lit, ok := astutil.Unparen(a).(*ast.CompositeLit)
				if !ok {
					vals = append(vals, nil)
					continue
				}
				vals = append(vals, lit.Elts)
			}
			at = c
		case "Rows":
			if c.Ellipsis.IsValid() {
				return Site{}, f.unread("its rows are a slice spread into Rows (%s)", shortCall(c))
			}
			for _, a := range c.Args {
				rs, ok := f.goquRows(c, a, &rowCols)
				if !ok {
					return Site{}, f.unread("idemlint cannot read the rows %s holds", types.ExprString(a))
				}
				rows = append(rows, rs...)
			}
			at = c
		case "Returning", "OnConflict", "Prepared", "WithDialect", "SetDialect", "With", "WithRecursive", "As", "ClearOnConflict", "SetError":
			// no effect on the columns written
		default:
			return Site{}, f.unread("it calls %s, which idemlint does not read", methodName(c))
		}
	}
	if cols == nil {
		cols = rowCols
	}
	if table == "" {
		return Site{}, f.unread("its table is not a constant (%s)", shortCall(ch.start))
	}
	if cols == nil {
		return Site{}, f.unread("it names no columns")
	}
	for _, vs := range vals {
		row := map[string]Source{}
		if len(vs) == len(cols) {
			for i, v := range vs {
				row[cols[i]] = Source{Expr: v}
			}
		}
		rows = append(rows, row)
	}
	name, ns := tableName(table)
	ins := &sqlinsert.Insert{Table: name, Namespace: ns}
	for _, c := range cols {
		ins.Columns = append(ins.Columns, sqlinsert.Column{Name: c})
	}
	s := Site{Call: call, Query: at, Insert: ins, API: "goqu", Writer: "goqu's Insert(" + strconv.Quote(table) + ")"}
	return ormRows(s, rows), true
}

// goquTable reads a table argument: a constant string, or goqu.T's.
func (f *finder) goquTable(e ast.Expr) (string, bool) {
	if s, ok := constantString(f.info, e); ok {
		return s, true
	}
	c, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok || methodName(c) != "T" || len(c.Args) != 1 {
		return "", false
	}
	if fn := callee(f.info, c); fn == nil || !hasPathPrefix(importPath(fn.Pkg()), goquPath) {
		return "", false
	}
	return constantString(f.info, c.Args[0])
}

// goquRows reads the rows one argument of Rows holds. Every struct row of
// a write has the same columns (goqu fails otherwise), so cols collects
// them once.
func (f *finder) goquRows(c *ast.CallExpr, arg ast.Expr, cols *[]string) ([]map[string]Source, bool) {
	var out []map[string]Source
	for _, r := range f.rowsOf(f.fn, c, arg) {
		switch r.typ.Underlying().(type) {
		case *types.Struct:
			src := map[string]Source{}
			for _, fc := range structColumns(r.typ, goquMapper) {
				if *cols == nil || !containsString(*cols, fc.column) {
					*cols = append(*cols, fc.column)
				}
				s := r.fieldSource(f.info, fc)
				s.ZeroAs = goquZero(fc)
				src[fc.column] = s
			}
			out = append(out, src)
		case *types.Map:
			var names []string
			for _, elt := range r.lit.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if !ok {
					return nil, false
				}
				n, ok := constantString(f.info, kv.Key)
				if !ok {
					return nil, false
				}
				names = append(names, n)
			}
			for _, n := range names {
				if !containsString(*cols, n) {
					*cols = append(*cols, n)
				}
			}
			out = append(out, r.mapSources(f.info, names, nil))
		}
	}
	if len(out) == 0 {
		return nil, false // a row built where the reading cannot see
	}
	return out, true
}

// goquMapper names a struct field's column as goqu does for an insert.
func goquMapper(fv *types.Var, tag reflect.StructTag) (string, bool, bool) {
	db := strings.Split(tag.Get("db"), ",")[0]
	if db == "-" || goquTag(tag, "skipinsert") {
		return "", false, false
	}
	ft := fv.Type()
	if p, ok := ft.Underlying().(*types.Pointer); ok {
		ft = p.Elem()
	}
	_, isStruct := ft.Underlying().(*types.Struct)
	if fv.Embedded() && isStruct {
		return "", true, true
	}
	if !fv.Exported() {
		return "", false, false
	}
	if db == "" {
		db = strings.ToLower(fv.Name())
	}
	if isStruct && !scanner(ft) && hasExportedField(ft) {
		return "", false, false // goqu names its fields parent.child: not read
	}
	return db, false, true
}

// goquZero is what goqu writes for a zero value of the field.
func goquZero(fc fieldCol) ZeroWrite {
	switch {
	case goquTag(fc.tag, "omitempty"), goquTag(fc.tag, "defaultifempty"):
		return ZeroAsDefault
	case goquTag(fc.tag, "omitnil"):
		if _, ok := fc.typ.Underlying().(*types.Pointer); ok {
			return ZeroAsDefault
		}
	}
	return ZeroAsIs
}

func goquTag(tag reflect.StructTag, opt string) bool {
	for _, o := range strings.Split(tag.Get("goqu"), ",") {
		if strings.TrimSpace(o) == opt {
			return true
		}
	}
	return false
}

// scanner reports whether *t has a Scan method (sql.Scanner): goqu writes
// such a struct as one value.
func scanner(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(t), true, nil, "Scan")
	_, ok := obj.(*types.Func)
	return ok
}

func hasExportedField(t types.Type) bool {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if st.Field(i).Exported() {
			return true
		}
	}
	return false
}
