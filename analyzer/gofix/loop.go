package gofix

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/vocab"
)

// A fix inside a loop (or a callback run once per row, ent's
// MapCreateBulk) that tests and assigns a variable declared outside
// it runs once per row but fills the variable once: the first row that
// lacks a key gives it one, and every later row reuses it (rows share a
// key, and a unique index rejects the batch, or ON CONFLICT drops all but
// one row). Such a fix works on a copy made per row instead:
//
//	rowKey := key
//	if rowKey == nil { …; rowKey = &newKey }
//	rows = append(rows, Row{Key: rowKey})
//
// The argument itself is replaced by the copy. Where the argument is not
// the value tested (a field of a struct passed whole), no fix is offered:
// the struct is shared across rows, and no copy of it can be made safely.

// sharedLoop returns the outermost loop around stmt, inside the function
// that holds it, that the root variable of arg is declared outside of: a
// value shared by every iteration. It returns nil when there is none.
func sharedLoop(info *types.Info, file *ast.File, stmt ast.Stmt, arg ast.Expr) ast.Node {
	vp, ok := vocab.PathOf(info, arg)
	if !ok {
		return nil
	}
	root := vp.Root
	path, _ := astutil.PathEnclosingInterval(file, stmt.Pos(), stmt.End())
	var loop ast.Node
	for i, n := range path {
		switch lit := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n == ast.Node(stmt) {
				continue
			}
			if root.Pos() < n.Pos() || root.Pos() >= n.End() {
				loop = n
			}
		case *ast.FuncLit:
			// ent's MapCreateBulk(slice, func(c *MessageCreate, i int) {…})
			// runs its callback once per row, as a loop body.
			if i+1 < len(path) && perRowCallback(path[i+1], lit) && (root.Pos() < n.Pos() || root.Pos() >= n.End()) {
				loop = n
			}
		case *ast.FuncDecl:
			return loop
		}
	}
	return loop
}

// perRowCallback reports whether lit is the callback of a call that runs
// it once per row: ent's generated MapCreateBulk.
func perRowCallback(parent ast.Node, lit *ast.FuncLit) bool {
	call, ok := parent.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "MapCreateBulk" && len(call.Args) == 2 && astutil.Unparen(call.Args[1]) == ast.Expr(lit)
}

// perRow reports whether e reads a variable declared inside loop: a value
// that can differ from one row to the next (b, in.Body, bodies[i]).
func perRow(info *types.Info, loop ast.Node, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found {
			return !found
		}
		if v, ok := info.Uses[id].(*types.Var); ok && !v.IsField() && v.Pos() >= loop.Pos() && v.Pos() < loop.End() {
			found = true
		}
		return !found
	})
	return found
}
