package gorules

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
)

// noteFuncValues notes, under -v, each use as a value of a function that
// writes a parameter into a key (each(ctx, jobs, s.insertOne), a
// callback, a field of a struct of funcs): its calls are checked where
// they are written out, and the calls made through the value are not, so
// the keys they pass would otherwise go unjudged in silence.
func (c *checker) noteFuncValues() {
	if !c.Notes {
		return
	}
	for _, file := range c.pass.Files {
		if c.inTestFile(file.Pos()) {
			continue
		}
		called := map[*ast.Ident]bool{}
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if id := calledIdent(call.Fun); id != nil {
					called[id] = true
				}
			}
			return true
		})
		var stack []ast.Node
		ast.Inspect(file, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			id, ok := n.(*ast.Ident)
			if !ok || called[id] || c.callbackIdents[id] {
				return true
			}
			fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
			if !ok {
				return true
			}
			keys := c.sums[fn]
			if keys == nil {
				keys = keyfacts.ImportKeyParams(c.pass, fn)
			}
			if len(keys) == 0 {
				return true
			}
			c.note(id.Pos(), "not followed: %s, which writes %s into %s, is used here as a value%s, and the calls made through it are not checked, so the keys they pass are not judged",
				calleeName(fn), paramText(fn, keys[0]), keys[0].Target(), valueUse(stack))
			return true
		})
	}
}

// calledIdent is the name a call's function expression ends in (f,
// s.f, pkg.F, F[T]), or nil.
func calledIdent(fun ast.Expr) *ast.Ident {
	switch f := astutil.Unparen(fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	case *ast.IndexExpr:
		return calledIdent(f.X)
	case *ast.IndexListExpr:
		return calledIdent(f.X)
	}
	return nil
}

// paramText names a key parameter's path for a message, by the
// parameter's name: "j.Key".
func paramText(fn *types.Func, k keyfacts.KeyParam) string {
	params := fn.Signature().Params()
	name := "its parameter " + strconv.Itoa(k.Param+1)
	if k.Param < params.Len() && params.At(k.Param).Name() != "" && params.At(k.Param).Name() != "_" {
		name = params.At(k.Param).Name()
	}
	return strings.Join(append([]string{name}, k.Path...), ".")
}

// valueUse says where a function value goes, from the stack of nodes
// above its name: " (passed to each)", or "".
func valueUse(stack []ast.Node) string {
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.SelectorExpr:
			continue
		case *ast.CallExpr:
			if id := calledIdent(n.Fun); id != nil {
				return " (passed to " + id.Name + ")"
			}
			return ""
		default:
			return ""
		}
	}
	return ""
}
