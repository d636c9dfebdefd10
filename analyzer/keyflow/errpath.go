package keyflow

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/vocab"
)

// This file judges a result used beside an error that is dropped or not
// acted on: `key, _ := domain.NewIdempotencyKey(raw)`, or `key, err := …;
// if err != nil { log.Print(err) }`, where the constructor returns "" with
// its error. A summary leaves such returns out (a caller that checks the
// error never sees them); a caller that does not check it does.

// errorReturn records in s what ret, a return beside an error that may be
// non-nil (or an ok that may be false), hands back as result s.Index: a
// nil or "" constant, the zero of a fixed-size ID (return uuid.Nil, err),
// which ErrEmpty holds too, or, beside a false ok, the value of a comma-ok
// map lookup returned with its own ok (v, ok := m[k]; return v, ok), or
// any other value found "" or nil there (valueBesideOK).
func (c *Checker) errorReturn(fn *ssa.Function, ret *ssa.Return, s *ResultSummary) {
	res := fn.Signature.Results()
	n := res.Len()
	if n < 2 || s.Index == n-1 {
		return
	}
	with := failWith(res.At(n - 1).Type())
	if with == "" {
		return
	}
	if k, ok := ret.Results[n-1].(*ssa.Const); ok && (k.IsNil() || isBool(k.Type()) && k.Value != nil && k.Value.ExactString() == "true") {
		return
	}
	where := c.info(fn).fileLine(ret.Pos())
	if s.ErrEmpty == "" && isZeroID(ret.Results[s.Index]) {
		s.ErrEmpty = fmt.Sprintf("%s returns %s %s (%s)", funcName(fn), vocab.ZeroIDName(ret.Results[s.Index].Type()), with, where)
		return
	}
	if with == withFalseOK {
		if what, ok := lookupBesideOK(ret, s.Index, n-1); ok {
			reason := fmt.Sprintf("%s returns %s %s, as a map lookup does for a missing entry (%s)", funcName(fn), what, with, where)
			if what == `""` && s.ErrEmpty == "" {
				s.ErrEmpty = reason
			} else if what == "nil" && s.ErrNil == "" {
				s.ErrNil = reason
			}
			return
		}
		if _, isConst := ret.Results[s.Index].(*ssa.Const); !isConst {
			c.valueBesideOK(fn, ret, s)
			return
		}
	}
	v, ok := ret.Results[s.Index].(*ssa.Const)
	if !ok {
		return
	}
	switch {
	case s.ErrEmpty == "" && isString(v.Type()) && v.Value != nil && v.Value.ExactString() == `""`:
		s.ErrEmpty = fmt.Sprintf(`%s returns "" %s (%s)`, funcName(fn), with, where)
	case s.ErrNil == "" && keyNullable(v.Type()) && nullStruct(v.Type()) == nil && v.IsNil():
		s.ErrNil = fmt.Sprintf("%s returns nil %s (%s)", funcName(fn), with, where)
	}
}

// valueBesideOK records in s what ret hands back as result s.Index beside
// an ok that is not the constant true, when the value analysis finds it
// "" or nil whatever the arguments: `k, ok := ctx.Value(keyCtx{}).(string);
// return k, ok && k != ""`.
func (c *Checker) valueBesideOK(fn *ssa.Function, ret *ssa.Return, s *ResultSummary) {
	v := ret.Results[s.Index]
	name := funcName(fn)
	if s.ErrEmpty == "" {
		if q, r := c.judgeEmpty(fn, v, ret); q != nil && r.st == bad {
			s.ErrEmpty = q.summaryReason(name, ret, s.Index, r.f)
		}
	}
	if s.ErrNil == "" && keyNullable(v.Type()) {
		if q, r := c.judgeNull(fn, v, ret); q != nil && r.st == bad && r.f.kind != Invalid {
			s.ErrNil = q.summaryReason(name, ret, s.Index, r.f)
		}
	}
}

const (
	withErr     = "with its error"
	withFalseOK = "with a false ok"
)

// failWith says how a last result of type t marks the others as not to
// be used: an error, or a bool ok; "" for neither.
func failWith(t types.Type) string {
	switch {
	case isErrorType(t):
		return withErr
	case isBool(t):
		return withFalseOK
	}
	return ""
}

