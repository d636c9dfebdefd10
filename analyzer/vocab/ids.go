package vocab

import (
	"go/types"

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
