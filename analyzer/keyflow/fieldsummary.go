package keyflow

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/vocab"
)

// Services map a row through functions of other packages: a handler
// decodes a DTO and hands mapping.TransferFromDTO(req) to the repository,
// which builds rows.FromTransfer(t) and inserts row.Key. Those bodies are
// not in the caller's SSA, so resultField cannot follow the field into
// them. SummarizeFields says, in the package that has the body, what each
// key-shaped exported field of each struct result holds: bad whatever the
// arguments, bad exactly when part of an argument is (Conds, judged on the
// caller's argument), or never bad. The analyzer carries it across as a
// fact (Options.ResultFields).

// A FieldSummary is what a function leaves, for one kind of bad, in one
// key-shaped field of one of its results.
type FieldSummary struct {
	Index int    // the result's index in the signature
	Sel   string // the part asked about: ".Key", "*.Key", ".Key.Valid", "*.Key*"
	Kind  Kind
	// Reason says why the field is bad whatever the arguments ("" when
	// it is not); Zero is ResultSummary.Zero for it.
	Reason, Zero string
	// Conds are the ways the field is bad exactly when an argument is
	// (mapping.TransferFromDTO copies in.Key). With neither Reason nor
	// Conds, the field is never bad.
	Conds []Cond
}

func (s FieldSummary) String() string {
	field := strings.ReplaceAll(s.Sel, "*", "")
	switch {
	case s.Reason != "":
		return fmt.Sprintf("result %d%s may be %s", s.Index, field, s.Kind)
	case len(s.Conds) == 0:
		return fmt.Sprintf("result %d%s never %s", s.Index, field, s.Kind)
	}
	var parts []string
	for _, c := range s.Conds {
		parts = append(parts, fmt.Sprintf("%s when argument %d%s is %s", c.Kind, c.Param, strings.TrimPrefix(c.Sel, "*"), c.Arg))
	}
	return fmt.Sprintf("result %d%s %s", s.Index, field, strings.Join(parts, "; "))
}

// A fieldPart is one part of a result a caller may ask about, and how.
type fieldPart struct {
	sel  string
	k    qkind
	zero string // the zero ID's name, for a fixed-size ID
}

// resultParts lists the parts of a struct result (or a pointer to one) an
// importer can read and write into a key column: its exported key-shaped
// fields, with the paths the caller's queries use for them (judgeNullField,
// judgeEmptyField, and memory cells behind a pointer).
func resultParts(t types.Type) []fieldPart {
	prefix := ""
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t, prefix = p.Elem(), "*"
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || nullStruct(t) != nil {
		return nil // a NULL wrapper is a key itself: Summarize's
	}
	var out []fieldPart
	for f := range st.Fields() {
		if !f.Exported() || f.Embedded() {
			continue
		}
		ft, sel := f.Type(), prefix+"."+f.Name()
		switch {
		case nullStruct(ft) != nil:
			ns := nullStruct(ft)
			out = append(out, fieldPart{sel: sel + "." + strings.Join(ns.valid, "."), k: kValid})
			switch {
			case isString(ns.payloadType):
				out = append(out, fieldPart{sel: sel + "." + ns.payload, k: kEmpty})
			case vocab.IsFixedID(ns.payloadType):
				out = append(out, fieldPart{sel: sel + "." + ns.payload, k: kEmpty, zero: vocab.ZeroIDName(ft)})
			}
		case isString(ft):
			out = append(out, fieldPart{sel: sel, k: kEmpty})
		case vocab.IsFixedID(ft):
			out = append(out, fieldPart{sel: sel, k: kEmpty, zero: vocab.ZeroIDName(ft)})
		case isByteSlice(ft):
			out = append(out, fieldPart{sel: sel, k: kNull}, fieldPart{sel: sel, k: kEmpty})
		case isStringPtr(ft) || vocab.IsFixedID(derefType(ft)):
			out = append(out, fieldPart{sel: sel, k: kNull})
			if prefix == "*" {
				out = append(out, fieldPart{sel: sel + "*", k: kEmpty, zero: vocab.ZeroIDName(derefType(ft))})
			}
		}
	}
	return out
}

// HasResultParts reports whether one of sig's results is a struct (or a
// pointer to one) with a field SummarizeFields would judge.
func HasResultParts(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		if len(resultParts(v.Type())) > 0 {
			return true
		}
	}
	return false
}

