package keyflow

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Functional options: a constructor builds the row and applies the
// options its caller passes (`func NewOrder(c int64, opts ...Option)
// *Order { o := &Order{…}; for _, opt := range opts { opt(o) }; return
// o }`), each option a closure an option constructor of the package
// returns (`func WithKey(k string) Option { return func(o *Order) { if k
// != "" { o.Key = &k } } }`). Inside the constructor, what the options
// set is unknown (memory.go's optionCall); at a call of it, the options
// are in view: the caller's own arguments. resolveOptions reads them when
// exactly one of them writes the field asked about, and judges that
// write on the argument the caller gave the option constructor.

// resolveOptions judges the field sel of the row call's callee returns,
// where the callee hands the row to the option call optCall.
func (q *query) resolveOptions(call *ssa.Call, callee *ssa.Function, optCall ssa.CallInstruction, sel string, k qkind, depth int) (result, bool) {
	field, ok := strings.CutPrefix(sel, "*.")
	if !ok || strings.ContainsAny(field, ".*[") || k == kValid {
		return resUnknown, false
	}
	pi := slices.Index(callee.Params, FuncValueParam(optCall.Common().Value))
	if pi < 0 || optCall.Common().IsInvoke() || pi >= len(call.Call.Args) {
		return resUnknown, false
	}
	opts, ok := optionValues(call.Call.Args[pi])
	if !ok {
		return resUnknown, false
	}
	var (
		writer *ssa.Call
		fn     *ssa.Function
		st     *ssa.Store
	)
	for _, v := range opts {
		ctor, ofn, ok := optionClosure(v)
		if !ok {
			return resUnknown, false
		}
		s, ok := fieldStore(ofn, field)
		if !ok {
			return resUnknown, false // the row escapes the option, or is written twice
		}
		if s == nil {
			continue
		}
		if writer != nil {
			return resUnknown, false // two options write it: the last one applied wins
		}
		writer, fn, st = ctor, ofn, s
	}
	if writer == nil {
		return resUnknown, false
	}
	fv, guarded := storeGuard(fn, st)
	if fv < 0 {
		return resUnknown, false
	}
	pm := boundParam(writer, fn, fv)
	if pm < 0 || pm >= len(writer.Call.Args) {
		return resUnknown, false
	}
	pt, ok := instrPoint(writer)
	if !ok {
		return resUnknown, false
	}
	ctorName := funcName(writer.Call.StaticCallee())
	stPos := q.c.info(fn).fileLine(st.Pos())
	switch {
	case guarded && k == kNull:
		// o.Key = &k under k != "": nil exactly when the caller's k is "".
		ar := q.evalV(writer.Call.Args[pm], nil, pt, kEmpty, depth+1)
		why := fmt.Sprintf("%s sets %s only when it is not empty (%s), so %s returns a value whose %s is nil",
			ctorName, field, stPos, funcName(callee), field)
		switch ar.st {
		case cond:
			// Empty when a parameter is: the callers' (the fact says the
			// function writes NULL when it is empty).
			f := ar.f
			f.kind, f.text = Nil, q.render(ar.f)+"; "+why
			return result{st: cond, f: f}, true
		case bad:
		default:
			return ar, ar.st != unknown
		}
		text := q.render(ar.f) + "; " + why
		origin := ar.f.origin
		if !origin.IsValid() {
			origin = q.fi.exprPos(writer)
		}
		return badResult(finding{kind: Nil, text: text, origin: origin}), true
	case guarded:
		return resSafe, true // set only when not empty: never ""
	case k == kNull && pointsToVar(st.Val):
		return resSafe, true // o.Key = &k on every path: never nil
	case k == kEmpty && isString(st.Val.Type()):
		ar := q.evalV(writer.Call.Args[pm], nil, pt, kEmpty, depth+1)
		if ar.st == bad {
			ar.f = finding{kind: Empty, text: fmt.Sprintf("%s; %s copies it into %s (%s)", q.render(ar.f), ctorName, field, stPos), origin: ar.f.origin}
		}
		return ar, ar.st != unknown
	}
	return resUnknown, false
}

// FuncValueParam returns the parameter a called function value v comes
// from: the parameter itself (fn(&row)), or an element of it (a range
// over opts ...Option); nil when it comes from anywhere else.
func FuncValueParam(v ssa.Value) *ssa.Parameter {
	for range 8 {
		switch x := v.(type) {
		case *ssa.Parameter:
			return x
		case *ssa.UnOp:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Index:
			v = x.X
		case *ssa.Extract:
			next, ok := x.Tuple.(*ssa.Next)
			if !ok {
				return nil
			}
			r, ok := next.Iter.(*ssa.Range)
			if !ok {
				return nil
			}
			v = r.X
		default:
			return nil
		}
	}
	return nil
}

// optionValues returns the options arg passes: the elements of a
// variadic slice the call builds (NewOrder(c, WithKey(k), WithNote(n))),
// none for a nil one, or arg itself for a function parameter.
func optionValues(arg ssa.Value) ([]ssa.Value, bool) {
	if c, ok := arg.(*ssa.Const); ok && c.IsNil() {
		return nil, true
	}
	if _, ok := arg.Type().Underlying().(*types.Signature); ok {
		return []ssa.Value{arg}, true
	}
	s, ok := arg.(*ssa.Slice)
	if !ok {
		return nil, false
	}
	a, ok := s.X.(*ssa.Alloc)
	if !ok || a.Comment != "varargs" {
		return nil, false
	}
	var out []ssa.Value
	for _, r := range *a.Referrers() {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, u := range *ia.Referrers() {
			if st, ok := u.(*ssa.Store); ok && st.Addr == ssa.Value(ia) {
				out = append(out, st.Val)
			}
		}
	}
	return out, true
}

