package keyflow

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// This file handles values that are bad exactly when a parameter is: a
// helper such as toNullText(p *string) pgtype.Text, whose result is
// invalid when p is nil, or nullString(s) with Valid: s != "". Inside the
// function nothing is known (the caller's argument decides), so the
// result is "cond": bad on the condition a paramDep names. A summary
// carries it to the callers as a Cond, which they judge on the argument
// they pass.

// A paramDep says a value is bad when the part sel of parameter param of
// the function is bad as k.
type paramDep struct {
	// fn is the function whose parameter it is: the one the query is
	// about, or an enclosing one whose variable a closure captured
	// (memory.go's captured).
	fn    *ssa.Function
	param int    // index in fn.Params (the receiver first)
	sel   string // the part: "" the parameter, ".A.B" its fields, "*" its target, "*.A.B" fields behind it
	k     qkind
}

// depOf returns the dependence a value found at path p (that the function
// says nothing more about) has on a parameter, when p is a parameter or a
// part of one the function does not write.
func (q *query) depOf(p path, k qkind) (paramDep, bool) {
	root := p.root
	if a, ok := root.(*ssa.Alloc); ok {
		// A parameter spilled to a local (its address is taken): the
		// local's contents are the parameter as long as it is stored once.
		if v, ok := singleStore(a).(*ssa.Parameter); ok && p.mem {
			root = v
		}
	}
	sel := p.sel
	_, spilled := root.(*ssa.Alloc) // then the path must be what it holds
	if prm, ok := elementOfParam(root); ok && (p.mem || !spilled) {
		// A range variable over a parameter slice (for _, x := range in,
		// perhaps spilled to a local): a part of every element, which
		// each caller's elements decide (elemsource.go).
		root, sel = prm, elemSel+p.sel
	}
	prm, ok := root.(*ssa.Parameter)
	if !ok || !validDepSel(p.sel) {
		return paramDep{}, false
	}
	for i, x := range q.fi.fn.Params {
		if x == prm {
			return paramDep{fn: q.fi.fn, param: i, sel: sel, k: k}, true
		}
	}
	return paramDep{}, false
}

// elementOfParam returns the parameter slice v is an element of, read
// through an index (*(&in[i]), a range variable's value), or the local
// such an element is copied to once (a range variable whose address is
// taken).
func elementOfParam(v ssa.Value) (*ssa.Parameter, bool) {
	if a, ok := v.(*ssa.Alloc); ok {
		v = singleStore(a)
	}
	_, ia, ok := elementLoad(v)
	if !ok {
		return nil, false
	}
	prm, ok := ia.X.(*ssa.Parameter)
	if !ok {
		return nil, false
	}
	if _, isSlice := prm.Type().Underlying().(*types.Slice); !isSlice {
		return nil, false
	}
	return prm, true
}

// validDepSel accepts the parts of a parameter a caller's argument can be
// asked about: fields, at most one dereference, first.
func validDepSel(sel string) bool {
	if strings.Contains(sel, "[") {
		return false
	}
	return !strings.Contains(sel, "*") || strings.HasPrefix(sel, "*")
}

// condResult is the result for a value bad exactly when d holds.
func (q *query) condResult(d paramDep, k qkind) result {
	if d.fn == nil {
		d.fn = q.fi.fn
	}
	what := map[qkind]string{kNull: "nil", kEmpty: "empty", kValid: "Valid is false"}[k]
	return result{st: cond, f: finding{kind: k.kind(), what: what, when: "when " + q.depText(d), dep: &d}}
}

// selText renders the cell sel of name as Go writes it: the
// dereferences inside a selector are implicit (in.s.Key for in.s*.Key),
// a last one is explicit (*in.Key for the string a *string points to).
func selText(name, sel string) string {
	deref := strings.HasSuffix(sel, "*")
	sel = strings.ReplaceAll(strings.TrimSuffix(sel, "*"), "*", "")
	if deref {
		return "*" + name + sel
	}
	return name + sel
}

