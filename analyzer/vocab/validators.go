package vocab

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// ChecksPath reports whether body checks the value at arg's path: compares
// it with nil, reads its Valid field, or hands its root (or the root's
// address) to something named Validate… or Check… (validate.Struct(in),
// in.Validate()), whose rules are out of view and trusted.
func ChecksPath(info *types.Info, body *ast.BlockStmt, arg ast.Expr) bool {
	want, ok := PathOf(info, arg)
	return ok && ChecksValuePath(info, body, want)
}

// ChecksValuePath is ChecksPath for a path given as such.
func ChecksValuePath(info *types.Info, body *ast.BlockStmt, want Path) bool {
	if body == nil {
		return false
	}
	same := func(e ast.Expr) bool {
		p, ok := PathOf(info, e)
		return ok && p == want
	}
	rooted := func(e ast.Expr) bool {
		if u, ok := astutil.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = u.X
		}
		p, ok := PathOf(info, e)
		return ok && p.Root == want.Root && strings.HasPrefix(want.Fields, p.Fields)
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch x := n.(type) {
		case *ast.BinaryExpr:
			if (x.Op == token.EQL || x.Op == token.NEQ) && (IsNilIdent(info, x.X) && same(x.Y) || IsNilIdent(info, x.Y) && same(x.X)) {
				found = true
			}
		case *ast.SelectorExpr:
			if x.Sel.Name == "Valid" && same(x.X) {
				found = true
			}
		case *ast.CallExpr:
			if ValidatorCall(x) {
				if sel, ok := astutil.Unparen(x.Fun).(*ast.SelectorExpr); ok && rooted(sel.X) {
					found = true
				}
				for _, a := range x.Args {
					if rooted(a) {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// ValidatorCall reports whether a call's name says it validates: Struct
// (go-playground's validate.Struct), Validate…, Check….
func ValidatorCall(call *ast.CallExpr) bool {
	var name string
	switch f := astutil.Unparen(call.Fun).(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
	default:
		return false
	}
	l := strings.ToLower(name)
	return name == "Struct" || name == "StructCtx" || strings.HasPrefix(l, "validate") || strings.HasPrefix(l, "check")
}
