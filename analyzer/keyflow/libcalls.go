package keyflow

import (
	"fmt"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/vocab"
)

// This file applies the tables of library.go to calls.

// fnID names a function or method robustly: package path (vendor prefix
// removed), receiver type name (pointer stripped; the interface's name for
// interface methods) and name.
type fnID struct{ pkg, recv, name string }

func calleeOf(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return c.Method
	}
	if f := c.StaticCallee(); f != nil {
		if obj, ok := f.Object().(*types.Func); ok {
			return obj
		}
		if o := f.Origin(); o != nil {
			if obj, ok := o.Object().(*types.Func); ok {
				return obj
			}
		}
	}
	return nil
}

func idOf(f *types.Func) fnID {
	id := fnID{pkg: pkgPath(f.Pkg()), name: f.Name()}
	id.recv = vocab.RecvName(f)
	return id
}

// userArgs returns the call's arguments as written, without the receiver
// that a static method call passes first.
func userArgs(c *ssa.CallCommon) []ssa.Value {
	if !c.IsInvoke() {
		if f := c.StaticCallee(); f != nil && f.Signature.Recv() != nil && len(c.Args) > 0 {
			return c.Args[1:]
		}
	}
	return c.Args
}

// IsGenerator reports whether f is a known key generator (google/uuid,
// gofrs/uuid, ulid, xid, ksuid, crypto/rand.Text, …): its result is never
// nil or empty. The analyzer uses it to vouch for wrappers around them.
func IsGenerator(f *types.Func) bool { return f != nil && libGenerators()[idOf(f)] }

// A libCall is a call whose result is being judged, with what the rules
// need to judge it.
type libCall struct {
	call  *ssa.Call
	args  []ssa.Value // user arguments, without a static receiver
	p     path        // the result's path, for the SA5011 shape
	pt    point
	depth int
}

// libResult applies the library tables to a call of the function id.
func (q *query) libResult(id fnID, c libCall, k qkind) (result, bool) {
	var rule resultRule
	switch k {
	case kEmpty:
		if g, ok := libGetters()[id]; ok {
			return q.evalGetter(g, c), true
		}
		if libPassesEmpty()[id] {
			rule = passEmpty
		} else {
			rule = libResults()[id].empty
		}
	case kNull:
		rule = libResults()[id].null
	case kValid:
		rule = libResults()[id].valid
	}
	if rule == nil {
		return resUnknown, false
	}
	return rule(q, c)
}

// libDeref applies the library tables to *call, for a pointer result.
func (q *query) libDeref(call *ssa.Call, pt point, depth int) (result, bool) {
	f := calleeOf(&call.Call)
	if f == nil {
		return resUnknown, false
	}
	rule := libResults()[idOf(f)].deref
	if rule == nil {
		return resUnknown, false
	}
	return rule(q, libCall{call: call, args: userArgs(&call.Call), pt: pt, depth: depth})
}

// evalGetter judges a getter's result: "" when the item is absent,
// unless a non-empty default argument is given.
func (q *query) evalGetter(g getter, c libCall) result {
	if g.deflt >= 0 {
		if g.deflt >= len(c.args) {
			return q.leaf(c.pt, kEmpty, c.p, true)
		}
		d := c.args[g.deflt]
		if k, ok := d.(*ssa.Const); ok && k.Value == nil && !isString(k.Type()) {
			// no variadic default given (fiber)
		} else if isString(d.Type()) {
			if r := q.evalV(d, nil, c.pt, kEmpty, c.depth+1); r.st != bad {
				return r
			}
		} else {
			return q.leaf(c.pt, kEmpty, c.p, true)
		}
	}
	g = refineGetter(c.call, g)
	f := finding{kind: Empty, what: "empty", via: g.via, origin: q.fi.exprPos(c.call)}
	f.when = "when " + getterSubject(g, c.args) + " " + g.absent
	return badResult(f)
}

