package keyflow

import (
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Elements of a local slice read under an index that is not a constant
// (keys[i], rows[i].Key, a range variable's field) are one cell as far as
// the flow can tell: evalElement judges such a load by every value the
// function stores into an element of the slice (keys[i] = h,
// rows[i].Key = k). It answers only where that is the whole story: the
// slice is made in the function (make) and used for nothing but element
// stores and loads, and no branch tests an element (a check the stores
// would not see). Elements never stored are not counted: a slice made to
// length is taken to be filled, as the loops that fill one do.

// elementStore is one store into an element of a slice: the value, where
// it is stored, and the fields of the element it writes (none: the whole
// element).
type elementStore struct {
	store  *ssa.Store
	fields []string
}

// evalElement judges a load from addr, a field path inside an element of
// a local slice under a non-constant index; ok is false when the slice is
// not one evalElement can read whole.
func (q *query) evalElement(addr ssa.Value, steps []string, k qkind, depth int) (result, bool) {
	var fields []string
	// hops are the pointers loaded on the way, outermost last: the
	// element itself in a slice of pointers (for _, a := range in), and a
	// pointer field of it copied to a local (r := a.Request; r.Key).
	var hops []hop
	for {
		if fa, isField := addr.(*ssa.FieldAddr); isField {
			fields = append([]string{fieldName(fa.X, fa.Field)}, fields...)
			addr = fa.X
			continue
		}
		if u, isLoad := addr.(*ssa.UnOp); isLoad && u.Op == token.MUL && len(fields) > 0 {
			switch u.X.(type) {
			case *ssa.FieldAddr, *ssa.IndexAddr:
				hops = append(hops, hop{ptr: u, depth: len(fields)})
				addr = u.X
				continue
			}
		}
		break
	}
	ia, ok := addr.(*ssa.IndexAddr)
	if !ok {
		return resUnknown, false
	}
	if _, constant := ia.Index.(*ssa.Const); constant {
		return resUnknown, false
	}
	all := append(fields[:len(fields):len(fields)], steps...)
	if len(hops) > 0 {
		// Through pointers, only a parameter's elements are read, and
		// only when nothing in the function may change the key through
		// them (pointersKeepKey).
		for _, h := range hops {
			if !pointerKeepsKey(h.ptr, all[len(all)-len(steps)-h.depth:]) {
				return resUnknown, false
			}
		}
		if r, ok := q.elementSourceThrough(ia.X, all, k); ok {
			return r, true
		}
		if len(hops) == 1 && hops[0].depth == len(fields) {
			// The element itself is the one pointer (a decoded []*In):
			// judged as a decoded []In's element is (elemsource.go).
			return q.elementSource(ia.X, all, k)
		}
		return resUnknown, false
	}
	if r, ok := q.elementSource(ia.X, all, k); ok {
		return r, true // a parameter's or a decoded slice's element (elemsource.go)
	}
	if in, ok := ia.X.(ssa.Instruction); !ok || in.Parent() != q.fi.fn {
		return resUnknown, false
	}
	stores, ok := elementStores(ia.X, nil)
	if !ok || len(stores) == 0 {
		return resUnknown, false
	}
	return q.judgeStores(stores, append(fields, steps...), k, depth)
}

// judgeStores judges the part want of the elements stores write.
func (q *query) judgeStores(stores []elementStore, want []string, k qkind, depth int) (result, bool) {
	var rs []result
	for _, s := range stores {
		rest, related := fieldsAfter(s.fields, want)
		if !related {
			continue
		}
		r := q.evalV(s.store.Val, rest, storePoint(s.store), k, depth+1)
		if r.st == bad {
			return r, true
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return resUnknown, false
	}
	return join(rs...), true
}

// elementStores returns the stores into elements of the slice s: a
// slice made in the function and grown by append (s = append(s, x) in a
// loop: the phi, the append calls and the arrays of their arguments), or
// false when one of them is used other than by element stores and loads,
// len and cap, and the call allow (the one a caller's slice is judged
// at), or an element is tested by a branch.
func elementStores(s ssa.Value, allow ssa.Instruction) ([]elementStore, bool) {
	var out []elementStore
	var visit func(addr ssa.Value, fields []string) bool
	visit = func(addr ssa.Value, fields []string) bool {
		for _, r := range *addr.Referrers() {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Addr != addr {
					return false // the address itself is stored away
				}
				out = append(out, elementStore{store: r, fields: fields})
			case *ssa.FieldAddr:
				if !visit(r, append(fields[:len(fields):len(fields)], fieldName(r.X, r.Field))) {
					return false
				}
			case *ssa.UnOp:
				if r.Op != token.MUL || testedByBranch(r) {
					return false
				}
			case *ssa.DebugRef:
			default:
				return false
			}
		}
		return true
	}
	family := map[ssa.Value]bool{}
	var add func(v ssa.Value) bool
	add = func(v ssa.Value) bool {
		if family[v] {
			return true
		}
		family[v] = true
		switch x := v.(type) {
		case *ssa.MakeSlice:
		case *ssa.Const:
			return x.IsNil()
		case *ssa.Phi:
			for _, e := range x.Edges {
				if !add(e) {
					return false
				}
			}
		case *ssa.Call:
			if !isAppend(x) || len(x.Call.Args) != 2 || !add(x.Call.Args[0]) {
				return false
			}
			// append(s, x): the builder stores x into a new array and
			// slices it.
			sl, ok := x.Call.Args[1].(*ssa.Slice)
			if !ok {
				return false
			}
			arr, ok := sl.X.(*ssa.Alloc)
			if !ok || len(*arr.Referrers()) == 0 {
				return false
			}
			for _, r := range *arr.Referrers() {
				switch r := r.(type) {
				case *ssa.IndexAddr:
					if !visit(r, nil) {
						return false
					}
				case *ssa.Slice, *ssa.DebugRef:
				default:
					return false
				}
			}
		default:
			return false
		}
		return true
	}
	if !add(s) {
		return nil, false
	}
	for v := range family {
		if _, isConst := v.(*ssa.Const); isConst {
			continue
		}
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.IndexAddr:
				if !visit(r, nil) {
					return nil, false
				}
			case *ssa.Phi:
				if !family[r] {
					return nil, false
				}
			case *ssa.Call:
				if isAppend(r) && r.Call.Args[0] == v && family[r] || r == allow {
					continue
				}
				if b, ok := r.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" && b.Name() != "cap" {
					return nil, false // passed on, or appended to another slice
				}
			case *ssa.DebugRef:
			default:
				return nil, false // sliced, stored, ranged over by value
			}
		}
	}
	return out, true
}

