package rowwrite

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// Repository layers often convert a domain value into the row type just
// before the insert, in a function of their own:
//
//	toInsert := fromWebhookModels(webhook) // return webhook{IdempotencyKey: from.IdempotencyKey, …}
//	db.NewInsert().Model(&toInsert).Exec(ctx)
//
// A converter of the inserting package whose body returns one struct
// literal is read like a literal at the insert: a field it leaves out is
// left out of the row, and a field it copies from a parameter is that
// argument's field at the call (a Converted source).

// A converter is the function and call a row's literal comes from.
type converter struct {
	call *ast.CallExpr
	fn   *types.Func
	decl *ast.FuncDecl
	// slice: the converter appends its literals to the slice it returns
	// (convertedSlice), so a row is one element of its result.
	slice bool
}

// Converted says a column's value is a field of an argument that a
// converter copies into the row.
type Converted struct {
	Call *ast.CallExpr // the conversion, in the inserting function
	Func *types.Func   // the converter
	Arg  int           // the argument the value is a field of
	Path []string      // the fields, outermost first (empty: the argument itself)
	Type types.Type    // the value's type
}

// convertedRows returns the row a converter call (the initialisation of
// v) builds, or nothing when the call is not to such a converter.
func (f *finder) convertedRows(call *ast.CallExpr, arg ast.Expr, v *types.Var, written map[string]ast.Expr) []row {
	fn := typeutil.StaticCallee(f.info, call)
	if fn == nil || fn.Pkg() == nil || fn.Signature().Variadic() {
		return nil
	}
	decl := f.declOf(fn)
	if decl == nil {
		return nil
	}
	conv := &converter{call: call, fn: fn, decl: decl}
	for_ := ""
	if v != nil {
		for_ = " for " + v.Name()
	}
	lit, ret := returnedLiteral(decl)
	if lit == nil {
		return f.convertedSlice(conv, ret, arg, for_)
	}
	if _, ok := f.info.TypeOf(lit).Underlying().(*types.Struct); !ok {
		return nil
	}
	return []row{{
		lit: lit, typ: f.info.TypeOf(lit), at: arg, written: written,
		holder: "the " + typeName(f.info.TypeOf(lit)) + " literal " + fn.Name() + " returns" + for_,
		conv:   conv,
	}}
}

// convertedSlice returns the rows of a converter that builds a slice of
// rows in a loop and returns it (ret is its one return statement):
//
//	func toRows(ins []In, key *string) []Row {
//		var rows []Row
//		for _, in := range ins {
//			rows = append(rows, Row{Body: in.Body, Key: key})
//		}
//		return rows
//	}
//
// Each literal appended is a row read like a converter's literal: a field
// it leaves out is left out, and one it copies from a parameter is that
// argument at the call. A row appended through a variable is not read.
func (f *finder) convertedSlice(conv *converter, ret *ast.ReturnStmt, arg ast.Expr, for_ string) []row {
	if ret == nil || len(ret.Results) != 1 {
		return nil
	}
	id, ok := astutil.Unparen(ret.Results[0]).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	if _, isSlice := v.Type().Underlying().(*types.Slice); !isSlice {
		return nil
	}
	rows := f.appendedRows(conv.decl, ret, v)
	for i := range rows {
		if rows[i].lit == nil || rows[i].handed != nil {
			return nil
		}
		conv.slice = true
		rows[i].conv, rows[i].at = conv, arg
		rows[i].holder = "the " + typeName(rows[i].typ) + " literal " + conv.fn.Name() + " appends to the rows it returns" + for_
	}
	return rows
}

// declOf returns fn's declaration among the files, if it has a body.
func (f *finder) declOf(fn *types.Func) *ast.FuncDecl {
	for _, file := range f.files {
		if fn.Pos() < file.FileStart || fn.Pos() > file.FileEnd {
			continue
		}
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && f.info.Defs[fd.Name] == fn {
				return fd
			}
		}
	}
	return nil
}

// returnedLiteral returns the struct literal (or its address) that is
// decl's only return value, or nil, and decl's return statement when it
// has only one.
func returnedLiteral(decl *ast.FuncDecl) (*ast.CompositeLit, *ast.ReturnStmt) {
	if decl.Type.Results == nil || decl.Type.Results.NumFields() != 1 {
		return nil, nil
	}
	var lit *ast.CompositeLit
	var ret *ast.ReturnStmt
	returns := 0
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			ret = x
			if len(x.Results) == 1 {
				lit, _ = unaddr(x.Results[0]).(*ast.CompositeLit)
			}
		}
		return true
	})
	if returns != 1 {
		return nil, nil
	}
	return lit, ret
}

// source says where expr, a field value in the converter's literal, comes
// from: a field of a parameter the converter does not reassign.
func (c *converter) source(info *types.Info, expr ast.Expr, t types.Type) Source {
	var path []string
	e := astutil.Unparen(expr)
	for {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			break
		}
		if s, ok := info.Selections[sel]; !ok || s.Kind() != types.FieldVal {
			return Source{}
		}
		path = append([]string{sel.Sel.Name}, path...)
		e = astutil.Unparen(sel.X)
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return Source{}
	}
	obj, ok := info.Uses[id].(*types.Var)
	if !ok {
		return Source{}
	}
	params := c.fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == obj && i < len(c.call.Args) && !reassigned(info, c.decl.Body, obj) {
			return Source{Converted: &Converted{Call: c.call, Func: c.fn, Arg: i, Path: path, Type: t}}
		}
	}
	return Source{}
}

// reassigned reports whether body assigns v, or a field of it, or takes
// its address.
func reassigned(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	roots := func(e ast.Expr) bool {
		for {
			switch x := astutil.Unparen(e).(type) {
			case *ast.SelectorExpr:
				e = x.X
				continue
			case *ast.IndexExpr:
				e = x.X
				continue
			case *ast.StarExpr:
				e = x.X
				continue
			case *ast.Ident:
				return info.Uses[x] == v
			}
			return false
		}
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			for _, l := range x.Lhs {
				found = found || roots(l)
			}
		case *ast.IncDecStmt:
			found = found || roots(x.X)
		case *ast.UnaryExpr:
			found = found || x.Op.String() == "&" && roots(x.X)
		}
		return !found
	})
	return found
}
