package rowwrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// GORM's BeforeCreate and BeforeSave hooks run on each row before the
// INSERT is built, so a field a hook writes is written as the hook left
// it. Only a hook that writes a field on every row, or on every row whose
// field is zero (if h.Key == nil { h.Key = … }), decides that field; a
// hook that stamps CreatedAt, or writes the key under some other
// condition, leaves the key what the row holds. A hook that fills the
// field only where it is nil or invalid (h.Key == nil, !h.Key.Valid)
// decides it only there: a pointer to "" or a valid "" (guregu's
// null.StringFrom("")) is not nil, and is written as the row holds it.

// A HookFill says what fills a field in a hook, for messages ("the
// BeforeCreate hook of Refund"), and whether it fills the field only
// where the row holds nil or an invalid Null value (NullOnly): there the
// row's own value is still written when it is a pointer to "" or a
// valid "".
type HookFill struct {
	By       string
	NullOnly bool
}

// hookSource is the source of a column whose field a hook fills (fill),
// where the row's own would be s: the hook's, or, for a hook that fills
// only nil or invalid values, the row's own marked so (FilledIfNull),
// unless the row leaves the field out (its zero value, nil or invalid,
// is what the hook fills).
func hookSource(fill HookFill, s Source) Source {
	if !fill.NullOnly || s.Zero != nil {
		return Source{FilledBy: fill.By}
	}
	s.FilledIfNull = fill.By
	return s
}

// gormHookFills reads named's BeforeCreate and BeforeSave hooks, declared
// in this package: the fields (index paths from named) that a hook fills
// on every row, each with what fills it for messages ("the BeforeCreate
// hook of Filled"). ok is false, with why, when a hook is out of view or
// does with the row what idemlint does not read (hands it to a call, takes
// a field's address, GORM's Statement.SetColumn).
func (f *finder) gormHookFills(named *types.Named) (fills map[string]HookFill, why string, ok bool) {
	return f.hookFills(named, []string{"BeforeCreate", "BeforeSave"}, nil)
}

// hookFills reads the named hooks of named (methods on its pointer,
// declared in this package) as gormHookFills says. insertOnly, when not
// nil, narrows a hook's body to what runs for an INSERT (bun's
// BeforeAppendModel runs for every query).
func (f *finder) hookFills(named *types.Named, hooks []string, insertOnly func(*ast.FuncDecl) *ast.BlockStmt) (fills map[string]HookFill, why string, ok bool) {
	ms := types.NewMethodSet(types.NewPointer(named))
	fills = map[string]HookFill{}
	for _, hook := range hooks {
		sel := ms.Lookup(named.Obj().Pkg(), hook)
		if sel == nil {
			continue
		}
		fd := f.funcDecl(sel.Obj())
		if fd == nil && f.importedHooks != nil && sel.Obj().Pkg() == named.Obj().Pkg() {
			// Declared with the type in another package: what that
			// package read of its hooks (ImportedHooks).
			if fills, why, ok, found := f.importedHooks(named, insertOnly != nil); found {
				return fills, why, ok
			}
		}
		if fd == nil || fd.Body == nil || fd.Recv == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
			return nil, named.Obj().Name() + " has a " + hook + " hook, declared out of view, which may fill the key in", false
		}
		recv, _ := f.info.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
		if recv == nil {
			return nil, named.Obj().Name() + " has a " + hook + " hook idemlint cannot read, which may fill the key in", false
		}
		if _, isPtr := recv.Type().Underlying().(*types.Pointer); !isPtr {
			continue // a value receiver writes a copy
		}
		body := fd.Body
		if insertOnly != nil {
			body = insertOnly(fd)
		}
		written, nullOnly, why := f.hookWrites(body, recv)
		if why != "" {
			return nil, named.Obj().Name() + "'s " + hook + " hook " + why + ", which may fill the key in", false
		}
		// A hook promoted from an embedded struct (type Deal struct{ Keyed })
		// runs on the outer row with the embedded value as its receiver:
		// the fields it writes are that embedded field's.
		prefix := sel.Index()[:len(sel.Index())-1]
		for _, w := range written {
			p := w
			if len(prefix) > 0 {
				p = pathKey(prefix) + "." + p
			}
			if prev, ok := fills[p]; ok && !prev.NullOnly {
				continue // another hook fills it on every row
			}
			fills[p] = HookFill{By: "the " + hook + " hook of " + named.Obj().Name(), NullOnly: nullOnly[w]}
		}
	}
	return fills, "", true
}

