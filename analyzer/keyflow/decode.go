package keyflow

import (
	"fmt"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/idemlint/idemlint/analyzer/vocab"
	"golang.org/x/tools/go/ssa"
)

// This file makes request inputs sources: fields of a value a decoder
// fills (library.go's decoders) and protobuf fields, which are optional
// unless a validator's `required` rule, checked, says otherwise.

// A decodedField is the field of a decoded value that a query is about.
type decodedField struct {
	field *types.Var
	tag   reflect.StructTag
	cell  path // the field's cell, without a trailing .Valid
}

// decoded judges the cell l as written by call, when call is a decoder
// that fills the value holding l. ok is false when call is no decoder
// or l is not a field it fills.
func (q *query) decoded(call ssa.CallInstruction, l path, pt point, k qkind) (result, bool) {
	d, ok := decoderOf(call.Common())
	args := userArgs(call.Common())
	if !ok || d.target >= len(args) {
		return resUnknown, false
	}
	df, ok := fieldOfTarget(args[d.target], l, k)
	if !ok {
		return resUnknown, false
	}
	name, decodedHere := inputName(df, d.tags)
	if !decodedHere {
		return resUnknown, false
	}
	if q.requiredChecked(d, call, df, pt) {
		return resSafe, true
	}
	what := map[qkind]string{kNull: "nil", kEmpty: "empty", kValid: "invalid (NULL)"}[k]
	has := "has"
	if strings.HasSuffix(d.from, "s") {
		has = "have" // the headers
	}
	text := fmt.Sprintf("%s when %s %s no %s, decoded at %s", what, d.from, has, name, q.fi.fileLine(call.Pos()))
	if h, ok := unboundTag(df, d); ok {
		// echo's c.Bind(&in) with Key `header:"Idempotency-Key"`: the
		// header is never read, whatever the client sends.
		text = fmt.Sprintf("%s: %s binds no %ss, so the %s %s never reaches %s (decoded at %s, only %s's %s fills it)",
			what, vocab.FuncName(calleeOf(call.Common())), d.unbound, h, d.unbound, df.field.Name(), q.fi.fileLine(call.Pos()), d.from, name)
	}
	return badResult(finding{kind: k.kind(), text: text, origin: call.Pos()}), true
}

