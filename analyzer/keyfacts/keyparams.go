package keyfacts

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A KeyParams marks a function that writes one of its parameters (or a
// field of one) into an idempotency-key column, the way sqlc's generated
// CreateMessage(ctx, arg CreateMessageParams) writes arg.IdempotencyKey.
// The function alone cannot know whether callers pass a key; its callers,
// in this package or in packages that import it, are checked instead.
//
// On the method of an exported interface, it holds the keys of the
// package's own methods that implement it, named in Impls
// ("pgStore.Create"), when one of them has an unexported receiver: an
// importing package's view of the package, read from export data, has
// no unexported types, so a fact on their methods never reaches it (the
// store a constructor returns as the interface, func NewStore(db) Store {
// return &pgStore{db} }). One name: a call through the interface is a
// call of it. More: which one runs is not known.
type KeyParams struct {
	Keys  []KeyParam
	Impls []string
}

// A KeyParam is one parameter path that reaches a key column.
type KeyParam struct {
	Param         int      // index among the signature's parameters
	Path          []string // field path within the parameter; empty for the parameter itself
	Table, Column string
	Null          bool // a NULL there repeats under Rule
	Empty         bool // an empty key there collides under Rule
	// EmptyIsNull: an empty value there is written as NULL (Valid: s !=
	// "", NULLIF($1, ''), bun's nullzero), which repeats under Rule.
	EmptyIsNull bool
	// NilIsEmpty: a nil value there is written as the empty string
	// (lo.FromPtr(in.Key), a deref helper), which collides under Rule.
	NilIsEmpty bool
	// NullCollides: Rule has NULLS NOT DISTINCT, so a NULL there
	// collides as an empty key does (schema.NullCollides): the first
	// keyless row is written and the rest are rejected. Null and
	// EmptyIsNull are then reported as IDEM202.
	NullCollides bool
	// Zero: the parameter is a fixed-size ID (uuid.UUID, or a pointer
	// to or NULL wrapper of one) whose zero value, the nil UUID,
	// collides under Rule (the empties' rule when Empty is set too).
	Zero bool
	// Scoped, with Empty: the parameter is one part of a key format
	// (fmt.Sprintf("%s/%s", host, key)), so an empty one leaves the
	// format's other parts alone, one value for every keyless request,
	// which collides under Rule as "" would.
	Scoped bool
	Rule   string // "PostgreSQL unique constraint (session_id, idempotency_key)"
	Where  string // the column's schema position, for messages
	MaxLen int    // the column's declared length, for fixes; 0 when unbounded
	// Guarded says the function's own IDEM201 comes with a fix that gives
	// the key a value when it is missing: once applied, a caller's nil no
	// longer reaches the column, so callers' findings keep no fix of their
	// own (two guards for one bug).
	Guarded bool
	// NullIntended is the column's comment when it says NULL keys are
	// meant for some writers (schema.NullIntended): a caller that writes
	// NULL itself is then noted, not reported.
	NullIntended string
	// Iface, set only in an IfaceParams fact, is the interface argument
	// path the parameter reaches (wiring.go).
	Iface *IfaceArg
}

// Target names, for messages, where the path's value goes: the key
// column ("orders.idempotency_key"), or, for an IfaceParams path, the
// argument of the interface method whose implementations write it
// ("argument 1's Checkout.IdempotencyKey of billing.Store.Insert"), which
// is not a column and must not read as one.
func (k KeyParam) Target() string {
	if k.Iface == nil {
		return k.Table + "." + k.Column
	}
	arg := fmt.Sprintf("argument %d", k.Iface.Arg)
	if len(k.Iface.ArgPath) > 0 {
		arg += "'s " + strings.Join(k.Iface.ArgPath, ".")
	}
	return arg + " of " + k.Iface.Name() + ", an interface method whose implementations out of view write the key"
}

func (*KeyParams) AFact() {}

func (f *KeyParams) String() string {
	var parts []string
	for _, k := range f.Keys {
		parts = append(parts, fmt.Sprintf("param %d%s → %s.%s", k.Param, strings.Join(append([]string{""}, k.Path...), "."), k.Table, k.Column))
	}
	out := "writes key " + strings.Join(parts, ", ")
	if len(f.Impls) > 0 {
		out += " (by " + strings.Join(f.Impls, ", ") + ")"
	}
	return out
}

// Summaries collects the key parameters of a package's functions as its
// insert sites are checked, before they are exported as facts.
type Summaries map[*types.Func][]KeyParam

// Size is the number of key parameters recorded.
func (s Summaries) Size() int {
	n := 0
	for _, ks := range s {
		n += len(ks)
	}
	return n
}

// Add records k for fn, once.
func (s Summaries) Add(fn *types.Func, k KeyParam) {
	for _, old := range s[fn] {
		if old.Param == k.Param && strings.Join(old.Path, ".") == strings.Join(k.Path, ".") && old.Column == k.Column {
			return
		}
	}
	s[fn] = append(s[fn], k)
}

// Guard marks the key parameter of fn recorded for param (the fields
// path of it) into column as Guarded: fn's own finding came with a fix
// that gives a missing key a value.
func (s Summaries) Guard(fn *types.Func, param int, path []string, column string) {
	for i, old := range s[fn] {
		if old.Param == param && strings.Join(old.Path, ".") == strings.Join(path, ".") && old.Column == column {
			s[fn][i].Guarded = true
		}
	}
}

// ImportKeyParams returns the key parameters of fn, a function of another
// package, from its fact.
func ImportKeyParams(pass *analysis.Pass, fn *types.Func) []KeyParam {
	var f KeyParams
	if fn.Pkg() != pass.Pkg && pass.ImportObjectFact(fn, &f) {
		return f.Keys
	}
	return nil
}

// Export publishes the key parameters of the package's own functions.
func (s Summaries) Export(pass *analysis.Pass) {
	for fn, keys := range s {
		if fn.Pkg() == pass.Pkg {
			pass.ExportObjectFact(fn, &KeyParams{Keys: keys})
		}
	}
}
