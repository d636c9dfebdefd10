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
	deref := false
	if k == kEmpty {
		field, deref = strings.CutSuffix(field, "*") // the string a *string field points to
	}
	if !ok || strings.ContainsAny(field, ".*[") || k == kValid {
		return resUnknown, false
	}
	pi := slices.Index(callee.Params, FuncValueParam(optCall.Common().Value))
	if pi < 0 || pi >= len(call.Call.Args) {
		return resUnknown, false
	}
	if optCall.Common().IsInvoke() {
		return q.resolveOptionMethods(call, callee, optCall.Common().Method, call.Call.Args[pi], field, deref, k, depth)
	}
	opts, ok := optionValues(call.Call.Args[pi])
	if !ok {
		return notFollowed("the options are not listed at this call")
	}
	var (
		writer *ssa.Call
		inline *ssa.MakeClosure
		fn     *ssa.Function
		st     *ssa.Store
	)
	for _, v := range opts {
		ctor, ofn, ok := optionClosure(v)
		mc, isInline := v.(*ssa.MakeClosure)
		switch x := v.(type) {
		case *ssa.MakeClosure:
			// An option written at the call: func(o *Order) { o.Key = &k }.
			ofn, ok = x.Fn.(*ssa.Function)
			ok = ok && len(ofn.Params) == 1
		case *ssa.Function:
			// One that captures nothing, or a named function.
			ofn, ok, isInline = x, len(x.Params) == 1 && len(x.Blocks) > 0, true
			mc = &ssa.MakeClosure{Fn: x}
		}
		if !ok {
			return notFollowed("an option is neither a closure written at this call nor one an option constructor of this package returns")
		}
		s, ok := fieldStore(ofn, field)
		if !ok {
			return notFollowed("an option hands the row on, or writes " + field + " twice")
		}
		if s == nil {
			continue
		}
		if writer != nil || inline != nil {
			return notFollowed("two of the options passed write " + field + ", and which one is applied last is not followed")
		}
		writer, fn, st = ctor, ofn, s
		if isInline {
			writer, inline = nil, mc
		}
	}
	if writer == nil && inline == nil {
		return resUnknown, false
	}
	fv, guarded := storeGuard(fn, st)
	if fv < 0 {
		return notFollowed("the option writes " + field + " a value it does not capture as it is")
	}
	// val is the value the option writes (or tests), as the caller has
	// it at pt: the argument of the option constructor, or the variable
	// an inline option captures, assigned once.
	var (
		val      ssa.Value
		pt       point
		ctorName string
		origin   ssa.Value
	)
	if writer != nil {
		pm := boundParam(writer, fn, fv)
		if pm < 0 || pm >= len(writer.Call.Args) {
			return resUnknown, false
		}
		if pt, ok = instrPoint(writer); !ok {
			return resUnknown, false
		}
		val, ctorName, origin = writer.Call.Args[pm], funcName(writer.Call.StaticCallee()), writer
	} else {
		if fv >= len(inline.Bindings) {
			return resUnknown, false
		}
		val = inline.Bindings[fv]
		at := ssa.Instruction(inline)
		if a, ok := val.(*ssa.Alloc); ok {
			v := singleStore(a)
			if v == nil {
				return notFollowed("the variable the option captures is assigned more than once")
			}
			for _, r := range *a.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == ssa.Value(a) {
					at = st
				}
			}
			val = v
		}
		if pt, ok = instrPoint(at); !ok {
			return resUnknown, false
		}
		ctorName, origin = fmt.Sprintf("the option written at line %d", q.fi.line(fn.Pos())), inline
	}
	stPos := q.c.info(fn).fileLine(st.Pos())
	if deref && !guarded && pointsToVar(st.Val) {
		// o.Key = &k on every path: the string is k's.
		ar := q.evalV(val, nil, pt, kEmpty, depth+1)
		if ar.st == bad {
			ar.f = finding{kind: Empty, text: fmt.Sprintf("%s; %s points %s to it (%s)", q.render(ar.f), ctorName, field, stPos), origin: ar.f.origin}
		}
		return ar, ar.st != unknown
	}
	copies := func(ar result) (result, bool) {
		if ar.st == bad {
			ar.f = finding{kind: ar.f.kind, text: fmt.Sprintf("%s; %s copies it into %s (%s)", q.render(ar.f), ctorName, field, stPos), origin: ar.f.origin}
		}
		return ar, ar.st != unknown
	}
	if deref {
		if !guarded && !pointsToVar(st.Val) && isStringPtr(val.Type()) {
			// o.Key = k, k a *string: the string is what the caller's
			// k points to.
			return copies(q.evalDeref(val, pt, kEmpty, depth+1))
		}
		return resUnknown, false
	}
	switch {
	case guarded && k == kNull:
		// o.Key = &k under k != "": nil exactly when the caller's k is "".
		ar := q.evalV(val, nil, pt, kEmpty, depth+1)
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
		pos := ar.f.origin
		if !pos.IsValid() {
			pos = q.fi.exprPos(origin)
		}
		return badResult(finding{kind: Nil, text: text, origin: pos}), true
	case guarded:
		return resSafe, true // set only when not empty: never ""
	case k == kNull && pointsToVar(st.Val):
		return resSafe, true // o.Key = &k on every path: never nil
	case k == kEmpty && isString(st.Val.Type()):
		return copies(q.evalV(val, nil, pt, kEmpty, depth+1))
	case k == kNull && !guarded && types.Identical(st.Val.Type(), val.Type()):
		// o.Key = k, k a *string (or a NULL wrapper): nil exactly when
		// the caller's k is.
		return copies(q.evalV(val, nil, pt, kNull, depth+1))
	}
	return resUnknown, false
}

