package vocab

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/internal/pkgpath"
)

// IsFixedID reports whether t is a fixed-size identifier: a byte array of
// 8 to 32 bytes, named (uuid.UUID, ulid.ULID, xid.ID, ksuid.KSUID) or the
// payload of a NULL wrapper (pgtype.UUID's Bytes). Such a key is never
// NULL and never "", but its zero value (the nil UUID) is one value like
// any other: every write that leaves it zero collides with the others in
// a unique index, as the empty string does.
func IsFixedID(t types.Type) bool {
	if t == nil {
		return false
	}
	a, ok := t.Underlying().(*types.Array)
	if !ok || a.Len() < 8 || a.Len() > 32 {
		return false
	}
	b, ok := a.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// HoldsFixedID reports whether t is a fixed-size ID, a pointer to one, or
// a NULL wrapper holding one (uuid.NullUUID, pgtype.UUID): a key of such a
// type can be the zero ID.
func HoldsFixedID(t types.Type) bool {
	if t == nil {
		return false
	}
	if w := NullWrapperOf(t); w != nil {
		return IsFixedID(w.PayloadType)
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return IsFixedID(t)
}

// zeroIDVars are the package variables of the ID libraries that hold
// the zero ID, by package path and name.
var zeroIDVars = map[[2]string]bool{
	{"github.com/google/uuid", "Nil"}:     true,
	{"github.com/gofrs/uuid", "Nil"}:      true,
	{"github.com/gofrs/uuid/v5", "Nil"}:   true,
	{"github.com/satori/go.uuid", "Nil"}:  true,
	{"github.com/oklog/ulid", "Zero"}:     true,
	{"github.com/oklog/ulid/v2", "Zero"}:  true,
	{"github.com/segmentio/ksuid", "Nil"}: true,
}

// IsZeroIDVar reports whether the package variable name of the package
// at path (vendor prefix removed) holds the zero ID: uuid.Nil, ulid.Zero.
func IsZeroIDVar(path, name string) bool { return zeroIDVars[[2]string{path, name}] }

// IsZeroIDExpr reports whether e spells the zero ID: a zero variable
// (uuid.Nil) or an empty composite literal of a fixed-size ID type
// (uuid.UUID{}).
func IsZeroIDExpr(info *types.Info, e ast.Expr) bool {
	switch x := astutil.Unparen(e).(type) {
	case *ast.SelectorExpr:
		v, ok := info.Uses[x.Sel].(*types.Var)
		return ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() && IsZeroIDVar(pkgpath.Unvendor(v.Pkg().Path()), v.Name())
	case *ast.CompositeLit:
		return len(x.Elts) == 0 && IsFixedID(info.TypeOf(x))
	}
	return false
}

// idPackages name the zero values of the identifier types of the ID
// libraries idemlint knows, by import path.
var idPackages = map[string]string{
	"github.com/google/uuid":         "the nil UUID",
	"github.com/gofrs/uuid":          "the nil UUID",
	"github.com/gofrs/uuid/v5":       "the nil UUID",
	"github.com/satori/go.uuid":      "the nil UUID",
	"github.com/oklog/ulid":          "the zero ULID",
	"github.com/oklog/ulid/v2":       "the zero ULID",
	"github.com/rs/xid":              "the nil xid",
	"github.com/segmentio/ksuid":     "the nil KSUID",
	"github.com/jackc/pgx/v5/pgtype": "the nil UUID",
	"github.com/jackc/pgx/v4/pgtype": "the nil UUID",
	"github.com/jackc/pgtype":        "the nil UUID",
}

// ZeroIDName names the zero value of t, a fixed-size identifier, for a
// message: "the nil UUID" for the uuid libraries and for a NULL wrapper of
// pgx holding one, "the zero Token" for a type of the module's own.
func ZeroIDName(t types.Type) string {
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		if name, ok := idPackages[pkgpath.Unvendor(n.Obj().Pkg().Path())]; ok {
			return name
		}
		return "the zero " + n.Obj().Name()
	}
	return "the all-zero ID"
}
