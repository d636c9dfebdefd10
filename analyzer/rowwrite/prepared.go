package rowwrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/internal/pkgpath"
)

// Statements prepared with an INSERT and executed later: through a local
// variable (stmt, _ := db.Prepare(q); stmt.Exec(…)), through a struct
// field set anywhere in the package (s.insert, err = db.Prepare(q) in a
// constructor; s.insert.ExecContext(ctx, …) in a method), and through the
// calls that bind a statement to a transaction (tx.Stmt(stmt),
// tx.NamedStmt(stmt)). sqlx's PrepareNamed statements bind their :name
// parameters from the one argument of Exec.

// A prepared is what a finder knows of the package's prepared statements.
type prepared struct {
	locals map[types.Object]Site // local variable → its statement
	fields map[*types.Var]*Site  // struct field → its statement; nil when set to anything else too
	execd  map[*types.Var]bool   // fields whose statement the package executes
	// firstExec is where the package first executes each field's
	// statement, for the note on statements whose SQL is not in view.
	firstExec map[*types.Var]token.Pos
}

// rebinds names the calls that return a prepared statement bound to a
// transaction: their last argument is the statement.
var rebinds = map[string]bool{
	"Stmt": true, "StmtContext": true, "Stmtx": true, "StmtxContext": true,
	"NamedStmt": true, "NamedStmtContext": true,
}

// collectFields reads, over the whole package, what each struct field is
// set to, so that a statement prepared in a constructor is known in the
// methods that execute it. A field set to a prepared INSERT in one place
// and to anything else (or another statement) elsewhere is not known.
func (f *finder) collectFields() {
	f.prep.fields = map[*types.Var]*Site{}
	f.prep.execd = map[*types.Var]bool{}
	f.prep.firstExec = map[*types.Var]token.Pos{}
	for _, file := range f.files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			local := map[types.Object]Site{}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					f.noteAssign(n, local)
				case *ast.CompositeLit:
					for _, elt := range n.Elts {
						kv, ok := elt.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						if id, ok := kv.Key.(*ast.Ident); ok {
							if fv, ok := f.info.Uses[id].(*types.Var); ok && fv.IsField() {
								s, ok := f.stmtValue(kv.Value, local)
								f.noteField(fv, s, ok)
							}
						}
					}
				case *ast.CallExpr:
					if sel, ok := n.Fun.(*ast.SelectorExpr); ok && isExecName(sel.Sel.Name) {
						if fv := f.fieldOf(sel.X); fv != nil {
							f.prep.execd[fv] = true
							if p, ok := f.prep.firstExec[fv]; !ok || n.Pos() < p {
								f.prep.firstExec[fv] = n.Pos()
							}
						}
					}
				}
				return true
			})
		}
	}
}

// noteUnseenStatements notes, once per package, the prepared statements
// held in struct fields that the package executes but never sets in view
// (listmonk's queries, filled by reflection from named queries in .sql
// files; a field set in another package): their SQL is unknown, so an
// INSERT among them would write keys nobody checks.
func (f *finder) noteUnseenStatements() {
	var names []string
	first := token.NoPos
	for fv, pos := range f.prep.firstExec {
		if _, set := f.prep.fields[fv]; set || !isStatementType(fv.Type()) {
			continue
		}
		names = append(names, fv.Name())
		if !first.IsValid() || pos < first {
			first = pos
		}
	}
	if len(names) == 0 {
		return
	}
	slices.Sort(names)
	list := strings.Join(names, ", ")
	if len(names) > 5 {
		list = strings.Join(names[:5], ", ") + ", …"
	}
	what := fmt.Sprintf("%d prepared statements held in struct fields", len(names))
	if len(names) == 1 {
		what = "a prepared statement held in a struct field"
	}
	f.notes = append(f.notes, Note{Pos: first, Message: fmt.Sprintf("not followed: this package executes %s it never sets in view (%s: filled by reflection, as named queries loaded from .sql files are, or in another package), so their SQL is not known and any key they write is not checked", what, list)})
}

// isStatementType reports whether t is a prepared statement of
// database/sql or sqlx (*sql.Stmt, *sqlx.Stmt, *sqlx.NamedStmt).
func isStatementType(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	switch pkgpath.Unvendor(n.Obj().Pkg().Path()) {
	case "database/sql":
		return n.Obj().Name() == "Stmt"
	case "github.com/jmoiron/sqlx":
		return n.Obj().Name() == "Stmt" || n.Obj().Name() == "NamedStmt"
	}
	return false
}

