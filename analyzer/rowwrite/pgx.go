package rowwrite

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/idemlint/idemlint/schema/sqlinsert"
	"golang.org/x/tools/go/ast/astutil"
)

// pgx (github.com/jackc/pgx v4 and v5, pgxpool, Tx, Batch): SQL strings
// with positional bind arguments are read like database/sql's (sql.go):
// conn.Exec(ctx, q, args…), batch.Queue(q, args…). Two calls write rows
// otherwise: pgx.NamedArgs / StrictNamedArgs bind @name parameters from a
// map (NamedArgs sends nil, so NULL, for a name the map lacks), and
// CopyFrom writes the listed columns, leaving the others to their
// defaults.
const pgxPath = "github.com/jackc/pgx" // v4, v5 and their pgxpool

func isPgxNamedArgs(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && hasPathPrefix(importPath(n.Obj().Pkg()), pgxPath+"/v5") &&
		(n.Obj().Name() == "NamedArgs" || n.Obj().Name() == "StrictNamedArgs")
}

// pgxNamedRows reads the rows pgx binds a named INSERT's @names from.
func (f *finder) pgxNamedRows(s Site) ([]map[string]Source, bool) {
	t := f.info.TypeOf(s.Args[0])
	if !isPgxNamedArgs(t) {
		return nil, false
	}
	var missing types.Type
	if n, _ := types.Unalias(t).(*types.Named); n != nil && n.Obj().Name() == "NamedArgs" {
		missing = types.Universe.Lookup("any").Type() // pgx sends nil for a name the map lacks
	}
	var named []map[string]Source
	for _, r := range f.rowsOf(s.Func, s.Call, s.Args[0]) {
		named = append(named, r.mapSources(f.info, paramNames(s.Insert), missing))
	}
	return named, true
}

var copyFromLibrary = &library{
	name:  "pgx CopyFrom",
	paths: []string{pgxPath},
	ends:  []string{"CopyFrom"},
	calls: func(info *types.Info, call *ast.CallExpr, _ *ast.SelectorExpr) bool {
		return isPgxCopyFrom(callee(info, call))
	},
	site: func(f *finder, call *ast.CallExpr, _ *ast.SelectorExpr) (Site, bool) { return f.copyFromSite(call) },
}

// copyFromSite: conn.CopyFrom(ctx, pgx.Identifier{"messages"},
// []string{"session_id", "body"}, src), on a pgx.Conn, pgx.Tx, a
// pgxpool.Pool or an interface declaring the same method (sqlc's DBTX),
// in v4 and v5. COPY fills the columns it leaves out with their defaults;
// the rows themselves (CopyFromRows, CopyFromSlice, an iterator) are not
// followed.
func (f *finder) copyFromSite(call *ast.CallExpr) (Site, bool) {
	fn := callee(f.info, call)
	if !isPgxCopyFrom(fn) {
		return Site{}, false
	}
	params := fn.Signature().Params()
	for i, a := range call.Args {
		// The parameter's type, not the argument's: sqlc's generated code
		// passes a plain []string{"messages"} as the pgx.Identifier.
		if i >= params.Len() || i+1 >= len(call.Args) {
			break
		}
		n, ok := types.Unalias(params.At(i).Type()).(*types.Named)
		if !ok || n.Obj().Name() != "Identifier" {
			continue
		}
		parts, ok := constantStrings(f.info, a)
		if !ok || len(parts) == 0 {
			return Site{}, false
		}
		colsArg := call.Args[i+1]
		cols, ok := constantStrings(f.info, colsArg)
		if !ok {
			return Site{}, false
		}
		ins := &sqlinsert.Insert{Table: parts[len(parts)-1], Columns: []sqlinsert.Column{}}
		if len(parts) > 1 {
			ins.Namespace = parts[len(parts)-2]
		}
		for _, c := range cols {
			ins.Columns = append(ins.Columns, sqlinsert.Column{Name: c})
		}
		s := Site{Call: call, Query: colsArg, Insert: ins, API: "pgx", Writer: "CopyFrom", Named: map[string]Source{}}
		if i+2 < len(call.Args) {
			if rows, ok := f.copyRows(call, call.Args[i+2], cols); ok {
				return ormRows(s, rows), true
			}
		}
		// One row of values nothing is known of: a listed key column is
		// said to be not followed (-v), not passed in silence.
		return ormRows(s, nil), true
	}
	return Site{}, false
}

// isPgxCopyFrom reports whether fn is pgx's CopyFrom (Conn, Tx, Pool), or
// a method of the same name that takes a pgx.Identifier: an interface
// over pgx such as sqlc's generated DBTX.
func isPgxCopyFrom(fn *types.Func) bool {
	if fn == nil || fn.Name() != "CopyFrom" {
		return false
	}
	if hasPathPrefix(importPath(fn.Pkg()), pgxPath) {
		return true
	}
	params := fn.Signature().Params()
	for i := range params.Len() {
		if n, ok := types.Unalias(params.At(i).Type()).(*types.Named); ok && n.Obj().Name() == "Identifier" &&
			hasPathPrefix(importPath(n.Obj().Pkg()), pgxPath) {
			return true
		}
	}
	return false
}

// constantStrings reads a composite literal of constant strings.
func constantStrings(info *types.Info, e ast.Expr) ([]string, bool) {
	lit, ok := astutil.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	var out []string
	for _, elt := range lit.Elts {
		tv := info.Types[elt]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return nil, false
		}
		out = append(out, constant.StringVal(tv.Value))
	}
	return out, true
}

// copyRows reads the rows of src, CopyFrom's source, when it is
// pgx.CopyFromRows over a literal ([][]any{{a, key}}) or over a local
// slice that starts empty and gets []any{…} literals appended (or set by
// index) and is used for nothing else: each literal's elements are the
// values of cols in order. Other sources (CopyFromSlice, an iterator)
// are not read.
func (f *finder) copyRows(call *ast.CallExpr, src ast.Expr, cols []string) ([]map[string]Source, bool) {
	sc, ok := astutil.Unparen(src).(*ast.CallExpr)
	if !ok || len(sc.Args) != 1 {
		return nil, false
	}
	fn := callee(f.info, sc)
	if fn == nil || fn.Name() != "CopyFromRows" || !hasPathPrefix(importPath(fn.Pkg()), pgxPath) {
		return nil, false
	}
	var lits []*ast.CompositeLit
	switch x := astutil.Unparen(sc.Args[0]).(type) {
	case *ast.CompositeLit:
		for _, e := range x.Elts {
			lit, ok := e.(*ast.CompositeLit)
			if !ok {
				return nil, false
			}
			lits = append(lits, lit)
		}
	case *ast.Ident:
		v, ok := f.info.Uses[x].(*types.Var)
		if !ok {
			return nil, false
		}
		elem := func(_ *ast.CallExpr, e ast.Expr) []row {
			if lit, ok := astutil.Unparen(e).(*ast.CompositeLit); ok {
				return []row{{lit: lit}}
			}
			return nil
		}
		rows := f.appendedRowsOf(f.fn, sc, v, elem)
		if rows == nil {
			return nil, false
		}
		for _, r := range rows {
			lits = append(lits, r.lit)
		}
	default:
		return nil, false
	}
	var out []map[string]Source
	for _, lit := range lits {
		if len(lit.Elts) != len(cols) {
			return nil, false
		}
		m := map[string]Source{}
		for j, e := range lit.Elts {
			if _, kv := e.(*ast.KeyValueExpr); kv {
				return nil, false
			}
			m[cols[j]] = Source{Expr: e}
		}
		out = append(out, m)
	}
	return out, len(out) > 0
}
