package rowwrite

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// A Wrapper is a function that hands one of its parameters, as it is, to
// a library write as the row, whatever its type:
//
//	func Create[T any](ctx context.Context, db *gorm.DB, row *T) error {
//		return db.WithContext(ctx).Create(row).Error // GORM
//	}
//	func (r *Repo[T]) Insert(ctx context.Context, row *T) error {
//		_, err := r.db.NewInsert().Model(row).Exec(ctx) // bun
//		return err
//	}
//	func InsertOne[T any](ctx context.Context, db *sqlx.DB, q string, row T) error {
//		_, err := db.NamedExecContext(ctx, q, row) // sqlx, the INSERT a parameter too
//		return err
//	}
//
// (or a row of type any). Inside it the row's type, and so its table and
// columns, is not known; at each call it is the caller's argument's. So a
// call of one is read as the write itself: generic.go does so for GORM
// and bun, sqlx.go for sqlx (the caller's INSERT string, bound from the caller's
// row). A Wrapper of another package is known by its fact
// (keyfacts.RowWriter), which the rules pass to Find.
type Wrapper struct {
	API   string // "GORM", "bun" or "sqlx"
	Row   int    // the parameter written as the row
	Query int    // sqlx: the parameter holding the INSERT; -1 for GORM and bun
	// Conflict: bun's insert has On("CONFLICT …"), which dedupes it.
	Conflict bool
}

// Wrappers returns the package's functions that are Wrappers, for their
// facts: none unless pkg imports GORM, bun or sqlx itself.
func Wrappers(pkg *types.Package, files []*ast.File, info *types.Info) map[*types.Func]Wrapper {
	uses := false
	for _, imp := range pkg.Imports() {
		if p := importPath(imp); p == gormPath || p == bunPath || p == sqlxPath {
			uses = true
		}
	}
	if !uses {
		return nil
	}
	f := newFinder(files, info, 0, nil)
	var out map[*types.Func]Wrapper
	for _, file := range files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !hasRowParam(info, fd) {
				continue
			}
			fn, ok := info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if w, ok := f.wrapperIn(fd, fn); ok {
				if out == nil {
					out = map[*types.Func]Wrapper{}
				}
				out[fn] = w
			}
		}
	}
	return out
}

// hasRowParam reports cheaply whether fd has a parameter a Wrapper could
// write: of a type made of a type parameter, or an interface.
func hasRowParam(info *types.Info, fd *ast.FuncDecl) bool {
	for _, p := range fd.Type.Params.List {
		if t := info.TypeOf(p.Type); t != nil && (typeParamOf(t) != nil || types.IsInterface(t) && !isContext(t)) {
			return true
		}
	}
	return false
}

// wrapperOf returns what fn, the callee of a call, writes as a Wrapper:
// from its body when it is declared in this package, else from its fact.
func (f *finder) wrapperOf(fn *types.Func) (Wrapper, bool) {
	if fn == nil {
		return Wrapper{}, false
	}
	origin := fn.Origin()
	if decl := f.declOf(origin); decl != nil {
		return f.wrapperIn(decl, origin)
	}
	if f.imported != nil {
		return f.imported(origin)
	}
	return Wrapper{}, false
}

// wrapperIn reads decl, the declaration of fn, as a Wrapper: a generic
// GORM Create of a type-parameter parameter after no other call than
// WithContext (Table, Omit or Select there are not carried to the
// callers), bun's insert of one with no call but On (Column, Value or a
// table expression are not carried), or a sqlx named call whose INSERT and row are its parameters,
// the row of a type-parameter or interface type.
func (f *finder) wrapperIn(decl *ast.FuncDecl, fn *types.Func) (Wrapper, bool) {
	if inner, sel, param := f.genericWrite(decl, fn); inner != nil {
		if ch, ok := gormChainOf(f.info, sel.X, false); ok && ch.table == "" && ch.omit == nil && ch.sel == nil && ch.model == nil {
			return Wrapper{API: "GORM", Row: param, Query: -1}, true
		}
		return Wrapper{}, false
	}
	if ch, param, ok := f.genericBunWrite(decl, fn); ok {
		if ch.ops == nil && ch.values == nil && ch.table == "" && ch.tableExpr == nil {
			return Wrapper{API: "bun", Row: param, Query: -1, Conflict: ch.conflict}, true
		}
		return Wrapper{}, false
	}
	return f.sqlxWrapper(decl, fn)
}

// sqlxWrapper finds in decl a sqlx named call (NamedExec(q, row),
// NamedExecContext(ctx, q, row)) whose query and row are parameters of
// fn the body does not assign, the row of a type made of a type
// parameter, or an interface (any).
func (f *finder) sqlxWrapper(decl *ast.FuncDecl, fn *types.Func) (Wrapper, bool) {
	params := fn.Signature().Params()
	index := func(e ast.Expr) int {
		id, ok := astutil.Unparen(e).(*ast.Ident)
		if !ok {
			return -1
		}
		v, ok := f.info.Uses[id].(*types.Var)
		if !ok || assigns(f.info, decl.Body, v) {
			return -1
		}
		for i := range params.Len() {
			if params.At(i) == v {
				return i
			}
		}
		return -1
	}
	var w Wrapper
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if found || !ok {
			return !found
		}
		if !isSqlxNamed(callee(f.info, call)) || len(call.Args) < 2 {
			return true
		}
		args := call.Args
		if isContext(f.info.TypeOf(args[0])) {
			args = args[1:]
		}
		if len(args) != 2 {
			return true
		}
		q, r := index(args[0]), index(args[1])
		if q < 0 || r < 0 || !isStringType(params.At(q).Type()) {
			return true
		}
		if t := params.At(r).Type(); typeParamOf(t) == nil && !types.IsInterface(t) {
			return true
		}
		w, found = Wrapper{API: "sqlx", Row: r, Query: q}, true
		return false
	})
	return w, found
}

func isStringType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
