package keyflow

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/vocab"
)

// jackc/pgtype (pgx v4) fills a value with its Set method from anything
// (t.Set(src interface{})): a nil interface or a nil pointer makes
// Status pgtype.Null, a string makes it Present with that string. A
// variable set that way (var t pgtype.Text; t.Set(in.Key)) holds what
// the argument says: NULL exactly when the pointer handed over is nil,
// the string exactly when it is one.

// pgtypeSet judges the cell l of a jackc/pgtype value at c, a call of its
// Set method on the value itself; ok is false for any other call, or an
// argument whose type pgtypeSet does not know the outcome of.
func (q *query) pgtypeSet(c ssa.CallInstruction, l path, k qkind, depth int) (result, bool) {
	call, ok := c.(*ssa.Call)
	if !ok || call.Call.IsInvoke() || len(call.Call.Args) != 2 || call.Call.Args[0] != l.root {
		return resUnknown, false
	}
	f := call.Call.StaticCallee()
	if f == nil || f.Name() != "Set" || f.Signature.Recv() == nil {
		return resUnknown, false
	}
	recv, ok := f.Signature.Recv().Type().(*types.Pointer)
	if !ok || !hasPgStatus(recv.Elem()) {
		return resUnknown, false
	}
	pt, ok := instrPoint(call)
	if !ok {
		return resUnknown, false
	}
	why := fmt.Sprintf("%s.Set makes Status pgtype.Null when it is nil (line %d)", typeName(recv.Elem(), q.fi.pkg()), q.fi.line(call.Pos()))
	src := call.Call.Args[1]
	if cst, ok := src.(*ssa.Const); ok && cst.IsNil() {
		if k == kValid && l.sel == ".Status" {
			return badResult(finding{kind: k.kind(), what: "Status is pgtype.Null", text: fmt.Sprintf("%s.Set(nil) makes Status pgtype.Null (line %d)", typeName(recv.Elem(), q.fi.pkg()), q.fi.line(call.Pos())), origin: call.Pos(), written: true}), true
		}
		return resSafe, true // NULL: no string
	}
	mi, ok := src.(*ssa.MakeInterface)
	if !ok {
		return resUnknown, false
	}
	x := mi.X
	wrap := func(r result, text string) (result, bool) {
		if r.st == bad || r.st == cond {
			r.f.kind = k.kind()
			r.f.text = q.render(r.f) + "; " + text
		}
		return r, r.st != unknown
	}
	switch {
	case k == kValid && l.sel == ".Status" && isStringPtr(x.Type()):
		return wrap(q.evalV(x, nil, pt, kNull, depth+1), why)
	case k == kValid && l.sel == ".Status" && isString(x.Type()):
		return resSafe, true // Present, whatever the string
	case k == kEmpty && l.sel == ".String" && isString(x.Type()):
		return wrap(q.evalV(x, nil, pt, kEmpty, depth+1), fmt.Sprintf("%s.Set stores it as it is (line %d)", typeName(recv.Elem(), q.fi.pkg()), q.fi.line(call.Pos())))
	}
	return resUnknown, false
}

// hasPgStatus reports whether t is a struct with a jackc/pgtype Status
// field: one of pgtype's own value types.
func hasPgStatus(t types.Type) bool {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if f.Name() == "Status" && vocab.IsPgStatus(f.Type()) {
			return true
		}
	}
	return false
}