// SummarizeFields judges every key-shaped exported field of fn's struct
// results at each return a caller may use (okReturn). A field whose value
// the analysis cannot tell on some return is left out: callers then know
// nothing about it, as before.
func (c *Checker) SummarizeFields(fn *ssa.Function) []FieldSummary {
	if fn == nil || len(fn.Blocks) == 0 {
		return nil
	}
	var out []FieldSummary
	res := fn.Signature.Results()
	for i := range res.Len() {
		for _, part := range resultParts(res.At(i).Type()) {
			if s, ok := c.summarizeField(fn, i, part); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// summarizeField judges part of result i at every return; ok is false
// when some return leaves it unknown.
func (c *Checker) summarizeField(fn *ssa.Function, i int, part fieldPart) (FieldSummary, bool) {
	s := FieldSummary{Index: i, Sel: part.sel, Kind: part.k.kind()}
	name := funcName(fn)
	field := strings.TrimSuffix(strings.TrimPrefix(strings.ReplaceAll(part.sel, "*", ""), "."), ".Valid")
	counted := false // a return callers use: with none, nothing is known
	for _, ret := range returns(fn) {
		if !c.okReturn(fn, ret) || i >= len(ret.Results) {
			continue
		}
		counted = true
		v := ret.Results[i]
		if k, ok := v.(*ssa.Const); ok && k.IsNil() && strings.HasPrefix(part.sel, "*") {
			continue // no row: nothing is written through it
		}
		q := c.query(fn, v, ret)
		if q == nil {
			return s, false
		}
		q.zeroName = part.zero
		r := q.evalSel(v, part.sel, q.start, part.k, 0)
		above := q.fi.paramCheckAbove(ret, part.sel)
		var d *paramDep
		switch {
		case r.st == safe:
			continue
		case r.st == bad && above != nil:
			d = q.guardDep(*above)
		case r.st == bad && r.f.branch != nil && q.fi.checksParam(r.f.branch):
			d = q.branchDep(r.f.branch, r.f.branchTo)
		case r.st == bad:
			if s.Reason == "" {
				s.Reason = fmt.Sprintf("%s returns a value whose %s is %s: %s", name, field, kindWord(r.f.kind), q.renderFile(r.f))
				s.Zero = r.f.zero
			}
			continue
		case r.st == cond && above == nil:
			d = r.f.dep
		}
		if d == nil || d.fn != fn || strings.HasPrefix(d.sel, elemSel) {
			return s, false // unknown, or a dependence callers cannot be told
		}
		f := r.f
		if f.when == "" || f.text != "" {
			f.when, f.text = "when "+q.depText(*d), ""
		}
		if !f.origin.IsValid() {
			f.origin = ret.Pos()
		}
		cd := Cond{Kind: part.k.kind(), Param: d.param, Sel: d.sel, Arg: d.k.kind(),
			Reason: fmt.Sprintf("%s returns a value whose %s is %s: %s", name, field, kindWord(r.f.kind), q.renderFile(f))}
		if !hasCond(s.Conds, cd) {
			s.Conds = append(s.Conds, cd)
		}
	}
	return s, counted
}

func hasCond(conds []Cond, cd Cond) bool {
	for _, x := range conds {
		if x.Kind == cd.Kind && x.Param == cd.Param && x.Sel == cd.Sel && x.Arg == cd.Arg {
			return true
		}
	}
	return false
}

// foreignResultField judges part sel of result index of call, a function
// of another package, from its FieldSummary (Options.ResultFields): bad
// as the summary says, or as the argument it depends on is. ok is false
// when no summary speaks for the part, or the argument is not known.
func (q *query) foreignResultField(call *ssa.Call, index int, sel string, k qkind, depth int) (result, bool) {
	f := calleeOf(&call.Call)
	if f == nil || call.Call.IsInvoke() || q.c.opts.ResultFields == nil {
		return resUnknown, false
	}
	for _, s := range q.c.opts.ResultFields(f) {
		if s.Index != index || s.Sel != sel || s.Kind != k.kind() {
			continue
		}
		if s.Reason != "" {
			fd := finding{kind: k.kind(), text: s.Reason, origin: q.fi.exprPos(call)}
			if k == kEmpty {
				fd.zero = s.Zero
			}
			return badResult(fd), true
		}
		return q.fieldConds(call, s.Conds, k, depth)
	}
	return resUnknown, false
}

// fieldConds judges conds on the arguments of call: the field is bad when
// one of them is, safe when all are known not to be.
func (q *query) fieldConds(call *ssa.Call, conds []Cond, k qkind, depth int) (result, bool) {
	pt, ok := instrPoint(call)
	if !ok {
		return resUnknown, false
	}
	var pending *result
	for _, cd := range conds {
		if cd.Param < 0 || cd.Param >= len(call.Call.Args) || !q.tick(depth) {
			return resUnknown, false
		}
		r := q.condOnArg(call, cd, pt, k, depth)
		switch r.st {
		case bad:
			return r, true
		case cond:
			if pending == nil {
				pending = &r
			}
		case unknown:
			return r, false
		}
	}
	if pending != nil {
		return *pending, true
	}
	return resSafe, true
}
