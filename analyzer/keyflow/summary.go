package keyflow

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/vocab"
)

// This file summarises what a function's results can be, so that a call
// of a helper such as keyOf(r) is a source like the getter inside it.

// A ResultSummary says how one result of a function can be bad on some
// path. Each reason is "" when the result is not known to be bad that
// way; a reason names the path inside the function, e.g. `keyOf returns
// r.Header.Get("Idempotency-Key"), empty when the Idempotency-Key header
// is absent (Header.Get, api.go:14)`. It is small and plain so that the
// analyzer can carry it as a fact to importing packages.
type ResultSummary struct {
	Index   int    // the result's index in the signature
	Nil     string // nil (a pointer, interface, slice or map result)
	Invalid string // an invalid sql.Null*-like struct
	Empty   string // "" (a string, *string target, Null payload or []byte)
	// Zero, with Empty, names the one non-empty value the result takes
	// instead of "" (Verdict.Zero): the text of the nil UUID, a key
	// format's other parts alone.
	Zero string
	// Conds are the ways the result is bad exactly when an argument is:
	// toNullText(p) is invalid when p is nil. The caller's argument
	// decides (see depend.go).
	Conds []Cond
	// ErrNil and ErrEmpty say that a return beside a non-nil error
	// hands back nil or "" (a constructor's `return "", ErrNoKey`): a
	// caller that drops the error, or checks it and goes on, uses that
	// zero value (see errorPath in errpath.go). Not part of bad(): a
	// caller that acts on the error never sees it.
	ErrNil, ErrEmpty string
}

// Reason returns the reason for kind k, or "".
func (s ResultSummary) Reason(k Kind) string {
	switch k {
	case Nil:
		return s.Nil
	case Invalid:
		return s.Invalid
	case Empty:
		return s.Empty
	}
	return ""
}

func (s ResultSummary) bad() bool {
	return s.Nil != "" || s.Invalid != "" || s.Empty != "" || len(s.Conds) > 0
}

// MayBeBadOrCond reports whether the result can be bad for a caller that
// acts on the function's error: whatever the arguments, or for some
// (Conds). A summary with only ErrNil or ErrEmpty matters only to a
// caller that drops the error.
func (s ResultSummary) MayBeBadOrCond() bool { return s.bad() }

// MayBeBad reports whether the result can be bad whatever the arguments.
func (s ResultSummary) MayBeBad() bool { return s.Nil != "" || s.Invalid != "" || s.Empty != "" }

// maxSummaryNesting bounds how many summaries one summary may compute on
// the way (helper calling helper): deeper callees stay unknown.
const maxSummaryNesting = 4

// Summarize reports, for each result of fn that can be nil, invalid or ""
// on some path the function's code shows, how; nil when none can. A
// return is ignored when the function returns a non-nil error (or a
// false ok) beside it, and in a method when it is the nil-receiver case:
// callers that check those do not see the value. Summaries are cached;
// a callee met again while being summarised (recursion), or more than
// maxSummaryNesting deep, counts as not known to be bad.
func (c *Checker) Summarize(fn *ssa.Function) []ResultSummary {
	if fn == nil || len(fn.Blocks) == 0 || fn.Signature.Results().Len() == 0 {
		return nil
	}
	if s, ok := c.sums[fn]; ok {
		return s
	}
	if c.summarizing[fn] || len(c.summarizing) >= maxSummaryNesting {
		return nil // recursion, or too deep: not known
	}
	c.summarizing[fn] = true
	var out []ResultSummary
	for i := 0; i < fn.Signature.Results().Len(); i++ {
		if s := c.summarizeResult(fn, i); s.bad() || s.ErrNil != "" || s.ErrEmpty != "" {
			out = append(out, s)
		}
	}
	delete(c.summarizing, fn)
	c.sums[fn] = out
	return out
}

// summarizeResult judges result i at every return that counts. A return
// that is bad only when a parameter is (its value, or the failing side of
// a check of it) gives a Cond instead: the callers' arguments decide.
func (c *Checker) summarizeResult(fn *ssa.Function, i int) ResultSummary {
	s := ResultSummary{Index: i}
	name := funcName(fn)
	for _, ret := range returns(fn) {
		if !c.okReturn(fn, ret) {
			c.errorReturn(fn, ret, &s)
			continue
		}
		above := c.info(fn).paramCheckAbove(ret, "")
		v := ret.Results[i]
		if s.Nil == "" && s.Invalid == "" && (keyNullable(v.Type()) || isEmptyInterface(v.Type())) {
			if q, r := c.judgeNull(fn, v, ret); q != nil {
				s.add(q, name, ret, i, r, above, func(reason string) {
					if r.f.kind == Invalid {
						s.Invalid = reason
					} else {
						s.Nil = reason
					}
				})
			}
		}
		if s.Empty == "" {
			if q, r := c.judgeEmpty(fn, v, ret); q != nil {
				s.add(q, name, ret, i, r, above, func(reason string) { s.Empty, s.Zero = reason, r.f.zero })
			}
		}
	}
	return s
}

