package gorules

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/vocab"
)

// A function that writes a parameter into a key may be handed to another
// as a value, a callback that the other calls with its own parameters:
//
//	func forEach(ctx context.Context, items []item, insert func(context.Context, string, string) error) error {
//		for _, it := range items { if err := insert(ctx, it.Topic, it.DedupID); … }
//	}
//	forEach(ctx, items, s.InsertOutbox)
//
// At such a call, when the function handed the value is declared in this
// package, what it passes the callback for the key (it.DedupID, the
// DedupID of every element of items) is read from its body and mapped to
// its own parameters: the call is then checked as a call of a function
// that writes those parameters into the key, with the callback named in
// the message. A function declared elsewhere, or one that passes the
// callback something other than its parameters, keeps the -v note of
// funcvalues.go.

// checkCallbacks checks call, a call of callee from fd, for each argument
// that is a key-writing function of this package or an imported one.
func (c *checker) checkCallbacks(fd *ast.FuncDecl, call *ast.CallExpr, callee *types.Func) {
	if callee.Pkg() != c.pass.Pkg || call.Ellipsis.IsValid() {
		return
	}
	info := c.pass.TypesInfo
	var body *ast.FuncDecl // callee's declaration, found on the first callback
	for j, arg := range call.Args {
		g, id := funcValue(info, arg)
		if g == nil {
			continue
		}
		keys := c.sums[g]
		if keys == nil {
			keys = keyfacts.ImportKeyParams(c.pass, g)
		}
		if len(keys) == 0 {
			continue
		}
		if body == nil {
			if body = c.declAt(callee.Pos()); body == nil || body.Body == nil || info.Defs[body.Name] != callee {
				return
			}
		}
		if j >= callee.Signature().Params().Len() {
			return
		}
		param := callee.Signature().Params().At(j)
		for _, inner := range callsOf(info, body.Body, param) {
			for _, k := range keys {
				if k.Iface != nil || k.Param >= len(inner.Args) || inner.Ellipsis.IsValid() {
					continue
				}
				kd, ok := throughCallback(info, body, inner.Args[k.Param], k)
				if !ok {
					continue
				}
				if c.callbacks == nil {
					c.callbacks = map[*ast.CallExpr]*types.Func{}
					c.callbackIdents = map[*ast.Ident]bool{}
				}
				c.callbacks[call], c.callbackIdents[id] = g, true
				c.checkCallArg(fd, call, callee, kd)
			}
		}
	}
}

// funcValue returns the function arg names as a value (f, s.f, pkg.F; a
// method value, not a method expression such as T.f, whose receiver is
// an argument), and the name.
func funcValue(info *types.Info, arg ast.Expr) (*types.Func, *ast.Ident) {
	var id *ast.Ident
	switch e := astutil.Unparen(arg).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok && sel.Kind() != types.MethodVal {
			return nil, nil // a method expression, or a field holding a func
		}
		id = e.Sel
	default:
		return nil, nil
	}
	f, ok := info.Uses[id].(*types.Func)
	if !ok {
		return nil, nil
	}
	return f, id
}

// callsOf returns the calls in body made through param, a parameter of
// func type, when the function does nothing else with it than call it
// (stored or handed on, it may be called elsewhere with other values).
func callsOf(info *types.Info, body *ast.BlockStmt, param *types.Var) []*ast.CallExpr {
	var calls []*ast.CallExpr
	uses, called := 0, 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			if id, ok := astutil.Unparen(x.Fun).(*ast.Ident); ok && info.Uses[id] == param {
				calls = append(calls, x)
				called++
			}
		case *ast.Ident:
			if info.Uses[x] == param {
				uses++
			}
		}
		return true
	})
	if uses != called || vocab.Assigned(info, body, param) {
		return nil
	}
	return calls
}

// throughCallback maps e, the value fd passes its callback for k's key,
// to fd's parameters: a parameter's field path (in.Key), or a part of
// every element of a parameter slice (it.DedupID for it ranging over
// items). ok is false when e is neither, or fd checks it.
func throughCallback(info *types.Info, fd *ast.FuncDecl, e ast.Expr, k keyfacts.KeyParam) (keyfacts.KeyParam, bool) {
	if p, path, ok := vocab.ParamPath(info, fd, e); ok {
		if vocab.ChecksPath(info, fd.Body, e) {
			return k, false
		}
		k.Param, k.Path = p, append(slices.Clip(path), k.Path...)
		return k, true
	}
	vp, ok := vocab.PathOf(info, e)
	if !ok || vocab.Assigned(info, fd.Body, vp.Root) {
		return k, false
	}
	over := rangedSlice(info, fd.Body, vp.Root)
	if over == nil {
		return k, false
	}
	p, path, ok := vocab.ParamPath(info, fd, over)
	if !ok {
		return k, false
	}
	var fields []string
	if vp.Fields != "" {
		fields = strings.Split(vp.Fields, ".")
	}
	fields = append(fields, k.Path...)
	if vocab.ChecksValuePath(info, fd.Body, vocab.Path{Root: vp.Root, Fields: strings.Join(fields, ".")}) {
		return k, false // checked here, element by element
	}
	k.Param, k.Path = p, append(append(slices.Clip(path), elemMark), fields...)
	return k, true
}
