package keyflow

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// An empty payload is "" only in a valid NULL wrapper: an invalid one is
// written as NULL whatever its String holds. MayBeEmpty of a wrapper asks
// about its payload, so the definitions that make the payload "" and the
// wrapper invalid at once are not empty keys (they are NULL, which
// MayBeNull reports where NULLs repeat, and a NOT NULL column rejects
// loudly): the zero wrapper (`var t pgtype.Text` on the side of `if
// in.Key != "" { t = pgtype.Text{…} }` that leaves it), a literal that
// leaves Valid out, and `sql.NullString{String: k, Valid: k != ""}`.
// A Valid flag set anywhere else keeps the payload's answer.

// wrapperPayload reports whether steps, a field path inside a value of
// type t, end at the payload of a NULL wrapper, and returns the path of
// that wrapper (a prefix of steps) and its description.
func wrapperPayload(t types.Type, steps []string) ([]string, *nullInfo, bool) {
	cur := t
	for i, s := range steps {
		if ns := nullStruct(cur); ns != nil && (i == len(steps)-1 && s == ns.payload ||
			len(ns.valid) == 2 && i == len(steps)-2 && s == ns.valid[0] && steps[i+1] == ns.payload) {
			return steps[:i], ns, true
		}
		fv, _ := fieldByName(cur, s)
		if fv == nil {
			return nil, nil, false
		}
		cur = fv.Type()
	}
	return nil, nil, false
}

// zeroWrapperPayload: the payload of a wrapper inside a zero constant
// (a lifted `var t pgtype.Text`) is that of an invalid wrapper.
func zeroWrapperPayload(c *ssa.Const, steps []string, k qkind) bool {
	if k != kEmpty {
		return false
	}
	_, _, ok := wrapperPayload(c.Type(), steps)
	return ok
}

// invalidWhenEmpty reports whether the payload l (a cell of a local,
// inside a NULL wrapper) is "" only where the wrapper's Valid flag is
// false, for the store (nil: the Alloc's zero contents) the walk found.
func (q *query) invalidWhenEmpty(l path, store *ssa.Store, k qkind) bool {
	if k != kEmpty {
		return false
	}
	a, ok := l.root.(*ssa.Alloc)
	if !ok || strings.ContainsAny(l.sel, "*[") || !strings.HasPrefix(l.sel, ".") {
		return false
	}
	steps := strings.Split(l.sel[1:], ".")
	wsteps, ns, ok := wrapperPayload(a.Type().(*types.Pointer).Elem(), steps)
	if !ok {
		return false
	}
	validSel := path{root: a, mem: true}.fields(wsteps).fields(ns.valid).sel
	var valid []*ssa.Store
	for _, b := range q.fi.fn.Blocks {
		for _, in := range b.Instrs {
			st, ok := in.(*ssa.Store)
			if !ok {
				continue
			}
			sl, ok := locPath(st.Addr)
			if !ok || sl.root != ssa.Value(a) {
				continue
			}
			switch {
			case sl.sel == validSel:
				valid = append(valid, st)
			case sl.sel != l.sel && strings.HasPrefix(l.sel, sl.sel):
				// The wrapper (or a struct holding it) stored whole: on the
				// zero outcome's path there is none (the walk stops at it),
				// but before a store of the payload it may have set Valid.
				if store != nil {
					return false
				}
			case strings.HasPrefix(validSel, sl.sel) && sl.sel != l.sel:
				return false // a store to the flag's part only: not followed
			}
		}
	}
	switch len(valid) {
	case 0:
		return true // Valid is never set: always NULL
	case 1:
	default:
		return false
	}
	v := valid[0].Val
	if c, ok := v.(*ssa.Const); ok {
		return c.Value == nil || c.Value.Kind() == constant.Bool && !constant.BoolVal(c.Value)
	}
	if store == nil || valid[0].Block() != store.Block() {
		return false
	}
	if flagOfParse(v, store.Val) {
		return true
	}
	x, ok := flagOfNonEmpty(v)
	return ok && sameValue(x, store.Val)
}

// flagOfParse reports whether the flag v is `err == nil` for the error of
// the call whose first result is the payload val: uuid.NullUUID{UUID: id,
// Valid: err == nil} after id, err := uuid.Parse(h) holds the nil UUID
// only while it is invalid.
func flagOfParse(v, val ssa.Value) bool {
	b, ok := v.(*ssa.BinOp)
	if !ok || b.Op != token.EQL {
		return false
	}
	e := b.X
	switch {
	case isNilConst(b.X):
		e = b.Y
	case !isNilConst(b.Y):
		return false
	}
	errx, ok := e.(*ssa.Extract)
	if !ok || !isErrorType(errx.Type()) || errx.Index != errx.Tuple.Type().(*types.Tuple).Len()-1 {
		return false
	}
	valx, ok := unconvert(val).(*ssa.Extract)
	return ok && valx.Tuple == errx.Tuple && valx.Index == 0
}

// flagOfNonEmpty returns s of a flag computed as s != "" or len(s) > 0,
// or id of one computed as id != uuid.Nil (id != uuid.UUID{}) or
// !id.IsNil().
func flagOfNonEmpty(v ssa.Value) (ssa.Value, bool) {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.NOT {
		if call, ok := u.X.(*ssa.Call); ok {
			return zeroIDTest(call)
		}
	}
	b, ok := v.(*ssa.BinOp)
	if !ok {
		return nil, false
	}
	if b.Op == token.NEQ && isZeroID(b.Y) {
		return b.X, true
	}
	if b.Op == token.NEQ && isZeroID(b.X) {
		return b.Y, true
	}
	a, c, op := b.X, b.Y, b.Op
	if _, ok := a.(*ssa.Const); ok {
		a, c, op = c, a, mirror(op)
	}
	cc, ok := c.(*ssa.Const)
	if !ok {
		return nil, false
	}
	switch {
	case op == token.NEQ && isEmptyConst(cc):
		return a, true
	case (op == token.GTR || op == token.NEQ) && cc.Value != nil && cc.Value.Kind() == constant.Int && cc.Int64() == 0:
		return lenOf(a)
	}
	return nil, false
}

// sameValue reports whether a and b are the same value: one register,
// or two reads of the same path with no write between them that the
// flag's and the payload's stores, one block, could see.
func sameValue(a, b ssa.Value) bool {
	a, b = unconvert(a), unconvert(b)
	if a == b {
		return true
	}
	pa, oka := valuePath(a)
	pb, okb := valuePath(b)
	return oka && okb && pa.root == pb.root && pa.sel == pb.sel && pa.mem == pb.mem
}

func unconvert(v ssa.Value) ssa.Value {
	for {
		ct, ok := v.(*ssa.ChangeType)
		if !ok {
			return v
		}
		v = ct.X
	}
}

// isPayload reports whether steps name ns's payload in a wrapper: String,
// or NullString.String through guregu's embedding.
func isPayload(ns *nullInfo, steps []string) bool {
	switch len(steps) {
	case 1:
		return steps[0] == ns.payload
	case 2:
		return len(ns.valid) == 2 && steps[0] == ns.valid[0] && steps[1] == ns.payload
	}
	return false
}
