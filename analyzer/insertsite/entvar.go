package insertsite

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"
)

// An entSetter is one setter call on an ent create builder.
type entSetter struct {
	field string
	src   Source
	pos   ast.Node // the call, for its position in the control flow
}

// entChain walks a builder chain from its end (the receiver of Save) down
// to client.X.Create() or to a variable holding a builder. It returns the
// chain's setters, and the Create call or the variable.
func (f *finder) entChain(e ast.Expr, bt types.Type) (sets []entSetter, root *ast.CallExpr, v *types.Var, ok bool) {
	for e = astutil.Unparen(e); ; {
		if id, isID := e.(*ast.Ident); isID {
			v, _ = f.info.Uses[id].(*types.Var)
			return sets, nil, v, v != nil && isBuilder(v.Type(), bt)
		}
		c, isCall := e.(*ast.CallExpr)
		if !isCall {
			return nil, nil, nil, false
		}
		s, isSel := c.Fun.(*ast.SelectorExpr)
		if !isSel {
			return nil, nil, nil, false
		}
		name := s.Sel.Name
		switch {
		case name == "Create" && isBuilder(f.info.TypeOf(c), bt) && !isBuilder(f.info.TypeOf(s.X), bt):
			return sets, c, nil, true // client.Message.Create()
		case !isBuilder(f.info.TypeOf(c), bt):
			return nil, nil, nil, false
		case strings.HasPrefix(name, "SetNillable") && len(c.Args) == 1:
			sets = append(sets, entSetter{strings.TrimPrefix(name, "SetNillable"), Source{Expr: astutil.Unparen(c.Args[0]), OmitIfNil: true}, c})
		case strings.HasPrefix(name, "Set") && len(c.Args) == 1:
			sets = append(sets, entSetter{strings.TrimPrefix(name, "Set"), Source{Expr: astutil.Unparen(c.Args[0])}, c})
		}
		e = astutil.Unparen(s.X)
	}
}

// A builderVar is what a function does with a builder kept in a variable
// before one Save: every setter called on it, and which fields are set on
// every path from its Create to the Save.
type builderVar struct {
	root *ast.CallExpr
	sets []entSetter
	must map[string]bool
}

// followBuilder follows the builder variable v of the function being
// walked up to the call save. Its uses must all be setter chains (b.SetX(x),
// b = b.SetX(x), b.SetX(x).Save(ctx)); any other use (passed on, captured
// by a closure, reassigned) makes it not followed.
func (f *finder) followBuilder(v *types.Var, save *ast.CallExpr, bt types.Type) (builderVar, bool) {
	var body *ast.BlockStmt
	switch fn := f.fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return builderVar{}, false
	}
	bv := builderVar{must: map[string]bool{}}
	var initAt ast.Node
	var initSets []entSetter
	ok := true
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, isID := n.(*ast.Ident)
		if !isID {
			return true
		}
		if f.info.Defs[id] == v {
			at, init := builderInit(stack, id)
			if init == nil || initAt != nil {
				ok = false
				return false
			}
			sets, root, _, chainOK := f.entChain(init, bt)
			if !chainOK || root == nil {
				ok = false
				return false
			}
			initAt, initSets, bv.root = at, sets, root
			return true
		}
		if f.info.Uses[id] != v {
			return true
		}
		for _, s := range stack {
			if lit, isLit := s.(*ast.FuncLit); isLit && ast.Node(lit) != f.fn {
				ok = false // captured by a closure
				return false
			}
		}
		sets, isSave, useOK := f.builderUse(stack, id, bt)
		if !useOK {
			ok = false
			return false
		}
		if !isSave || !contains(save, id) {
			bv.sets = append(bv.sets, sets...)
		}
		return true
	})
	if !ok || initAt == nil {
		return builderVar{}, false
	}
	must, flowOK := mustSet(body, initAt, initSets, bv.sets, save)
	if !flowOK {
		return builderVar{}, false
	}
	bv.sets = append(initSets, bv.sets...)
	bv.must = must
	return bv, true
}

func contains(outer ast.Node, inner ast.Node) bool {
	return outer.Pos() <= inner.Pos() && inner.End() <= outer.End()
}

// builderInit returns the statement that declares id and the expression it
// is initialised with: b := client.Message.Create()…, var b = ….
func builderInit(stack []ast.Node, id *ast.Ident) (ast.Node, ast.Expr) {
	if len(stack) < 2 {
		return nil, nil
	}
	switch d := stack[len(stack)-2].(type) {
	case *ast.AssignStmt:
		if len(d.Lhs) == 1 && len(d.Rhs) == 1 && d.Lhs[0] == id {
			return d, d.Rhs[0]
		}
	case *ast.ValueSpec:
		if len(d.Names) == 1 && len(d.Values) == 1 {
			return d, d.Values[0]
		}
	}
	return nil, nil
}

