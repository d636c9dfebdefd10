package gomodel

import (
	"go/ast"
	"go/token"
)

// bunCreated returns the names of the struct types whose tables the module
// creates with bun: the models given to NewCreateTable().Model(…) and to
// DB.ResetModel(ctx, …). Only those are schema sources. A bun struct that
// is only inserted and selected describes rows of a table something else
// creates (SQL migrations, usually): its tags say nothing of NOT NULL or
// unique, since bun only uses them to create tables, so reading it as a
// schema would report keys the real table constrains.
//
// A model handed over in a variable (a loop over a list of models) counts
// every type the enclosing function names as (*T)(nil), &T{}, T{} or
// new(T), and every type so named in the value of a package-level
// variable of the module the function ranges over (models.All).
//
// direct are the declarations of the models named in the call itself
// (NewCreateTable().Model((*Order)(nil)), store.Order resolved through
// its import): bun creates their tables whatever their tags, a struct
// without bun.BaseModel or any bun tag included. created are the names
// of the others (named in a function with a loose model, or a call's
// model this reader cannot place): those are tables only when they look
// like bun models.
func bunCreated(files []*goFile, idx *typeIndex) (created map[string]bool, direct map[*ast.TypeSpec]bool) {
	created = map[string]bool{}
	direct = map[*ast.TypeSpec]bool{}
	ranged := map[string]bool{} // lists of models a function with a loose model ranges over
	for _, f := range files {
		if !f.importsPath(bunPath) {
			continue
		}
		for _, d := range f.ast.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			loose := false
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				var models []ast.Expr
				switch {
				case sel.Sel.Name == "ResetModel" && len(call.Args) > 1:
					models = call.Args[1:]
				case sel.Sel.Name == "Model" && len(call.Args) == 1 && chainCalls(sel.X, "NewCreateTable"):
					models = call.Args
				}
				for _, m := range models {
					te := modelTypeExpr(m)
					if te == nil {
						loose = true
						continue
					}
					if d, ok := idx.resolveModel(f, te); ok {
						direct[d.spec] = true
					} else {
						created[typeIdent(te)] = true
					}
				}
				return true
			})
			if loose {
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					if rs, ok := n.(*ast.RangeStmt); ok {
						if name := typeIdent(rs.X); name != "" {
							ranged[name] = true
						}
					}
					if e, ok := n.(ast.Expr); ok {
						if name := modelTypeName(e); name != "" {
							created[name] = true
						}
					}
					return true
				})
			}
		}
	}
	// for _, m := range models.All { db.NewCreateTable().Model(m)… }: the
	// list is a package-level variable, perhaps in another package,
	// whose value names the models.
	if len(ranged) > 0 {
		for _, f := range files {
			for _, d := range f.ast.Decls {
				gd, ok := d.(*ast.GenDecl)
				if !ok || gd.Tok != token.VAR {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if !ranged[n.Name] || i >= len(vs.Values) {
							continue
						}
						ast.Inspect(vs.Values[i], func(n ast.Node) bool {
							if e, ok := n.(ast.Expr); ok {
								if name := modelTypeName(e); name != "" {
									created[name] = true
								}
							}
							return true
						})
					}
				}
			}
		}
	}
	return created, direct
}

// chainCalls reports whether the method chain e calls a method named name
// (db.NewCreateTable().IfNotExists() calls NewCreateTable).
func chainCalls(e ast.Expr, name string) bool {
	for {
		call, ok := e.(*ast.CallExpr)
		if !ok {
			return false
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if sel.Sel.Name == name {
			return true
		}
		e = sel.X
	}
}

// modelTypeName returns T for an expression that names a model type:
// (*T)(nil), &T{}, T{}, new(T), with T possibly package-qualified; "" for
// anything else.
func modelTypeName(e ast.Expr) string {
	if te := modelTypeExpr(e); te != nil {
		return typeIdent(te)
	}
	return ""
}

// modelTypeExpr returns the type expression (T or pkg.T) modelTypeName
// names, or nil.
func modelTypeExpr(e ast.Expr) ast.Expr {
	named := func(t ast.Expr) ast.Expr {
		switch t.(type) {
		case *ast.Ident, *ast.SelectorExpr:
			return t
		}
		return nil
	}
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return modelTypeExpr(x.X)
		}
	case *ast.CompositeLit:
		return named(x.Type)
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "new" && len(x.Args) == 1 {
			return named(x.Args[0])
		}
		if p, ok := x.Fun.(*ast.ParenExpr); ok && len(x.Args) == 1 {
			if star, ok := p.X.(*ast.StarExpr); ok {
				if nil_, ok := x.Args[0].(*ast.Ident); ok && nil_.Name == "nil" {
					return named(star.X)
				}
			}
		}
	}
	return nil
}

// typeIdent returns the name of a named type expression, without its
// package: T for T and pkg.T.
func typeIdent(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	}
	return ""
}
