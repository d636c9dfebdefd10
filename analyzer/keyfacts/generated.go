package keyfacts

import (
	"fmt"
	"strings"
)

// A GeneratedWrite marks a function of generated code (a file marked
// "Code generated … DO NOT EDIT.", such as sqlc's) whose insert writes a
// NULL or empty key on every call, whatever its arguments: sqlc's
// CreateImportedTransfer, whose INSERT leaves the key column out.
// Generated code is never a finding's position; its callers in the
// user's code are reported instead, where the code chooses to call it.
type GeneratedWrite struct {
	Keys []GeneratedKey
}

// A GeneratedKey is one key column a generated function writes badly.
type GeneratedKey struct {
	Code          string // IDEM201 or IDEM202
	Why           string // the finding's reason at the generated insert
	Where         string // the insert's position, "transfers.sql.go:28"
	Table, Column string
	Rule          string
	NullIntended  string // as KeyParam.NullIntended
	NullCollides  bool   // as KeyParam.NullCollides (Code is IDEM201's NULL)
	// Via, for a generated function that writes the key only by calling
	// another (a generated decorator of sqlc's Querier), is that function,
	// as package path "." name: "example.com/db.Queries.CreateX".
	Via string
}

func (*GeneratedWrite) AFact() {}

func (f *GeneratedWrite) String() string {
	var parts []string
	for _, k := range f.Keys {
		what := "NULL"
		if k.Code == "IDEM202" {
			what = "an empty key"
		}
		parts = append(parts, fmt.Sprintf("%s into %s.%s", what, k.Table, k.Column))
	}
	return "generated: writes " + strings.Join(parts, ", ") + " on every call"
}
