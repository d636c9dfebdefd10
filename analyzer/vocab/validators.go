package vocab

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// ChecksPath reports whether body checks the value at arg's path: an if
// statement that compares it with nil (or reads its Valid field) and, on
// the side where it is missing, rejects (returns, panics, leaves the
// loop) or replaces it; or a call that hands its root (or the root's
// address) to something named Validate… or Check… (validate.Struct(in),
// in.Validate()), whose rules are out of view and trusted. A check that
// only converts (`if in.Key != nil { t = pgtype.Text{…} }`) is not one:
// nil still becomes NULL.
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
		case *ast.IfStmt:
			if missing, ok := missingSide(info, x, same); ok && (terminates(missing) || assigns(missing, rooted)) {
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

// missingSide returns the branch of s taken when the value same matches
// is missing (nil, or not Valid), when s's condition tests it: the body
// for `x == nil`, `!x.Valid` or an || chain holding one, the else branch
// (nil when there is none) for `x != nil`, `x.Valid` or an && chain
// holding one.
func missingSide(info *types.Info, s *ast.IfStmt, same func(ast.Expr) bool) (ast.Stmt, bool) {
	// test reports whether e tests the value, and whether e is true
	// when it is missing.
	var test func(e ast.Expr) (bool, bool)
	test = func(e ast.Expr) (bool, bool) {
		switch x := astutil.Unparen(e).(type) {
		case *ast.BinaryExpr:
			switch x.Op {
			case token.EQL, token.NEQ:
				if IsNilIdent(info, x.X) && same(x.Y) || IsNilIdent(info, x.Y) && same(x.X) {
					return true, x.Op == token.EQL
				}
			case token.LOR:
				// a == nil || …: true whenever a is missing.
				for _, side := range []ast.Expr{x.X, x.Y} {
					if ok, whenTrue := test(side); ok && whenTrue {
						return true, true
					}
				}
			case token.LAND:
				// a != nil && …: false whenever a is missing.
				for _, side := range []ast.Expr{x.X, x.Y} {
					if ok, whenTrue := test(side); ok && !whenTrue {
						return true, false
					}
				}
			}
		case *ast.UnaryExpr:
			if x.Op == token.NOT {
				if ok, whenTrue := test(x.X); ok {
					return true, !whenTrue
				}
			}
		case *ast.SelectorExpr:
			if x.Sel.Name == "Valid" && same(x.X) {
				return true, false
			}
		}
		return false, false
	}
	ok, whenTrue := test(s.Cond)
	if !ok {
		return nil, false
	}
	if whenTrue {
		return s.Body, true
	}
	if s.Else == nil {
		return nil, true
	}
	return s.Else, true
}

// terminates reports whether control never leaves s at its end: it
// returns, panics, exits or branches away (continue, break, goto) last.
func terminates(s ast.Stmt) bool {
	switch x := s.(type) {
	case nil:
		return false
	case *ast.BlockStmt:
		return len(x.List) > 0 && terminates(x.List[len(x.List)-1])
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.IfStmt:
		return x.Else != nil && terminates(x.Body) && terminates(x.Else)
	case *ast.ExprStmt:
		call, ok := astutil.Unparen(x.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		switch f := astutil.Unparen(call.Fun).(type) {
		case *ast.Ident:
			return f.Name == "panic"
		case *ast.SelectorExpr:
			return f.Sel.Name == "Exit" || strings.HasPrefix(f.Sel.Name, "Fatal") || strings.HasPrefix(f.Sel.Name, "Panic") ||
				f.Sel.Name == "Abort" || strings.HasPrefix(f.Sel.Name, "AbortWith")
		}
	}
	return false
}

// assigns reports whether s assigns the value (or its root) anywhere.
func assigns(s ast.Stmt, rooted func(ast.Expr) bool) bool {
	if s == nil {
		return false
	}
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if rooted(l) {
					found = true
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