// funcDecl returns the declaration of fn among the package's files.
func (f *finder) funcDecl(fn types.Object) *ast.FuncDecl {
	for _, file := range f.files {
		if file.FileStart > fn.Pos() || fn.Pos() > file.FileEnd {
			continue
		}
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && f.info.Defs[fd.Name] == fn {
				return fd
			}
		}
	}
	return nil
}

// hookWrites returns the fields of recv (as joined index paths) that body
// writes on every run: in a statement of the body itself, or in an if at
// the body's top level whose condition only asks whether that field is
// zero; nullOnly holds those it writes only where they are nil or
// invalid. why says what else the body does with recv that idemlint does
// not read.
func (f *finder) hookWrites(body *ast.BlockStmt, recv *types.Var) (filled []string, nullOnly map[string]bool, why string) {
	ast.Inspect(body, func(n ast.Node) bool {
		if why != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			if usesVar(f.info, n, recv) {
				why = "uses the row in a function literal"
			}
			return false
		case *ast.CallExpr:
			if s, ok := astutil.Unparen(n.Fun).(*ast.SelectorExpr); ok && s.Sel.Name == "SetColumn" {
				why = "calls SetColumn"
				return false
			}
			for _, a := range n.Args {
				if usesVar(f.info, a, recv) && !isFieldRead(f.info, a, recv) {
					why = "hands the row to " + shortExpr(n.Fun)
					return false
				}
			}
			if s, ok := astutil.Unparen(n.Fun).(*ast.SelectorExpr); ok && isRecvPath(f.info, s.X, recv) {
				// A method of the row, or one of a field's that may write
				// it (a pointer receiver: h.Key.Scan(v)); h.CreatedAt.IsZero()
				// only reads.
				if m := f.info.Selections[s]; m != nil && m.Kind() == types.MethodVal && (isRecvIdent(f.info, s.X, recv) || pointerRecv(m.Obj())) {
					why = "calls " + shortExpr(n.Fun)
					return false
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && usesVar(f.info, n.X, recv) {
				why = "takes the address " + shortExpr(n)
				return false
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if _, ok := recvFieldPath(f.info, l, recv); !ok && usesVar(f.info, l, recv) {
					why = "writes " + shortExpr(l)
					return false
				}
			}
			for _, r := range n.Rhs {
				if id, ok := astutil.Unparen(r).(*ast.Ident); ok && f.info.Uses[id] == recv {
					why = "copies the row"
					return false
				}
			}
		}
		return true
	})
	if why != "" {
		return nil, nil, why
	}
	// A field written on every run, or under a test of its zero value
	// that an empty value also meets, is filled whatever the row holds;
	// one written only under tests of nil or invalid values, only there.
	all := map[string]bool{}
	nullOnly = map[string]bool{}
	fill := func(p string, onlyNull bool) {
		if !slices.Contains(filled, p) {
			filled = append(filled, p)
		}
		if onlyNull {
			nullOnly[p] = true
		} else {
			all[p] = true
		}
	}
	for _, st := range body.List {
		switch st := st.(type) {
		case *ast.AssignStmt:
			for i, l := range st.Lhs {
				if p, ok := recvFieldPath(f.info, l, recv); ok && !writesZero(f.info, st, i) {
					fill(p, false)
				}
			}
		case *ast.IfStmt:
			if st.Init != nil {
				continue
			}
			tested, onlyNull := f.zeroTested(st.Cond, recv)
			if tested == "" {
				continue
			}
			for _, inner := range st.Body.List {
				if as, ok := inner.(*ast.AssignStmt); ok {
					for i, l := range as.Lhs {
						if p, ok := recvFieldPath(f.info, l, recv); ok && p == tested && !writesZero(f.info, as, i) {
							fill(p, onlyNull)
						}
					}
				}
			}
		}
	}
	for p := range all {
		delete(nullOnly, p)
	}
	return filled, nullOnly, ""
}

// zeroTested returns the field path of recv that cond asks is zero
// (h.Key == nil, h.Key == "", len(h.Key) == 0, !h.Key.Valid, h.Key ==
// uuid.Nil, h.Key.IsZero(), several of them joined by ||), or "";
// onlyNull says it asks only whether the field is nil or invalid (h.Key
// == nil, !h.Key.Valid), which a pointer to "" or a valid "" is not.
func (f *finder) zeroTested(cond ast.Expr, recv *types.Var) (path string, onlyNull bool) {
	switch c := astutil.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		switch c.Op {
		case token.LOR:
			a, an := f.zeroTested(c.X, recv)
			b, bn := f.zeroTested(c.Y, recv)
			if a != "" && a == b {
				return a, an && bn
			}
		case token.EQL:
			for _, side := range [][2]ast.Expr{{c.X, c.Y}, {c.Y, c.X}} {
				x, zero := side[0], astutil.Unparen(side[1])
				if call, ok := astutil.Unparen(x).(*ast.CallExpr); ok && isBuiltin(f.info, call.Fun, "len") && len(call.Args) == 1 {
					if isZeroConst(f.info, zero) {
						x = call.Args[0]
					} else {
						continue
					}
				} else if !isZeroValue(f.info, zero) {
					continue
				}
				if star, ok := astutil.Unparen(x).(*ast.StarExpr); ok {
					x = star.X // *h.Key == ""
				}
				if p, ok := recvFieldPath(f.info, x, recv); ok {
					return p, isNilIdent(f.info, zero)
				}
			}
		}
	case *ast.UnaryExpr: // !h.Key.Valid
		if s, ok := astutil.Unparen(c.X).(*ast.SelectorExpr); ok && c.Op == token.NOT && s.Sel.Name == "Valid" {
			if p, ok := recvFieldPath(f.info, s.X, recv); ok {
				return p, true
			}
		}
	case *ast.CallExpr: // h.Key.IsZero()
		if s, ok := astutil.Unparen(c.Fun).(*ast.SelectorExpr); ok && s.Sel.Name == "IsZero" && len(c.Args) == 0 {
			if p, ok := recvFieldPath(f.info, s.X, recv); ok {
				return p, false
			}
		}
	}
	return "", false
}

