package keyflow

import (
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"github.com/idemlint/idemlint/analyzer/vocab"
	"golang.org/x/tools/go/ssa"
)

// An element of a slice read under an index that is not a constant (a
// range variable's field: for _, in := range items { … in.Key … }) is
// judged by where the slice comes from, when evalElement cannot read its
// stores:
//
//   - a parameter of the function: its callers' elements decide, so the
//     value is "cond" on the element's field (a paramDep whose sel starts
//     with "[]"); the analyzer turns it into a fact param i.[].Key, and
//     no summary of the function's results carries it (a result's
//     condition names one argument, not each element of one);
//   - a value a decoder fills (json.Decode(&items), or a field of a
//     decoded struct): the request may leave the field out of any
//     element, so it is bad, unless a required rule enforced by the
//     decoder covers it.
//
// Either way, a branch that tests the element's field (a loop that
// checks each element, perhaps rejecting it) leaves the value unknown:
// the check is not followed element by element.

// elemSel marks a paramDep's sel as a part of every element of a slice
// parameter.
const elemSel = "[]"

// elementSource judges the fields steps of an element of the slice s.
func (q *query) elementSource(s ssa.Value, steps []string, k qkind) (result, bool) {
	if elementsTested(s) {
		return resUnknown, false
	}
	st, ok := s.Type().Underlying().(*types.Slice)
	if !ok {
		return resUnknown, false
	}
	elem := st.Elem()
	if p, ok := elem.Underlying().(*types.Pointer); ok && len(steps) > 0 {
		// Pointer elements: a parameter's are elementSourceThrough's;
		// a decoded slice's are read as values when nothing writes
		// through them (decodedElement).
		if _, isLoad := s.(*ssa.UnOp); !isLoad {
			return resUnknown, false
		}
		elem = p.Elem()
	}
	ft := fieldPathType(elem, steps)
	if ft == nil {
		return resUnknown, false
	}
	if k == kValid {
		ft = fieldPathType(elem, steps[:max(len(steps)-1, 0)])
	}
	if ft == nil || !badType(ft, k) {
		return resUnknown, false
	}
	switch x := s.(type) {
	case *ssa.Parameter:
		for i, p := range q.fi.fn.Params {
			if p == x {
				sel := elemSel
				if len(steps) > 0 {
					sel += "." + strings.Join(steps, ".")
				}
				return q.condResult(paramDep{param: i, sel: sel, k: k}, k), true
			}
		}
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return q.decodedElement(x, st.Elem(), steps, k)
		}
	}
	return resUnknown, false
}

// elementSourceThrough is elementSource for the fields steps of an
// element of a parameter slice reached through pointers (the element
// itself, in a slice of pointers, and pointer fields on the way:
// for _, a := range in { r := a.Request; … r.Key }), which evalElement
// found no write of. A caller's elements are judged where its slice is
// built; a branch that tests a part of an element leaves the value
// unknown, as for elements held by value.
func (q *query) elementSourceThrough(s ssa.Value, steps []string, k qkind) (result, bool) {
	x, isParam := s.(*ssa.Parameter)
	st, isSlice := s.Type().Underlying().(*types.Slice)
	if !isParam || !isSlice || elementsTested(s) {
		return resUnknown, false
	}
	ft := fieldPathTypeThrough(st.Elem(), steps)
	if k == kValid {
		ft = fieldPathTypeThrough(st.Elem(), steps[:max(len(steps)-1, 0)])
	}
	if ft == nil || !badType(ft, k) {
		return resUnknown, false
	}
	for i, p := range q.fi.fn.Params {
		if p == x {
			return q.condResult(paramDep{param: i, sel: elemSel + "." + strings.Join(steps, "."), k: k}, k), true
		}
	}
	return resUnknown, false
}

