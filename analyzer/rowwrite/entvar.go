package rowwrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
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
		return builderVar{}, f.unread("the builder %s is not declared in this function", v.Name())
	}
	w := &builderWalk{f: f, v: v, save: save, bt: bt, ok: true}
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if !w.ok {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, isID := n.(*ast.Ident); isID {
			w.ident(stack, id)
		}
		return w.ok
	})
	if !w.ok {
		return builderVar{}, f.unread("%s", w.why)
	}
	if w.initAt == nil {
		return builderVar{}, f.unread("the builder %s is not declared from a Create call here", v.Name())
	}
	must, ok := mustSet(body, w.initAt, w.initSets, w.sets, save)
	if !ok {
		return builderVar{}, f.unread("the setters on %s are not placed in this function's control flow", v.Name())
	}
	return builderVar{root: w.root, sets: append(w.initSets, w.sets...), must: must}, true
}

// A builderWalk collects what a function does with a builder variable.
type builderWalk struct {
	f    *finder
	v    *types.Var
	save *ast.CallExpr
	bt   types.Type

	initAt   ast.Node // the declaration
	initSets []entSetter
	root     *ast.CallExpr // the Create call that the declaration holds
	sets     []entSetter   // setters after the declaration, outside save's chain
	ok       bool
	why      string // why not, when !ok
}

// fail stops the walk and says why.
func (w *builderWalk) fail(format string, args ...any) {
	w.ok = false
	w.why = fmt.Sprintf(format, args...)
}

// ident reads one identifier: the variable's declaration or a use.
func (w *builderWalk) ident(stack []ast.Node, id *ast.Ident) {
	info := w.f.info
	if info.Defs[id] == w.v {
		at, init := builderInit(stack, id)
		if init == nil {
			w.fail("the builder %s is declared without a Create call", w.v.Name())
			return
		}
		sets, root, _, ok := w.f.entChain(init, w.bt)
		if !ok || root == nil {
			w.fail("the builder %s is declared from %s, not from a Create call", w.v.Name(), shortExpr(init))
			return
		}
		w.initAt, w.initSets, w.root = at, sets, root
		return
	}
	if info.Uses[id] != w.v {
		return
	}
	for _, s := range stack {
		if lit, isLit := s.(*ast.FuncLit); isLit && ast.Node(lit) != w.f.fn {
			w.fail("the builder %s is used in a closure, which may set its fields", w.v.Name())
			return
		}
	}
	sets, isSave, why := w.f.builderUse(stack, id, w.bt)
	if why != "" {
		w.fail("%s", why)
		return
	}
	if !isSave || !contains(w.save, id) {
		for _, s := range sets {
			s.src.Call, _ = s.pos.(*ast.CallExpr) // perhaps in a branch: judged there
			w.sets = append(w.sets, s)
		}
	}
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
// whether it ends in a Save (or Exec). why says what else the use does,
// for a use that is not a chain of builder methods or whose builder result
// goes anywhere but back into the variable; it is empty for a use read.
func (f *finder) builderUse(stack []ast.Node, id *ast.Ident, bt types.Type) (sets []entSetter, isSave bool, why string) {
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
			return sets, true, ""
		default:
			return nil, false, fmt.Sprintf("the builder %s's %s does not return the builder", id.Name, name)
		}
	}
	if top == id {
		if as, isAs := stack[i-1].(*ast.AssignStmt); isAs && len(as.Lhs) == 1 && len(as.Rhs) == 1 && as.Lhs[0] == id {
			if _, _, rv, ok := f.entChain(as.Rhs[0], bt); ok && rv == f.info.Uses[id] {
				return nil, false, "" // b = b.SetX(x): the right-hand side's use reads it
			}
		}
		return nil, false, "the builder " + id.Name + " " + escapes(stack[:i+1], id)
	}
	switch p := stack[i-1].(type) {
	case *ast.ExprStmt:
		return sets, false, ""
	case *ast.AssignStmt: // b = b.SetX(x)
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 && p.Rhs[0] == top {
			if l, isID := p.Lhs[0].(*ast.Ident); isID && f.info.Uses[l] == f.info.Uses[id] {
				return sets, false, ""
			}
		}
		return nil, false, fmt.Sprintf("the builder %s's chain %s is assigned to %s", id.Name, shortExpr(top), shortExpr(p.Lhs[0]))
	}
	return nil, false, "the builder " + id.Name + "'s chain " + shortExpr(top) + " " + escapes(stack[:i+1], top)
}

