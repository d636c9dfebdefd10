package keyflow

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A converter often builds the row in a variable and fills it field by
// field before returning it (`var r row; if in.Key != "" { r.Key =
// &in.Key }; return &r, nil`). The insert then reads a field of the call's
// result, which nothing in the caller explains: resultField follows the
// field into the callee's returns (in this package, where it has a body),
// and judges what the callee leaves there. A field bad only when an
// argument is (r.Key = &in.Key under in.Key != "") is judged on the
// argument the call passes.

// maxResultFieldNesting bounds converters calling converters.
const maxResultFieldNesting = 3

// resultField judges the part sel (".Key", "*.Key") of result index of
// call, the root of a cell or register path, for k at pt.
func (q *query) resultField(call *ssa.Call, index int, sel string, k qkind, depth int) (result, bool) {
	callee := call.Call.StaticCallee()
	if callee != nil && len(callee.Blocks) == 0 && !call.Call.IsInvoke() && !strings.Contains(sel, "[") {
		return q.foreignResultField(call, index, sel, k, depth) // fieldsummary.go
	}
	if callee == nil || len(callee.Blocks) == 0 || call.Call.IsInvoke() || strings.Contains(sel, "[") {
		return resUnknown, false
	}
	if q.c.following[callee] || len(q.c.following) >= maxResultFieldNesting {
		return resUnknown, false
	}
	q.c.following[callee] = true
	defer delete(q.c.following, callee)
	var rs []result
	for _, ret := range returns(callee) {
		if !q.c.okReturn(callee, ret) || index >= len(ret.Results) {
			continue
		}
		if k, ok := ret.Results[index].(*ssa.Const); ok && k.IsNil() && strings.HasPrefix(sel, "*") {
			continue // no row (if in == nil { return nil }): nothing is written through it
		}
		q2 := q.c.query(callee, ret.Results[index], ret)
		if q2 == nil {
			return resUnknown, false
		}
		q2.steps = q.steps
		r := q2.evalSel(ret.Results[index], sel, q2.start, k, depth+1)
		q.steps = q2.steps
		if above := q2.fi.paramCheckAbove(ret, sel); above != nil && r.st == bad {
			// Bad only for callers whose argument fails the check.
			if d := q2.guardDep(*above); d != nil {
				r = result{st: cond, f: finding{kind: r.f.kind, text: q2.render(r.f), dep: d}}
			} else {
				r = resUnknown
			}
		}
		rs = append(rs, q.fromCallee(call, callee, sel, r, k, depth, "returns a value whose %s is %s"))
	}
	if len(rs) == 0 {
		return resUnknown, false
	}
	r := join(rs...)
	if r.st == unknown {
		// The callee hands the row to its caller's option (opt(o)):
		// say so, rather than leave the field to the generic note.
		for _, x := range rs {
			if x.st == unknown && x.escaped != nil && x.escaped.Parent() == callee && callsParamFunc(x.escaped.Common()) {
				r, ok := q.resolveOptions(call, callee, x.escaped, sel, k, depth)
				if ok {
					return r, true
				}
				return result{st: unknown, escaped: x.escaped, escWhy: r.escWhy}, true
			}
		}
	}
	return r, r.st != unknown
}

// fromCallee turns r, a result inside callee, into one at call: a bad
// one names the callee, a conditional one is judged on the argument.
// how says what callee does to the value, a format of the field and the
// kind ("returns a value whose %s is %s", or "leaves its argument's %s
// %s" for a setter judged through its parameter).
func (q *query) fromCallee(call *ssa.Call, callee *ssa.Function, sel string, r result, k qkind, depth int, how string) result {
	fq := &query{c: q.c, fi: q.c.info(callee)} // renders the callee's lines
	field := strings.TrimPrefix(strings.ReplaceAll(sel, "*", ""), ".")
	field = strings.TrimSuffix(field, ".Valid") // "Key is invalid (NULL)", not "Key.Valid is …"
	switch r.st {
	case bad:
		text := fmt.Sprintf("%s %s: %s", funcName(callee), fmt.Sprintf(how, field, kindWord(r.f.kind)), fq.renderFile(r.f))
		return badResult(finding{kind: r.f.kind, text: text, origin: q.fi.exprPos(call), written: r.f.written && r.f.when == ""})
	case cond:
		d := r.f.dep
		if d == nil || d.fn != callee || d.param >= len(call.Call.Args) {
			return resUnknown
		}
		if storesParamCell(callee, d) {
			// A builder's setter (if k != "" { b.o.Key = &k }; return b):
			// the argument's value comes back only on the paths that do
			// not write it, decided by a test of something else (k), not
			// followed here.
			return resUnknown
		}
		pt, ok := instrPoint(call)
		if !ok {
			return resUnknown
		}
		ar := q.evalSel(call.Call.Args[d.param], d.sel, pt, d.k, depth+1)
		why := fmt.Sprintf("%s %s: %s", funcName(callee), fmt.Sprintf(how, field, kindWord(r.f.kind)), fq.renderFile(r.f))
		switch ar.st {
		case bad:
			f := finding{kind: r.f.kind, text: q.render(ar.f) + "; " + why, origin: ar.f.origin}
			if !f.origin.IsValid() {
				f.origin = q.fi.exprPos(call)
			}
			return badResult(f)
		case cond:
			f := ar.f
			f.kind, f.text = r.f.kind, q.render(ar.f)+"; "+why
			return result{st: cond, f: f}
		}
		return ar
	}
	return r
}

