package keyflow

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/internal/pkgpath"
)

// pkgPath returns p without any vendor prefix, so vendored copies of a
// library match the same tables.
func pkgPath(p *types.Package) string {
	if p == nil {
		return ""
	}
	return pkgpath.Unvendor(p.Path())
}

// A nullInfo describes a sql.NullString-like struct: Valid false is NULL.
type nullInfo struct {
	name        string // for messages: "sql.NullString"
	payload     string // the field holding the value
	payloadType types.Type
	valid       []string // the path of the Valid flag: Valid, or NullString.Valid (guregu)
}

// nullStruct reports whether t is one of the NULL-able wrappers idemlint
// knows; the list is the Go side's one vocabulary (vocab.NullWrapperOf).
func nullStruct(t types.Type) *nullInfo {
	w := vocab.NullWrapperOf(t)
	if w == nil {
		return nil
	}
	return &nullInfo{name: w.Name, payload: w.Payload, payloadType: w.PayloadType, valid: w.ValidPath()}
}

func nillable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Slice, *types.Map, *types.Chan, *types.Signature:
		return true
	case *types.Basic:
		return t.Underlying().(*types.Basic).Kind() == types.UnsafePointer
	}
	return false
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

func isStringPtr(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	return ok && isString(p.Elem())
}

func isByteSlice(t types.Type) bool { return vocab.IsByteSlice(t) }

// typeName names t briefly for a message: "sql.NullString", "Msg".
func typeName(t types.Type, from *types.Package) string {
	if ni := nullStruct(t); ni != nil {
		return ni.name
	}
	return types.TypeString(t, func(p *types.Package) string {
		if p == from {
			return ""
		}
		return p.Name()
	})
}

// fieldByName returns the field called name of struct type t (through
// pointers), with its index.
// zeroStatusAt reports whether steps from t reach a jackc/pgtype Status
// (a NULL wrapper's flag that is no bool): its zero value, Undefined,
// makes the write fail, so a wrapper left zero is not NULL.
func zeroStatusAt(t types.Type, steps []string) bool {
	if len(steps) == 0 || steps[len(steps)-1] != "Status" {
		return false
	}
	for _, s := range steps {
		f, _ := fieldByName(t, s)
		if f == nil {
			return false
		}
		t = f.Type()
	}
	return vocab.IsPgStatus(t)
}

func fieldByName(t types.Type, name string) (*types.Var, int) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil, -1
	}
	for i := 0; i < st.NumFields(); i++ {
		if st.Field(i).Name() == name {
			return st.Field(i), i
		}
	}
	return nil, -1
}

func fieldName(x ssa.Value, i int) string {
	t := x.Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if st, ok := t.Underlying().(*types.Struct); ok && i < st.NumFields() {
		return st.Field(i).Name()
	}
	return "?"
}
