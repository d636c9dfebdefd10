package vocab

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// ChecksPath reports whether body checks the value at arg's path: an if
// statement that compares it with nil (or reads its Valid field) and, on
// the side where it is missing, rejects (returns, panics, leaves the
// loop) or replaces it; a known validator (rules.go) whose rules require
// it (validate.Struct(in) with `validate:"required"` on the field,
// validate.Var(in.Key, "required")); or a call that hands its root (or
// the root's address) to something else named Validate… or Check…
// (in.Validate(), a validator of the application's own), whose rules are
// out of view and trusted. A check that
// only converts (`if in.Key != nil { t = pgtype.Text{…} }`) is not one:
// nil still becomes NULL.
func ChecksPath(info *types.Info, body *ast.BlockStmt, arg ast.Expr) bool {
	want, ok := CheckedPathOf(info, arg)
	return ok && (ChecksValuePath(info, body, want) || usedWhenPresent(info, body, want, arg))
}

// usedWhenPresent reports whether arg, a use of the value at want, sits in
// the branch of an if statement of body taken only when the value is
// there (`if key != "" { return insert(key) }; return ErrNoKey`): where
// it is missing, that use is never reached.
func usedWhenPresent(info *types.Info, body *ast.BlockStmt, want Path, arg ast.Expr) bool {
	if body == nil {
		return false
	}
	same := func(e ast.Expr) bool {
		p, ok := CheckedPathOf(info, e)
		return ok && p == want
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		x, ok := n.(*ast.IfStmt)
		if !ok || x.Pos() > arg.Pos() || arg.End() > x.End() {
			return true
		}
		missing, ok := missingSide(info, x, same)
		if !ok {
			return true
		}
		var present ast.Node = x.Body
		if missing == x.Body {
			present = x.Else
		}
		if present != nil && present.Pos() <= arg.Pos() && arg.End() <= present.End() {
			found = true
		}
		return !found
	})
	return found
}

// ChecksValuePath is ChecksPath for a path given as such.
func ChecksValuePath(info *types.Info, body *ast.BlockStmt, want Path) bool {
	if body == nil {
		return false
	}
	paths := append([]Path{want}, aliasPaths(info, body, want)...)
	same := func(e ast.Expr) bool {
		p, ok := CheckedPathOf(info, e)
		return ok && slices.Contains(paths, p)
	}
	rooted := func(e ast.Expr) bool {
		if u, ok := astutil.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = u.X
		}
		p, ok := PathOf(info, e)
		return ok && slices.ContainsFunc(paths, func(w Path) bool { return p.Root == w.Root && strings.HasPrefix(w.Fields, p.Fields) })
	}
	found := false
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if found {
			return false
		}
		stack = append(stack, n)
		switch x := n.(type) {
		case *ast.IfStmt:
			if missing, ok := missingSide(info, x, same); ok && (terminates(missing) || assigns(missing, rooted)) {
				found = true
			}
		case *ast.CallExpr:
			if f, ok := typeutil.Callee(info, x).(*types.Func); ok {
				if v, known := KnownValidator(f); known {
					found = slices.ContainsFunc(paths, func(w Path) bool { return validatorRequires(info, x, v, w) }) && resultRejects(info, body, stack)
					break
				}
			}
			if ValidatorCall(x) && resultRejects(info, body, stack) {
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
		if found {
			stack = stack[:len(stack)-1] // Inspect sends no nil for a node whose children it skips
		}
		return !found
	})
	return found
}

// aliasPaths returns the paths of body that hold want's value as well: a
// field of a variable defined from a composite literal (or its address)
// that sets the field to want, as it is or converted (p :=
// domain.Payout{Key: domain.IdempotencyKey(in.Key)} makes p.Key one).
// A check of the alias (p.Validate(), if p.Key == "") checks the value.
func aliasPaths(info *types.Info, body *ast.BlockStmt, want Path) []Path {
	var out []Path
	ast.Inspect(body, func(n ast.Node) bool {
		var lhs, rhs []ast.Expr
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if x.Tok != token.DEFINE || len(x.Lhs) != len(x.Rhs) {
				return true
			}
			lhs, rhs = x.Lhs, x.Rhs
		case *ast.ValueSpec:
			if len(x.Names) != len(x.Values) {
				return true
			}
			for _, id := range x.Names {
				lhs = append(lhs, id)
			}
			rhs = x.Values
		default:
			return true
		}
		for i, r := range rhs {
			id, ok := lhs[i].(*ast.Ident)
			if !ok || info.Defs[id] == nil {
				continue
			}
			r = astutil.Unparen(r)
			if p, ok := PathOf(info, unconvert(info, r)); ok && p == want {
				// key := string(m.Key): a check of key checks m.Key.
				out = append(out, Path{Root: info.Defs[id]})
				continue
			}
			if u, ok := r.(*ast.UnaryExpr); ok && u.Op == token.AND {
				r = astutil.Unparen(u.X)
			}
			cl, ok := r.(*ast.CompositeLit)
			if !ok {
				continue
			}
			for _, el := range cl.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				k, ok := kv.Key.(*ast.Ident)
				if !ok {
					continue
				}
				if p, ok := PathOf(info, unconvert(info, kv.Value)); ok && p == want {
					out = append(out, Path{Root: info.Defs[id], Fields: k.Name})
				}
			}
		}
		return true
	})
	return out
}

