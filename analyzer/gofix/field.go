package gofix

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/vocab"
)

// Field returns the fixes for the key field at path of Arg, a struct
// (or its address) a caller passes to a function that writes that field
// into a key column: h.Store.CreateMessage(ctx, in) gets
// `if in.IdempotencyKey == nil { … }` before the call. A derived key reads
// the struct's other plain fields (in.SessionID, in.Body).
// requestValueType reports whether a field of type t can identify a
// request in a derived key: a plain value or a body ([]byte). Maps are
// left out: headers vary between deliveries of one request (dates,
// signatures, request ids), and the rest rarely identify it.
func requestValueType(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return true
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

func (k Key) Field(path []string, kind keyflow.Kind) []analysis.SuggestedFix {
	pass := k.Pass
	base := astutil.Unparen(k.Arg)
	if u, ok := base.(*ast.UnaryExpr); ok && u.Op == token.AND {
		base = astutil.Unparen(u.X)
	}
	f := newKeyFixer(pass, k.Site, base, k.MaxLen)
	if f == nil {
		return nil
	}
	st, ft := vocab.FieldStruct(pass.TypesInfo.TypeOf(base), path)
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
		if !requestValueType(fv.Type()) {
			continue
		}
		if what, at, ok := f.fieldSource(fv, nil); ok && what != "" {
			f.minted = append(f.minted, prefix+fv.Name()+" is "+what+" ("+at+")")
			continue
		}
		f.inputs = append(f.inputs, prefix+fv.Name())
	}
	if kind == keyflow.Empty {
		return f.emptyFixes()
	}
	return f.nullFixes()
}