// decoderSkips reports whether call is a decoder (decoderOf) that never
// writes the cell l of the value it fills: l lies in a field of that
// value that every struct tag the decoder reads names "-" (`json:"-"`
// under encoding/json), so the field keeps what it held before the call.
// That is how a handler keeps a header's key beside a decoded body: `var
// in Input` with `Key *string `json:"-"“, Decode(&in), then `in.Key =
// &h` only when the header is sent: nil otherwise, not unknown.
func decoderSkips(call ssa.CallInstruction, l path) bool {
	d, ok := decoderOf(call.Common())
	args := userArgs(call.Common())
	if !ok || d.target >= len(args) || len(d.tags) == 0 {
		return false
	}
	target := unbox(args[d.target])
	ptr, ok := target.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	tl, ok := locPath(target)
	if !ok || tl.root != l.root || !strings.HasPrefix(l.sel, tl.sel+".") {
		return false
	}
	rest := l.sel[len(tl.sel)+1:]
	if i := strings.IndexAny(rest, ".*["); i >= 0 {
		rest = rest[:i]
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	fv, i := fieldByName(st, rest)
	if fv == nil || fv.Embedded() {
		return false
	}
	tag := reflect.StructTag(st.Tag(i))
	for _, key := range d.tags {
		if v, ok := tag.Lookup(key); !ok || v != "-" {
			return false // "-," names a field "-"
		}
	}
	return true
}

// decoderOf returns the decoder a call runs: a library decoder
// (library.go), or a function of the package built from source that only
// hands one of its parameters to a library decoder as the value to fill,
// the helper a service's handlers share:
//
//	func decode(w http.ResponseWriter, r *http.Request, dst any) error {
//		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
//		dec.DisallowUnknownFields()
//		return dec.Decode(dst)
//	}
//
// A helper that does anything else with that parameter (validates it,
// asserts it to an interface with a Validate method, stores it) is not
// one: what it checks is not read, so its callers' values stay unknown.
func decoderOf(c *ssa.CallCommon) (decoder, bool) {
	f := calleeOf(c)
	if f == nil {
		return decoder{}, false
	}
	if d, ok := libDecoders()[idOf(f)]; ok {
		return d, true
	}
	if c.IsInvoke() {
		return decoder{}, false
	}
	fn := c.StaticCallee()
	if fn == nil || len(fn.Blocks) == 0 || fn.Signature.Variadic() {
		return decoder{}, false
	}
	first := 0
	if fn.Signature.Recv() != nil {
		first = 1
	}
	for i, p := range fn.Params[first:] {
		if d, ok := decodesOnly(p); ok {
			d.target = i
			return d, true
		}
	}
	return decoder{}, false
}

// decodesOnly reports the library decoder that every use of p hands it to
// as the value to fill, directly or through an interface conversion.
func decodesOnly(p *ssa.Parameter) (decoder, bool) {
	switch p.Type().Underlying().(type) {
	case *types.Interface, *types.Pointer:
	default:
		return decoder{}, false
	}
	var found *decoder
	var visit func(v ssa.Value) bool
	visit = func(v ssa.Value) bool {
		refs := v.Referrers()
		if refs == nil {
			return false
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.MakeInterface:
				if !visit(r) {
					return false
				}
			case *ssa.ChangeInterface:
				if !visit(r) {
					return false
				}
			case ssa.CallInstruction:
				c := r.Common()
				f := calleeOf(c)
				if f == nil {
					return false
				}
				d, ok := libDecoders()[idOf(f)]
				args := userArgs(c)
				if !ok || d.target >= len(args) || args[d.target] != v {
					return false
				}
				for i, a := range args {
					if i != d.target && a == v {
						return false
					}
				}
				if found != nil && (found.from != d.from || found.checks != d.checks) {
					return false
				}
				found = &d
			default:
				return false
			}
		}
		return true
	}
	if !visit(p) || found == nil {
		return decoder{}, false
	}
	return *found, true
}

// fieldOfTarget finds the field of the decoded value *target that l
// names, when l is a plain field path below it whose type can be bad
// for k: a pointer, slice or map for nil, a string for empty, a
// sql.Null*-like struct (l ending in .Valid) for invalid.
func fieldOfTarget(target ssa.Value, l path, k qkind) (decodedField, bool) {
	target = unbox(target)
	ptr, ok := target.Type().Underlying().(*types.Pointer)
	if !ok {
		return decodedField{}, false
	}
	tl, ok := locPath(target)
	if !ok || tl.root != l.root || !strings.HasPrefix(l.sel, tl.sel+".") {
		return decodedField{}, false
	}
	rest := l.sel[len(tl.sel)+1:]
	if strings.ContainsAny(rest, "*[") {
		return decodedField{}, false
	}
	steps := strings.Split(rest, ".")
	if k == kValid {
		if len(steps) < 2 || steps[len(steps)-1] != "Valid" {
			return decodedField{}, false
		}
		steps = steps[:len(steps)-1]
	}
	df := decodedField{cell: tl.fields(steps)}
	var t types.Type = ptr.Elem()
	for _, s := range steps {
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return decodedField{}, false
		}
		fv, i := fieldByName(st, s)
		if fv == nil {
			return decodedField{}, false
		}
		df.field, df.tag, t = fv, reflect.StructTag(st.Tag(i)), fv.Type()
	}
	return df, badType(t, k)
}

// badType reports whether a value of type t can be bad for k at all.
func badType(t types.Type, k qkind) bool {
	switch k {
	case kNull:
		return nillable(t)
	case kEmpty:
		return isString(t) || vocab.IsFixedID(t)
	case kValid:
		return nullStruct(t) != nil
	}
	return false
}