// notFollowed is resolveOptions' answer when it does not judge the
// options: why, for the note.
func notFollowed(why string) (result, bool) {
	return result{st: unknown, escWhy: why}, false
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
			if v = rangedOver(x); v == nil {
				return nil
			}
		default:
			return nil
		}
	}
	return nil
}

// rangedOver returns what a range statement ranges over when x extracts
// the element (or key) of its iteration (for _, opt := range opts), or
// nil when x extracts from anything else.
func rangedOver(x *ssa.Extract) ssa.Value {
	next, ok := x.Tuple.(*ssa.Next)
	if !ok {
		return nil
	}
	r, ok := next.Iter.(*ssa.Range)
	if !ok {
		return nil
	}
	return r.X
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
	return fieldStoreOn(fn, fn.Params[0], field)
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

// resolveOptionMethods is resolveOptions for options of an interface type
// (`for _, o := range opts { o.apply(row) }`): each option passed is a
// value of a concrete type of this program, boxed at the call
// (keyOption(k)) or by an option constructor (`func WithKey(k string)
// Option { return keyOption(k) }`); where exactly one of their methods
// writes the field, on every path, the value it writes is judged on the
// option's value, and that on the caller's argument.
func (q *query) resolveOptionMethods(call *ssa.Call, callee *ssa.Function, m *types.Func, arg ssa.Value, field string, deref bool, k qkind, depth int) (result, bool) {
	whyNot := "the options are values of an interface type, and "
	opts, ok := optionValues(arg)
	if !ok {
		return notFollowed(whyNot + "they are not listed at this call")
	}
	type boxed struct {
		recv   ssa.Value // the value boxed into the option
		at     ssa.Instruction
		ctor   *ssa.Call     // the option constructor's call, or nil when boxed at the call
		method *ssa.Function // the option's m
		st     *ssa.Store
	}
	var writer *boxed
	prog := callee.Prog
	for _, v := range opts {
		b := boxed{}
		switch x := v.(type) {
		case *ssa.MakeInterface:
			b.recv, b.at = x.X, x
		case *ssa.Call:
			ctor := x.Call.StaticCallee()
			if ctor == nil || len(ctor.Blocks) == 0 {
				return notFollowed(whyNot + "an option comes from a function out of view")
			}
			for _, ret := range returns(ctor) {
				mi, ok := ret.Results[0].(*ssa.MakeInterface)
				if !ok || len(ret.Results) != 1 || b.recv != nil && !types.Identical(b.recv.Type(), mi.X.Type()) || b.recv != nil && len(returns(ctor)) > 1 {
					return notFollowed(whyNot + "an option constructor returns more than one kind of option")
				}
				b.recv, b.at, b.ctor = mi.X, ret, x
			}
		default:
			return notFollowed(whyNot + "an option is neither boxed at this call nor returned by an option constructor")
		}
		if b.recv == nil {
			return notFollowed(whyNot + "an option constructor returns none")
		}
		sel := prog.MethodSets.MethodSet(b.recv.Type()).Lookup(m.Pkg(), m.Name())
		if sel == nil {
			return notFollowed(whyNot + "an option's " + m.Name() + " method is not found")
		}
		b.method = prog.MethodValue(sel)
		if b.method == nil || len(b.method.Blocks) == 0 || len(b.method.Params) != 2 {
			return notFollowed(whyNot + "an option's " + m.Name() + " method is out of view")
		}
		st, ok := fieldStoreOn(b.method, b.method.Params[1], field)
		if !ok {
			return notFollowed(whyNot + "an option's " + m.Name() + " hands the row on, or writes " + field + " twice")
		}
		if st == nil {
			continue
		}
		if writer != nil {
			return notFollowed(whyNot + "two of the options passed write " + field + ", and which one is applied last is not followed")
		}
		b.st = st
		writer = &b
	}
	if writer == nil {
		return resUnknown, false
	}
	meth, st := writer.method, writer.st
	for _, ret := range returns(meth) {
		if !st.Block().Dominates(ret.Block()) {
			return notFollowed(whyNot + "the option's " + m.Name() + " writes " + field + " only on some paths")
		}
	}
	// The value the method writes, judged in the method: bad, safe, or
	// a condition on its receiver (the option's value).
	q2 := q.c.query(meth, st.Val, st)
	if q2 == nil {
		return resUnknown, false
	}
	pt2, ok := instrPoint(st)
	if !ok {
		return resUnknown, false
	}
	var r result
	switch {
	case k == kNull && !deref:
		r = q2.evalV(st.Val, nil, pt2, kNull, depth+1)
	case k == kEmpty && deref:
		r = q2.evalDeref(st.Val, pt2, kEmpty, depth+1)
	case k == kEmpty && isString(st.Val.Type()):
		r = q2.evalV(st.Val, nil, pt2, kEmpty, depth+1)
	default:
		return resUnknown, false
	}
	name := funcName(meth)
	stPos := q2.fi.fileLine(st.Pos())
	switch r.st {
	case safe:
		return resSafe, true
	case bad:
		return badResult(finding{kind: r.f.kind, text: fmt.Sprintf("%s writes %s %s: %s", name, field, kindWord(r.f.kind), q2.renderFile(r.f)), origin: q.fi.exprPos(call)}), true
	case cond:
	default:
		return resUnknown, false
	}
	d := r.f.dep
	if d == nil || d.fn != meth || d.param != 0 {
		return resUnknown, false
	}
	// The receiver is the value boxed into the option: at the call, or
	// in the option constructor, whose parameters its call's arguments
	// give.
	why := fmt.Sprintf("%s writes it into %s (%s)", name, field, stPos)
	var ar result
	if writer.ctor == nil {
		at, ok := instrPoint(writer.at)
		if !ok {
			return resUnknown, false
		}
		ar = q.evalSel(writer.recv, d.sel, at, d.k, depth+1)
	} else {
		ctor := writer.ctor.Call.StaticCallee()
		q3 := q.c.query(ctor, writer.recv, writer.at)
		if q3 == nil {
			return resUnknown, false
		}
		r3 := q3.evalSel(writer.recv, d.sel, q3.start, d.k, depth+1)
		ar = q.fromCallee(writer.ctor, ctor, "", r3, d.k, depth, "returns an option whose value%s is %s")
	}
	switch ar.st {
	case bad:
		pos := ar.f.origin
		if !pos.IsValid() {
			pos = q.fi.exprPos(call)
		}
		return badResult(finding{kind: r.f.kind, text: q.render(ar.f) + "; " + why, origin: pos}), true
	case cond:
		f := ar.f
		f.kind, f.text = r.f.kind, q.render(ar.f)+"; "+why
		return result{st: cond, f: f}, true
	case safe:
		return resSafe, true
	}
	return resUnknown, false
}

// fieldStoreOn is fieldStore for the row parameter row of fn.
func fieldStoreOn(fn *ssa.Function, row *ssa.Parameter, field string) (*ssa.Store, bool) {
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
