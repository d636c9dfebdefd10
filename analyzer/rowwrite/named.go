package rowwrite

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/idemlint/idemlint/schema/sqlinsert"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// bindNamed fills in where the named parameters of a SQL-string site come
// from, asking the libraries that bind them (sqlx's struct, map or slice
// argument, pgx.NamedArgs). A batch (a slice of struct literals) becomes
// one row per element. Sites of other calls are returned unchanged.
func (f *finder) bindNamed(s Site) []Site {
	if s.Spread || !hasNamedParams(s.Insert) {
		return []Site{s}
	}
	if named, ok := f.sqlNamedArgs(s); ok {
		return []Site{withRows(s, []map[string]Source{named})}
	}
	if len(s.Args) != 1 {
		return []Site{s}
	}
	for _, b := range namedBinders {
		if rows, ok := b.rows(f, s); ok {
			s.API = b.api
			return []Site{withRows(s, rows)}
		}
	}
	return []Site{s}
}

// sqlNamedArgs reads database/sql's named arguments: every bind argument
// a call sql.Named("rid", v) with a constant name, which binds the
// statement's :rid or @rid (SQLite's and SQL Server's drivers) to v. A
// name no argument binds is left unknown: the driver fails that call.
func (f *finder) sqlNamedArgs(s Site) (map[string]Source, bool) {
	if len(s.Args) == 0 {
		return nil, false
	}
	named := map[string]Source{}
	for _, a := range s.Args {
		call, ok := astutil.Unparen(a).(*ast.CallExpr)
		if !ok || len(call.Args) != 2 {
			return nil, false
		}
		fn := callee(f.info, call)
		if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "database/sql" || fn.Name() != "Named" {
			return nil, false
		}
		tv := f.info.Types[call.Args[0]]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return nil, false
		}
		named[constant.StringVal(tv.Value)] = Source{Expr: call.Args[1]}
	}
	return named, true
}

func callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

func hasNamedParams(ins *sqlinsert.Insert) bool {
	return len(paramNames(ins)) > 0
}

func paramNames(ins *sqlinsert.Insert) []string {
	var names []string
	for _, row := range ins.Rows {
		for _, v := range row {
			if v.Name != "" {
				names = append(names, v.Name)
			}
		}
	}
	return names
}

// withRows sets s.Named from one map of sources per Go row. Several rows
// (a batch) repeat the statement's named values once per element, named
// name#2, name#3…; literal values stay in the first copy only, so each is
// reported once.
func withRows(s Site, rows []map[string]Source) Site {
	s.Named = map[string]Source{}
	if len(rows) == 0 {
		return s
	}
	for k, v := range rows[0] {
		s.Named[k] = v
	}
	if len(rows) == 1 {
		return s
	}
	ins := *s.Insert
	ins.Rows = append([][]sqlinsert.Value(nil), s.Insert.Rows...)
	for i, named := range rows[1:] {
		suffix := "#" + itoa(i+2)
		for k, v := range named {
			s.Named[k+suffix] = v
		}
		for _, r := range s.Insert.Rows {
			cp := make([]sqlinsert.Value, len(r))
			for j, v := range r {
				if v.Name == "" {
					cp[j] = sqlinsert.Value{Kind: sqlinsert.Expr} // said once, in the first copy
					continue
				}
				v.Name += suffix
				cp[j] = v
			}
			ins.Rows = append(ins.Rows, cp)
		}
	}
	s.Insert = &ins
	return s
}

func itoa(i int) string { return constant.MakeInt64(int64(i)).ExactString() }