// unconvert strips type conversions from e: domain.IdempotencyKey(in.Key)
// is in.Key.
func unconvert(info *types.Info, e ast.Expr) ast.Expr {
	for {
		e = astutil.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return e
		}
		e = call.Args[0]
	}
}

// resultRejects reports whether the result of the validator call that
// ends stack (the path from body down to it) can reject the value: it
// reaches a return or a branch (`if err := v.Struct(in); err != nil`,
// `return v.Struct(in)`, `err := v.Struct(in)` with err tested or
// returned later). A call whose error is dropped (`_ = v.Struct(in)`,
// `v.Struct(in)` as a statement, err never read) rejects nothing; a call
// with no result can only reject by panicking, and counts.
func resultRejects(info *types.Info, body *ast.BlockStmt, stack []ast.Node) bool {
	call := stack[len(stack)-1].(*ast.CallExpr)
	if t, ok := info.TypeOf(call).(*types.Tuple); ok && t.Len() == 0 {
		return true // no result: it panics or does nothing
	}
	child := ast.Node(call)
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr, *ast.UnaryExpr, *ast.BinaryExpr, *ast.CallExpr, *ast.SelectorExpr, *ast.KeyValueExpr, *ast.CompositeLit:
			child = p // wrapped: fmt.Errorf("…: %w", v.Struct(in)), v.Struct(in) != nil
			continue
		case *ast.ReturnStmt:
			return true
		case *ast.IfStmt:
			return child == p.Cond
		case *ast.SwitchStmt:
			return child == p.Tag
		case *ast.CaseClause:
			return slices.Contains(p.List, child.(ast.Expr))
		case *ast.AssignStmt:
			return resultVarsRead(info, body, p.Lhs, p.End())
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(p.Names))
			for j, id := range p.Names {
				lhs[j] = id
			}
			return resultVarsRead(info, body, lhs, p.End())
		}
		return false // a statement that drops it (an ExprStmt), a go or defer, …
	}
	return false
}

// resultVarsRead reports whether one of the variables lhs assigns is read
// after from in a condition or a return: the error the validator returned
// reaches a branch.
func resultVarsRead(info *types.Info, body *ast.BlockStmt, lhs []ast.Expr, from token.Pos) bool {
	vars := map[types.Object]bool{}
	for _, l := range lhs {
		id, ok := astutil.Unparen(l).(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		if obj := info.ObjectOf(id); obj != nil {
			vars[obj] = true
		}
	}
	if len(vars) == 0 {
		return false
	}
	reads := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok && id.Pos() >= from && vars[info.Uses[id]] {
				found = true
			}
			return !found
		})
		return found
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		switch x := n.(type) {
		case *ast.IfStmt:
			found = x.Cond != nil && reads(x.Cond)
		case *ast.SwitchStmt:
			found = x.Tag != nil && reads(x.Tag)
		case *ast.CaseClause:
			for _, e := range x.List {
				found = found || reads(e)
			}
		case *ast.ReturnStmt:
			found = reads(x)
		}
		return !found
	})
	return found
}

// validatorRequires reports whether call, to the known validator v,
// requires the value at want: Var's argument is exactly the value and its
// constant rules have `required`; Struct's (or echo's Validate's) holds
// it, and the tag of the field want selects below has `required`.
func validatorRequires(info *types.Info, call *ast.CallExpr, v Validator, want Path) bool {
	if v.Target >= len(call.Args) || v.Rules >= len(call.Args) {
		return false
	}
	arg := astutil.Unparen(call.Args[v.Target])
	if v.Tag == "" {
		p, ok := PathOf(info, arg)
		tv := info.Types[call.Args[v.Rules]]
		return ok && p == want && tv.Value != nil && tv.Value.Kind() == constant.String && RequiredRule(constant.StringVal(tv.Value))
	}
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg = astutil.Unparen(u.X)
	}
	p, ok := PathOf(info, arg)
	if !ok || p.Root != want.Root {
		return false
	}
	rest := want.Fields
	if p.Fields != "" {
		if rest, ok = strings.CutPrefix(want.Fields, p.Fields+"."); !ok {
			return false
		}
	}
	if rest == "" {
		return false
	}
	tag, ok := FieldTag(info.TypeOf(arg), strings.Split(rest, "."))
	return ok && RequiredRule(tag.Get(v.Tag))
}

