package keyflow

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/vocab"
)

// This file judges fixed-size identifiers (uuid.UUID and its kin,
// vocab.IsFixedID). Such a key is never NULL and never "", so its bad
// value is the zero one: uuid.Nil is the same key for every write that
// has no ID, and a unique index makes those writes collide as it does
// empty strings. The query kind is kEmpty; query.zeroName makes the
// messages say "the nil UUID" rather than "empty".

// zeroIDVar reports whether g is a library variable holding the zero ID
// (uuid.Nil, ulid.Zero).
func zeroIDVar(g *ssa.Global) bool {
	return g.Pkg != nil && vocab.IsZeroIDVar(pkgPath(g.Pkg.Pkg), g.Name())
}

// isZeroID reports whether v is the zero ID: a zero constant of a
// fixed-size ID type (uuid.UUID{}, a variable declared without a value)
// or a load of a library's zero variable (uuid.Nil).
func isZeroID(v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.Const:
		return x.Value == nil && vocab.IsFixedID(x.Type())
	case *ssa.UnOp:
		g, ok := x.X.(*ssa.Global)
		return ok && x.Op == token.MUL && zeroIDVar(g)
	}
	return false
}

// zeroIDFinding explains v, a zero ID (isZeroID), written by the code.
func (q *query) zeroIDFinding(v ssa.Value) finding {
	f := finding{kind: Empty, what: vocab.ZeroIDName(v.Type()), origin: q.refPos(v), written: true}
	switch x := v.(type) {
	case *ssa.Const:
		f.via = q.varName(x)
	case *ssa.UnOp:
		g := x.X.(*ssa.Global)
		f.via = g.Pkg.Pkg.Name() + "." + g.Name()
		if !f.origin.IsValid() {
			f.origin = q.fi.exprPos(x)
		}
	}
	return f
}

// fixedIDCall judges a call whose result is a fixed-size ID, or the text
// of one, for kEmpty: xid.NilID() is the zero ID; gofrs'
// FromStringOrNil(s) is when s is empty; id.String() is the zero ID's
// text ("00000000-…", one key like any other) when id is the zero ID.
// ok is false when the call is none of these.
func (q *query) fixedIDCall(f *types.Func, c libCall) (result, bool) {
	ids := libIDs()
	id := idOf(f)
	switch {
	case ids.zero[id]:
		return badResult(finding{kind: Empty, what: vocab.ZeroIDName(c.call.Type()), via: vocab.FuncName(f), origin: q.fi.exprPos(c.call), written: true}), true
	case ids.zeroIfInvalid[id] && len(c.args) > 0:
		r := q.evalV(c.args[0], nil, c.pt, kEmpty, c.depth+1)
		switch r.st {
		case bad:
			zero := vocab.ZeroIDName(c.call.Type())
			r.f.text = fmt.Sprintf("%s, which %s returns for an empty string, and %s is %s", zero, vocab.FuncName(f), q.exprString(c.args[0]), q.render(r.f))
			r.f.written = false
			return r, true
		case cond:
			r.f.what = vocab.ZeroIDName(c.call.Type())
			return r, true
		}
		return r, true
	case (f.Name() == "String" || f.Name() == "URN") && isString(c.call.Type()) && len(c.call.Call.Args) == 1 && vocab.IsFixedID(derefType(c.call.Call.Args[0].Type())):
		recv := c.call.Call.Args[0]
		if _, ptr := recv.Type().Underlying().(*types.Pointer); ptr {
			return resUnknown, false
		}
		r := q.evalV(recv, nil, c.pt, kEmpty, c.depth+1)
		if r.st != bad {
			return resUnknown, false
		}
		zero := vocab.ZeroIDName(recv.Type())
		r.f.text = fmt.Sprintf("%s's text: %s is %s", zero, q.exprString(recv), q.render(r.f))
		r.f.zero = zero + "'s text"
		return r, true
	}
	return resUnknown, false
}

// zeroIDSums is what the ID tables say of a library parser's results:
// the zero ID beside its error (errpath.go reads it).
func zeroIDSums(f *types.Func) []ResultSummary {
	if f == nil || !libIDs().zeroOnError[idOf(f)] {
		return nil
	}
	sig := f.Type().(*types.Signature)
	if sig.Results().Len() < 2 {
		return nil
	}
	zero := vocab.ZeroIDName(sig.Results().At(0).Type())
	return []ResultSummary{{Index: 0, ErrEmpty: fmt.Sprintf("%s returns %s with its error, as it does for an empty or malformed input", vocab.FuncName(f), zero)}}
}

// zeroIDTest reports whether call tests its receiver, a fixed-size ID,
// for the zero ID: id.IsNil() (gofrs, xid, ksuid), id.IsZero() (ulid,
// xid). It returns the receiver.
func zeroIDTest(call *ssa.Call) (ssa.Value, bool) {
	f := calleeOf(&call.Call)
	if f == nil || (f.Name() != "IsNil" && f.Name() != "IsZero") || len(call.Call.Args) != 1 || call.Call.IsInvoke() {
		return nil, false
	}
	recv := call.Call.Args[0]
	if !vocab.IsFixedID(recv.Type()) {
		return nil, false // a pointer receiver: the libraries have none
	}
	return recv, true
}

// derefType is t, or what t points to.
func derefType(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// zeroText rewrites a reason about an empty value for a fixed-size ID,
// whose "empty" is its zero value: "empty when the JSON body has no
// eventId" becomes "the nil UUID when the JSON body has no eventId".
func zeroText(reason, zero string) string {
	if rest, ok := strings.CutPrefix(reason, "empty"); ok {
		return zero + rest
	}
	return strings.Replace(reason, ", empty when", ", "+zero+" when", 1)
}
