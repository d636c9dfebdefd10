package gofix

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/gomodel"
)

// Field returns the fixes for the key field at path of Arg, a struct
// (or its address) a caller passes to a function that writes that field
// into a key column: h.Store.CreateMessage(ctx, in) gets
// `if in.IdempotencyKey == nil { … }` before the call. A derived key reads
// the struct's other plain fields (in.SessionID, in.Body).
// requestValueType reports whether a field of type t can identify a
// request in a derived key: a plain value, a body ([]byte), or a value
// made of plain values that %v prints the same way every time, such as a
// client-sent uuid.UUID ([16]byte) or a ClientRequestID struct of plain
// fields. Maps are left out: headers vary between deliveries of one
// request (dates, signatures, request ids), and the rest rarely identify
// it; so are pointers, interfaces and time.Time (its *Location), which
// print differently for equal values.
func requestValueType(t types.Type) bool { return plainValue(t, 0) }

func plainValue(t types.Type, depth int) bool {
	if depth > 3 {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return true
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	case *types.Array:
		return plainValue(u.Elem(), depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			if !plainValue(u.Field(i).Type(), depth+1) {
				return false
			}
		}
		return u.NumFields() > 0
	}
	return false
}

// databaseFilled returns the column of k's table that field fv of the row
// writes, when the database fills that column itself (an auto-increment
// id, a random UUID default): its value before the insert is a zero that
// says nothing of the request, and after it, a value no retry repeats.
func (k Key) databaseFilled(fv *types.Var, tag string) *schema.Column {
	if k.Table == nil {
		return nil
	}
	names := []string{gomodel.SnakeCase(fv.Name()), fv.Name()}
	st := reflect.StructTag(tag)
	if g := st.Get("gorm"); g != "" {
		for _, part := range strings.Split(g, ";") {
			if col, ok := strings.CutPrefix(strings.TrimSpace(part), "column:"); ok {
				names = append([]string{col}, names...)
			}
		}
	}
	for _, key := range []string{"bun", "db"} {
		if v, _, _ := strings.Cut(st.Get(key), ","); v != "" && v != "-" {
			names = append([]string{v}, names...)
		}
	}
	for _, n := range names {
		if c := k.Table.Column(n); c != nil {
			if schema.FilledByDatabase(c) {
				return c
			}
			return nil
		}
	}
	return nil
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
	var rowVar *types.Var // the row, when it is a local variable the function fills
	if id, ok := base.(*ast.Ident); ok {
		rowVar, _ = pass.TypesInfo.ObjectOf(id).(*types.Var)
	}
	for i := range st.NumFields() {
		fv := st.Field(i)
		if fv.Name() == path[len(path)-1] || fv.Embedded() || !fv.Exported() && fv.Pkg() != pass.Pkg {
			continue
		}
		if !requestValueType(fv.Type()) {
			continue
		}
		if col := k.databaseFilled(fv, st.Tag(i)); col != nil {
			f.minted = append(f.minted, prefix+fv.Name()+" is assigned by the database ("+col.Name+" "+col.Type+")")
			continue
		}
		if what, at, ok := f.rowFieldSource(rowVar, fv.Name()); ok && len(path) == 1 {
			f.minted = append(f.minted, prefix+fv.Name()+" is "+what+" ("+at+")")
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
