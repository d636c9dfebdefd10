package rowwrite

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// bun's BeforeAppendModel hook runs on the model before every query bun
// builds from it, and its BeforeInsert hook before an INSERT: a field the
// hook writes is written as the hook left it. They are read as GORM's
// BeforeCreate is (gormhook.go): only a write on every run, or on every
// run whose field is zero, decides the field. BeforeAppendModel is most
// often a switch on the query's type (stamp CreatedAt on an insert,
// UpdatedAt on an update): only what runs for an INSERT is read, the
// arms and ifs for other queries are left out.

// bunHookFills reads named's BeforeAppendModel and BeforeInsert hooks,
// declared in this package: the fields (index paths from named) that a
// hook fills on every insert, each with what fills it. ok is false, with
// why, when a hook is out of view or does with the row what idemlint does
// not read.
func (f *finder) bunHookFills(named *types.Named) (fills map[string]HookFill, why string, ok bool) {
	return f.hookFills(named, []string{"BeforeAppendModel", "BeforeInsert"}, func(fd *ast.FuncDecl) *ast.BlockStmt {
		q := queryParam(f.info, fd)
		if q == nil {
			return fd.Body
		}
		return &ast.BlockStmt{Lbrace: fd.Body.Lbrace, List: f.onInsert(fd.Body.List, q), Rbrace: fd.Body.Rbrace}
	})
}

// queryParam returns the parameter of fd that is a bun.Query (the query
// BeforeAppendModel is called for), or nil.
func queryParam(info *types.Info, fd *ast.FuncDecl) *types.Var {
	for _, field := range fd.Type.Params.List {
		for _, name := range field.Names {
			v, _ := info.Defs[name].(*types.Var)
			if v == nil {
				continue
			}
			// bun.Query is an alias of schema.Query.
			if n, ok := types.Unalias(v.Type()).(*types.Named); ok && n.Obj().Name() == "Query" && (importPath(n.Obj().Pkg()) == bunPath || importPath(n.Obj().Pkg()) == bunPath+"/schema") {
				return v
			}
		}
	}
	return nil
}

// onInsert returns the statements of list that run when q is an INSERT:
// a switch on q's type keeps the arm of *bun.InsertQuery (else its
// default arm), and an if asking whether q is some query type, with no
// else, keeps its body for *bun.InsertQuery and is left out for another
// type. Other statements are kept as they are.
func (f *finder) onInsert(list []ast.Stmt, q *types.Var) []ast.Stmt {
	var out []ast.Stmt
	for _, st := range list {
		switch st := st.(type) {
		case *ast.TypeSwitchStmt:
			if st.Init != nil || !f.assertsOn(typeSwitchX(st), q) {
				break
			}
			var def, ins *ast.CaseClause
			for _, cc := range st.Body.List {
				cc := cc.(*ast.CaseClause)
				if cc.List == nil {
					def = cc
				}
				for _, t := range cc.List {
					if f.isInsertQuery(t) {
						ins = cc
					}
				}
			}
			if ins == nil {
				ins = def
			}
			if ins != nil {
				out = append(out, f.onInsert(ins.Body, q)...)
			}
			continue
		case *ast.IfStmt:
			if st.Else != nil {
				break
			}
			if t, ok := f.typeAsked(st, q); ok {
				if f.isInsertQuery(t) {
					out = append(out, f.onInsert(st.Body.List, q)...)
				}
				continue
			}
		}
		out = append(out, st)
	}
	return out
}

// typeSwitchX returns the expression x of switch x.(type) or switch v :=
// x.(type).
func typeSwitchX(st *ast.TypeSwitchStmt) ast.Expr {
	var e ast.Expr
	switch a := st.Assign.(type) {
	case *ast.ExprStmt:
		e = a.X
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			e = a.Rhs[0]
		}
	}
	if ta, ok := astutil.Unparen(e).(*ast.TypeAssertExpr); ok {
		return ta.X
	}
	return nil
}

// typeAsked returns T when st is `if _, ok := q.(T); ok { … }`.
func (f *finder) typeAsked(st *ast.IfStmt, q *types.Var) (ast.Expr, bool) {
	as, ok := st.Init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return nil, false
	}
	ta, ok := astutil.Unparen(as.Rhs[0]).(*ast.TypeAssertExpr)
	okID, isID := as.Lhs[1].(*ast.Ident)
	cond, isCond := astutil.Unparen(st.Cond).(*ast.Ident)
	if !ok || ta.Type == nil || !isID || !isCond || !f.assertsOn(ta.X, q) || f.info.ObjectOf(okID) == nil || f.info.ObjectOf(okID) != f.info.ObjectOf(cond) {
		return nil, false
	}
	return ta.Type, true
}

func (f *finder) assertsOn(x ast.Expr, q *types.Var) bool {
	id, ok := astutil.Unparen(x).(*ast.Ident)
	return ok && f.info.Uses[id] == q
}

// isInsertQuery reports whether the type expression t is *bun.InsertQuery.
func (f *finder) isInsertQuery(t ast.Expr) bool {
	p, ok := types.Unalias(f.info.TypeOf(t)).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Name() == "InsertQuery" && importPath(n.Obj().Pkg()) == bunPath
}