// unboundTag reports whether df is named only by d's unbound tag (a
// header name echo's Bind never reads), and that name.
func unboundTag(df decodedField, d decoder) (string, bool) {
	if d.unbound == "" {
		return "", false
	}
	v, ok := df.tag.Lookup(d.unbound)
	if !ok {
		return "", false
	}
	for _, t := range d.tags {
		if _, ok := df.tag.Lookup(t); ok {
			return "", false
		}
	}
	name, _, _ := strings.Cut(v, ",")
	return name, name != "" && name != "-"
}

// inputName names the field as the decoder's input does (the first of
// tags that names it, else the Go name); false when a tag excludes it
// ("-"), so the decoder never writes it.
func inputName(df decodedField, tags []string) (string, bool) {
	for _, key := range tags {
		v, ok := df.tag.Lookup(key)
		if !ok {
			continue
		}
		if v == "-" {
			return "", false // skipped; "-," names a field "-"
		}
		name, _, _ := strings.Cut(v, ",")
		if name != "" {
			return name, true
		}
	}
	return df.field.Name(), true
}

// requiredChecked reports whether a `required` rule on the field is
// enforced before pt: by the decoder itself (gin's binding tag) or by a
// validator call on the value, with the error handled on every path.
func (q *query) requiredChecked(d decoder, call ssa.CallInstruction, df decodedField, pt point) bool {
	if d.checks != "" && vocab.RequiredRule(df.tag.Get(d.checks)) && q.errChecked(call, pt) {
		return true
	}
	return q.validated(df.cell, df.tag, pt)
}

// validated reports whether a validator call that covers the field in
// cell (by its tag's required rule, or a Validate… call whose rules are
// out of view) has its error handled on every path to pt.
func (q *query) validated(cell path, tag reflect.StructTag, pt point) bool {
	for _, v := range q.fi.validationsOf() {
		if v.cell.root != cell.root {
			continue
		}
		rest, ok := strings.CutPrefix(cell.sel, v.cell.sel)
		below := ok && strings.HasPrefix(rest, ".")
		switch {
		case !ok:
			continue
		case v.anyRule && (rest == "" || below):
		case v.tag == "" && rest == "" && vocab.RequiredRule(v.rules):
		case v.tag != "" && below && vocab.RequiredRule(tag.Get(v.tag)):
		default:
			continue
		}
		if q.errChecked(v.call, pt) {
			return true
		}
	}
	return false
}

// errChecked reports whether every path to pt passes the err == nil side
// of a check of the error that call returns.
func (q *query) errChecked(call ssa.CallInstruction, pt point) bool {
	v, ok := call.(*ssa.Call)
	if !ok {
		return false
	}
	var edges [][2]*ssa.BasicBlock
	for _, g := range q.fi.byPath[path{root: v}] {
		if g.k == kNull {
			edges = append(edges, [2]*ssa.BasicBlock{g.block, g.unsafe()})
		}
	}
	if len(edges) == 0 {
		return false
	}
	errNil := func(pred, succ *ssa.BasicBlock) bool {
		for _, e := range edges {
			if e[0] == pred && e[1] == succ {
				return true
			}
		}
		return false
	}
	if pt.succ != nil && errNil(pt.block, pt.succ) {
		return true
	}
	return q.allPathsCross(pt.block, v.Block(), errNil)
}

// isValidator reports whether call is a validator's (see validationOf):
// it reads the value it is given, never writes it.
func isValidator(call ssa.CallInstruction) bool {
	c, ok := call.(*ssa.Call)
	if !ok {
		return false
	}
	_, ok = validationOf(c)
	return ok
}

// A validation is a validator call in the function: it checks the
// value in cell and returns an error.
type validation struct {
	call  *ssa.Call
	cell  path
	tag   string // struct tag holding the rules ("validate"); "" for Var
	rules string // Var's rules
	// anyRule: a Validate… call whose rules are out of view; it is
	// trusted for every field of the value.
	anyRule bool
}

// validationsOf lists the validator calls of the function, once.
func (fi *funcInfo) validationsOf() []validation {
	if fi.validations != nil {
		return *fi.validations
	}
	var out []validation
	for _, b := range fi.fn.Blocks {
		for _, in := range b.Instrs {
			if call, ok := in.(*ssa.Call); ok {
				if v, ok := validationOf(call); ok {
					out = append(out, v)
				}
			}
		}
	}
	fi.validations = &out
	return out
}

