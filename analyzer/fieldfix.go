package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/insertsite"
	"github.com/idemlint/idemlint/analyzer/keyflow"
)

// fieldFixes returns the fixes for the key field at path of arg, a struct
// (or its address) a caller passes to a function that writes that field
// into a key column: h.Store.CreateMessage(ctx, in) gets
// `if in.IdempotencyKey == nil { … }` before the call. A derived key reads
// the struct's other plain fields (in.SessionID, in.Body).
func fieldFixes(pass *analysis.Pass, site insertsite.Site, arg ast.Expr, path []string, kind keyflow.Kind, maxLen int) []analysis.SuggestedFix {
	base := astutil.Unparen(arg)
	if u, ok := base.(*ast.UnaryExpr); ok && u.Op == token.AND {
		base = astutil.Unparen(u.X)
	}
	f := newKeyFixer(pass, site, base, maxLen)
	if f == nil {
		return nil
	}
	st, ft := fieldStruct(pass.TypesInfo.TypeOf(base), path)
	if ft == nil {
		return nil
	}
	prefix := f.target + "." + strings.Join(path[:len(path)-1], ".")
	if len(path) > 1 {
		prefix += "."
	}
	f.target = prefix + path[len(path)-1]
	f.where = "before the call"
	f.typ = ft
	f.inputs = []string{}
	for i := range st.NumFields() {
		fv := st.Field(i)
		if fv.Name() == path[len(path)-1] || fv.Embedded() || !fv.Exported() && fv.Pkg() != pass.Pkg {
			continue
		}
		if _, ok := fv.Type().Underlying().(*types.Basic); ok {
			f.inputs = append(f.inputs, prefix+fv.Name())
		}
	}
	if kind == keyflow.Empty {
		return f.emptyFixes()
	}
	return f.nullFixes()
}

// fieldStruct follows path from t (a struct or a pointer to one) and
// returns the struct holding the last field, and that field's type.
func fieldStruct(t types.Type, path []string) (*types.Struct, types.Type) {
	var st *types.Struct
	for _, name := range path {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		s, ok := t.Underlying().(*types.Struct)
		if !ok {
			return nil, nil
		}
		st, t = s, nil
		for i := range s.NumFields() {
			if s.Field(i).Name() == name {
				t = s.Field(i).Type()
			}
		}
		if t == nil {
			return nil, nil
		}
	}
	return st, t
}
