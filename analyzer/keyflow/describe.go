package keyflow

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// varName names the variable a constant was lifted from: "var key".
func (q *query) varName(c *ssa.Const) string {
	for _, r := range q.fi.refs[c] {
		if id, ok := r.Expr.(*ast.Ident); ok {
			return "var " + id.Name
		}
	}
	return ""
}

func (q *query) refPos(v ssa.Value) token.Pos {
	for _, r := range q.fi.refs[v] {
		return r.Expr.Pos()
	}
	return token.NoPos
}

// varOrExpr names v by the variable it was assigned to where it has one
// (key in key := gofrs.FromStringOrNil(h)), else as exprString does: a
// Valid flag's message reads "Valid is false when key is the nil UUID".
func (q *query) varOrExpr(v ssa.Value) string {
	for _, r := range q.fi.refs[v] {
		if id, ok := r.Expr.(*ast.Ident); ok {
			return id.Name
		}
	}
	return q.exprString(v)
}

// exprString renders the source of v for a message, or its SSA name.
func (q *query) exprString(v ssa.Value) string {
	if s, ok := q.goSyntax(v, 0); ok {
		return s
	}
	return v.Name()
}

// goSyntax renders v as Go source when the debug references (or its shape)
// allow; ok is false for SSA temporaries with no source form.
func (q *query) goSyntax(v ssa.Value, depth int) (string, bool) {
	for _, r := range q.fi.refs[v] {
		return types.ExprString(r.Expr), true
	}
	if depth > 3 {
		return "", false
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if a, ok := x.X.(*ssa.Alloc); ok && a.Comment != "" && a.Comment != "complit" && a.Comment != "new" {
				return a.Comment, true
			}
			for _, r := range q.fi.refs[x.X] {
				return types.ExprString(r.Expr), true
			}
		}
	case *ssa.Const:
		if x.Value != nil {
			return x.Value.ExactString(), true
		}
	case *ssa.Parameter:
		return x.Name(), true
	case *ssa.BinOp:
		l, ok1 := q.goSyntax(x.X, depth+1)
		r, ok2 := q.goSyntax(x.Y, depth+1)
		if ok1 && ok2 {
			return l + " " + x.Op.String() + " " + r, true
		}
	}
	return "", false
}

// describeEdge says under which condition control flows from pred to
// succ: "when the Idempotency-Key header is absent". It looks at the
// nearest branch that decides the edge, and returns its position and
// block.
func (q *query) describeEdge(pred, succ *ssa.BasicBlock) (string, token.Pos, *ssa.BasicBlock, *ssa.BasicBlock) {
	ifb, taken := findBranch(pred, succ)
	if ifb == nil {
		return "", token.NoPos, nil, nil
	}
	cond := ifb.Instrs[len(ifb.Instrs)-1].(*ssa.If).Cond
	to := ifb.Succs[1]
	if taken {
		to = ifb.Succs[0]
	}
	return q.describeCond(cond, taken, 0), q.fi.exprPos(cond), ifb, to
}

// findBranch finds the If whose outcome leads to the edge pred->succ and
// whether its condition was true on the way.
func findBranch(pred, succ *ssa.BasicBlock) (*ssa.BasicBlock, bool) {
	if isIf(pred) && len(pred.Succs) == 2 && pred.Succs[0] != pred.Succs[1] {
		if pred.Succs[0] == succ {
			return pred, true
		}
		if pred.Succs[1] == succ {
			return pred, false
		}
	}
	d := pred
	for i := 0; i < 8 && d != nil; i++ {
		id := d.Idom()
		if id == nil {
			return nil, false
		}
		if isIf(id) && len(id.Succs) == 2 && id.Succs[0] != id.Succs[1] {
			for j, s := range id.Succs {
				if len(s.Preds) == 1 && s.Dominates(pred) {
					return id, j == 0
				}
			}
		}
		d = id
	}
	return nil, false
}

func isIf(b *ssa.BasicBlock) bool {
	if len(b.Instrs) == 0 {
		return false
	}
	_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	return ok
}

// describeCond renders "when <cond holds as truth says>".
func (q *query) describeCond(cond ssa.Value, truth bool, depth int) string {
	if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT && depth < 4 {
		return q.describeCond(u.X, !truth, depth+1)
	}
	if b, ok := cond.(*ssa.BinOp); ok {
		x, y, op := b.X, b.Y, b.Op
		if _, ok := x.(*ssa.Const); ok {
			x, y, op = y, x, mirror(op)
		}
		if c, ok := y.(*ssa.Const); ok {
			eq := (op == token.EQL) == truth // x == c holds on this path
			switch {
			case (op == token.EQL || op == token.NEQ) && c.IsNil():
				if eq {
					return "when " + q.exprString(x) + " is nil"
				}
				return "when " + q.exprString(x) + " is not nil"
			case (op == token.EQL || op == token.NEQ) && isEmptyConst(c):
				return "when " + q.describeEmpty(x, eq)
			}
			if s, ok := lenOf(x); ok && c.Value != nil && c.Value.Kind() == constant.Int {
				n := c.Int64()
				switch {
				case (op == token.EQL || op == token.NEQ) && n == 0:
					return "when " + q.describeEmpty(s, eq)
				case (op == token.GTR && n == 0) || (op == token.GEQ && n == 1):
					return "when " + q.describeEmpty(s, !truth)
				case (op == token.LSS && n == 1) || (op == token.LEQ && n == 0):
					return "when " + q.describeEmpty(s, truth)
				}
			}
		}
	}
	s, ok := q.goSyntax(cond, 0)
	if !ok {
		return ""
	}
	if truth {
		return "when " + s
	}
	return "unless " + s
}

// describeEmpty says "<x> is empty" (or not), naming the request item
// when x comes from a known getter.
func (q *query) describeEmpty(x ssa.Value, empty bool) string {
	src := x
	for i := 0; i < 8; i++ {
		switch v := src.(type) {
		case *ssa.UnOp:
			// A variable whose address was taken: use its one store.
			if a, ok := v.X.(*ssa.Alloc); ok && v.Op == token.MUL {
				if s := singleStore(a); s != nil {
					src = s
					continue
				}
			}
		case *ssa.ChangeType:
			src = v.X
			continue
		case *ssa.Call:
			if f := calleeOf(&v.Call); f != nil {
				id := idOf(f)
				if g, ok := libGetters()[id]; ok {
					g = refineGetter(v, g)
					if empty {
						return getterSubject(g, userArgs(&v.Call)) + " " + g.absent
					}
					return getterSubject(g, userArgs(&v.Call)) + " is present"
				}
				if libPassesEmpty()[id] {
					if args := userArgs(&v.Call); len(args) > 0 {
						src = args[0]
						continue
					}
				}
			}
		}
		break
	}
	if empty {
		return q.exprString(x) + " is empty"
	}
	return q.exprString(x) + " is not empty"
}

func singleStore(a *ssa.Alloc) ssa.Value {
	var val ssa.Value
	for _, r := range *a.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == a {
			if val != nil {
				return nil
			}
			val = st.Val
		}
	}
	return val
}