// lookupBesideOK reports whether ret returns, as result i, the value of a
// comma-ok lookup of a map the function did not make, and as result okIdx
// that lookup's own ok: the value is then the zero of its type exactly
// when ok is false. what is "" or nil, the zero a caller that drops the
// ok writes.
func lookupBesideOK(ret *ssa.Return, i, okIdx int) (what string, ok bool) {
	x := ret.Results[i]
	if ct, isConv := x.(*ssa.ChangeType); isConv { // IdempotencyKey(v)
		x = ct.X
	}
	v, isExt := x.(*ssa.Extract)
	if !isExt || v.Index != 0 {
		return "", false
	}
	l, isLookup := v.Tuple.(*ssa.Lookup)
	if !isLookup || !l.CommaOk {
		return "", false
	}
	if _, isMap := l.X.Type().Underlying().(*types.Map); !isMap {
		return "", false
	}
	if _, local := l.X.(*ssa.MakeMap); local {
		return "", false
	}
	if okv, isExt := ret.Results[okIdx].(*ssa.Extract); !isExt || okv.Tuple != l || okv.Index != 1 {
		return "", false
	}
	switch t := ret.Results[i].Type(); {
	case isString(t):
		return `""`, true
	case keyNullable(t) && nullStruct(t) == nil:
		return "nil", true
	}
	return "", false
}