// validationOf recognises a validator call: a known one (vocab's
// table, which the contract rule reads too), or a call named Validate… (in.Validate(), protoc-gen-validate's
// req.ValidateAll(), validation.ValidateStruct(&in, …)) that returns an
// error, whose rules keyflow cannot see and so trusts for every field.
func validationOf(call *ssa.Call) (validation, bool) {
	f := calleeOf(&call.Call)
	if f == nil {
		return validation{}, false
	}
	v, known := vocab.KnownValidator(f)
	ok := known
	if !known {
		v, ok = vocab.Validator{Target: 0, Rules: -1}, validatesByName(f)
	}
	args := userArgs(&call.Call)
	if sig := f.Type().(*types.Signature); sig.Recv() != nil && !known {
		args = call.Call.Args // the receiver is the value validated
		if call.Call.IsInvoke() {
			args = append([]ssa.Value{call.Call.Value}, args...)
		}
	}
	if !ok || v.Target >= len(args) || v.Rules >= len(args) {
		return validation{}, false
	}
	cell, ok := checkedCell(unbox(args[v.Target]))
	if !ok {
		return validation{}, false
	}
	val := validation{call: call, cell: cell, tag: v.Tag, anyRule: !known}
	if v.Rules >= 0 {
		val.rules, _ = constString(args[v.Rules])
	}
	return val, true
}

// validatesByName reports whether f looks like a validation by name:
// Validate, ValidateAll, ValidateStruct…, returning just an error.
func validatesByName(f *types.Func) bool {
	name := strings.ToLower(f.Name())
	sig := f.Type().(*types.Signature)
	return strings.HasPrefix(name, "validate") && sig.Results().Len() == 1 &&
		types.Identical(sig.Results().At(0).Type(), types.Universe.Lookup("error").Type())
}

// checkedCell is the memory cell whose value a validator receives: the
// cell a loaded value came from (Struct(in), Var(in.Key, …), a value
// receiver), or what an address points to (Struct(&in), req.Validate()).
func checkedCell(v ssa.Value) (path, bool) {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		return locPath(u.X)
	}
	if _, ok := v.Type().Underlying().(*types.Pointer); ok {
		return locPath(v)
	}
	return path{}, false
}