// depText says when d holds: "p is nil", "in.Key is empty".
func (q *query) depText(d paramDep) string {
	name := d.fn.Params[d.param].Name()
	sel := strings.TrimPrefix(d.sel, "*")
	if rest, ok := strings.CutPrefix(sel, elemSel); ok {
		// in.Key where in ranges over the parameter items.
		name, sel = "an element of "+name, rest
		if d.k == kValid {
			sel = strings.TrimSuffix(sel, ".Valid")
		}
		if sel != "" {
			name = "the " + strings.TrimPrefix(sel, ".") + " of " + name
			sel = ""
		}
		if d.k == kValid {
			return name + " is invalid (NULL)"
		}
	}
	switch d.k {
	case kNull:
		return selText(name, sel) + " is nil"
	case kValid:
		if strings.HasSuffix(sel, ".Valid") {
			return strings.TrimSuffix(selText(name, sel), ".Valid") + " is invalid (NULL)"
		}
		return selText(name, sel) + " is false"
	}
	return selText(name, sel) + " is empty"
}

// evalSel judges the part sel of the argument a (a caller's value for a
// parameter) for k at pt.
func (q *query) evalSel(a ssa.Value, sel string, pt point, k qkind, depth int) result {
	switch {
	case strings.HasPrefix(sel, elemSel):
		return resUnknown // every element of a slice: the analyzer's fact, not a condition on one argument
	case sel == "":
		return q.evalV(a, nil, pt, k, depth)
	case sel[0] == '.':
		return q.evalV(a, strings.Split(sel[1:], "."), pt, k, depth)
	case sel == "*" && k == kEmpty:
		return q.evalDeref(a, pt, k, depth)
	}
	if r, ok := q.evalPointerElement(a, sel, k); ok {
		return r
	}
	l, ok := locPath(a)
	if !ok {
		return resUnknown
	}
	l.sel += sel[1:]
	return q.evalMem(l, pt, k, depth)
}

// A Cond says one result of a function is bad (as Kind) when part Sel of
// argument Param is bad as Arg: Nil, Empty, or Invalid (Sel then ends in
// the Valid field). Param counts the receiver first. Reason says so for
// messages: "toNullText returns pgtype.Text{}, Valid is false when p is
// nil (conv.go:12)".
type Cond struct {
	Kind   Kind
	Param  int
	Sel    string
	Arg    Kind
	Reason string
}

func qkindOf(k Kind) qkind {
	switch k {
	case Nil:
		return kNull
	case Invalid:
		return kValid
	}
	return kEmpty
}

// applyConds judges the conditional summaries of result index of call
// for k: bad when the argument the call passes is. ok is false when none
// applies or the arguments are not known to be bad.
func (q *query) applyConds(call *ssa.Call, conds []Cond, index int, k qkind, depth int) (result, bool) {
	if call.Call.IsInvoke() {
		return resUnknown, false
	}
	pt, ok := instrPoint(call)
	if !ok {
		return resUnknown, false
	}
	var pending *result
	covered := false // an empty payload that is NULL then, not ""
	for _, cd := range conds {
		if cd.Kind != k.kind() || cd.Param < 0 || cd.Param >= len(call.Call.Args) {
			continue
		}
		if k == kEmpty && invalidWith(call, index, conds, cd) {
			covered = true
			continue
		}
		if !q.tick(depth) {
			return resUnknown, false
		}
		r := q.condOnArg(call, cd, pt, k, depth)
		switch r.st {
		case bad:
			return r, true
		case cond:
			// The first condition, unless it runs through a pointer on
			// the way (Key* empty), which callers cannot be told: then one
			// they can (Key nil, a proto getter's other way to "").
			if pending == nil || unrenderable(pending.f.dep) && !unrenderable(r.f.dep) {
				pending = &r
			}
		}
	}
	if pending != nil {
		return *pending, true
	}
	if covered {
		return resSafe, true
	}
	return resUnknown, false
}

// condOnArg judges cd on the argument call passes: the call's result (as
// k) is bad when the argument is, with cd's reason after the argument's,
// and conditional when the argument is; else what the argument is.
func (q *query) condOnArg(call *ssa.Call, cd Cond, pt point, k qkind, depth int) result {
	r := q.evalSel(call.Call.Args[cd.Param], cd.Sel, pt, qkindOf(cd.Arg), depth+1)
	switch r.st {
	case bad:
		f := finding{kind: k.kind(), text: q.render(r.f) + "; " + cd.Reason, origin: r.f.origin}
		if !f.origin.IsValid() {
			f.origin = q.fi.exprPos(call)
		}
		return badResult(f)
	case cond:
		f := r.f
		f.kind, f.text = k.kind(), q.render(r.f)+"; "+cd.Reason
		return result{st: cond, f: f}
	}
	return r
}