// optionClosure returns the closure an option value runs, and the call
// of the option constructor that made it: WithKey(k), whose every return
// is a closure of one function.
func optionClosure(v ssa.Value) (*ssa.Call, *ssa.Function, bool) {
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil, nil, false
	}
	ctor := call.Call.StaticCallee()
	if ctor == nil || len(ctor.Blocks) == 0 {
		return nil, nil, false
	}
	var fn *ssa.Function
	for _, ret := range returns(ctor) {
		if len(ret.Results) != 1 {
			return nil, nil, false
		}
		mc, ok := ret.Results[0].(*ssa.MakeClosure)
		if !ok {
			if ct, ok := ret.Results[0].(*ssa.ChangeType); ok {
				mc, _ = ct.X.(*ssa.MakeClosure)
			}
		}
		if mc == nil {
			return nil, nil, false
		}
		f, ok := mc.Fn.(*ssa.Function)
		if !ok || fn != nil && fn != f {
			return nil, nil, false
		}
		fn = f
	}
	return call, fn, fn != nil && len(fn.Params) == 1
}

// fieldStore returns the store of fn, an option, into field of its row
// parameter; nil when it writes none. ok is false when the option hands
// the row to anything but field stores and loads, or writes the field
// twice.
func fieldStore(fn *ssa.Function, field string) (*ssa.Store, bool) {
	row := fn.Params[0]
	var found *ssa.Store
	for _, r := range *row.Referrers() {
		switch x := r.(type) {
		case *ssa.FieldAddr:
			if fieldName(x.X, x.Field) != field {
				continue
			}
			for _, u := range *x.Referrers() {
				switch u := u.(type) {
				case *ssa.Store:
					if u.Addr != ssa.Value(x) || found != nil {
						return nil, false
					}
					found = u
				case *ssa.UnOp, *ssa.DebugRef:
				default:
					return nil, false
				}
			}
		case *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return found, true
}

// storeGuard returns the free variable of fn whose value the store st
// writes (o.Key = &k, o.Key = k), and whether st runs only when that
// value is not empty (if k != "" { … }). -1 when it is neither.
func storeGuard(fn *ssa.Function, st *ssa.Store) (int, bool) {
	fv := -1
	switch v := st.Val.(type) {
	case *ssa.FreeVar:
		fv = slices.Index(fn.FreeVars, v)
	case *ssa.UnOp:
		if x, ok := v.X.(*ssa.FreeVar); ok && v.Op == token.MUL {
			fv = slices.Index(fn.FreeVars, x)
		}
	}
	if fv < 0 {
		return -1, false
	}
	dominatesReturns := true
	for _, ret := range returns(fn) {
		if !st.Block().Dominates(ret.Block()) {
			dominatesReturns = false
		}
	}
	if dominatesReturns {
		return fv, false
	}
	// The store's block must lie on the true side of a test of the same
	// variable against "".
	for b := st.Block().Idom(); b != nil; b = b.Idom() {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := iff.Cond.(*ssa.BinOp)
		if !ok || cmp.Op != token.NEQ || !b.Succs[0].Dominates(st.Block()) {
			continue
		}
		if emptyStringConst(cmp.Y) && readsFreeVar(cmp.X, fn.FreeVars[fv]) || emptyStringConst(cmp.X) && readsFreeVar(cmp.Y, fn.FreeVars[fv]) {
			return fv, true
		}
	}
	return -1, false
}

func emptyStringConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.ExactString() == `""`
}

func readsFreeVar(v ssa.Value, fv *ssa.FreeVar) bool {
	if v == ssa.Value(fv) {
		return true
	}
	u, ok := v.(*ssa.UnOp)
	return ok && u.Op == token.MUL && u.X == ssa.Value(fv)
}

// boundParam returns the index of the option constructor's parameter
// whose value free variable fv of fn starts as: the variable captured is
// the parameter itself (by value) or a heap copy of it (&k taken), and
// nothing else writes it. -1 otherwise.
func boundParam(ctorCall *ssa.Call, fn *ssa.Function, fv int) int {
	ctor := ctorCall.Call.StaticCallee()
	var mc *ssa.MakeClosure
	for _, ret := range returns(ctor) {
		mc, _ = ret.Results[0].(*ssa.MakeClosure)
		if ct, ok := ret.Results[0].(*ssa.ChangeType); ok {
			mc, _ = ct.X.(*ssa.MakeClosure)
		}
	}
	if mc == nil || fv >= len(mc.Bindings) {
		return -1
	}
	switch b := mc.Bindings[fv].(type) {
	case *ssa.Parameter:
		return slices.Index(ctor.Params, b)
	case *ssa.Alloc:
		pm := -1
		for _, r := range *b.Referrers() {
			st, ok := r.(*ssa.Store)
			if !ok || st.Addr != ssa.Value(b) {
				continue
			}
			p, ok := st.Val.(*ssa.Parameter)
			if !ok || pm >= 0 {
				return -1
			}
			pm = slices.Index(ctor.Params, p)
		}
		return pm
	}
	return -1
}

// pointsToVar reports whether v, a value stored into a pointer field, is
// the address of a variable (a captured &k): never nil.
func pointsToVar(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.FreeVar:
		_, ok := v.Type().Underlying().(*types.Pointer)
		return ok
	case *ssa.Alloc:
		return true
	}
	return false
}
