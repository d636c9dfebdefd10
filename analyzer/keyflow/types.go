package keyflow

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

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
}

// nullStruct reports whether t is one of the NULL-able wrappers idemlint
// knows: database/sql.Null*, pgx's pgtype structs, uuid.NullUUID.
func nullStruct(t types.Type) *nullInfo {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	obj := n.Obj()
	nt, ok := lib().nullTypes[pkgPath(obj.Pkg())]
	if !ok || nt.names != nil && !nt.names(obj.Name()) {
		return nil
	}
	short := nt.short
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	info := &nullInfo{name: short + "." + obj.Name()}
	hasValid := false
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if f.Name() == "Valid" {
			if b, ok := f.Type().Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
				hasValid = true
			}
			continue
		}
		if info.payload == "" && f.Exported() {
			info.payload, info.payloadType = f.Name(), f.Type()
		}
	}
	if !hasValid {
		return nil
	}
	if n.TypeArgs().Len() > 0 {
		info.name = short + "." + obj.Name() + "[" + types.TypeString(n.TypeArgs().At(0), func(p *types.Package) string { return p.Name() }) + "]"
	}
	return info
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

func isByteSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

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