// getterSubject names the item a getter reads: `the "key" query parameter`.
func getterSubject(g getter, args []ssa.Value) string {
	if g.arg < len(args) {
		a := args[g.arg]
		if mi, ok := a.(*ssa.MakeInterface); ok {
			a = mi.X // gin's GetString(key any)
		}
		if name, ok := constString(a); ok && name != "" {
			if strings.HasSuffix(g.subject, "header") || strings.HasPrefix(g.subject, "$") {
				return fmt.Sprintf(g.subject, name)
			}
			return fmt.Sprintf(g.subject, fmt.Sprintf("%q", name))
		}
	}
	return strings.Replace(strings.Replace(g.subject, "%s ", "", 1), "$%s", "the variable", 1)
}

// refineGetter names url.Values.Get better when the values are the
// request URL's query: r.URL.Query().Get("key").
func refineGetter(call *ssa.Call, g getter) getter {
	if g.via != "Values.Get" || len(call.Call.Args) == 0 {
		return g
	}
	if recv, ok := call.Call.Args[0].(*ssa.Call); ok {
		if f := calleeOf(&recv.Call); f != nil && idOf(f) == (fnID{"net/url", "URL", "Query"}) {
			g.via, g.subject = "Query().Get", "the %s query parameter"
		}
	}
	return g
}

// passEmpty: strings.TrimSpace and friends are empty when their input is.
func passEmpty(q *query, c libCall) (result, bool) {
	if len(c.args) == 0 {
		return resUnknown, false
	}
	r := q.evalV(c.args[0], nil, c.pt, kEmpty, c.depth+1)
	return r, r.st != unknown
}

// fromPtrEmpty: lo.FromPtr(p) is "" when p is nil or points to "".
func fromPtrEmpty(q *query, c libCall) (result, bool) {
	if len(c.args) != 1 {
		return resUnknown, false
	}
	r := q.evalV(c.args[0], nil, c.pt, kNull, c.depth+1)
	if r.st == bad || r.st == cond {
		r.f.kind = Empty
		if r.f.text != "" {
			r.f.text = "lo.FromPtr of a pointer " + r.f.text
		} else {
			r.f.what = "empty (lo.FromPtr of nil)"
		}
		return r, true
	}
	r = q.evalDeref(c.args[0], c.pt, kEmpty, c.depth+1)
	return r, r.st != unknown
}

// fromPtrOrEmpty: lo.FromPtrOr(p, fallback) is fallback when p is nil,
// else *p: "" when p is nil and fallback is empty, or p points to "".
func fromPtrOrEmpty(q *query, c libCall) (result, bool) {
	if len(c.args) != 2 {
		return resUnknown, false
	}
	fb := q.evalV(c.args[1], nil, c.pt, kEmpty, c.depth+1)
	if fb.st != safe {
		r := q.evalV(c.args[0], nil, c.pt, kNull, c.depth+1)
		switch {
		case fb.st == bad && (r.st == bad || r.st == cond):
			r.f.kind = Empty
			if r.f.text != "" {
				r.f.text = "lo.FromPtrOr of a pointer " + r.f.text + ", with an empty fallback"
			} else {
				r.f.what = "empty (lo.FromPtrOr of nil, with an empty fallback)"
			}
			return r, true
		case fb.st == cond && r.st == bad:
			return fb, true // the fallback is the value, and its callers decide
		case r.st != safe:
			return resUnknown, false // a fallback that may be "" for a pointer that may be nil
		}
	}
	r := q.evalDeref(c.args[0], c.pt, kEmpty, c.depth+1)
	return r, r.st != unknown
}

// emptyableToPtrNull: lo.EmptyableToPtr(s) is nil when s is "".
func emptyableToPtrNull(q *query, c libCall) (result, bool) {
	if len(c.args) != 1 {
		return resUnknown, false
	}
	r := q.evalV(c.args[0], nil, c.pt, kEmpty, c.depth+1)
	if r.st == bad || r.st == cond {
		r.f.kind = Nil
		if r.f.text != "" {
			r.f.text = "lo.EmptyableToPtr of a value " + r.f.text
		} else {
			r.f.what = "nil (lo.EmptyableToPtr)"
		}
		return r, true
	}
	return r, r.st == safe
}