// noteAssign records what an assignment stores into locals and fields.
func (f *finder) noteAssign(as *ast.AssignStmt, local map[types.Object]Site) {
	for i, lhs := range as.Lhs {
		var rhs ast.Expr
		switch {
		case len(as.Rhs) == len(as.Lhs):
			rhs = as.Rhs[i]
		case len(as.Rhs) == 1 && i == 0:
			rhs = as.Rhs[0] // stmt, err := db.Prepare(q)
		}
		s, ok := Site{}, false
		if rhs != nil {
			s, ok = f.stmtValue(rhs, local)
		}
		switch l := astutil.Unparen(lhs).(type) {
		case *ast.Ident:
			if obj := f.objOf(l); obj != nil && ok {
				local[obj] = s
			}
		case *ast.SelectorExpr:
			if fv := f.fieldOf(l); fv != nil {
				f.noteField(fv, s, ok)
			}
		}
	}
}

func (f *finder) noteField(fv *types.Var, s Site, ok bool) {
	old, seen := f.prep.fields[fv]
	switch {
	case !ok:
		f.prep.fields[fv] = nil
	case !seen:
		f.prep.fields[fv] = &s
	case old != nil && old.Query != s.Query:
		f.prep.fields[fv] = nil // two statements: not known
	}
}

// stmtValue reports the prepared INSERT e holds: a Prepare call, a local
// variable holding one, or a transaction's rebinding of one.
func (f *finder) stmtValue(e ast.Expr, local map[types.Object]Site) (Site, bool) {
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident:
		s, ok := local[f.info.Uses[e]]
		return s, ok
	case *ast.CallExpr:
		if isPrepare(e, f.info) {
			if s, ok := siteFromCall(e, f.info, f.d); ok && len(s.Args) == 0 && !s.Spread {
				s.Func = nil
				return s, true
			}
			return Site{}, false
		}
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok && rebinds[sel.Sel.Name] && len(e.Args) > 0 {
			return f.stmtValue(e.Args[len(e.Args)-1], local)
		}
	}
	return Site{}, false
}

// preparedFor returns the statement the receiver of an Exec call holds.
func (f *finder) preparedFor(x ast.Expr) (Site, bool) {
	switch x := astutil.Unparen(x).(type) {
	case *ast.Ident:
		s, ok := f.prep.locals[f.info.Uses[x]]
		return s, ok
	case *ast.SelectorExpr:
		if fv := f.fieldOf(x); fv != nil && f.prep.fields[fv] != nil {
			return *f.prep.fields[fv], true
		}
	case *ast.CallExpr:
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok && rebinds[sel.Sel.Name] && len(x.Args) > 0 {
			return f.preparedFor(x.Args[len(x.Args)-1])
		}
	}
	return Site{}, false
}

// fieldOf returns the struct field e selects, or nil.
func (f *finder) fieldOf(e ast.Expr) *types.Var {
	sel, ok := astutil.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s, ok := f.info.Selections[sel]; !ok || s.Kind() != types.FieldVal {
		return nil
	}
	fv, _ := f.info.Uses[sel.Sel].(*types.Var)
	return fv
}

func (f *finder) objOf(id *ast.Ident) types.Object {
	if obj := f.info.Defs[id]; obj != nil {
		return obj
	}
	return f.info.Uses[id]
}

// execPrepared makes the site of call, which executes the statement p.
// sqlx's NamedStmt binds its parameters from the last argument (Exec(arg),
// Get(dest, arg)).
func (f *finder) execPrepared(call *ast.CallExpr, p Site) []Site {
	s := p
	s.Call, s.Func, s.Decl = call, f.fn, f.decl
	s.Args, s.Spread = bindArgs(call, 0, f.info)
	if s.copyIn && len(s.Args) == 0 && !s.Spread {
		return nil // stmt.Exec() ends the COPY
	}
	if fn := callee(f.info, call); fn != nil && isNamedStmtMethod(fn) {
		if len(s.Args) == 0 || s.Spread {
			return nil
		}
		s.Args = s.Args[len(s.Args)-1:]
		s.namedStmt = true
		return f.bindNamed(s)
	}
	return []Site{s}
}

// isNamedStmtMethod reports whether fn is a method of sqlx's NamedStmt.
func isNamedStmtMethod(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || importPath(fn.Pkg()) != sqlxPath {
		return false
	}
	n, ok := types.Unalias(derefType(sig.Recv().Type())).(*types.Named)
	return ok && n.Obj().Name() == "NamedStmt"
}