// fileLine renders pos as "api.go:14".
func (fi *funcInfo) fileLine(pos token.Pos) string {
	if !pos.IsValid() || fi.fset == nil {
		return "an unknown line"
	}
	p := fi.fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// protoField finds the field goName of the generated protobuf message
// that t points to; name is the field's name in the .proto file.
func protoField(t types.Type, goName string) (msg, name string, fv *types.Var, ok bool) {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return "", "", nil, false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok {
		return "", "", nil, false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return "", "", nil, false
	}
	fv, i := fieldByName(st, goName)
	if fv == nil {
		return "", "", nil, false
	}
	tag, ok := reflect.StructTag(st.Tag(i)).Lookup("protobuf")
	if !ok {
		return "", "", nil, false
	}
	name = goName
	for _, part := range strings.Split(tag, ",") {
		if v, ok := strings.CutPrefix(part, "name="); ok {
			name = v
		}
	}
	return n.Obj().Name(), name, fv, true
}

// protoGetter judges a generated getter, x.GetKey(): "" (or nil) when
// the message lacks the field.
func (q *query) protoGetter(f *types.Func, c libCall, k qkind) (result, bool) {
	sig, ok := f.Type().(*types.Signature)
	goName, isGet := strings.CutPrefix(f.Name(), "Get")
	if !ok || !isGet || goName == "" || sig.Recv() == nil || sig.Results().Len() != 1 {
		return resUnknown, false
	}
	msg, name, _, ok := protoField(sig.Recv().Type(), goName)
	if !ok || !badType(sig.Results().At(0).Type(), k) || k == kValid {
		return resUnknown, false
	}
	if len(c.call.Call.Args) > 0 {
		if recv, ok := locPath(c.call.Call.Args[0]); ok && q.validated(recv.field(goName), "", c.pt) {
			return resSafe, true
		}
	}
	if p, ok := protoGetterField(c.call); ok && q.regGuarded(p, q.defBlock(p.root), c.pt, k) {
		return resSafe, true // if req.Key == "" { return … }, or the getter checked before
	}
	what := map[qkind]string{kNull: "nil", kEmpty: "empty"}[k]
	return badResult(finding{kind: k.kind(), what: what, via: f.Name(),
		when:   fmt.Sprintf("when the %s message has no %s", msg, name),
		origin: q.fi.exprPos(c.call)}), true
}

// protoGetterField returns the path of the field a protobuf getter
// reads (req.GetKey() reads req.Key) when the getter returns the field as
// it is, a plain string field rather than an optional one: a check of
// either is then a check of the other, and of the getter called again.
func protoGetterField(c *ssa.Call) (path, bool) {
	f := calleeOf(&c.Call)
	if f == nil || c.Call.IsInvoke() || len(c.Call.Args) != 1 {
		return path{}, false
	}
	sig, ok := f.Type().(*types.Signature)
	goName, isGet := strings.CutPrefix(f.Name(), "Get")
	if !ok || !isGet || goName == "" || sig.Recv() == nil || sig.Results().Len() != 1 {
		return path{}, false
	}
	_, _, fv, ok := protoField(sig.Recv().Type(), goName)
	if !ok || !types.Identical(fv.Type(), sig.Results().At(0).Type()) {
		return path{}, false
	}
	recv, ok := locPath(c.Call.Args[0])
	if !ok {
		return path{}, false
	}
	return recv.field(goName), true
}

// getterCallPath names the result of a hand-written getter call,
// req.GetKey() with no arguments on a pointer that nothing in the
// function writes through, by the receiver and the method: a check of
// one such call is then a check of the same call made again, as
// protoGetterField makes it for a generated getter. The path is only a
// name for the guards; no cell is behind it.
func getterCallPath(c *ssa.Call) (path, bool) {
	f := calleeOf(&c.Call)
	if f == nil || c.Call.IsInvoke() || len(c.Call.Args) != 1 || !strings.HasPrefix(f.Name(), "Get") {
		return path{}, false
	}
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || sig.Results().Len() != 1 {
		return path{}, false
	}
	recv := c.Call.Args[0]
	if !isPointer(recv.Type()) || !onlyReadThrough(recv) {
		return path{}, false
	}
	if _, ok := protoGetterField(c); ok {
		return path{}, false
	}
	rl, ok := valuePath(recv)
	if !ok {
		return path{}, false
	}
	return rl.field(f.Name() + "()"), true
}

// onlyReadThrough reports whether every use of the pointer p reads
// through it: loads of it or of its fields, and calls that write
// through none of their arguments (writesNoArgs: getters).
func onlyReadThrough(p ssa.Value) bool {
	refs := p.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.FieldAddr:
			for _, u := range *r.Referrers() {
				if ld, ok := u.(*ssa.UnOp); !ok || ld.Op != token.MUL {
					if _, dbg := u.(*ssa.DebugRef); !dbg {
						return false
					}
				}
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.Call:
			if !readsOnly(r.Common(), p) {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// protoMessageField judges a field read straight from a protobuf message
// the function was given (l is *x.Field): a string field is "" when
// unset, an optional (pointer) field nil.
func (q *query) protoMessageField(l path, pt point, k qkind) (result, bool) {
	goName, ok := strings.CutPrefix(l.sel, "*.")
	if !ok || strings.ContainsAny(goName, ".*[") || k == kValid {
		return resUnknown, false
	}
	msg, name, fv, ok := protoField(l.root.Type(), goName)
	if !ok || !badType(fv.Type(), k) {
		return resUnknown, false
	}
	if q.validated(l, "", pt) {
		return resSafe, true
	}
	what := map[qkind]string{kNull: "nil", kEmpty: "empty"}[k]
	return badResult(finding{kind: k.kind(), what: what, via: msg + "." + goName,
		when: fmt.Sprintf("when the %s message has no %s", msg, name)}), true
}