// escapes says where the use e, last on stack, goes: passed to a
// function, returned, stored, reassigned.
func escapes(stack []ast.Node, e ast.Expr) string {
	if len(stack) < 2 {
		return "is used where idemlint does not follow it"
	}
	switch p := stack[len(stack)-2].(type) {
	case *ast.CallExpr:
		if slices.Contains(p.Args, ast.Expr(e)) {
			return "is passed to " + shortExpr(p.Fun) + ", which may set its fields"
		}
	case *ast.ReturnStmt:
		return "is returned, and idemlint does not follow it to the call that executes it"
	case *ast.AssignStmt:
		if slices.Contains(p.Lhs, ast.Expr(e)) {
			return "is assigned " + shortExpr(p.Rhs[min(len(p.Rhs)-1, slices.Index(p.Lhs, ast.Expr(e)))]) + ", which is not a setter chain on it"
		}
		return "is copied to another variable"
	case *ast.CompositeLit, *ast.KeyValueExpr:
		return "is stored in a composite literal"
	case *ast.UnaryExpr:
		return "has its address taken"
	}
	return "is used where idemlint does not follow it"
}

// shortExpr renders e for a note, cut to a readable length.
func shortExpr(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
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
	fl := &setFlow{g: cfg.New(body, func(*ast.CallExpr) bool { return true })}
	if !fl.add(initAt, true, initMask) {
		return nil, false
	}
	for _, s := range sets {
		if !fl.add(s.pos, false, bit[s.field]) {
			return nil, false
		}
	}
	sort.Slice(fl.events, func(i, j int) bool { return fl.events[i].at.Pos() < fl.events[j].at.Pos() })
	saveBlock, saveNode := fl.blockOf(save)
	if saveBlock < 0 {
		return nil, false
	}
	in := fl.solve()
	state := fl.apply(saveBlock, in[saveBlock], saveNode, save)
	must := map[string]bool{}
	for field, m := range bit {
		must[field] = state&m != 0
	}
	return must, true
}

// A setFlow is a must-set dataflow over a function's CFG: each state is a
// bit set of builder fields.
type setFlow struct {
	g      *cfg.CFG
	events []setEvent
}

// A setEvent changes the state where it happens: the declaration resets
// it, a setter adds its field.
type setEvent struct {
	at          ast.Node
	reset       bool
	mask        uint64
	block, node int
}

func (fl *setFlow) add(at ast.Node, reset bool, mask uint64) bool {
	b, n := fl.blockOf(at)
	if b < 0 {
		return false
	}
	fl.events = append(fl.events, setEvent{at: at, reset: reset, mask: mask, block: b, node: n})
	return true
}

// blockOf finds the block and node index holding n: the innermost node
// that contains it (a range statement's node spans its body).
func (fl *setFlow) blockOf(n ast.Node) (int, int) {
	bi, ni, span := -1, -1, token.Pos(0)
	for _, b := range fl.g.Blocks {
		for j, node := range b.Nodes {
			if contains(node, n) && (bi < 0 || node.End()-node.Pos() < span) {
				bi, ni, span = int(b.Index), j, node.End()-node.Pos()
			}
		}
	}
	return bi, ni
}

// apply runs the events of block b on state: all of them, or (with limit
// ≥ 0) those in nodes up to limit that come before end.
func (fl *setFlow) apply(b int, state uint64, limit int, end ast.Node) uint64 {
	for _, e := range fl.events {
		if e.block != b || limit >= 0 && e.node > limit || end != nil && e.at.Pos() >= end.Pos() {
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

// solve returns each block's entry state: the intersection of its
// predecessors' exit states, nothing set at the function's entry.
func (fl *setFlow) solve() []uint64 {
	const all = ^uint64(0)
	n := len(fl.g.Blocks)
	in, out := make([]uint64, n), make([]uint64, n)
	preds := make([][]int, n)
	for _, b := range fl.g.Blocks {
		for _, s := range b.Succs {
			preds[s.Index] = append(preds[s.Index], int(b.Index))
		}
		in[b.Index], out[b.Index] = all, all
	}
	for changed := true; changed; {
		changed = false
		for _, b := range fl.g.Blocks {
			st := all
			if b.Index == 0 {
				st = 0
			}
			for _, p := range preds[b.Index] {
				st &= out[p]
			}
			in[b.Index] = st
			if o := fl.apply(int(b.Index), st, -1, nil); o != out[b.Index] {
				out[b.Index], changed = o, true
			}
		}
	}
	return in
}