// fieldPathTypeThrough is fieldPathType through pointers on the way.
func fieldPathTypeThrough(t types.Type, fields []string) types.Type {
	for _, name := range fields {
		fv, _ := fieldByName(t, name)
		if fv == nil {
			return nil
		}
		t = fv.Type()
	}
	return t
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// decodedElement judges the fields steps of an element of the slice that
// load reads, when a decoder of the function fills the variable (or the
// field of one) it is loaded from, and nothing else stores there.
func (q *query) decodedElement(load *ssa.UnOp, elem types.Type, steps []string, k qkind) (result, bool) {
	l, ok := locPath(load.X)
	if !ok || strings.ContainsAny(l.sel, "*[") || len(steps) == 0 {
		return resUnknown, false
	}
	if _, isAlloc := l.root.(*ssa.Alloc); !isAlloc {
		return resUnknown, false
	}
	var found ssa.CallInstruction
	var dec decoder
	for _, b := range q.fi.fn.Blocks {
		for _, in := range b.Instrs {
			switch x := in.(type) {
			case *ssa.UnOp:
				// Another read of the slice whose elements a branch tests:
				// a loop that checks each element before this one.
				if x.Op == token.MUL {
					if xl, ok := locPath(x.X); ok && xl == l && (elementsTested(x) || !elementPointersKeep(x, steps)) {
						return resUnknown, false
					}
				}
			case *ssa.Store:
				// items = other, or the struct holding it replaced.
				if sl, ok := locPath(x.Addr); ok && sl.root == l.root && (sl.sel == l.sel || strings.HasPrefix(l.sel, sl.sel+".")) {
					return resUnknown, false
				}
			case ssa.CallInstruction:
				d, ok := decoderOf(x.Common())
				args := userArgs(x.Common())
				if !ok || d.target >= len(args) {
					continue
				}
				tl, ok := locPath(unbox(args[d.target]))
				if !ok || tl.root != l.root || tl.sel != l.sel && !strings.HasPrefix(l.sel, tl.sel+".") {
					continue
				}
				if found != nil {
					return resUnknown, false // decoded twice: which one is not followed
				}
				found, dec = x, d
			}
		}
	}
	if found == nil {
		return resUnknown, false
	}
	if k == kValid {
		steps = steps[:len(steps)-1]
	}
	df := decodedField{}
	t := elem
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	for _, s := range steps {
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return resUnknown, false
		}
		fv, i := fieldByName(st, s)
		if fv == nil {
			return resUnknown, false
		}
		df.field, df.tag, t = fv, reflect.StructTag(st.Tag(i)), fv.Type()
	}
	name, decodedHere := inputName(df, dec.tags)
	if !decodedHere {
		return resUnknown, false
	}
	if dec.checks != "" && vocab.RequiredRule(df.tag.Get(dec.checks)) {
		return resUnknown, false // the decoder's own required rule; its error is the caller's to check
	}
	trusted, why := q.elementsValidated(load, l, elem, steps)
	if trusted {
		return resUnknown, false
	}
	what := map[qkind]string{kNull: "nil", kEmpty: "empty", kValid: "invalid (NULL)"}[k]
	text := fmt.Sprintf("%s when an element of %s has no %s, decoded at %s%s", what, dec.from, name, q.fi.fileLine(found.Pos()), why)
	return badResult(finding{kind: k.kind(), text: text, origin: found.Pos()}), true
}

