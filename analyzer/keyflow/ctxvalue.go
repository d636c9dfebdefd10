package keyflow

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A key a middleware keeps in the request's context is read back with a
// type assertion, ctx.Value(idemKey{}).(string): its value is whatever
// the package's context.WithValue(ctx, idemKey{}, v) stored, and that v is
// often a request getter (r.Header.Get("Idempotency-Key"), "" when the
// header is absent). The assertion's own failure (no value at all) is
// evalFailedAssert's; this file judges the values stored, found in the
// package's own code: a key of a type the package declares is stored by
// that package (an unexported key type, as the context package advises,
// only there), and a value stored elsewhere is not seen.

// ctxStore is one context.WithValue call of the package.
type ctxStore struct {
	fn   *ssa.Function
	call *ssa.Call
}

// ctxStores lists the context.WithValue calls in pkg's functions (their
// closures included), once per package.
func (c *Checker) ctxStores(pkg *ssa.Package) []ctxStore {
	if c.withValue == nil {
		c.withValue = map[*ssa.Package][]ctxStore{}
	}
	if s, ok := c.withValue[pkg]; ok {
		return s
	}
	var out []ctxStore
	c.eachInstr(pkg, func(fn *ssa.Function, in ssa.Instruction) {
		if call, ok := in.(*ssa.Call); ok && isWithValue(&call.Call) {
			out = append(out, ctxStore{fn, call})
		}
	})
	c.withValue[pkg] = out
	return out
}

// eachInstr calls visit for every instruction of pkg's functions, their
// methods and their closures.
func (c *Checker) eachInstr(pkg *ssa.Package, visit func(*ssa.Function, ssa.Instruction)) {
	var walk func(fn *ssa.Function)
	walk = func(fn *ssa.Function) {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				visit(fn, in)
			}
		}
		for _, anon := range fn.AnonFuncs {
			walk(anon)
		}
	}
	for _, m := range pkg.Members {
		switch m := m.(type) {
		case *ssa.Function:
			walk(m)
		case *ssa.Type:
			for _, t := range []types.Type{m.Type(), types.NewPointer(m.Type())} {
				ms := pkg.Prog.MethodSets.MethodSet(t)
				for i := range ms.Len() {
					if fn := pkg.Prog.MethodValue(ms.At(i)); fn != nil && fn.Pkg == pkg && fn.Synthetic == "" {
						walk(fn)
					}
				}
			}
		}
	}
}

// isWithValue reports whether c calls context.WithValue.
func isWithValue(c *ssa.CallCommon) bool {
	f := c.StaticCallee()
	return f != nil && f.Pkg != nil && f.Pkg.Pkg.Path() == "context" && f.Name() == "WithValue" && len(c.Args) == 3
}

// evalContextValue judges ta, ctx.Value(key).(T), by the values the
// package stores under key: bad when one of them is (a header that may be
// absent), with the store named. ok is false when the key is not one of
// the package's own types, or nothing bad is stored under it.
func (q *query) evalContextValue(ta *ssa.TypeAssert, k qkind, depth int) (result, bool) {
	call, ok := ta.X.(*ssa.Call)
	if !ok || !isContextValue(&call.Call) || q.fi.fn.Pkg == nil {
		return resUnknown, false
	}
	key := unbox(call.Call.Args[0])
	named, ok := types.Unalias(key.Type()).(*types.Named)
	if !ok || named.Obj().Pkg() != q.fi.pkg() {
		return resUnknown, false
	}
	for _, s := range q.c.ctxStores(q.fi.fn.Pkg) {
		if !sameCtxKey(key, unbox(s.call.Call.Args[1])) {
			continue
		}
		v := unbox(s.call.Call.Args[2])
		if !types.Identical(v.Type(), ta.AssertedType) {
			continue
		}
		q2 := q.c.query(s.fn, v, s.call)
		if q2 == nil {
			continue
		}
		q2.steps = q.steps
		r := q2.evalV(v, nil, q2.start, k, depth+1)
		q.steps = q2.steps
		if r.st != bad {
			continue
		}
		fi := q.c.info(s.fn)
		fq := &query{c: q.c, fi: fi}
		text := fmt.Sprintf("%s, which %s stores in the context (context.WithValue, %s) for %s to read back", fq.renderFile(r.f), funcName(rootFunc(s.fn)), fi.fileLine(s.call.Pos()), q.exprString(call))
		return badResult(finding{kind: r.f.kind, text: text, origin: q.fi.exprPos(ta)}), true
	}
	return resUnknown, false
}

// sameCtxKey reports whether two context keys are the same key: of one
// type and, for constants of a basic type, of one value.
func sameCtxKey(a, b ssa.Value) bool {
	if !types.Identical(a.Type(), b.Type()) {
		return false
	}
	ca, okA := a.(*ssa.Const)
	cb, okB := b.(*ssa.Const)
	if !okA || !okB {
		return okA == okB // two variables of the key's type: taken as one key
	}
	if ca.Value == nil || cb.Value == nil {
		return ca.Value == nil && cb.Value == nil // idemKey{} and idemKey{}
	}
	return constant.Compare(ca.Value, token.EQL, cb.Value)
}

// rootFunc is the declared function a closure belongs to.
func rootFunc(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}
