package keyflow

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/vocab"
)

// This file judges SSA values (registers); memory.go judges the contents
// of memory cells, checks.go the guards on the way.

type status int

const (
	unknown status = iota // nothing the code shows
	safe                  // never bad here (guarded, generated, non-nil by construction)
	bad                   // bad on some path; finding says why
	// cond: bad when a parameter is (finding.dep says which): nothing
	// inside the function decides, the caller's argument does.
	cond
)

type result struct {
	st status
	f  finding
	// escaped, for an unknown result: a call the address of the cell
	// was handed to before the load, which may write it (keep(&row)),
	// for the note that says what was not followed.
	escaped ssa.CallInstruction
	// escStored, when set, says the address reached escaped by no
	// argument: it was stored (or captured) there first, and any call
	// after that is taken as one that may write the cell.
	escStored ssa.Instruction
	// escWhy, when set, says why the code escaped runs is not followed
	// (two options write the field), for the note.
	escWhy string
}

// A finding is a Verdict in pieces, so that an enclosing phi or call can
// add the condition under which the value is bad.
type finding struct {
	kind   Kind
	what   string // "nil", "empty", "Valid is not set in the sql.NullString literal"
	when   string // "when the Idempotency-Key header is absent"
	via    string // "Header.Get", "var key"
	text   string // a complete reason that overrides the pieces
	origin token.Pos
	// branch is the block whose condition decided when (set with when
	// by a phi edge), so a summary can tell a caller-controlled case;
	// branchTo is the successor of branch on the bad path.
	branch, branchTo *ssa.BasicBlock
	// dep is set for a cond result: the parameter that decides.
	dep *paramDep
	// written: the code itself writes the value (a nil or "" literal, a
	// field left out of a literal), not input; with when empty, on every
	// path. See Verdict.Written.
	written bool
	// zero, when set, names the one non-empty value the key takes on the
	// bad path (the nil UUID's text), for a string key: see Verdict.Zero.
	zero string
}

var (
	resUnknown = result{st: unknown}
	resSafe    = result{st: safe}
)

func badResult(f finding) result { return result{st: bad, f: f} }

type memoKey struct {
	v     ssa.Value
	p     path
	steps string
	k     qkind
	b     *ssa.BasicBlock
	idx   int
	succ  *ssa.BasicBlock
	op    byte // 'v' value, 'm' memory, 'd' deref
}

func (k *memoKey) at(pt point) *memoKey {
	k.b, k.idx, k.succ = pt.block, pt.index, pt.succ
	return k
}

type query struct {
	c          *Checker
	fi         *funcInfo
	start      point
	steps      int
	inProgress map[memoKey]bool
	// zeroName, set when the value judged for emptiness is a fixed-size
	// ID (ids.go), names its bad value: "the nil UUID".
	zeroName string
}

// memo runs compute once per key; a key met again while being computed
// (a phi cycle) answers safe, which leaves the verdict to the other edges.
func (q *query) memo(key memoKey, compute func() result) result {
	if r, ok := q.fi.memo[key]; ok {
		return r
	}
	if q.inProgress[key] {
		return resSafe
	}
	q.inProgress[key] = true
	r := compute()
	delete(q.inProgress, key)
	if q.steps > 0 {
		q.fi.memo[key] = r // a result cut short by the budget is not reused
	}
	return r
}

func (q *query) tick(depth int) bool {
	q.steps--
	return q.steps > 0 && depth <= q.c.opts.MaxDepth
}

// join combines the results of the ways a value can be defined: bad if
// one is, else bad on a parameter's condition if one is, else unknown if
// one is, else safe.
func join(rs ...result) result {
	out := resSafe
	if len(rs) == 0 {
		return resUnknown
	}
	var c *result
	for i, r := range rs {
		switch r.st {
		case bad:
			return r
		case cond:
			if c == nil {
				c = &rs[i]
			}
		case unknown:
			if out.st != unknown || out.escaped == nil {
				out = result{st: unknown, escaped: r.escaped, escStored: r.escStored, escWhy: r.escWhy}
			}
		}
	}
	if c != nil {
		return *c
	}
	return out
}

