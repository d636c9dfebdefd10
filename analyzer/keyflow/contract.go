package keyflow

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/vocab"
)

// This file judges values returned through an interface method, whose
// implementation keyflow does not look for: the result's type is the
// contract, so a pointer field may be nil and a sql.Null* field invalid
// whenever the type allows it (issue 7.6).

// invokeResult returns the interface method call whose result v is.
func invokeResult(v ssa.Value) (*ssa.Call, bool) {
	call, _, ok := resultCall(v)
	if !ok || !call.Call.IsInvoke() {
		return nil, false
	}
	return call, true
}

// interfaceField judges the field steps of root, the result of an
// interface method call (or what it points to, for a pointer result).
func (q *query) interfaceField(root ssa.Value, steps []string, k qkind) (result, bool) {
	call, ok := invokeResult(root)
	if !ok || len(steps) == 0 || k == kEmpty {
		return resUnknown, false
	}
	if k == kValid {
		if len(steps) < 2 || steps[len(steps)-1] != "Valid" {
			return resUnknown, false
		}
		steps = steps[:len(steps)-1]
	}
	container, ft := root.Type(), types.Type(nil)
	for i, s := range steps {
		fv, _ := fieldByName(container, s)
		if fv == nil {
			return resUnknown, false
		}
		if i < len(steps)-1 {
			container = fv.Type()
		}
		ft = fv.Type()
	}
	if k == kNull && (!keyNullable(ft) || nullStruct(ft) != nil) || k == kValid && nullStruct(ft) == nil {
		return resUnknown, false
	}
	if p, ok := container.Underlying().(*types.Pointer); ok {
		container = p.Elem()
	}
	field := typeName(container, q.fi.pkg()) + "." + strings.Join(steps, ".")
	return q.contractFinding(call, field, ft, k), true
}

// interfaceValue judges the result itself of an interface method call,
// when its type is a pointer to a non-struct (*string) or a Null struct.
func (q *query) interfaceValue(v ssa.Value, k qkind) (result, bool) {
	call, ok := invokeResult(v)
	if !ok || k != kNull {
		return resUnknown, false
	}
	p, ok := v.Type().Underlying().(*types.Pointer)
	if !ok {
		return resUnknown, false
	}
	if _, isStruct := p.Elem().Underlying().(*types.Struct); isStruct {
		return resUnknown, false // a *Webhook is not a key; its fields are judged
	}
	return q.contractFinding(call, "its result", v.Type(), k), true
}

func (q *query) contractFinding(call *ssa.Call, field string, t types.Type, k qkind) result {
	method := vocab.FuncName(calleeOf(&call.Call))
	unset := map[qkind]string{kNull: "nil", kValid: "invalid (NULL)"}[k]
	what := map[qkind]string{kNull: "nil", kValid: "Valid is false"}[k]
	return badResult(finding{kind: k.kind(), what: what,
		when:   fmt.Sprintf("when the %s implementation leaves %s %s", method, field, unset),
		via:    fmt.Sprintf("its type %s allows it", typeName(t, q.fi.pkg())),
		origin: q.fi.exprPos(call)})
}