// toPtrDeref: *lo.ToPtr(s) is s.
func toPtrDeref(q *query, c libCall) (result, bool) {
	if len(c.args) != 1 {
		return resUnknown, false
	}
	return q.evalV(c.args[0], nil, c.pt, kEmpty, c.depth+1), true
}

func alwaysSafe(*query, libCall) (result, bool) { return resSafe, true }

// encodeEmpty: hex and base64 encodings are empty only for empty input.
func encodeEmpty(q *query, c libCall) (result, bool) {
	if len(c.args) != 1 {
		return resUnknown, false
	}
	if nonEmptyBytes(c.args[0]) {
		return resSafe, true
	}
	r := q.evalV(c.args[0], nil, c.pt, kEmpty, c.depth+1)
	return r, r.st != unknown
}

// scannedEmpty: a bufio.Scanner's token is "" for a blank line (or an
// empty field, with another split function): a file or stream of keys
// with one blank line writes "".
func scannedEmpty(q *query, c libCall) (result, bool) {
	return badResult(finding{kind: Empty, what: "empty", via: "Scanner.Text", when: "when the line scanned is blank", origin: q.fi.exprPos(c.call)}), true
}

// readEmpty: what os.ReadFile or io.ReadAll reads is empty for an empty
// file or body (and nil beside an error): a key file left empty, or a
// body sent without one, writes "".
func readEmpty(when, via string) resultRule {
	return func(q *query, c libCall) (result, bool) {
		return badResult(finding{kind: Empty, what: "empty", via: via, when: when, origin: q.fi.exprPos(c.call)}), true
	}
}

// sprintfEmpty: a format with constant text of its own is never "". But
// where the part that carries the client's key can be empty, the result
// is that text and the other parts alone (sprintfScoped).
func sprintfEmpty(q *query, c libCall) (result, bool) {
	if len(c.args) > 0 {
		if s, ok := constString(c.args[0]); ok && formatHasText(s) {
			if len(c.args) > 1 {
				if r, ok := q.sprintfScoped(s, c.args[1], c); ok {
					return r, true
				}
			}
			return resSafe, true
		}
	}
	return resUnknown, false
}

// sprintfScoped judges fmt.Sprintf("%s:%s", tenant, key) where key, an
// argument named or read as a key (key, idempotencyKey, the
// Idempotency-Key header), can be empty: the result is then "<tenant>:",
// one value for every request of the tenant that sends no key, which a
// unique rule rejects as a duplicate of the first as it does an empty
// key (Verdict.Zero says which). A generated argument (uuid.NewString())
// makes every result new; an argument not followed leaves it unknown.
func (q *query) sprintfScoped(format string, varargs ssa.Value, c libCall) (result, bool) {
	var empty *result
	var emptyArg ssa.Value
	for i := 0; ; i++ {
		a := varargElem(varargs, i)
		if a == nil {
			break
		}
		if call, ok := a.(*ssa.Call); ok && q.alwaysKey(calleeOf(&call.Call)) {
			return resUnknown, false // a generated part: every result differs
		}
		if !isString(a.Type()) || empty != nil {
			continue
		}
		if r := q.evalV(a, nil, c.pt, kEmpty, c.depth+1); (r.st == bad || r.st == cond) && keyNamed(q.exprString(a)+" "+r.f.when+" "+r.f.text) {
			empty, emptyArg = &r, a
		}
	}
	if empty == nil {
		return resUnknown, false
	}
	f := empty.f
	f.text = fmt.Sprintf("fmt.Sprintf(%q, …) is its other parts alone when %s is empty: %s", format, q.exprString(emptyArg), q.render(f))
	f.zero, f.written = "the same value for every request without a key", false
	if empty.st == cond {
		// A parameter's part (requestKey): its callers decide, and
		// theirs is the empty part.
		return result{st: cond, f: f}, true
	}
	return badResult(f), true
}