// add records what r says about result i at ret: through set when it is
// bad whatever the arguments, as a Cond when a parameter decides. above
// is the check of a parameter whose failing side holds ret, if any.
func (s *ResultSummary) add(q *query, name string, ret *ssa.Return, i int, r result, above *guard, set func(string)) {
	var d *paramDep
	switch {
	case r.st == bad && above != nil:
		d = q.guardDep(*above)
	case r.st == bad && r.f.branch != nil && q.fi.checksParam(r.f.branch):
		d = q.branchDep(r.f.branch, r.f.branchTo)
	case r.st == bad:
		set(q.summaryReason(name, ret, i, r.f))
		return
	case r.st == cond && above == nil:
		d = r.f.dep
	}
	if d == nil || d.fn != q.fi.fn || strings.HasPrefix(d.sel, elemSel) {
		// No dependence, one on a variable a closure captured from the
		// function around it (no caller of this one passes it), or one
		// on each element of a slice (elemsource.go).
		return
	}
	f := r.f
	if f.when == "" || f.text != "" {
		f.when, f.text = "when "+q.depText(*d), ""
	}
	cd := Cond{Kind: r.f.kind, Param: d.param, Sel: d.sel, Arg: d.k.kind(), Reason: q.summaryReason(name, ret, i, f)}
	for _, x := range s.Conds {
		if x.Kind == cd.Kind && x.Param == cd.Param && x.Sel == cd.Sel && x.Arg == cd.Arg {
			return
		}
	}
	s.Conds = append(s.Conds, cd)
}

// guardDep is the dependence a return on the failing side of g (a check
// of a parameter) has on that parameter.
func (q *query) guardDep(g guard) *paramDep {
	d, ok := q.depOf(g.p, g.k)
	if !ok {
		return nil
	}
	return &d
}

// branchDep is the dependence of a value bad on the edge from branch to
// to, when branch checks a parameter and to is its failing side.
func (q *query) branchDep(branch, to *ssa.BasicBlock) *paramDep {
	for _, g := range q.fi.guards[branch] {
		if isParamOrElement(g.p.root) && g.safe != to {
			return q.guardDep(g)
		}
	}
	return nil
}

func returns(fn *ssa.Function) []*ssa.Return {
	var out []*ssa.Return
	for _, b := range fn.Blocks {
		if n := len(b.Instrs); n > 0 {
			if r, ok := b.Instrs[n-1].(*ssa.Return); ok {
				out = append(out, r)
			}
		}
	}
	return out
}

// okReturn reports whether a caller may use what ret returns: not beside
// a non-nil error or a false ok.
func (c *Checker) okReturn(fn *ssa.Function, ret *ssa.Return) bool {
	res := fn.Signature.Results()
	if n := res.Len(); n > 1 {
		last := ret.Results[n-1]
		lt := res.At(n - 1).Type()
		k, isConst := last.(*ssa.Const)
		switch {
		case types.Identical(lt, types.Universe.Lookup("error").Type()):
			if !isConst || !k.IsNil() {
				return false
			}
		case isBool(lt):
			if !isConst || k.Value == nil || k.Value.ExactString() != "true" {
				return false
			}
		}
	}
	return true
}

// paramCheckAbove returns a check of a parameter whose failing side holds
// ret (the nil-receiver branch of a method, `if s == "" { return nil }`),
// or nil: what ret returns is then bad only for the callers that pass
// such an argument. sel is the part of the result asked about ("" for the
// whole value, ".Key" for a field).
//
// The failing edge of `if target != nil { r.Target = … }` leads to the
// join block, which the passing side reaches too: that check decides only
// the fields its passing side writes, not the rest of r.
func (fi *funcInfo) paramCheckAbove(ret *ssa.Return, sel string) *guard {
	for _, b := range fi.fn.Blocks { // block order: the same check every run
		for i, g := range fi.guards[b] {
			if !isParam(g.p.root) || !g.unsafe().Dominates(ret.Block()) {
				continue
			}
			if !fi.reaches(g.safe, ret.Block(), g.block) || fi.passingSideWrites(g, sel) {
				return &fi.guards[b][i]
			}
		}
	}
	return nil
}