// evalV judges the value v, then the fields steps of it, at pt.
func (q *query) evalV(v ssa.Value, steps []string, pt point, k qkind, depth int) result {
	if !q.tick(depth) {
		return resUnknown
	}
	v, steps, k, done := q.normalize(v, steps, pt, k, depth)
	if done != nil {
		return *done
	}
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		if k == kEmpty && len(steps) == 0 && isZeroID(u) {
			return badResult(q.zeroIDFinding(u))
		}
		if l, ok := locPath(u.X); ok {
			return q.evalMem(l.fields(steps), pt, k, depth+1)
		}
		if r, ok := q.evalElement(u.X, steps, k, depth); ok {
			return r
		}
		return resUnknown
	}
	key := memoKey{v: v, steps: strings.Join(steps, "."), k: k, op: 'v'}
	return q.memo(*key.at(pt), func() result {
		r := q.evalValue(v, steps, pt, k, depth)
		if r.st == cond {
			// Bad when an argument is; but the function may also say
			// outright that the value can be missing (SA5011).
			p, hasPath := valuePath(v)
			if lr := q.leaf(pt, k, p.fields(steps), hasPath); lr.st == bad {
				return lr
			}
		}
		return r
	})
}

// normalize turns field selections into steps and looks through
// conversions and boxing that keep the question the same. A non-nil done
// is the answer already.
func (q *query) normalize(v ssa.Value, steps []string, pt point, k qkind, depth int) (ssa.Value, []string, qkind, *result) {
	for i := 0; i < 64; i++ {
		switch x := v.(type) {
		case *ssa.Field:
			steps = append([]string{fieldName(x.X, x.Field)}, steps...)
			v = x.X
			continue
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			if len(steps) > 0 {
				break
			}
			inner := x.X
			switch {
			case k == kNull && nullStruct(inner.Type()) != nil:
				steps, k = nullStruct(inner.Type()).valid, kValid
			case k == kNull && !nillable(inner.Type()):
				return v, steps, k, &resSafe
			case k == kEmpty && isStringPtr(inner.Type()):
				r := q.evalDeref(inner, pt, k, depth+1)
				return v, steps, k, &r
			case k == kEmpty && nullStruct(inner.Type()) != nil:
				steps = []string{nullStruct(inner.Type()).payload}
			}
			v = inner
			continue
		}
		break
	}
	return v, steps, k, nil
}

func (q *query) evalValue(v ssa.Value, steps []string, pt point, k qkind, depth int) result {
	p, hasPath := valuePath(v)
	p = p.fields(steps)
	if hasPath && q.regGuarded(p, q.defBlock(p.root), pt, k) {
		return resSafe
	}
	if r, ok := q.evalReceived(v, steps, k, depth); ok {
		return r // chanvalue.go
	}
	if len(steps) > 0 {
		return q.evalFieldOf(v, steps, p, hasPath, pt, k, depth)
	}
	switch x := v.(type) {
	case *ssa.Const:
		return q.evalConst(x, k)
	case *ssa.Phi:
		return q.evalPhi(x, func(e ssa.Value, ept point) result {
			return q.evalV(e, nil, ept, k, depth+1)
		})
	case *ssa.Call:
		return q.evalCall(x, p, pt, k, depth)
	case *ssa.Extract:
		if r, ok := q.evalExtract(x, pt, k, depth); ok {
			return r
		}
	case *ssa.Lookup:
		if r, ok := q.evalLookup(x, k); ok {
			return r
		}
	case *ssa.TypeAssert:
		// ctx.Value(k).(string), which panics when the context holds
		// none: judged by the values the package stores under k.
		if r, ok := q.evalContextValue(x, k, depth); ok {
			return r
		}
	case *ssa.Convert:
		if r, ok := q.evalConvert(x, pt, k, depth); ok {
			return r
		}
	case *ssa.BinOp:
		return q.evalBinOp(x, p, pt, k, depth)
	case *ssa.UnOp:
		if r, ok := q.evalNotZeroID(x, pt, k, depth); ok {
			return r
		}
	case *ssa.Slice:
		if nonEmptyBytes(x) {
			return resSafe
		}
		if _, ok := x.X.Type().Underlying().(*types.Pointer); ok && k == kNull {
			return resSafe // slicing an array pointer
		}
	}
	if k == kNull && neverNil(v) {
		return resSafe
	}
	return q.leaf(pt, k, p, hasPath)
}

