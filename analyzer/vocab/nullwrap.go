package vocab

import (
	"go/types"
	"strings"

	"github.com/idemlint/idemlint/internal/pkgpath"
)

// A NullWrapper is a struct type whose Valid field says whether it holds
// a value: Valid false is NULL, whatever the payload field holds.
type NullWrapper struct {
	Name        string // for messages: "sql.NullString", "sql.Null[string]"
	Payload     string // the field holding the value: String, UUID…
	PayloadType types.Type
	// Embedded, when set, is the embedded wrapper field through which
	// Valid and the payload are reached: guregu's null.String is
	// struct{ sql.NullString }, so its Valid is .NullString.Valid (Go
	// code writes s.Valid all the same).
	Embedded string
	// Status: the flag is a pgtype.Status of jackc/pgtype (pgx v4's
	// types), not a bool: Null is NULL, Present holds the payload, and
	// Undefined, the zero value, makes the write fail ("cannot encode
	// status undefined"), so a zero wrapper is an error, not a NULL.
	Status bool
}

// ValidPath returns the field path of the wrapper's flag: Valid, or
// Status.
func (w *NullWrapper) ValidPath() []string {
	switch {
	case w.Status:
		return []string{"Status"}
	case w.Embedded != "":
		return []string{w.Embedded, "Valid"}
	}
	return []string{"Valid"}
}

// ZeroIsNull reports whether the zero value of t is written as NULL: a
// nil pointer (or other nillable value), or a NULL wrapper left invalid;
// not a Status wrapper, whose zero value fails the write.
func ZeroIsNull(t types.Type) bool {
	if t == nil {
		return false
	}
	if w := NullWrapperOf(t); w != nil {
		return !w.Status
	}
	return Nillable(t)
}

// statusPackage is jackc/pgtype, whose types carry a Status.
const statusPackage = "github.com/jackc/pgtype"

// IsPgStatus reports whether t is jackc/pgtype's Status.
func IsPgStatus(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Name() == "Status" && pkgpath.Unvendor(n.Obj().Pkg().Path()) == statusPackage
}

// PgStatusNull is the value of jackc/pgtype's Status Null (Undefined 0,
// Null 1, Present 2).
const PgStatusNull = 1

// embeddingPackages are the packages whose types wrap a NULL wrapper by
// embedding it (guregu's null and zero: type String struct{ sql.NullString }):
// they write NULL exactly when the embedded wrapper does.
var embeddingPackages = map[string]string{
	"gopkg.in/guregu/null.v4":        "null",
	"gopkg.in/guregu/null.v4/zero":   "zero",
	"gopkg.in/guregu/null.v3":        "null",
	"gopkg.in/guregu/null.v3/zero":   "zero",
	"github.com/guregu/null/v5":      "null",
	"github.com/guregu/null/v5/zero": "zero",
	"github.com/guregu/null/v6":      "null",
	"github.com/guregu/null/v6/zero": "zero",
}

// nullWrapperPackages are the packages whose Valid-field structs are NULL
// wrappers, by import path: short is the package name used in messages,
// names selects the type names that qualify (nil: every struct of the
// package with a bool Valid field).
var nullWrapperPackages = map[string]struct {
	short string
	names func(string) bool
}{
	"database/sql":                   {"sql", func(s string) bool { return strings.HasPrefix(s, "Null") }},
	"github.com/jackc/pgx/v5/pgtype": {"pgtype", nil},
	"github.com/jackc/pgx/v4/pgtype": {"pgtype", nil},
	"github.com/jackc/pgtype":        {"pgtype", nil},
	"github.com/google/uuid":         {"uuid", func(s string) bool { return s == "NullUUID" }},
	"github.com/gofrs/uuid":          {"uuid", func(s string) bool { return s == "NullUUID" }},
	"github.com/gofrs/uuid/v5":       {"uuid", func(s string) bool { return s == "NullUUID" }},
}

// NullWrapperOf returns what t is as a NULL wrapper (sql.Null*, pgx's
// pgtype structs, jackc/pgtype's with their Status, google/uuid's and
// gofrs/uuid's NullUUID), or nil. The flow analysis, the contract
// rule and the fixes all ask here.
func NullWrapperOf(t types.Type) *NullWrapper {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return nil
	}
	obj := n.Obj()
	if short, ok := embeddingPackages[pkgpath.Unvendor(obj.Pkg().Path())]; ok {
		return embeddedWrapper(short, n)
	}
	pkg, ok := nullWrapperPackages[pkgpath.Unvendor(obj.Pkg().Path())]
	if !ok || pkg.names != nil && !pkg.names(obj.Name()) {
		return nil
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	w := &NullWrapper{Name: pkg.short + "." + obj.Name()}
	hasValid := false
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if f.Name() == "Valid" {
			if b, ok := f.Type().Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
				hasValid = true
			}
			continue
		}
		if f.Name() == "Status" && IsPgStatus(f.Type()) {
			hasValid, w.Status = true, true
			continue
		}
		if w.Payload == "" && f.Exported() {
			w.Payload, w.PayloadType = f.Name(), f.Type()
		}
	}
	if !hasValid {
		return nil
	}
	if n.TypeArgs().Len() > 0 {
		w.Name = pkg.short + "." + obj.Name() + "[" + types.TypeString(n.TypeArgs().At(0), func(p *types.Package) string { return p.Name() }) + "]"
	}
	return w
}

// embeddedWrapper reads n, a type of package short that embeds a NULL
// wrapper as its only field.
func embeddedWrapper(short string, n *types.Named) *NullWrapper {
	st, ok := n.Underlying().(*types.Struct)
	if !ok || st.NumFields() != 1 || !st.Field(0).Embedded() {
		return nil
	}
	inner := NullWrapperOf(st.Field(0).Type())
	if inner == nil || inner.Embedded != "" {
		return nil
	}
	return &NullWrapper{Name: short + "." + n.Obj().Name(), Payload: inner.Payload, PayloadType: inner.PayloadType, Embedded: st.Field(0).Name()}
}