// isNilIdent reports whether e is the predeclared nil.
func isNilIdent(info *types.Info, e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// isZeroValue reports whether e is nil, a zero constant, or a zero value
// of a package (uuid.Nil).
func isZeroValue(info *types.Info, e ast.Expr) bool {
	if isZeroConst(info, e) || isNilIdent(info, e) {
		return true
	}
	if s, ok := e.(*ast.SelectorExpr); ok {
		return s.Sel.Name == "Nil"
	}
	return false
}

func isZeroConst(info *types.Info, e ast.Expr) bool {
	tv := info.Types[e]
	if tv.Value == nil {
		return false
	}
	switch tv.Value.Kind() {
	case constant.String:
		return constant.StringVal(tv.Value) == ""
	case constant.Int, constant.Float:
		return constant.Sign(tv.Value) == 0
	}
	return false
}

// recvFieldPath returns the field path of e when e is a chain of field
// selections on recv (h.Key, h.Base.Key; promoted fields by their full
// path), joined as "i.j".
func recvFieldPath(info *types.Info, e ast.Expr, recv *types.Var) (string, bool) {
	var idx []int
	for {
		s, ok := astutil.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			break
		}
		sel := info.Selections[s]
		if sel == nil || sel.Kind() != types.FieldVal {
			return "", false
		}
		idx = append(slices.Clone(sel.Index()), idx...)
		e = s.X
	}
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok || len(idx) == 0 || info.Uses[id] != recv {
		return "", false
	}
	return pathKey(idx), true
}

// writesZero reports whether the i-th assignment of as writes a zero
// value (h.Key = nil, h.Key = ""): a hook that does fills nothing.
func writesZero(info *types.Info, as *ast.AssignStmt, i int) bool {
	if len(as.Lhs) != len(as.Rhs) {
		return false
	}
	return isZeroValue(info, astutil.Unparen(as.Rhs[i]))
}

func isRecvIdent(info *types.Info, e ast.Expr, recv *types.Var) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == recv
}

// pointerRecv reports whether method m has a pointer receiver.
func pointerRecv(m types.Object) bool {
	sig, ok := m.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	_, ptr := sig.Recv().Type().Underlying().(*types.Pointer)
	return ptr
}

// isRecvPath reports whether e is recv or a field path of it.
func isRecvPath(info *types.Info, e ast.Expr, recv *types.Var) bool {
	if isRecvIdent(info, e, recv) {
		return true
	}
	_, ok := recvFieldPath(info, e, recv)
	return ok
}

// isFieldRead reports whether e reads a field of recv as a value a call
// cannot write through: a field whose type is not a pointer, map or slice,
// or a comparison of one.
func isFieldRead(info *types.Info, e ast.Expr, recv *types.Var) bool {
	e = astutil.Unparen(e)
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
		if _, ok := recvFieldPath(info, e, recv); ok {
			return true
		}
	}
	if _, ok := recvFieldPath(info, e, recv); !ok {
		return false
	}
	switch info.TypeOf(e).Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Slice, *types.Interface:
		return false
	}
	return true
}

func pathKey(idx []int) string {
	var b strings.Builder
	for i, n := range idx {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(itoa(n))
	}
	return b.String()
}

// usesVar reports whether n mentions v.
func usesVar(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}