// evalExtract judges one result of a call (a generator's key, a
// summarised helper's result) or the value of a comma-ok map lookup.
func (q *query) evalExtract(x *ssa.Extract, pt point, k qkind, depth int) (result, bool) {
	if call, i, ok := resultCall(x); ok {
		if i == 0 && q.alwaysKey(calleeOf(&call.Call)) {
			return resSafe, true
		}
		if f := calleeOf(&call.Call); i == 0 && k == kEmpty && f != nil {
			// b, err := os.ReadFile(path): the data beside an error.
			if rule := libResults()[idOf(f)].empty; rule != nil {
				if r, ok := rule(q, libCall{call: call, args: userArgs(&call.Call), p: path{root: x}, pt: pt, depth: depth}); ok {
					return r, true
				}
			}
		}
		if r, ok := q.calleeResult(call, i, k, depth); ok {
			return r, true
		}
		if sums, via := q.calleeSums(call); via == "" {
			if r, ok := q.errorPath(call, i, sums, pt, k); ok {
				return r, true
			}
		}
		if f := calleeOf(&call.Call); i == 0 && k == kEmpty && f != nil && libIDs().zeroOnError[idOf(f)] {
			// A parsed ID whose error is acted on: the zero ID only
			// when the input spells it.
			return resSafe, true
		}
		return q.interfaceValue(x, k)
	}
	if l, ok := x.Tuple.(*ssa.Lookup); ok && x.Index == 0 {
		if okv := commaOK(l); okv != nil && q.regGuarded(path{root: okv}, l.Block(), pt, kValid) {
			return resSafe, true
		}
		return q.evalLookup(l, k)
	}
	if ta, ok := x.Tuple.(*ssa.TypeAssert); ok && x.Index == 0 {
		if okv := assertOK(ta); okv != nil && q.regGuarded(path{root: okv}, ta.Block(), pt, kValid) {
			// Present, but perhaps stored empty (a header that was absent).
			if r, ok := q.evalContextValue(ta, k, depth); ok {
				return r, true
			}
			return resSafe, true
		}
		// Unchecked: no value gives "", and so may a stored one; the
		// store (a middleware's absent header) is the one to name, as
		// the likelier and the one the fix is for.
		if r, ok := q.evalContextValue(ta, k, depth); ok {
			return r, true
		}
		return q.evalFailedAssert(ta, k)
	}
	return resUnknown, false
}

// evalFailedAssert judges v, _ := x.(T) with its ok unchecked: T's zero
// value when x holds no T, as for a map lookup. The common case is a key
// a middleware put in the request's context (ctx.Value(k).(string)).
func (q *query) evalFailedAssert(ta *ssa.TypeAssert, k qkind) (result, bool) {
	t := ta.AssertedType
	what, ok := zeroWhat(t, k)
	if !ok {
		return resUnknown, false
	}
	when := fmt.Sprintf("when %s is not a %s", q.exprString(ta.X), types.TypeString(t, types.RelativeTo(q.fi.pkg())))
	if call, ok := ta.X.(*ssa.Call); ok && isContextValue(&call.Call) {
		when = fmt.Sprintf("when the context holds no %s for %s", types.TypeString(t, types.RelativeTo(q.fi.pkg())), q.keyText(call.Call.Args[0]))
	}
	return badResult(finding{kind: k.kind(), what: what, when: when, via: "type assertion", origin: q.fi.exprPos(ta)}), true
}

// keyText renders a context key: its source, or a typed zero constant
// (ctxKey{}) by its type, or "its key".
func (q *query) keyText(v ssa.Value) string {
	v = unbox(v)
	if s, ok := q.goSyntax(v, 0); ok {
		return s
	}
	if c, ok := v.(*ssa.Const); ok {
		if _, isStruct := c.Type().Underlying().(*types.Struct); isStruct {
			return types.TypeString(c.Type(), types.RelativeTo(q.fi.pkg())) + "{}"
		}
		if c.Value != nil {
			return c.Value.ExactString()
		}
	}
	return "its key"
}

// zeroWhat names the zero value of t that is bad for k ("nil" for a
// pointer-like key, "empty" for a string), the value a missing map entry
// or a failed comma-ok assertion gives; ok is false when t's zero is not
// bad for k.
func zeroWhat(t types.Type, k qkind) (what string, ok bool) {
	switch {
	case k == kNull && keyNullable(t) && nullStruct(t) == nil:
		return "nil", true
	case k == kEmpty && isString(t):
		return "empty", true
	case k == kEmpty && vocab.IsFixedID(t):
		return vocab.ZeroIDName(t), true
	}
	return "", false
}