// keyNamed reports whether text, an expression or what a finding says
// of it, names an idempotency key: key, token, idempotency, dedup, a
// request or event id.
func keyNamed(text string) bool {
	t := strings.ToLower(strings.NewReplacer("_", "", "-", "", " ", "").Replace(text))
	for _, w := range []string{"key", "token", "idempot", "dedup", "requestid", "eventid"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

func constString(v ssa.Value) (string, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c.Value), true
}

// formatHasText reports whether a fmt format string prints some constant
// text of its own, so the result is never "".
func formatHasText(f string) bool {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			return true
		}
		i++
		// Skip flags, width, precision, argument indexes up to the verb.
		for i < len(f) && strings.IndexByte("+-# 0123456789.*[]", f[i]) >= 0 {
			i++
		}
		if i < len(f) && f[i] == '%' {
			return true // "%%" prints a percent sign
		}
	}
	return false
}

// nonEmptyBytes reports whether b is a slice of a non-empty array with no
// bounds, such as sum[:] of a hash.
func nonEmptyBytes(b ssa.Value) bool {
	sl, ok := b.(*ssa.Slice)
	if !ok || sl.Low != nil || sl.High != nil {
		return false
	}
	p, ok := sl.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	a, ok := p.Elem().Underlying().(*types.Array)
	return ok && a.Len() > 0
}

// validFromArg: guregu's NewString(s, valid) is valid exactly when its
// valid argument is.
func validFromArg(q *query, c libCall) (result, bool) {
	if len(c.args) != 2 {
		return resUnknown, false
	}
	r := q.evalV(c.args[1], nil, c.pt, kValid, c.depth+1)
	return r, r.st != unknown
}

// validUnlessNil: null.StringFromPtr(p) is invalid exactly when p is nil.
func validUnlessNil(q *query, c libCall) (result, bool) {
	if len(c.args) != 1 {
		return resUnknown, false
	}
	return invalidWhen(q.evalV(c.args[0], nil, c.pt, kNull, c.depth+1), q.exprString(c.args[0])+" is nil")
}

// validUnlessEmpty: zero.StringFrom(s) is invalid exactly when s is "".
func validUnlessEmpty(q *query, c libCall) (result, bool) {
	if len(c.args) != 1 {
		return resUnknown, false
	}
	return invalidWhen(q.evalV(c.args[0], nil, c.pt, kEmpty, c.depth+1), q.exprString(c.args[0])+" is empty")
}

// validUnlessNilOrEmpty: zero.StringFromPtr(p) is invalid when p is nil
// or points to "".
func validUnlessNilOrEmpty(q *query, c libCall) (result, bool) {
	if len(c.args) != 1 {
		return resUnknown, false
	}
	if r, ok := invalidWhen(q.evalV(c.args[0], nil, c.pt, kNull, c.depth+1), q.exprString(c.args[0])+" is nil"); ok && r.st != safe {
		return r, true
	}
	return invalidWhen(q.evalDeref(c.args[0], c.pt, kEmpty, c.depth+1), q.exprString(c.args[0])+" points to an empty string")
}

// payloadFromArg: null.StringFrom(s) is valid, with s as its payload.
func payloadFromArg(q *query, c libCall) (result, bool) {
	if len(c.args) != 1 {
		return resUnknown, false
	}
	r := q.evalV(c.args[0], nil, c.pt, kEmpty, c.depth+1)
	return r, r.st != unknown
}

// payloadFromPtr: null.StringFromPtr(p) holds *p when p is not nil (a nil
// p is NULL, which the Valid rule reports).
func payloadFromPtr(q *query, c libCall) (result, bool) {
	if len(c.args) != 1 {
		return resUnknown, false
	}
	r := q.evalDeref(c.args[0], c.pt, kEmpty, c.depth+1)
	return r, r.st != unknown
}

// payloadUnlessFlagged: NewString(s, valid) holds s, written only when
// valid is true: NewString(s, s != "") never writes "", NewString(s,
// false) never writes s.
func payloadUnlessFlagged(q *query, c libCall) (result, bool) {
	if len(c.args) != 2 {
		return resUnknown, false
	}
	if cv, ok := c.args[1].(*ssa.Const); ok && (cv.Value == nil || cv.Value.Kind() == constant.Bool && !constant.BoolVal(cv.Value)) {
		return resSafe, true
	}
	if x, ok := flagOfNonEmpty(c.args[1]); ok && sameValue(x, c.args[0]) {
		return resSafe, true
	}
	r := q.evalV(c.args[0], nil, c.pt, kEmpty, c.depth+1)
	return r, r.st != unknown
}