// unrenderable reports whether d cannot be told to callers as one field
// path (dependenceOf): a pointer on the way.
func unrenderable(d *paramDep) bool { return d != nil && strings.Count(d.sel, "*") > 1 }

// invalidWith reports whether cd, a condition under which result index of
// call has an empty payload, also makes that result an invalid Null value
// (sql.NullString{String: s, Valid: s != ""}): the value is NULL then,
// never the empty string.
func invalidWith(call *ssa.Call, index int, conds []Cond, cd Cond) bool {
	t := call.Type()
	if tu, ok := t.(*types.Tuple); ok {
		if index >= tu.Len() {
			return false
		}
		t = tu.At(index).Type()
	}
	if nullStruct(t) == nil {
		return false
	}
	for _, o := range conds {
		if o.Kind == Invalid && o.Param == cd.Param && o.Arg == cd.Arg && o.Sel == cd.Sel {
			return true
		}
	}
	return false
}

// render is a finding's reason as a Verdict would give it.
func (q *query) render(f finding) string {
	if f.text != "" {
		return f.text
	}
	where := ""
	if line := q.fi.line(f.origin); line > 0 {
		where = fmt.Sprintf("line %d", line)
	}
	return q.reasonOf(f, where)
}

// instrPoint is the point just before in.
func instrPoint(in ssa.Instruction) (point, bool) {
	b := in.Block()
	if b == nil {
		return point{}, false
	}
	for i, x := range b.Instrs {
		if x == in {
			return point{block: b, index: i}, true
		}
	}
	return point{}, false
}

// A Dependence says a value is NULL or empty exactly when part of a
// parameter of the function holding it is: the function's callers decide.
// Param counts the receiver first; Fields are the parameter's fields
// (through its pointer, when it is one); Arg is how they must be bad.
// Func is the function whose parameter it is: the one holding the value,
// or, for a value a closure captured, the function around it (see
// Checker.RunsInParent for when that is its callers' value).
type Dependence struct {
	Func   *ssa.Function
	Kind   Kind
	Param  int
	Fields []string
	Arg    Kind
	Reason string
	// Zero, with Kind Empty, says the value is not "" but the same
	// value for every caller whose part is empty (a key format's other
	// parts alone: fmt.Sprintf("%s/%s", host, requestKey)).
	Zero string
}

// NullDependence reports whether v, used at at, is NULL exactly when a
// parameter (or a field of one) of fn is nil, empty or invalid, and which.
func (c *Checker) NullDependence(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (Dependence, bool) {
	q, r := c.judgeNull(fn, v, at)
	return q.dependence(r)
}

// EmptyDependence is NullDependence for "".
func (c *Checker) EmptyDependence(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (Dependence, bool) {
	q, r := c.judgeEmpty(fn, v, at)
	return q.dependence(r)
}

func (q *query) dependence(r result) (Dependence, bool) {
	if q == nil || r.st != cond || r.f.dep == nil {
		return Dependence{}, false
	}
	return q.dependenceOf(r.f.dep, r.f)
}

// dependenceOf renders d, the dependence of the finding f, for callers.
func (q *query) dependenceOf(d *paramDep, f finding) (Dependence, bool) {
	if strings.Count(d.sel, "*") > 1 {
		return Dependence{}, false // a pointer on the way: not one field path for the callers
	}
	sel := strings.TrimPrefix(d.sel, "*")
	arg := d.k.kind()
	if arg == Invalid {
		sel = strings.TrimSuffix(sel, ".Valid")
	}
	var fields []string
	if sel != "" {
		fields = strings.Split(strings.TrimPrefix(sel, "."), ".")
	}
	if d.sel == "*" && d.k == kEmpty {
		fields = nil // the target of a *string parameter
	} else if strings.HasPrefix(d.sel, "*") && len(fields) == 0 {
		return Dependence{}, false
	}
	return Dependence{Func: d.fn, Kind: f.kind, Param: d.param, Fields: fields, Arg: arg, Reason: q.render(f), Zero: f.zero}, true
}
