package vocab

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// A Path is a variable followed by field selections: in.Key.
type Path struct {
	Root   types.Object
	Fields string
}

// PathOf returns e's Path, if e is one.
func PathOf(info *types.Info, e ast.Expr) (Path, bool) {
	var fields []string
	for {
		e = astutil.Unparen(e)
		switch x := e.(type) {
		case *ast.SelectorExpr:
			if s, ok := info.Selections[x]; !ok || s.Kind() != types.FieldVal {
				return Path{}, false
			}
			fields = append([]string{x.Sel.Name}, fields...)
			e = x.X
			continue
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.Ident:
			obj := info.Uses[x]
			if obj == nil {
				return Path{}, false
			}
			return Path{Root: obj, Fields: strings.Join(fields, ".")}, true
		}
		return Path{}, false
	}
}

// CheckedPathOf is PathOf for what a check looks at: it also reads a
// protobuf getter that returns its field as it is (req.GetRequestId()
// over a plain string field, "" where the field is) as that field's path,
// so a check of either is a check of the other.
func CheckedPathOf(info *types.Info, e ast.Expr) (Path, bool) {
	if p, ok := PathOf(info, e); ok {
		return p, true
	}
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return Path{}, false
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return Path{}, false
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return Path{}, false
	}
	sig, ok := s.Obj().Type().(*types.Signature)
	goName, isGet := strings.CutPrefix(s.Obj().Name(), "Get")
	if !ok || !isGet || goName == "" || sig.Results().Len() != 1 {
		return Path{}, false
	}
	recv := s.Recv()
	if ptr, ok := recv.(*types.Pointer); ok {
		recv = ptr.Elem()
	}
	st, ok := recv.Underlying().(*types.Struct)
	if !ok {
		return Path{}, false
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if f.Name() != goName {
			continue
		}
		if _, tagged := reflect.StructTag(st.Tag(i)).Lookup("protobuf"); !tagged || !types.Identical(f.Type(), sig.Results().At(0).Type()) {
			return Path{}, false // an optional field's getter turns nil into ""
		}
		p, ok := PathOf(info, sel.X)
		if !ok {
			return Path{}, false
		}
		if p.Fields != "" {
			p.Fields += "."
		}
		p.Fields += goName
		return p, true
	}
	return Path{}, false
}

// ParamPath reports whether e is a parameter of the function declared by
// decl, or a field path on one (arg.IdempotencyKey), and which.
func ParamPath(info *types.Info, decl *ast.FuncDecl, e ast.Expr) (int, []string, bool) {
	var path []string
	for {
		e = astutil.Unparen(e)
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			break
		}
		if s, ok := info.Selections[sel]; !ok || s.Kind() != types.FieldVal {
			return 0, nil, false
		}
		path = append([]string{sel.Sel.Name}, path...)
		e = sel.X
	}
	id, ok := e.(*ast.Ident)
	if !ok || decl == nil {
		return 0, nil, false
	}
	obj := info.Uses[id]
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if info.Defs[name] == obj && obj != nil {
				if AssignedPath(info, decl.Body, obj, path) {
					return 0, nil, false // the parameter is overwritten: not the caller's value
				}
				return i, path, true
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return 0, nil, false
}

// Assigned reports whether body assigns to obj or to any field of it.
func Assigned(info *types.Info, body *ast.BlockStmt, obj types.Object) bool {
	return AssignedPath(info, body, obj, nil) // every field path overlaps the empty one
}

// AssignedPath reports whether body assigns to obj, or to a field path
// of it that overlaps fields: the path itself, one that holds it, or one
// inside it. p.ID = row.ID after an insert does not overwrite
// p.IdempotencyKey; p = other and p.Meta = m (for p.Meta.Key) do.
func AssignedPath(info *types.Info, body *ast.BlockStmt, obj types.Object, fields []string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found {
			return !found
		}
		for _, lhs := range as.Lhs {
			var sels []string
			for {
				lhs = astutil.Unparen(lhs)
				if sel, ok := lhs.(*ast.SelectorExpr); ok {
					sels = append([]string{sel.Sel.Name}, sels...)
					lhs = sel.X
					continue
				}
				break
			}
			id, ok := lhs.(*ast.Ident)
			if !ok || info.Uses[id] != obj {
				continue
			}
			n := min(len(sels), len(fields))
			if slices.Equal(sels[:n], fields[:n]) {
				found = true
			}
		}
		return true
	})
	return found
}

// definition returns the expression a short variable declaration in body
// gives obj, or nil.
func Definition(info *types.Info, body *ast.BlockStmt, obj types.Object) ast.Expr {
	var init ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || init != nil || len(as.Lhs) != len(as.Rhs) {
			return init == nil
		}
		for i, lhs := range as.Lhs {
			if id, ok := lhs.(*ast.Ident); ok && info.Defs[id] == obj {
				init = as.Rhs[i]
			}
		}
		return init == nil
	})
	return init
}