// invalidWhen turns what makes a wrapper's argument missing into the
// wrapper's own Valid being false.
func invalidWhen(inner result, when string) (result, bool) {
	switch inner.st {
	case bad, cond:
		f := inner.f
		f.kind = Invalid
		if f.text != "" {
			f.text = "Valid is false when " + when + "; " + f.text
		} else {
			f.what = "Valid is false"
			if f.when == "" {
				f.when = "when " + when
			}
		}
		return result{st: inner.st, f: f}, true
	case safe:
		return resSafe, true
	}
	return resUnknown, false
}

// flagDefault judges the value behind flag.String's result (or a
// FlagSet's): the flag's default until the command line sets it, so
// empty when that default is "" and the flag is not given.
// flagCall returns the call that made the flag pointer whose target is
// cell l: the call itself (*key after key := flag.String(…)), or the one
// the package's initializer stores in the package variable
// (var key = flag.String(…); *key, the cell * of the variable).
func flagCall(l path) (*ssa.Call, bool) {
	if l.sel != "*" {
		return nil, false
	}
	if call, _, ok := resultCall(l.root); ok {
		return call, true
	}
	g, ok := l.root.(*ssa.Global)
	if !ok || g.Pkg == nil || g.Pkg.Func("init") == nil {
		return nil, false
	}
	for _, b := range g.Pkg.Func("init").Blocks {
		for _, in := range b.Instrs {
			if st, ok := in.(*ssa.Store); ok && st.Addr == g {
				call, ok := st.Val.(*ssa.Call)
				return call, ok
			}
		}
	}
	return nil, false
}

// mayWriteFlag reports whether ci may write the value of the flag the
// package variable g points to, other than as flag.Parse does: a call
// of unknown target, a function of g's own package (which may assign
// *g), or a flag Set.
func mayWriteFlag(ci ssa.CallInstruction, g ssa.Value) bool {
	f := calleeOf(ci.Common())
	if f == nil || ci.Common().IsInvoke() {
		return true
	}
	if id := idOf(f); id.pkg == "flag" {
		return id.name == "Set"
	}
	gl, ok := g.(*ssa.Global)
	return !ok || f.Pkg() == gl.Pkg.Pkg
}

func (q *query) flagDefault(call *ssa.Call) (finding, bool) {
	f := calleeOf(&call.Call)
	if f == nil {
		return finding{}, false
	}
	if id := idOf(f); id.pkg != "flag" || id.name != "String" || id.recv != "" && id.recv != "FlagSet" {
		return finding{}, false
	}
	args := userArgs(&call.Call)
	if len(args) != 3 {
		return finding{}, false
	}
	if d, ok := constString(args[1]); !ok || d != "" {
		return finding{}, false
	}
	subject := "its flag"
	if name, ok := constString(args[0]); ok && name != "" {
		subject = "the -" + name + " flag"
	}
	return finding{kind: Empty, what: "empty", via: "flag.String", when: "when " + subject + " is not given", origin: q.fi.exprPos(call)}, true
}

// libResultField judges field steps of result i of call, when the
// library leaves that field empty on some reads (libResultFields): a
// kafka-go message's Key is nil when the producer sent no key, so
// string(m.Key) is "" and m.Key itself is written as NULL.
func (q *query) libResultField(call *ssa.Call, i int, steps []string, k qkind) (finding, bool) {
	if len(steps) != 1 || k != kEmpty && k != kNull {
		return finding{}, false
	}
	f := calleeOf(&call.Call)
	if f == nil {
		return finding{}, false
	}
	rf, ok := libResultFields[idOf(f)]
	if !ok || rf.index != i || rf.field != steps[0] {
		return finding{}, false
	}
	what := "empty"
	if k == kNull {
		what = "nil"
	}
	return finding{kind: k.kind(), what: what, via: rf.via, when: "when " + rf.what, origin: q.fi.exprPos(call)}, true
}