// missingSide returns the branch of s taken when the value same matches
// is missing (nil, not Valid, or an empty string), when s's condition
// tests it: the body for `x == nil`, `!x.Valid`, `x == ""`, `len(x) == 0`
// or an || chain holding one, the else branch (nil when there is none)
// for `x != nil`, `x.Valid`, `x != ""`, `len(x) > 0` or an && chain
// holding one. A string's only missing value is "": a repository that
// rejects it (`if key == "" { return ErrNoKey }`) leaves its callers
// nothing to get wrong.
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
				if isEmptyString(info, x.X) && sameText(info, x.Y, same) || isEmptyString(info, x.Y) && sameText(info, x.X, same) {
					return true, x.Op == token.EQL
				}
				if IsZeroIDExpr(info, x.X) && same(x.Y) || IsZeroIDExpr(info, x.Y) && same(x.X) {
					return true, x.Op == token.EQL // id == uuid.Nil
				}
				if ok, whenTrue := lenTest(info, x, same); ok {
					return true, whenTrue
				}
			case token.LSS, token.LEQ, token.GTR, token.GEQ:
				if ok, whenTrue := lenTest(info, x, same); ok {
					return true, whenTrue
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
		case *ast.CallExpr:
			// id.IsNil(), id.IsZero() of a fixed-size ID.
			if sel, ok := x.Fun.(*ast.SelectorExpr); ok && len(x.Args) == 0 && (sel.Sel.Name == "IsNil" || sel.Sel.Name == "IsZero") &&
				IsFixedID(info.TypeOf(sel.X)) && same(sel.X) {
				return true, true
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

// isEmptyString reports whether e is the constant "".
func isEmptyString(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == ""
}

// sameText reports whether e is the value same matches, or
// strings.TrimSpace of it (a blank key is as missing as an empty one).
func sameText(info *types.Info, e ast.Expr, same func(ast.Expr) bool) bool {
	if same(e) {
		return true
	}
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "TrimSpace" {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	if pn, ok := info.Uses[id].(*types.PkgName); !ok || pn.Imported().Path() != "strings" {
		return false
	}
	return same(call.Args[0])
}

// lenTest reads a comparison of len(x) with a constant, x the value same
// matches: whether it tests that x is empty, and whether it is true when
// x is empty (len(x) == 0, < 1, <= 0) or false then (!= 0, > 0, >= 1).
func lenTest(info *types.Info, x *ast.BinaryExpr, same func(ast.Expr) bool) (ok, whenTrue bool) {
	isLen := func(e ast.Expr) bool {
		call, ok := astutil.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return false
		}
		id, ok := astutil.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		b, ok := info.Uses[id].(*types.Builtin)
		return ok && b.Name() == "len" && sameText(info, call.Args[0], same)
	}
	num := func(e ast.Expr) (int64, bool) {
		tv, ok := info.Types[e]
		if !ok || tv.Value == nil {
			return 0, false
		}
		n, exact := constant.Int64Val(constant.ToInt(tv.Value))
		return n, exact
	}
	op, n := x.Op, int64(0)
	switch {
	case isLen(x.X):
		v, ok := num(x.Y)
		if !ok {
			return false, false
		}
		n = v
	case isLen(x.Y):
		v, ok := num(x.X)
		if !ok {
			return false, false
		}
		n = v
		// n op len(x) is len(x) op' n
		switch op {
		case token.LSS:
			op = token.GTR
		case token.LEQ:
			op = token.GEQ
		case token.GTR:
			op = token.LSS
		case token.GEQ:
			op = token.LEQ
		}
	default:
		return false, false
	}
	// Evaluate the comparison at len 0, and require that it differs at
	// len n+1 (some non-empty value) so it really tests emptiness.
	at := func(l int64) bool {
		switch op {
		case token.EQL:
			return l == n
		case token.NEQ:
			return l != n
		case token.LSS:
			return l < n
		case token.LEQ:
			return l <= n
		case token.GTR:
			return l > n
		default:
			return l >= n
		}
	}
	if n < 0 || n > 1 {
		return false, false // len(x) > 5 rejects short keys too: not only the empty one
	}
	empty := at(0)
	for l := int64(1); l <= 2; l++ {
		if at(l) == empty {
			return false, false
		}
	}
	return true, empty
}
