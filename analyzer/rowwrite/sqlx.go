package rowwrite

import "go/types"

// sqlx (github.com/jmoiron/sqlx): NamedExec and its kin bind the :name
// parameters of an INSERT string from one struct (db tags, else the
// lower-cased field name; untagged embedded structs flattened), a map, or
// a slice of either (a batch: one row per element), directly or through a
// NamedStmt (prepared.go). A struct field is written as it is (nil is
// NULL, "" is ""); a map key the statement names and the map lacks makes
// sqlx fail, so it is not a NULL.
const sqlxPath = "github.com/jmoiron/sqlx"

// sqlxNamed are sqlx's calls that bind :name parameters from one struct,
// map or slice argument.
var sqlxNamed = map[string]bool{
	"NamedExec": true, "NamedExecContext": true, "NamedQuery": true, "NamedQueryContext": true,
	"BindNamed": true, "Named": true, "MustNamedExec": true, "MustNamedExecContext": true,
}

// isSqlxNamed reports whether fn is one of sqlx's named-parameter calls,
// or an interface method of the same name (a DB/Tx abstraction over sqlx).
func isSqlxNamed(fn *types.Func) bool {
	if fn == nil || !sqlxNamed[fn.Name()] {
		return false
	}
	if importPath(fn.Pkg()) == sqlxPath {
		return true
	}
	sig, _ := fn.Type().(*types.Signature)
	return sig != nil && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
}

// sqlxRows reads the rows sqlx binds a named INSERT's parameters from.
// A call of a Wrapper (wrapper.go) whose INSERT parameter gets s's
// INSERT string is read as the named call inside it, bound from the
// caller's row.
func (f *finder) sqlxRows(s Site) ([]map[string]Source, bool) {
	row := s.Args[0]
	if !s.namedStmt && !isSqlxNamed(callee(f.info, s.Call)) {
		w, ok := f.wrapperOf(callee(f.info, s.Call))
		if !ok || w.API != "sqlx" || w.Query >= len(s.Call.Args) || s.Call.Args[w.Query] != s.Query || w.Row >= len(s.Call.Args) {
			return nil, false
		}
		row = s.Call.Args[w.Row]
	}
	var named []map[string]Source
	for _, r := range f.rowsOf(s.Func, s.Call, row) {
		switch r.typ.Underlying().(type) {
		case *types.Struct:
			named = append(named, r.structSources(f.info, sqlxMapper))
		case *types.Map:
			named = append(named, r.mapSources(f.info, paramNames(s.Insert), nil)) // sqlx fails on a missing key
		}
	}
	return named, true
}