func isErrorType(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// errorPath judges result i of call at pt when the callee returns nil or
// "" beside an error (ResultSummary.ErrNil, ErrEmpty) and the caller
// drops that error, or checks it but reaches pt on its failing side too.
// ok is false when the error is acted on before pt, or when what the
// code does with it is not known (handed to a helper of its own, whose
// result it branches on, stored away).
func (q *query) errorPath(call *ssa.Call, i int, sums []ResultSummary, pt point, k qkind) (result, bool) {
	res := call.Call.Signature().Results()
	n := res.Len()
	if n < 2 || i == n-1 {
		return resUnknown, false
	}
	with := failWith(res.At(n - 1).Type())
	if with == "" {
		return resUnknown, false
	}
	var reason string
	for _, s := range sums {
		if s.Index != i {
			continue
		}
		switch k {
		case kEmpty:
			reason = s.ErrEmpty
		case kNull:
			reason = s.ErrNil
		}
	}
	if reason == "" {
		return resUnknown, false
	}
	var errv *ssa.Extract
	for _, r := range *call.Referrers() {
		if e, ok := r.(*ssa.Extract); ok && e.Index == n-1 {
			errv = e
		}
	}
	name := "the call"
	if f := calleeOf(&call.Call); f != nil {
		name = f.Name()
	}
	what := map[qkind]string{kEmpty: "empty", kNull: "nil"}[k]
	if t := res.At(i).Type(); k == kEmpty && vocab.IsFixedID(t) {
		what = vocab.ZeroIDName(t)
	}
	line := q.fi.line(q.fi.exprPos(call))
	if line == 0 {
		line = q.fi.line(call.Pos())
	}
	if with == withFalseOK {
		return q.okPath(call, errv, pt, k, what, name, line, reason)
	}
	if errv == nil || !usedBeyondDebug(errv) {
		return badResult(finding{kind: k.kind(),
			text:   fmt.Sprintf("%s when %s fails and its error is dropped (line %d): %s", what, name, line, reason),
			origin: q.fi.exprPos(call)}), true
	}
	if !q.errOnlySeen(errv, 0) || q.errActedOn(errv, call.Block(), pt) {
		return resUnknown, false
	}
	checked := ""
	if gs := q.fi.byPath[path{root: errv}]; len(gs) > 0 {
		checked = fmt.Sprintf(" at line %d", q.fi.line(gs[0].pos))
	}
	return badResult(finding{kind: k.kind(),
		text: fmt.Sprintf("%s when %s fails (line %d): its error is checked%s, but this write is reached when it is not nil too, and %s",
			what, name, line, checked, reason),
		origin: q.fi.exprPos(call)}), true
}

// okPath is errorPath for a callee whose last result is an ok bool
// (func FromMeta(m map[string]string) (string, bool)): the zero value
// comes back with a false ok. A caller that drops the ok writes it; one
// that tests the ok and goes on where it is false too (if !ok {
// log.Print(…) }) writes it there. Any other use of the ok (handed to a
// function, stored) is not known.
func (q *query) okPath(call *ssa.Call, okv *ssa.Extract, pt point, k qkind, what, name string, line int, reason string) (result, bool) {
	if okv == nil || !usedBeyondDebug(okv) {
		return badResult(finding{kind: k.kind(),
			text:   fmt.Sprintf("%s when %s finds none and its ok is dropped (line %d): %s", what, name, line, reason),
			origin: q.fi.exprPos(call)}), true
	}
	if !okOnlyTested(okv) || q.regGuarded(path{root: okv}, call.Block(), pt, kValid) {
		return resUnknown, false
	}
	return badResult(finding{kind: k.kind(),
		text: fmt.Sprintf("%s when %s finds none (line %d): its ok is tested, but this write is reached when it is false too, and %s",
			what, name, line, reason),
		origin: q.fi.exprPos(call)}), true
}

// okOnlyTested reports whether every use of the ok v is a branch on it
// (directly or negated) or a debug reference: nothing out of view can
// act on it.
func okOnlyTested(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		switch x := r.(type) {
		case *ssa.DebugRef, *ssa.If:
		case *ssa.UnOp:
			if x.Op != token.NOT || !okOnlyTested(x) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// usedBeyondDebug reports whether v has a referrer other than a DebugRef.
func usedBeyondDebug(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}

// errOnlySeen reports whether every use of the error v is one that cannot
// stop the function on its own or decide a branch out of view: a
// comparison with nil (the branch the path walk judges), a return, an
// argument to a library call (a logger's Printf, fmt.Errorf) whose result
// is unused or returned, boxed on the way. A call of the package's own
// function or of one named like it stops or handles (Fatal, Must, handle…)
// may never return, or returns what the caller branches on: not known.
func (q *query) errOnlySeen(v ssa.Value, depth int) bool {
	if depth > 4 {
		return false
	}
	for _, r := range *v.Referrers() {
		switch x := r.(type) {
		case *ssa.DebugRef, *ssa.Return:
		case *ssa.BinOp:
			if x.Op != token.EQL && x.Op != token.NEQ {
				return false
			}
			if !isNilConst(x.X) && !isNilConst(x.Y) {
				return false
			}
		case *ssa.MakeInterface:
			if !q.errOnlySeen(x, depth+1) {
				return false
			}
		case *ssa.ChangeInterface:
			if !q.errOnlySeen(x, depth+1) {
				return false
			}
		case *ssa.Store:
			// An element of a call's variadic ...any slice.
			ia, ok := x.Addr.(*ssa.IndexAddr)
			if !ok || x.Val != v {
				return false
			}
			a, ok := ia.X.(*ssa.Alloc)
			if !ok || !q.varargsOnly(a) {
				return false
			}
		case *ssa.Call:
			if !seenByCall(&x.Call, x) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// varargsOnly reports whether the array a is only sliced into the
// variadic arguments of calls errOnlySeen accepts.
func (q *query) varargsOnly(a *ssa.Alloc) bool {
	for _, r := range *a.Referrers() {
		switch x := r.(type) {
		case *ssa.IndexAddr, *ssa.DebugRef:
		case *ssa.Slice:
			for _, sr := range *x.Referrers() {
				c, ok := sr.(*ssa.Call)
				if !ok || !seenByCall(&c.Call, c) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// seenByCall reports whether call c only looks at an error: a library
// function (no body in this package) not named like one that stops or
// handles, whose result is unused or returned.
func seenByCall(c *ssa.CallCommon, v ssa.Value) bool {
	if fn := c.StaticCallee(); fn != nil && len(fn.Blocks) > 0 {
		return false
	}
	name := ""
	if c.IsInvoke() {
		name = c.Method.Name()
	} else if f := calleeOf(c); f != nil {
		name = f.Name()
	} else {
		return false // a function value: not known
	}
	for _, p := range []string{"Fatal", "Panic", "Exit", "Must", "must", "Abort", "Handle", "handle", "Check", "check", "Fail"} {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	if v == nil {
		return true
	}
	for _, r := range *v.Referrers() {
		switch r.(type) {
		case *ssa.DebugRef, *ssa.Return:
		default:
			return false
		}
	}
	return true
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// errActedOn reports whether every path from the call's block to pt
// crosses the edge on which the error compares equal to nil, or ends in a
// block that stops (a panic, a call named Fatal… or Exit).
func (q *query) errActedOn(errv ssa.Value, stop *ssa.BasicBlock, pt point) bool {
	fi := q.fi
	p := path{root: errv}
	onOK := func(pred, succ *ssa.BasicBlock) bool {
		for _, g := range fi.guards[pred] {
			if g.p == p && g.k == kNull && g.unsafe() == succ {
				return true
			}
		}
		return false
	}
	if pt.succ != nil && onOK(pt.block, pt.succ) {
		return true
	}
	// A path through a block that stops never reaches pt: as good as
	// one that crosses the edge on which the error is nil.
	return q.allPathsCross(pt.block, stop, func(pred, succ *ssa.BasicBlock) bool {
		return onOK(pred, succ) || stops(pred)
	})
}

// stops reports whether block b never reaches its successors: it calls
// a function named Fatal…, Panic… or Exit (log.Fatal, os.Exit).
func stops(b *ssa.BasicBlock) bool {
	for _, in := range b.Instrs {
		c, ok := in.(ssa.CallInstruction)
		if !ok {
			continue
		}
		name := ""
		if cc := c.Common(); cc.IsInvoke() {
			name = cc.Method.Name()
		} else if f := calleeOf(cc); f != nil {
			name = f.Name()
		}
		if strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Panic") || name == "Exit" || name == "Goexit" {
			return true
		}
	}
	return false
}