// builderUse reads the chain rooted at the use id: its setters, and
// whether it ends in a Save (or Exec). ok is false for a use that is not a
// chain of builder methods, or whose builder result goes anywhere but back
// into the variable.
func (f *finder) builderUse(stack []ast.Node, id *ast.Ident, bt types.Type) (sets []entSetter, isSave, ok bool) {
	i := len(stack) - 1
	var top ast.Expr = id
	for i >= 2 {
		sel, isSel := stack[i-1].(*ast.SelectorExpr)
		call, isCall := stack[i-2].(*ast.CallExpr)
		if !isSel || !isCall || sel.X != top || call.Fun != sel {
			break
		}
		top, i = call, i-2
		switch name := sel.Sel.Name; {
		case isBuilder(f.info.TypeOf(call), bt):
			if strings.HasPrefix(name, "SetNillable") && len(call.Args) == 1 {
				sets = append(sets, entSetter{strings.TrimPrefix(name, "SetNillable"), Source{Expr: astutil.Unparen(call.Args[0]), OmitIfNil: true}, call})
			} else if strings.HasPrefix(name, "Set") && len(call.Args) == 1 {
				sets = append(sets, entSetter{strings.TrimPrefix(name, "Set"), Source{Expr: astutil.Unparen(call.Args[0])}, call})
			}
		case name == "Save" || name == "SaveX" || name == "Exec" || name == "ExecX":
			return sets, true, true
		default:
			return nil, false, false
		}
	}
	if top == id {
		return nil, false, false // b itself, not a method call on it
	}
	switch p := stack[i-1].(type) {
	case *ast.ExprStmt:
		return sets, false, true
	case *ast.AssignStmt: // b = b.SetX(x)
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 && p.Rhs[0] == top {
			if l, isID := p.Lhs[0].(*ast.Ident); isID && f.info.Uses[l] == f.info.Uses[id] {
				return sets, false, true
			}
		}
	}
	return nil, false, false
}

// mustSet computes which fields are set on every path from the builder's
// declaration (initAt, whose chain sets initSets) to save, over the
// function's control-flow graph: a field set in the declaration or in a
// statement that every path passes.
func mustSet(body *ast.BlockStmt, initAt ast.Node, initSets, sets []entSetter, save ast.Node) (map[string]bool, bool) {
	bit := map[string]uint64{}
	for _, s := range append(append([]entSetter(nil), initSets...), sets...) {
		if _, ok := bit[s.field]; !ok {
			if len(bit) == 64 {
				return nil, false
			}
			bit[s.field] = 1 << len(bit)
		}
	}
	var initMask uint64
	for _, s := range initSets {
		initMask |= bit[s.field]
	}
	g := cfg.New(body, func(*ast.CallExpr) bool { return true })
	// An event changes the state at a position: the declaration resets it,
	// a setter adds its field.
	type event struct {
		pos   ast.Node
		reset bool
		mask  uint64
	}
	events := []event{{pos: initAt, reset: true, mask: initMask}}
	for _, s := range sets {
		events = append(events, event{pos: s.pos, mask: bit[s.field]})
	}
	sort.Slice(events, func(i, j int) bool { return events[i].pos.Pos() < events[j].pos.Pos() })
	// blockOf finds the block and node index holding n: the innermost node
	// that contains it.
	blockOf := func(n ast.Node) (int, int) {
		bi, ni, span := -1, -1, token.Pos(0)
		for _, b := range g.Blocks {
			for j, node := range b.Nodes {
				if contains(node, n) && (bi < 0 || node.End()-node.Pos() < span) {
					bi, ni, span = int(b.Index), j, node.End()-node.Pos()
				}
			}
		}
		return bi, ni
	}
	type placed struct {
		event
		block, node int
	}
	var placedEvents []placed
	for _, e := range events {
		b, n := blockOf(e.pos)
		if b < 0 {
			return nil, false
		}
		placedEvents = append(placedEvents, placed{e, b, n})
	}
	saveBlock, saveNode := blockOf(save)
	if saveBlock < 0 {
		return nil, false
	}
	// apply runs the events of block b on state, up to node limit (all
	// when limit < 0) and before position end.
	apply := func(b int, state uint64, limit int, end ast.Node) uint64 {
		for _, e := range placedEvents {
			if e.block != b || limit >= 0 && e.node > limit || end != nil && e.pos.Pos() >= end.Pos() {
				continue
			}
			if e.reset {
				state = e.mask
			} else {
				state |= e.mask
			}
		}
		return state
	}
	const top = ^uint64(0)
	in := make([]uint64, len(g.Blocks))
	out := make([]uint64, len(g.Blocks))
	preds := make([][]int, len(g.Blocks))
	for _, b := range g.Blocks {
		for _, s := range b.Succs {
			preds[s.Index] = append(preds[s.Index], int(b.Index))
		}
		in[b.Index], out[b.Index] = top, top
	}
	for changed := true; changed; {
		changed = false
		for _, b := range g.Blocks {
			st := top
			if b.Index == 0 {
				st = 0
			}
			for _, p := range preds[b.Index] {
				st &= out[p]
			}
			in[b.Index] = st
			if o := apply(int(b.Index), st, -1, nil); o != out[b.Index] {
				out[b.Index], changed = o, true
			}
		}
	}
	state := apply(saveBlock, in[saveBlock], saveNode, save)
	must := map[string]bool{}
	for field, m := range bit {
		must[field] = state&m != 0
	}
	return must, true
}
