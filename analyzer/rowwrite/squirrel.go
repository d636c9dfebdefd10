package rowwrite

import (
	"go/ast"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// squirrel (github.com/Masterminds/squirrel) builds the INSERT from a
// chain on its InsertBuilder value, with no INSERT string in the code:
//
//	sq.Insert("messages").Columns("session_id", "idempotency_key").
//		Values(in.SessionID, key).RunWith(db).Exec()
//	q, args, err := psql.Insert("messages").SetMap(sq.Eq{"session_id": s}).ToSql()
//
// The table is Insert's (or Into's) constant; Columns' constants name the
// columns, and each Values call is one row, its arguments the values in
// column order; SetMap sets both from a map literal. A value is written as
// it is: nil is NULL, "" is "". A key column missing from the columns is
// left out of the INSERT (its database default, else NULL). The write
// runs at Exec, Query, QueryRow, Scan (and their …Context forms), or at
// ToSql, whose statement the code then runs itself. A chain the reading
// does not know (Select, a non-constant column, a map built elsewhere)
// says nothing.
const squirrelPath = "github.com/Masterminds/squirrel"

var squirrelLibrary = &library{
	name:    "squirrel",
	builder: isSquirrelInsert,
	paths:   []string{squirrelPath},
	ends: []string{"Exec", "ExecContext", "Query", "QueryContext", "QueryRow", "QueryRowContext",
		"Scan", "ScanContext", "ToSql", "MustSql"},
	calls: func(info *types.Info, _ *ast.CallExpr, sel *ast.SelectorExpr) bool {
		return isSquirrelInsert(info.TypeOf(sel.X))
	},
	site: (*finder).squirrelSite,
}

func isSquirrelInsert(t types.Type) bool { return namedType(t, squirrelPath, "InsertBuilder") }

// squirrelFixed are the calls that change the columns, which a
// later q = q.M(…) may not make (they may sit in a branch).
var squirrelFixed = map[string]bool{"Into": true, "Columns": true, "SetMap": true, "Select": true}

func (f *finder) squirrelSite(call *ast.CallExpr, sel *ast.SelectorExpr) (Site, bool) {
	if !isSquirrelInsert(f.info.TypeOf(sel.X)) {
		return Site{}, false
	}
	ch, ok := f.chainOf(sel.X, isSquirrelInsert, squirrelFixed)
	if !ok {
		return Site{}, f.unread("its builder is not built in one chain or one variable of this function")
	}
	if methodName(ch.start) != "Insert" && methodName(ch.start) != "Replace" {
		return Site{}, false
	}
	table, at := "", ast.Expr(ch.start)
	if len(ch.start.Args) == 1 {
		table, _ = constantString(f.info, ch.start.Args[0])
	}
	var cols []string
	var rows []map[string]Source
	var values [][]ast.Expr
	for _, c := range ch.calls {
		switch methodName(c) {
		case "Into":
			s, ok := constantString(f.info, c.Args[0])
			if !ok {
				return Site{}, f.unread("its table is not a constant (%s)", shortCall(c))
			}
			table = s
		case "Columns":
			strs, ok := constantArgs(f.info, c.Args)
			if !ok || c.Ellipsis.IsValid() {
				return Site{}, f.unread("%s", columnsProblem(c))
			}
			cols, at = append(cols, strs...), c
		case "Values":
			if c.Ellipsis.IsValid() {
				values = append(values, nil) // a row whose values cannot be told apart
				continue
			}
			values = append(values, c.Args)
		case "SetMap":
			lit, ok := astutil.Unparen(c.Args[0]).(*ast.CompositeLit)
			if !ok {
				return Site{}, f.unread("its columns and values are a map built elsewhere (%s)", shortCall(c))
			}
			cols, values, at = nil, nil, c
			row := map[string]Source{}
			for _, elt := range lit.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if !ok {
					return Site{}, false
				}
				name, ok := constantString(f.info, kv.Key)
				if !ok {
					return Site{}, f.unread("a column of its map is not a constant (%s)", types.ExprString(kv.Key))
				}
				cols = append(cols, name)
				row[name] = f.squirrelValue(kv.Value)
			}
			rows = append(rows, row)
		case "Select":
			return Site{}, false // INSERT … SELECT: the values are the query's
		case "Options", "Prefix", "PrefixExpr", "Suffix", "SuffixExpr", "RunWith", "PlaceholderFormat":
			// no effect on the columns written
		default:
			return Site{}, f.unread("it calls %s, which idemlint does not read", methodName(c))
		}
	}
	if table == "" {
		return Site{}, f.unread("its table is not a constant (%s)", shortCall(ch.start))
	}
	if cols == nil {
		return Site{}, f.unread("it names no columns")
	}
	for _, vals := range values {
		row := map[string]Source{}
		if vals != nil && len(vals) == len(cols) {
			for i, v := range vals {
				row[cols[i]] = f.squirrelValue(v)
			}
		}
		rows = append(rows, row)
	}
	name, ns := tableName(table)
	ins := &sqlinsert.Insert{Table: name, Namespace: ns}
	for _, c := range cols {
		ins.Columns = append(ins.Columns, sqlinsert.Column{Name: c})
	}
	s := Site{Call: call, Query: at, Insert: ins, API: "squirrel", Writer: "squirrel's Insert(" + strconv.Quote(table) + ")"}
	return ormRows(s, rows), true
}

// squirrelValue is the source of a value squirrel writes: the Go value,
// unless it is SQL of its own (sq.Expr("now()")), which is not followed.
func (f *finder) squirrelValue(e ast.Expr) Source {
	if namedType(f.info.TypeOf(e), squirrelPath, "Sqlizer") {
		return Source{}
	}
	return Source{Expr: e}
}

// constantString returns e's constant string value.
func constantString(info *types.Info, e ast.Expr) (string, bool) {
	strs, ok := constantArgs(info, []ast.Expr{e})
	if !ok || len(strs) != 1 {
		return "", false
	}
	return strs[0], true
}