// passingSideWrites reports whether a block only g's passing side runs
// stores to one of the fields named in sel.
func (fi *funcInfo) passingSideWrites(g guard, sel string) bool {
	fields := map[string]bool{}
	for _, f := range strings.FieldsFunc(sel, func(r rune) bool { return r == '.' || r == '*' }) {
		fields[f] = true
	}
	if len(fields) == 0 {
		return false
	}
	for _, b := range fi.fn.Blocks {
		if !g.safe.Dominates(b) {
			continue
		}
		for _, in := range b.Instrs {
			if st, ok := in.(*ssa.Store); ok {
				if fa, ok := st.Addr.(*ssa.FieldAddr); ok && fields[fieldName(fa.X, fa.Field)] {
					return true
				}
			}
		}
	}
	return false
}

// checksParam reports whether the branch at the end of b checks a
// parameter (or a field of one): a result bad only on its failing side
// is bad only for some callers' arguments.
func (fi *funcInfo) checksParam(b *ssa.BasicBlock) bool {
	if b == nil {
		return false
	}
	for _, g := range fi.guards[b] {
		if isParamOrElement(g.p.root) {
			return true
		}
	}
	return false
}

// isParamOrElement is isParam, or an element of a parameter slice that a
// loop reads (elementOfParam): a check of it (if x.Key != "" { … }) is
// each caller's element's to pass or fail.
func isParamOrElement(v ssa.Value) bool {
	_, elem := elementOfParam(v)
	return isParam(v) || elem
}

// isParam reports whether v is a parameter, or the local a parameter is
// spilled to (and never reassigned) when its address is taken.
func isParam(v ssa.Value) bool {
	if a, ok := v.(*ssa.Alloc); ok {
		v = singleStore(a)
	}
	_, ok := v.(*ssa.Parameter)
	return ok
}

// summaryReason renders a finding about result i of ret for callers:
// "keyOf returns k, empty when … (Header.Get, api.go:14)".
func (q *query) summaryReason(name string, ret *ssa.Return, i int, f finding) string {
	v := ret.Results[i]
	reason := f.text
	if reason == "" {
		origin := f.origin
		if !origin.IsValid() {
			origin = ret.Pos()
		}
		reason = q.reasonOf(f, q.fi.fileLine(origin))
	}
	if _, isConst := unbox(v).(*ssa.Const); !isConst {
		if src, ok := q.goSyntax(unbox(v), 0); ok {
			return fmt.Sprintf("%s returns %s, %s", name, src, reason)
		}
	}
	return fmt.Sprintf("%s can return %s", name, reason)
}

// keyNullable reports whether a NULL of type t can be a key: a pointer,
// a byte slice, a sql.Null*-like struct. Errors, interfaces, other
// slices and maps are not keys, and a nil one is ordinary.
// isEmptyInterface reports whether t is any (interface{}, driver.Value):
// a helper that returns a key as an argument of Exec, func nullIfEmpty(s
// string) any { if s == "" { return nil }; return s }, sends NULL where
// it returns nil. Boxing a string or a struct (return s) is never nil.
func isEmptyInterface(t types.Type) bool {
	it, ok := t.Underlying().(*types.Interface)
	return ok && it.Empty()
}

func keyNullable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer:
		return true
	case *types.Slice:
		return isByteSlice(t)
	}
	return nullStruct(t) != nil
}

// funcName names fn for a message as the Go-side rules name functions
// (vocab.FuncName): "store.keyOf", "Repo.Key"; a function literal by its
// SSA name ("Handle$1").
func funcName(fn *ssa.Function) string {
	if f, ok := fn.Object().(*types.Func); ok && fn.Parent() == nil {
		return vocab.FuncName(f)
	}
	return fn.Name()
}

// calleeResult judges result index of call through the callee's summary:
// computed here when its body is in the program, else from
// Options.MayReturnBad. ok is false when nothing is known.
func (q *query) calleeResult(call *ssa.Call, index int, k qkind, depth int) (result, bool) {
	sums, via := q.calleeSums(call)
	for _, s := range sums {
		if s.Index != index {
			continue
		}
		if reason := s.Reason(k.kind()); reason != "" {
			f := finding{kind: k.kind(), text: via + reason, origin: q.fi.exprPos(call)}
			if k == kEmpty {
				f.zero = s.Zero
			}
			return badResult(f), true
		}
		if via != "" {
			continue // conditions on the implementation's arguments: not read through an interface
		}
		if r, ok := q.applyConds(call, s.Conds, index, k, depth); ok {
			return r, true
		}
	}
	return resUnknown, false
}

