package gorules

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/vocab"
)

// A key of a string type whose Value method returns nil for "" (hyperledger
// firefly's core.IdempotencyKey) is written as NULL when it is empty:
// database/sql calls the driver.Valuer, and so do pgx, GORM, bun and
// goqu. Such a key is judged as one that NULLIF(…, '') or bun's nullzero
// writes: an empty value is a NULL key. The method is read here, from its
// declaration, and carried to importing packages as a fact.

// exportValuers exports keyfacts.EmptyValuer for the package's Value
// methods that return nil for the empty string.
func (c *checker) exportValuers() {
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name != "Value" || fd.Recv == nil {
				continue
			}
			if m, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && valuerNullsEmpty(c.pass.TypesInfo, fd) {
				c.pass.ExportObjectFact(m, &keyfacts.EmptyValuer{})
			}
		}
	}
}

// emptyValuer returns the Value method through which a value of type t is
// written when that method returns nil for "": t is a string type
// (not a pointer to one) whose value receiver declares it.
func (c *checker) emptyValuer(t types.Type) *types.Func {
	if t == nil || !vocab.IsString(t) {
		return nil
	}
	if _, ok := types.Unalias(t).(*types.Named); !ok {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, "Value")
	m, ok := obj.(*types.Func)
	if !ok || m.Pkg() == nil {
		return nil
	}
	if m.Pkg() != c.pass.Pkg {
		if keyfacts.ImportEmptyValuer(c.pass, m) {
			return m
		}
		return nil
	}
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Pos() == m.Pos() {
				if valuerNullsEmpty(c.pass.TypesInfo, fd) {
					return m
				}
				return nil
			}
		}
	}
	return nil
}

// valuerNullsEmpty reports whether fd is a driver.Valuer's Value method on
// a string type's value receiver that returns a nil value when the
// receiver is empty: `if k == "" { return nil, nil }`, or `if k != "" {
// return …, nil }` followed by `return nil, nil`.
func valuerNullsEmpty(info *types.Info, fd *ast.FuncDecl) bool {
	if fd.Body == nil || fd.Recv == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
		return false
	}
	recv, ok := info.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
	if !ok || !vocab.IsString(recv.Type()) || vocab.IsPointer(recv.Type()) {
		return false
	}
	ft, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	s := ft.Type().(*types.Signature)
	if s.Params().Len() != 0 || s.Results().Len() != 2 || !isDriverValue(s.Results().At(0).Type()) {
		return false
	}
	returnsNil := func(stmts []ast.Stmt) bool {
		for _, st := range stmts {
			if r, ok := st.(*ast.ReturnStmt); ok && len(r.Results) == 2 && vocab.IsNilIdent(info, r.Results[0]) {
				return true
			}
		}
		return false
	}
	list := fd.Body.List
	for i, st := range list {
		is, ok := st.(*ast.IfStmt)
		if !ok || is.Init != nil {
			continue
		}
		switch emptyTest(info, is.Cond, recv) {
		case token.EQL:
			if returnsNil(is.Body.List) {
				return true
			}
		case token.NEQ:
			if is.Else == nil && returnsNil(list[i+1:]) {
				return true
			}
		}
	}
	return false
}

// emptyTest returns token.EQL for cond `recv == ""` (or len(recv) == 0),
// token.NEQ for `recv != ""` (or len(recv) != 0, > 0), else ILLEGAL.
func emptyTest(info *types.Info, cond ast.Expr, recv *types.Var) token.Token {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return token.ILLEGAL
	}
	isRecv := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
			if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
				e = ast.Unparen(call.Args[0]) // string(k)
			}
		}
		id, ok := e.(*ast.Ident)
		return ok && info.Uses[id] == recv
	}
	isLen := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return false
		}
		fn, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && fn.Name == "len" && isRecv(call.Args[0])
	}
	isConst := func(e ast.Expr, want string) bool {
		tv, ok := info.Types[e]
		return ok && tv.Value != nil && tv.Value.ExactString() == want
	}
	x, y := be.X, be.Y
	if isRecv(y) || isLen(y) {
		x, y = y, x
	}
	switch {
	case isRecv(x) && isConst(y, `""`), isLen(x) && isConst(y, "0"):
		switch be.Op {
		case token.EQL:
			return token.EQL
		case token.NEQ:
			return token.NEQ
		case token.GTR:
			if isLen(x) && x == be.X {
				return token.NEQ
			}
		}
	}
	return token.ILLEGAL
}

// isDriverValue reports whether t is database/sql/driver.Value.
func isDriverValue(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Value" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "database/sql/driver"
}

// valuerName names a Value method for messages: "core.IdempotencyKey's
// Value method".
func valuerName(m *types.Func) string {
	recv := m.Type().(*types.Signature).Recv()
	return types.TypeString(recv.Type(), vocab.ShortQualifier) + "'s Value method"
}