// isContextValue reports whether c calls context.Context's Value method.
func isContextValue(c *ssa.CallCommon) bool {
	if !c.IsInvoke() || c.Method.Name() != "Value" || len(c.Args) != 1 {
		return false
	}
	n, ok := types.Unalias(c.Value.Type()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// assertOK returns the ok of v, ok := x.(T), or nil.
func assertOK(ta *ssa.TypeAssert) ssa.Value {
	for _, r := range *ta.Referrers() {
		if e, ok := r.(*ssa.Extract); ok && e.Index == 1 {
			return e
		}
	}
	return nil
}

// neverNil reports whether v is an address or a freshly made value.
func neverNil(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Alloc, *ssa.FieldAddr, *ssa.IndexAddr, *ssa.MakeMap, *ssa.MakeChan,
		*ssa.MakeSlice, *ssa.MakeClosure, *ssa.Function, *ssa.Global:
		return true
	}
	return false
}

// evalFieldOf judges the fields steps of v: a zero constant's fields are
// zero, a phi's are judged per edge.
func (q *query) evalFieldOf(v ssa.Value, steps []string, p path, hasPath bool, pt point, k qkind, depth int) result {
	switch x := v.(type) {
	case *ssa.Call, *ssa.Extract:
		if r, ok := q.interfaceField(v, steps, k); ok {
			return r
		}
		if ns := nullStruct(v.Type()); ns != nil && k == kValid && slices.Equal(steps, ns.valid) {
			// A wrapper a library function builds (guregu's
			// null.StringFromPtr): the tables say when it is invalid.
			if call, ok := v.(*ssa.Call); ok {
				if f := calleeOf(&call.Call); f != nil {
					if r, ok := q.libResult(idOf(f), libCall{call: call, args: userArgs(&call.Call), p: p, pt: pt, depth: depth}, kValid); ok {
						return r
					}
				}
			}
		}
		if ns := nullStruct(v.Type()); ns != nil && k == kEmpty && isPayload(ns, steps) {
			// A wrapper a library function builds: its payload while valid.
			if call, ok := v.(*ssa.Call); ok {
				if f := calleeOf(&call.Call); f != nil {
					if rule := libResults()[idOf(f)].payload; rule != nil {
						if r, ok := rule(q, libCall{call: call, args: userArgs(&call.Call), p: p, pt: pt, depth: depth}); ok {
							return r
						}
					}
				}
			}
		}
		if ns := nullStruct(v.Type()); ns != nil &&
			(k == kValid && slices.Equal(steps, ns.valid) || k == kEmpty && len(steps) == 1 && steps[0] == ns.payload) {
			if call, i, ok := resultCall(v); ok {
				if r, ok := q.calleeResult(call, i, k, depth); ok {
					return r
				}
			}
		}
		if call, i, ok := resultCall(v); ok {
			if f, ok := q.libResultField(call, i, steps, k); ok {
				return badResult(f) // a Kafka message's key
			}
			if r, ok := q.resultField(call, i, "."+strings.Join(steps, "."), k, depth); ok {
				return r
			}
		}
	case *ssa.Const:
		if x.Value == nil {
			if zeroWrapperPayload(x, steps, k) {
				return resSafe // the zero wrapper is NULL, not ""; MayBeNull reports it
			}
			if zeroStatusAt(x.Type(), steps) {
				return resSafe // pgtype's Undefined: the write fails, no NULL
			}
			return badResult(q.zeroConstField(x, steps, k))
		}
	case *ssa.Phi:
		return q.evalPhi(x, func(e ssa.Value, ept point) result {
			return q.evalV(e, steps, ept, k, depth+1)
		})
	}
	return q.leaf(pt, k, p, hasPath)
}

// evalConvert: string(b) is empty when b is; []byte(s) is never nil.
func (q *query) evalConvert(x *ssa.Convert, pt point, k qkind, depth int) (result, bool) {
	if k == kEmpty {
		r := q.evalV(x.X, nil, pt, k, depth+1)
		return r, r.st != unknown
	}
	if k == kNull && isByteSlice(x.Type()) && isString(x.X.Type()) {
		return resSafe, true
	}
	return resUnknown, false
}

func (q *query) evalPhi(phi *ssa.Phi, edge func(ssa.Value, point) result) result {
	b := phi.Block()
	var rs []result
	for i, e := range phi.Edges {
		if i >= len(b.Preds) {
			break
		}
		pred := b.Preds[i]
		r := edge(e, edgePoint(pred, b))
		if r.st == bad && r.f.text == "" && r.f.when == "" {
			when, pos, branch, to := q.describeEdge(pred, b)
			r.f.when, r.f.branch, r.f.branchTo = when, branch, to
			if !r.f.origin.IsValid() {
				r.f.origin = pos
			}
		}
		if r.st == bad {
			return r
		}
		rs = append(rs, r)
	}
	return join(rs...)
}

func (q *query) evalConst(c *ssa.Const, k qkind) result {
	f := finding{kind: k.kind(), via: q.varName(c), origin: q.refPos(c), written: true}
	switch k {
	case kNull:
		if c.IsNil() {
			f.what = "nil"
			return badResult(f)
		}
	case kEmpty:
		if isZeroID(c) {
			return badResult(q.zeroIDFinding(c))
		}
		if c.Value == nil && isByteSlice(c.Type()) {
			f.what = "a nil []byte"
			return badResult(f)
		}
		if isEmptyConst(c) {
			f.what = "empty"
			return badResult(f)
		}
		if s, ok := constString(c); ok && s == "" {
			f.what = "empty"
			return badResult(f)
		}
	case kValid:
		if isBool(c.Type()) && (c.Value == nil || c.Value.ExactString() == "false") {
			f.what = "Valid is false"
			return badResult(f)
		}
		if vocab.IsPgStatus(c.Type()) && c.Value != nil && c.Value.Kind() == constant.Int && c.Int64() == vocab.PgStatusNull {
			f.what = "Status is pgtype.Null"
			return badResult(f)
		}
	}
	return resSafe
}

// zeroConstField explains a field of a zero struct constant: a lifted
// `var k sql.NullString`.
func (q *query) zeroConstField(c *ssa.Const, steps []string, k qkind) finding {
	f := finding{kind: k.kind(), via: q.varName(c), origin: q.refPos(c), written: true}
	tn := typeName(c.Type(), q.fi.pkg())
	if k == kValid {
		f.what = "the zero " + tn
	} else {
		f.what = strings.Join(steps, ".") + " of the zero " + tn
	}
	return f
}

func (q *query) evalBinOp(x *ssa.BinOp, p path, pt point, k qkind, depth int) result {
	switch k {
	case kEmpty:
		if x.Op == token.ADD && isString(x.Type()) {
			if r, ok := q.evalConcat(x, pt, depth); ok {
				return r
			}
		}
	case kValid:
		return q.evalValidFrom(x, p, pt, depth)
	}
	return q.leaf(pt, k, p, true)
}

// evalConcat: a + b is empty only when both are.
func (q *query) evalConcat(x *ssa.BinOp, pt point, depth int) (result, bool) {
	if s, ok := constString(x.X); ok && s != "" {
		return resSafe, true
	}
	if s, ok := constString(x.Y); ok && s != "" {
		return resSafe, true
	}
	l := q.evalV(x.X, nil, pt, kEmpty, depth+1)
	r := q.evalV(x.Y, nil, pt, kEmpty, depth+1)
	if l.st == safe || r.st == safe {
		return resSafe, true
	}
	if l.st == bad && r.st == bad {
		return l, true
	}
	return resUnknown, false
}

// evalValidFrom judges a Valid flag computed by comparison: Valid: s != "",
// Valid: p != nil, Valid: len(s) > 0.
func (q *query) evalValidFrom(x *ssa.BinOp, p path, pt point, depth int) result {
	a, b, op := x.X, x.Y, x.Op
	if op == token.NEQ && (isZeroID(a) || isZeroID(b)) {
		// Valid: id != uuid.Nil: false where the ID is the zero one.
		if isZeroID(a) {
			a = b
		}
		return q.validFalseWhen(q.evalV(a, nil, pt, kEmpty, depth+1), a, "is "+vocab.ZeroIDName(a.Type()))
	}
	if _, ok := a.(*ssa.Const); ok {
		a, b, op = b, a, mirror(op)
	}
	c, ok := b.(*ssa.Const)
	if !ok {
		return q.leaf(pt, kValid, p, true)
	}
	var inner result
	switch {
	case op == token.NEQ && isEmptyConst(c):
		inner = q.evalV(a, nil, pt, kEmpty, depth+1)
	case op == token.NEQ && c.IsNil():
		inner = q.evalV(a, nil, pt, kNull, depth+1)
	case op == token.GTR && c.Value != nil && c.Value.Kind() == constant.Int && c.Int64() == 0:
		if s, ok := lenOf(a); ok {
			inner = q.evalV(s, nil, pt, kEmpty, depth+1)
		}
	case op == token.EQL && c.IsNil():
		call, in, ok := parseErr(a, x)
		if !ok || q.parseErrActedOn(a, x, call, pt) {
			return q.leaf(pt, kValid, p, true)
		}
		r := q.evalV(in, nil, pt, kEmpty, depth+1)
		if r.st != bad {
			return q.leaf(pt, kValid, p, true)
		}
		f := r.f
		f.kind = Invalid
		fn := vocab.FuncName(calleeOf(call.Common()))
		if f.text != "" {
			f.text = fmt.Sprintf("Valid is false when %s fails, as it does on an empty %s; %s", fn, q.exprString(in), f.text)
			return badResult(f)
		}
		f.what = "Valid is false"
		if f.when == "" {
			f.when = "when " + q.exprString(in) + " is empty"
		}
		f.when = "when " + fn + " fails, as it does " + f.when
		return badResult(f)
	default:
		return q.leaf(pt, kValid, p, true)
	}
	if op == token.NEQ && c.IsNil() {
		return q.validFalseWhen(inner, a, "is nil")
	}
	return q.validFalseWhen(inner, a, "is empty")
}

// evalNotZeroID judges a Valid flag computed as !id.IsNil() (or
// !id.IsZero()): false where the ID is the zero one, as id != uuid.Nil.
func (q *query) evalNotZeroID(x *ssa.UnOp, pt point, k qkind, depth int) (result, bool) {
	if k != kValid || x.Op != token.NOT {
		return result{}, false
	}
	call, ok := x.X.(*ssa.Call)
	if !ok {
		return result{}, false
	}
	id, ok := zeroIDTest(call)
	if !ok {
		return result{}, false
	}
	return q.validFalseWhen(q.evalV(id, nil, pt, kEmpty, depth+1), id, "is "+vocab.ZeroIDName(id.Type())), true
}

// validFalseWhen turns inner, the answer for a, the value a Valid flag
// was computed from, into the answer for the flag: false where a is
// what is says ("is empty", "is the nil UUID").
func (q *query) validFalseWhen(inner result, a ssa.Value, is string) result {
	if inner.st == cond {
		f := inner.f
		f.kind, f.what, f.text = Invalid, "Valid is false", ""
		return result{st: cond, f: f}
	}
	if inner.st != bad {
		return inner
	}
	f := inner.f
	f.kind, f.zero = Invalid, ""
	name := q.varOrExpr(a)
	if f.text != "" {
		f.text = fmt.Sprintf("Valid is false when %s %s; %s", name, is, f.text)
		return badResult(f)
	}
	f.what = "Valid is false"
	if f.when == "" {
		f.when = "when " + name + " " + is
	}
	return badResult(f)
}

// parseErr recognises the error of a parser as a Valid flag: err in
// `id, err := uuid.Parse(h)`, then `Valid: err == nil` (cmp), where the
// parser (a function named Parse…, or FromString, as google/uuid's,
// gofrs/uuid's, ulid's, ksuid's, xid's and strconv's are) takes a string
// first and returns its error last. A parser fails on an empty string, so
// the flag is false at least where that string is empty; it returns the
// call and that string. Whether another comparison of err with nil (if
// err != nil { return … }) makes the flag true on every path to the
// write is parseErrActedOn's to say.
func parseErr(err ssa.Value, cmp *ssa.BinOp) (*ssa.Call, ssa.Value, bool) {
	ex, ok := err.(*ssa.Extract)
	if !ok {
		return nil, nil, false
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok || ex.Index != call.Type().(*types.Tuple).Len()-1 || !isErrorType(ex.Type()) {
		return nil, nil, false
	}
	f := calleeOf(call.Common())
	if f == nil || !(strings.HasPrefix(f.Name(), "Parse") || f.Name() == "FromString" || f.Name() == "Atoi") {
		return nil, nil, false
	}
	args := userArgs(call.Common())
	if len(args) == 0 || !isString(args[0].Type()) {
		return nil, nil, false
	}
	return call, args[0], true
}

// parseErrActedOn reports whether the parser's error err is used, besides
// the flag cmp, in a way that may keep the write at pt from being reached
// with a failed parse: a check that returns, stops or leaves on its
// failing side (if err != nil { return … }) on every path to pt, or a use
// errOnlySeen cannot tell (a helper of the package whose answer the code
// branches on). A check that only logs (if err != nil { log.Print(err) })
// and goes on to the write is no check: the flag is still false there.
func (q *query) parseErrActedOn(err ssa.Value, cmp *ssa.BinOp, call *ssa.Call, pt point) bool {
	for _, r := range *err.Referrers() {
		if _, ok := r.(*ssa.DebugRef); !ok && r != ssa.Instruction(cmp) {
			return !q.errOnlySeen(err, 0) || q.errActedOn(err, call.Block(), pt)
		}
	}
	return false
}

func (q *query) alwaysKey(f *types.Func) bool {
	if f == nil {
		return false
	}
	if q.c.opts.AlwaysKey != nil && q.c.opts.AlwaysKey(f) {
		return true
	}
	return libGenerators()[idOf(f)]
}

func (q *query) evalCall(call *ssa.Call, p path, pt point, k qkind, depth int) result {
	f := calleeOf(&call.Call)
	if f == nil {
		return q.leaf(pt, k, p, true)
	}
	c := libCall{call: call, args: userArgs(&call.Call), p: p, pt: pt, depth: depth}
	if k == kEmpty {
		if r, ok := q.fixedIDCall(f, c); ok {
			return r
		}
	}
	if q.alwaysKey(f) {
		return resSafe
	}
	if r, final := q.libResult(idOf(f), c, k); final {
		return r
	}
	if r, ok := q.protoGetter(f, c, k); ok {
		return r
	}
	if gp, ok := getterCallPath(call); ok && q.regGuarded(gp, q.defBlock(gp.root), pt, k) {
		return resSafe // if req.GetKey() == "" { return … } before req.GetKey() again
	}
	if r, ok := q.calleeResult(call, 0, k, depth); ok {
		return r
	}
	if k == kNull && q.c.returnsAddress(call.Call.StaticCallee(), 0) {
		return resSafe
	}
	if r, ok := q.interfaceValue(call, k); ok {
		return r
	}
	return q.leaf(pt, k, p, true)
}

// returnsAddress reports whether every return of fn a caller may use
// (okReturn) hands back, as result i, the address of a variable or a
// value made fresh: ptr[T any](v T) *T { return &v }, never nil.
func (c *Checker) returnsAddress(fn *ssa.Function, i int) bool {
	if fn == nil || len(fn.Blocks) == 0 {
		return false
	}
	n := 0
	for _, ret := range returns(fn) {
		if !c.okReturn(fn, ret) {
			continue
		}
		v := ret.Results[i]
		for {
			ct, ok := v.(*ssa.ChangeType)
			if !ok {
				break
			}
			v = ct.X
		}
		if !neverNil(v) {
			return false
		}
		n++
	}
	return n > 0
}

// evalDeref judges *p (for MayBeEmpty of a *string).
func (q *query) evalDeref(p ssa.Value, pt point, k qkind, depth int) result {
	if !q.tick(depth) {
		return resUnknown
	}
	for {
		ct, ok := p.(*ssa.ChangeType)
		if !ok {
			break
		}
		p = ct.X
	}
	switch x := p.(type) {
	case *ssa.Phi:
		key := memoKey{v: x, k: k, op: 'd'}
		return q.memo(*key.at(pt), func() result {
			return q.evalPhi(x, func(e ssa.Value, ept point) result {
				return q.evalDeref(e, ept, k, depth+1)
			})
		})
	case *ssa.Const:
		return resSafe // a nil pointer is NULL, not ""; MayBeNull reports it
	case *ssa.Call:
		if r, final := q.libDeref(x, pt, depth); final {
			return r
		}
		if r, ok := q.calleeResult(x, 0, k, depth); ok {
			return r
		}
	case *ssa.Extract:
		if call, i, ok := resultCall(x); ok {
			if r, ok := q.calleeResult(call, i, k, depth); ok {
				return r
			}
		}
	}
	l, ok := locPath(p)
	if !ok {
		return resUnknown
	}
	return q.evalMem(l, pt, k, depth+1)
}