// renderFile is render with file:line positions, for a finding inside
// another function than the one reported.
func (q *query) renderFile(f finding) string {
	if f.text != "" {
		return f.text
	}
	where := ""
	if f.origin.IsValid() {
		where = q.fi.fileLine(f.origin)
	}
	return q.reasonOf(f, where)
}

func kindWord(k Kind) string {
	switch k {
	case Nil:
		return "nil"
	case Invalid:
		return "invalid (NULL)"
	}
	return "empty"
}

// storesParamCell reports whether callee writes, on some path, the cell of
// its parameter that d says its result passes through (b.o.Key in a
// setter that returns b).
func storesParamCell(callee *ssa.Function, d *paramDep) bool {
	if d.param >= len(callee.Params) || !strings.HasPrefix(d.sel, "*") {
		return false
	}
	cell := path{root: callee.Params[d.param], mem: true, sel: d.sel}
	for _, b := range callee.Blocks {
		for _, in := range b.Instrs {
			st, ok := in.(*ssa.Store)
			if !ok {
				continue
			}
			if sl, ok := locPath(st.Addr); ok {
				if rel, _ := relate(sl, cell); rel == same || rel == prefix {
					return true
				}
			}
		}
	}
	return false
}

// setterCall judges cell l after call c, which is handed l's root (a
// builder's address: b.Key(k) on b := NewBuilder()) and so may write l:
// the cell of its parameter at each of the callee's returns, a value
// bad only when an argument is judged on that argument at c (the
// receiver's earlier contents among them). A callee out of view, or one
// that writes the cell only on some paths (if k != "" { b.s.Key = &k }),
// is not followed: ok is false.
func (q *query) setterCall(c ssa.CallInstruction, l path, k qkind, depth int) (result, bool) {
	call, ok := c.(*ssa.Call)
	if !ok || call.Call.IsInvoke() {
		return resUnknown, false
	}
	callee := call.Call.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 || len(callee.Params) != len(call.Call.Args) || strings.Contains(l.sel, "[") {
		return resUnknown, false
	}
	sel := l.sel
	if _, isAlloc := l.root.(*ssa.Alloc); isAlloc {
		sel = "*" + sel
	}
	if !strings.HasPrefix(sel, "*") {
		return resUnknown, false
	}
	param := -1
	for i, a := range call.Call.Args {
		if a == l.root {
			if param >= 0 {
				return resUnknown, false // handed twice
			}
			param = i
		}
	}
	if param < 0 || !staysLocal(callee.Params[param], 0) {
		return resUnknown, false // not handed, or the callee keeps the address (kept = append(kept, b)): any later call may write it
	}
	if q.c.following[callee] || len(q.c.following) >= maxResultFieldNesting {
		return resUnknown, false
	}
	q.c.following[callee] = true
	defer delete(q.c.following, callee)
	var rs []result
	for _, ret := range returns(callee) {
		q2 := q.c.query(callee, callee.Params[param], ret)
		if q2 == nil {
			return resUnknown, false
		}
		q2.steps = q.steps
		r := q2.evalSel(callee.Params[param], sel, q2.start, k, depth+1)
		q.steps = q2.steps
		rs = append(rs, q.fromCallee(call, callee, sel, r, k, depth, "leaves its argument's %s %s"))
	}
	if len(rs) == 0 {
		return resUnknown, false
	}
	r := join(rs...)
	return r, r.st != unknown
}

// staysLocal reports whether the pointer v (a parameter, or an address
// derived from it) is only loaded through, stored into, or returned: the
// function keeps no copy of it that other code could write through later.
func staysLocal(v ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	for _, r := range *v.Referrers() {
		switch x := r.(type) {
		case *ssa.UnOp, *ssa.DebugRef, *ssa.Return:
		case *ssa.Store:
			if x.Val == v {
				return false
			}
		case *ssa.FieldAddr:
			if !staysLocal(x, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// ForeignResult returns the function of another package whose result v
// is a field of (row.Key after row := rows.FromTransfer(t)): its body is
// not in this package's SSA, so resultField follows the field only as far
// as the function's FieldSummary fact says, and a field it does not
// speak for (its code does not tell) is not followed. nil when v
// is no field of such a result; field says v is known to be one already
// (the root of a row whose field is asked about).
func ForeignResult(v ssa.Value, field bool) *types.Func {
	for range 16 {
		switch x := v.(type) {
		case *ssa.Field:
			v, field = x.X, true
		case *ssa.FieldAddr:
			v, field = x.X, true
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return nil
			}
			v = x.X
		case *ssa.Extract:
			v = x.Tuple
		case *ssa.Alloc:
			// row := rows.FromTransfer(t), spilled: the one value stored.
			if v = singleStore(x); v == nil {
				return nil
			}
		case *ssa.FreeVar:
			// The row a transaction's closure captured: the local it binds.
			_, a := closureBinding(x.Parent(), x)
			if a == nil {
				return nil
			}
			v = a
		case *ssa.Call:
			callee := x.Call.StaticCallee()
			if !field || callee == nil || len(callee.Blocks) > 0 || x.Call.IsInvoke() {
				return nil
			}
			obj, _ := callee.Object().(*types.Func)
			if obj == nil || obj.Pkg() == nil || x.Parent() == nil || x.Parent().Pkg == nil || obj.Pkg() == x.Parent().Pkg.Pkg {
				return nil
			}
			return obj
		default:
			return nil
		}
	}
	return nil
}