func isAppend(c *ssa.Call) bool {
	b, ok := c.Call.Value.(*ssa.Builtin)
	return ok && b.Name() == "append"
}

// testedByBranch reports whether a loaded value (or a field of it) is
// compared in a branch's condition.
func testedByBranch(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Field:
			if testedByBranch(r) {
				return true
			}
		case *ssa.BinOp:
			if r.Op != token.EQL && r.Op != token.NEQ {
				continue
			}
			for _, rr := range *r.Referrers() {
				if _, isIf := rr.(*ssa.If); isIf {
					return true
				}
			}
		}
	}
	return false
}

// fieldsAfter relates a store to the fields stored with the fields
// wanted: the fields left to select in the stored value, or false when
// the store writes another field (or only a part of the wanted one).
func fieldsAfter(stored, want []string) ([]string, bool) {
	if len(stored) > len(want) {
		return nil, false
	}
	for i, f := range stored {
		if want[i] != f {
			return nil, false
		}
	}
	return want[len(stored):], true
}

// storePoint is the point just before s.
func storePoint(s *ssa.Store) point {
	for i, in := range s.Block().Instrs {
		if in == s {
			return point{block: s.Block(), index: i}
		}
	}
	return point{block: s.Block()}
}

// A hop is a pointer loaded on the way from an element of a slice to the
// field asked about: depth is how many of the fields selected from the
// element come after it.
type hop struct {
	ptr   *ssa.UnOp
	depth int
}

// evalPointerElement judges the part sel ("*.A.B") of a, an element of
// a parameter slice of pointers loaded under a non-constant index (the
// range variable of for _, r := range reqs with reqs []*Req), for a
// callee's condition on that part: r.GetKey(), "" when r.Key is nil. As
// for a field read in the function itself (evalElement), the callers'
// elements decide, when nothing here may change the part through the
// pointer.
func (q *query) evalPointerElement(a ssa.Value, sel string, k qkind) (result, bool) {
	rest, ok := strings.CutPrefix(sel, "*.")
	if !ok || strings.ContainsAny(rest, "*[") {
		return resUnknown, false
	}
	u, ia, ok := elementLoad(a)
	if !ok {
		return resUnknown, false
	}
	if _, constant := ia.Index.(*ssa.Const); constant {
		return resUnknown, false
	}
	return q.elementPointer(u, ia, strings.Split(rest, "."), k)
}