// FieldStruct follows path from t (a struct or a pointer to one) and
// returns the struct holding the last field, and that field's type.
func FieldStruct(t types.Type, path []string) (*types.Struct, types.Type) {
	var st *types.Struct
	for _, name := range path {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		s, ok := t.Underlying().(*types.Struct)
		if !ok {
			return nil, nil
		}
		st, t = s, nil
		for i := range s.NumFields() {
			if s.Field(i).Name() == name {
				t = s.Field(i).Type()
			}
		}
		if t == nil {
			return nil, nil
		}
	}
	return st, t
}

// AssignablePath reports whether e is a variable or a chain of field
// selections on one (x, x.f, x.f.g), which the fix can test and assign.
func AssignablePath(info *types.Info, e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		_, ok := info.Uses[e].(*types.Var)
		return ok
	case *ast.SelectorExpr:
		sel, ok := info.Selections[e]
		if !ok || sel.Kind() != types.FieldVal {
			return false
		}
		return AssignablePath(info, astutil.Unparen(e.X))
	}
	return false
}

// RootedAtParam reports whether e reads only decl's parameters (or
// receiver) and package-level values, none of them assigned in its body:
// what a fix at the top of decl can already use.
func RootedAtParam(info *types.Info, decl *ast.FuncDecl, e ast.Expr) bool {
	params := map[types.Object]bool{}
	for _, fl := range []*ast.FieldList{decl.Recv, decl.Type.Params} {
		if fl == nil {
			continue
		}
		for _, field := range fl.List {
			for _, name := range field.Names {
				params[info.Defs[name]] = true
			}
		}
	}
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || !ok {
			return ok
		}
		v, isVar := info.Uses[id].(*types.Var)
		if !isVar || v.IsField() {
			return true
		}
		if v.Parent() == v.Pkg().Scope() {
			return true // a package-level variable
		}
		if !params[v] || Assigned(info, decl.Body, v) {
			ok = false
		}
		return true
	})
	return ok
}

func IsNilIdent(info *types.Info, e ast.Expr) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// ElemsParamPath is ParamPath for a slice whose elements are what
// counts (a batch of rows): slicing keeps the elements, so recs[:n] is
// the parameter recs, and a parameter the body only reslices (recs =
// recs[n:], the chunked batch `for len(recs) > 0 { n := min(len(recs),
// 500); insert(recs[:n]); recs = recs[n:] }`) still holds its callers'
// elements.
func ElemsParamPath(info *types.Info, decl *ast.FuncDecl, e ast.Expr) (int, []string, bool) {
	e = Unslice(e)
	if p, path, ok := ParamPath(info, decl, e); ok {
		return p, path, true
	}
	id, ok := e.(*ast.Ident)
	if !ok || decl == nil {
		return 0, nil, false
	}
	obj, ok := info.Uses[id].(*types.Var)
	if !ok {
		return 0, nil, false
	}
	if _, isSlice := obj.Type().Underlying().(*types.Slice); !isSlice || !onlyResliced(info, decl.Body, obj) {
		return 0, nil, false
	}
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if info.Defs[name] == obj {
				return i, nil, true
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return 0, nil, false
}

// Unslice strips slice expressions (and parentheses) off e: recs[:n] is
// recs's elements.
func Unslice(e ast.Expr) ast.Expr {
	for {
		e = astutil.Unparen(e)
		s, ok := e.(*ast.SliceExpr)
		if !ok {
			return e
		}
		e = s.X
	}
}

// onlyResliced reports whether every assignment to obj in body assigns
// it a slice of itself (obj = obj[n:]).
func onlyResliced(info *types.Info, body *ast.BlockStmt, obj types.Object) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		as, isAssign := n.(*ast.AssignStmt)
		if !isAssign || !ok {
			return ok
		}
		for i, lhs := range as.Lhs {
			id, isIdent := astutil.Unparen(lhs).(*ast.Ident)
			if !isIdent {
				if rootIs(info, lhs, obj) {
					ok = false // recs[i].Key = …: an element rewritten
				}
				continue
			}
			if info.Uses[id] != obj {
				continue
			}
			if len(as.Rhs) != len(as.Lhs) || as.Tok != token.ASSIGN {
				ok = false
				continue
			}
			s, isSlice := astutil.Unparen(as.Rhs[i]).(*ast.SliceExpr)
			if !isSlice {
				ok = false
				continue
			}
			if x, isIdent := astutil.Unparen(s.X).(*ast.Ident); !isIdent || info.Uses[x] != obj {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// rootIs reports whether e selects or indexes into obj (obj[i].Key).
func rootIs(info *types.Info, e ast.Expr, obj types.Object) bool {
	for {
		switch x := astutil.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			return info.Uses[x] == obj
		default:
			return false
		}
	}
}