// elementsValidated reports whether a validator call requires the field
// steps of each element of the slice in l, whose elements are of type
// elem, with its error handled on every path to load: a known validator
// (vocab's table) that dives into the slice, the element's field tagged
// required (go-playground validates a struct element by its own fields'
// tags; a `required` after the dive is skipped for a struct), or a call
// named Validate… over the value, whose rules are out of view and
// trusted. Otherwise why, when a known validator covers the slice, says
// why it does not count, for the message.
func (q *query) elementsValidated(load *ssa.UnOp, l path, elem types.Type, steps []string) (bool, string) {
	elemRequired := func(tag string) bool {
		t, ok := vocab.FieldTag(elem, steps)
		return ok && vocab.RequiredRule(t.Get(tag))
	}
	why := ""
	for _, v := range q.fi.validationsOf() {
		if v.cell.root != l.root {
			continue
		}
		if v.anyRule {
			return true, ""
		}
		var requires bool
		switch {
		case v.tag == "" && v.cell.sel == l.sel:
			// validate.Var(items, "dive")
			_, dives := vocab.DiveRule(v.rules)
			requires = dives && elemRequired(vocab.DefaultValidateTag)
		case v.tag != "" && strings.HasPrefix(l.sel, v.cell.sel+"."):
			// validate.Struct(&body), body.Items tagged "dive"
			root, ok := l.root.Type().Underlying().(*types.Pointer)
			if !ok {
				continue
			}
			field, ok := vocab.FieldTag(root.Elem(), strings.Split(strings.TrimPrefix(l.sel, "."), "."))
			_, dives := vocab.DiveRule(field.Get(v.tag))
			requires = ok && dives && elemRequired(v.tag)
		default:
			continue
		}
		at := q.fi.fileLine(v.call.Pos())
		if !requires {
			why = fmt.Sprintf(", and the validator called at %s does not require it of each element", at)
			continue
		}
		if pt, ok := instrPoint(load); ok && q.errChecked(v.call, pt) {
			return true, ""
		}
		why = fmt.Sprintf(", and the error of the validator called at %s is not checked on every path here", at)
	}
	return false, why
}

// elementsTested reports whether a branch of the function tests a part
// of an element of s: a check the element's value does not show.
func elementsTested(s ssa.Value) bool {
	var tested func(v ssa.Value) bool
	tested = func(v ssa.Value) bool {
		refs := v.Referrers()
		if refs == nil {
			return false
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.UnOp:
				// A loaded pointer (an element of a slice of pointers, or
				// a pointer field of one) is tested through its fields.
				if r.Op == token.MUL && (testedDeep(r) || storedTested(r, tested) || isPointer(r.Type()) && tested(r)) {
					return true
				}
			case *ssa.FieldAddr:
				if tested(r) {
					return true
				}
			}
		}
		return false
	}
	refs := s.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if ia, ok := r.(*ssa.IndexAddr); ok && tested(ia) {
			return true
		}
	}
	return false
}

// testedDeep reports whether v, or a field of it, decides a branch: compared
// (==, !=) in an if's condition, negated into one, or its condition itself
// (a Valid flag).
func testedDeep(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.If:
			return true
		case *ssa.Field:
			if testedDeep(r) {
				return true
			}
		case *ssa.UnOp:
			if r.Op == token.NOT && testedDeep(r) {
				return true
			}
		case *ssa.BinOp:
			if (r.Op == token.EQL || r.Op == token.NEQ) && decides(r) {
				return true
			}
		case *ssa.Call:
			// len(in.Key) == 0
			if b, ok := r.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" && testedDeep(r) {
				return true
			}
		}
	}
	return false
}

// decides reports whether the comparison c is an if's condition, alone or
// under ! (a comparison only stored into a Valid field decides nothing).
func decides(c ssa.Value) bool {
	for _, r := range *c.Referrers() {
		switch r := r.(type) {
		case *ssa.If:
			return true
		case *ssa.UnOp:
			if r.Op == token.NOT && decides(r) {
				return true
			}
		}
	}
	return false
}

// MayBeNullElements is MayBeNullField for the part fields of every element
// of the slice v: the argument a caller passes at at to a function that
// writes that part of each element into a key (a fact param i.[].Key).
// The elements are judged where the slice is built (appended in the
// function) or filled (decoded from the request).
func (c *Checker) MayBeNullElements(fn *ssa.Function, v ssa.Value, fields []string, at ssa.Instruction) (Verdict, bool) {
	q, elem := c.elementQuery(fn, v, at)
	if q == nil {
		return Verdict{}, false
	}
	ft := fieldPathType(elem, fields)
	steps := fields[:len(fields):len(fields)]
	switch {
	case ft == nil:
		return Verdict{}, false
	case nullStruct(ft) != nil:
		return q.verdict(q.evalElements(unbox(v), append(steps, nullStruct(ft).valid...), kValid, at))
	case nillable(ft):
		return q.verdict(q.evalElements(unbox(v), steps, kNull, at))
	}
	return Verdict{}, false
}