// elementPointer judges the field path steps behind u, a pointer loaded
// from the element ia of a slice under a non-constant index (the range
// variable of for _, it := range items with items []*Item), by where the
// slice comes from: a parameter's callers, or the decoder that filled it
// (elementSource), when nothing here may change the path through the
// pointer.
func (q *query) elementPointer(u *ssa.UnOp, ia *ssa.IndexAddr, steps []string, k qkind) (result, bool) {
	if _, param := ia.X.(*ssa.Parameter); param {
		if !pointerKeepsKey(u, steps) {
			return resUnknown, false
		}
		return q.elementSourceThrough(ia.X, steps, k)
	}
	return q.elementSource(ia.X, steps, k) // decodedElement clears every element pointer
}

// pointedElement is elementPointer for p, when it is such a load.
func (q *query) pointedElement(p ssa.Value, steps []string, k qkind) (result, bool) {
	u, ia, ok := elementLoad(p)
	if !ok || len(steps) == 0 {
		return resUnknown, false
	}
	if _, constant := ia.Index.(*ssa.Const); constant {
		return resUnknown, false
	}
	return q.elementPointer(u, ia, steps, k)
}

// elementLoad returns v as a load of an element of a slice or array
// (*(&s[i])), and the element's address.
func elementLoad(v ssa.Value) (*ssa.UnOp, *ssa.IndexAddr, bool) {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return nil, nil, false
	}
	ia, ok := u.X.(*ssa.IndexAddr)
	return u, ia, ok
}

// pointerKeepsKey reports whether nothing the function does with the
// pointer p may change the field path rest of its target: its uses are
// loads, field selections that leave the path (stores into another
// field: tx.Created = now), and, along the path, loads only. A store
// through the path (r.Key = uuid.NewString()), or the pointer, or an
// address on the path, passed to a call, captured or stored away (which
// may set the key where the function does not show it) answer false.
func pointerKeepsKey(p ssa.Value, rest []string) bool {
	refs := p.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.FieldAddr:
			if len(rest) > 0 && fieldName(r.X, r.Field) == rest[0] && !pointerKeepsKey(r, rest[1:]) {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.Call:
			if !readsOnly(r.Common(), p) {
				return false // may write through the pointer it is handed
			}
		case *ssa.Store:
			if r.Val != p || !sentOnly(r.Addr) {
				return false // stored into, or stored away
			}
			// Put in a value sent on a channel (jobs <- job{item: it}):
			// a receiver's writes through it are the receiver's to show.
		default:
			return false // its address passed on
		}
	}
	return true
}

// sentOnly reports whether addr is a field of a local struct whose
// only other uses are stores into its fields and loads sent on a channel:
// the composite literal of jobs <- job{batch: id, item: it}.
func sentOnly(addr ssa.Value) bool {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	a, ok := fa.X.(*ssa.Alloc)
	if !ok || a.Heap {
		return false
	}
	sent := false
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.FieldAddr:
			for _, u := range *r.Referrers() {
				if st, ok := u.(*ssa.Store); !ok || st.Addr != r {
					return false
				}
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
			for _, u := range *r.Referrers() {
				switch u := u.(type) {
				case *ssa.Send:
					if u.X != r {
						return false
					}
					sent = true
				case *ssa.DebugRef:
				default:
					return false
				}
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return sent
}

// readsOnly reports whether the call c, handed the pointer p, cannot
// write through it (writesNoArgs).
func readsOnly(c *ssa.CallCommon, p ssa.Value) bool {
	return slices.Contains(c.Args, p) && writesNoArgs(c)
}

// writesNoArgs reports whether the call c writes through none of its
// arguments: a method named Get… that takes nothing but its receiver (a
// generated message's getter: r.GetTopic(), of any package), or a
// function of this package whose body only loads through each of its
// parameters.
func writesNoArgs(c *ssa.CallCommon) bool {
	f, ok := c.Value.(*ssa.Function)
	if !ok || c.IsInvoke() {
		return false
	}
	sig := f.Signature
	if sig.Recv() != nil && sig.Params().Len() == 0 && sig.Results().Len() > 0 && strings.HasPrefix(f.Name(), "Get") {
		return true
	}
	if f.Blocks == nil {
		return false
	}
	for _, prm := range f.Params {
		if !readThrough(prm, 0) {
			return false
		}
	}
	return true
}
