package vocab

import "go/types"

func Nillable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Slice, *types.Map:
		return true
	}
	return false
}

func IsString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

// IsByteSlice reports whether t is a []byte (a message key, a raw
// column value): empty as a string when it is nil or has no bytes.
func IsByteSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

func IsPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

func IsPointerToString(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	b, ok := p.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.String && types.Identical(p.Elem(), types.Typ[types.String])
}

// IsNullStruct reports whether t is a NULL wrapper (NullWrapperOf):
// sql.NullString, sql.Null[T], pgtype.Text, uuid.NullUUID and their kin.
func IsNullStruct(t types.Type) bool { return NullWrapperOf(t) != nil }

func IsNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

func ZeroName(t types.Type) string {
	if w := NullWrapperOf(t); w != nil && w.Status {
		return "a " + types.TypeString(t, func(p *types.Package) string { return p.Name() }) + " of Status Null"
	}
	if IsNullStruct(t) {
		return "an invalid (NULL) " + types.TypeString(t, func(p *types.Package) string { return p.Name() })
	}
	return "nil"
}

// MissingValue names what a caller may pass for a key of type t when it
// has none ("nil", an invalid Null value), and reports whether the type
// allows that at all: the contract rule holds only for such types.
func MissingValue(t types.Type) (string, bool) {
	switch {
	case t == nil:
		return "", false
	case IsPointer(t):
		return "nil", true
	case IsNullStruct(t) && NullWrapperOf(t).Status:
		return "one of Status Null", true
	case IsNullStruct(t):
		return "an invalid (NULL) one", true
	}
	return "", false
}

func ShortQualifier(p *types.Package) string { return p.Name() }

// RecvName is the name of f's receiver type, pointer removed ("Validate"
// for (*validator.Validate).Struct), or "" for a function or a method of
// an unnamed type. Tables of known library methods key on it.
func RecvName(f *types.Func) string {
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}