// calleeSums returns the summaries of call's callee: computed here when
// its body is in the program, else from Options.MayReturnBad, else its
// sole implementation's (via then names it for messages).
func (q *query) calleeSums(call *ssa.Call) (sums []ResultSummary, via string) {
	if fn := call.Call.StaticCallee(); fn != nil && len(fn.Blocks) > 0 {
		sums = q.c.Summarize(fn)
	} else if f := calleeOf(&call.Call); f != nil && q.c.opts.MayReturnBad != nil && !call.Call.IsInvoke() {
		sums = q.c.opts.MayReturnBad(f)
	} else if impl := q.soleImplementation(&call.Call); impl != nil {
		sums = q.c.Summarize(impl)
		via = fmt.Sprintf("%s (whose one implementation here is %s): ", vocab.FuncName(call.Call.Method), funcName(impl))
	}
	if sums == nil && via == "" {
		sums = zeroIDSums(calleeOf(&call.Call)) // uuid.Parse and its kin
	}
	return sums, via
}

// resultCall returns the call whose result v is, and the result's index.
func resultCall(v ssa.Value) (*ssa.Call, int, bool) {
	switch x := v.(type) {
	case *ssa.Call:
		return x, 0, true
	case *ssa.Extract:
		if c, ok := x.Tuple.(*ssa.Call); ok {
			return c, x.Index, true
		}
	}
	return nil, 0, false
}

// evalLookup judges m[k]: the zero value when m has no entry for k. A
// map this function builds itself is left alone (its keys are in view).
func (q *query) evalLookup(x *ssa.Lookup, k qkind) (result, bool) {
	if _, isMap := x.X.Type().Underlying().(*types.Map); !isMap {
		return resUnknown, false
	}
	if _, local := x.X.(*ssa.MakeMap); local {
		return resUnknown, false
	}
	t := x.Type()
	if x.CommaOk {
		t = t.(*types.Tuple).At(0).Type()
	}
	what, ok := zeroWhat(t, k)
	if !ok {
		return resUnknown, false
	}
	when := fmt.Sprintf("when %s has no entry for %s", q.exprString(x.X), q.exprString(x.Index))
	return badResult(finding{kind: k.kind(), what: what, when: when, via: "map lookup", origin: q.fi.exprPos(x)}), true
}

// commaOK returns the ok of v, ok := m[k], or nil.
func commaOK(l *ssa.Lookup) ssa.Value {
	for _, r := range *l.Referrers() {
		if e, ok := r.(*ssa.Extract); ok && e.Index == 1 {
			return e
		}
	}
	return nil
}

// String says what the summary holds, for facts in tests and -debug
// output: "result 0 may be empty; invalid when argument 1 is nil".
func (s ResultSummary) String() string {
	var kinds []string
	for _, k := range []Kind{Nil, Invalid, Empty} {
		if s.Reason(k) != "" {
			kinds = append(kinds, k.String())
		}
	}
	var parts []string
	if len(kinds) > 0 {
		parts = append(parts, "may be "+strings.Join(kinds, "/"))
	}
	if s.ErrNil != "" {
		parts = append(parts, "nil with its error")
	}
	if s.ErrEmpty != "" {
		parts = append(parts, "empty with its error")
	}
	for _, c := range s.Conds {
		sel, arg := strings.TrimPrefix(c.Sel, "*"), c.Arg.String()
		if c.Arg == Invalid {
			if s, ok := strings.CutSuffix(sel, ".Valid"); ok {
				sel = s
			} else {
				arg = "false"
			}
		}
		parts = append(parts, fmt.Sprintf("%s when argument %d%s is %s", c.Kind, c.Param, sel, arg))
	}
	return fmt.Sprintf("result %d %s", s.Index, strings.Join(parts, "; "))
}

// soleImplementation returns the method that runs for c, a call of an
// interface method, when the interface is declared in the caller's
// package and exactly one type of that package implements it (a
// consumer's Message interface over its broker client's record): that
// method's code is what the caller's value comes from. nil otherwise: an
// interface of another package, or several implementations (which one
// runs is not known), or one without a body here.
func (q *query) soleImplementation(c *ssa.CallCommon) *ssa.Function {
	if !c.IsInvoke() || q.fi.fn.Pkg == nil {
		return nil
	}
	pkg := q.fi.fn.Pkg
	named, ok := types.Unalias(c.Value.Type()).(*types.Named)
	if !ok || named.Obj().Pkg() != pkg.Pkg {
		return nil
	}
	iface, ok := named.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var impl *ssa.Function
	for _, m := range pkg.Members {
		t, ok := m.(*ssa.Type)
		if !ok || types.IsInterface(t.Type()) {
			continue
		}
		for _, rt := range []types.Type{t.Type(), types.NewPointer(t.Type())} {
			if !types.Implements(rt, iface) {
				continue
			}
			sel := pkg.Prog.MethodSets.MethodSet(rt).Lookup(c.Method.Pkg(), c.Method.Name())
			if sel == nil {
				continue
			}
			fn := pkg.Prog.MethodValue(sel)
			if fn == nil || fn.Synthetic != "" || len(fn.Blocks) == 0 || impl != nil && impl != fn {
				return nil
			}
			impl = fn
			break
		}
	}
	return impl
}