// MayBeEmptyElements is MayBeNullElements for "".
func (c *Checker) MayBeEmptyElements(fn *ssa.Function, v ssa.Value, fields []string, at ssa.Instruction) (Verdict, bool) {
	q, elem := c.elementQuery(fn, v, at)
	if q == nil {
		return Verdict{}, false
	}
	ft := fieldPathType(elem, fields)
	steps := fields[:len(fields):len(fields)]
	switch {
	case ft == nil:
		return Verdict{}, false
	case isString(ft):
		return q.verdict(q.evalElements(unbox(v), steps, kEmpty, at))
	case nullStruct(ft) != nil && isString(nullStruct(ft).payloadType):
		return q.verdict(q.evalElements(unbox(v), append(steps, nullStruct(ft).payload), kEmpty, at))
	}
	return Verdict{}, false
}

// elementQuery starts a query about the elements of the slice v, and
// returns their type.
func (c *Checker) elementQuery(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (*query, types.Type) {
	st, ok := unbox(v).Type().Underlying().(*types.Slice)
	if !ok {
		return nil, nil
	}
	q := c.query(fn, v, at)
	if q == nil {
		return nil, nil
	}
	return q, st.Elem()
}

// evalElements judges the part steps of every element of the slice s, as
// the call at sees them.
func (q *query) evalElements(s ssa.Value, steps []string, k qkind, at ssa.Instruction) result {
	if r, ok := q.elementSource(s, steps, k); ok {
		return r
	}
	if in, ok := s.(ssa.Instruction); !ok || in.Parent() != q.fi.fn {
		return resUnknown
	}
	stores, ok := elementStores(s, at)
	if !ok || len(stores) == 0 {
		return resUnknown
	}
	r, _ := q.judgeStores(stores, steps, k, 0)
	return r
}

// storedTested reports whether the loaded element v is stored into a
// local (the range variable, when it is not kept in a register) whose
// contents tested finds checked.
func storedTested(v ssa.Value, tested func(ssa.Value) bool) bool {
	for _, r := range *v.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Val == v {
			if a, ok := st.Addr.(*ssa.Alloc); ok && tested(a) {
				return true
			}
		}
	}
	return false
}

// ElementsBuilt reports whether v, a slice passed at at, is one the
// function builds by appending (or setting elements of) and uses for
// nothing else: MayBeNullElements and MayBeEmptyElements read every
// element it holds, so no answer from them means the elements are fine.
func ElementsBuilt(fn *ssa.Function, v ssa.Value, at ssa.Instruction) bool {
	if in, ok := v.(ssa.Instruction); !ok || fn == nil || in.Parent() != fn {
		return false
	}
	stores, ok := elementStores(v, at)
	return ok && len(stores) > 0
}

// elementPointersKeep reports whether nothing writes the field path steps
// through an element of s, a slice read whole: each element loaded is
// a pointer (a slice of pointers) that pointerKeepsKey clears, or a
// value, which a load copies.
func elementPointersKeep(s ssa.Value, steps []string) bool {
	st, ok := s.Type().Underlying().(*types.Slice)
	if !ok || !isPointer(st.Elem()) {
		return true
	}
	for _, r := range *s.Referrers() {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, u := range *ia.Referrers() {
			if load, ok := u.(*ssa.UnOp); ok && load.Op == token.MUL && !pointerKeepsKey(load, steps) {
				return false
			}
		}
	}
	return true
}
