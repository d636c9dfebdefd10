package keyflow

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// memOut is one way a load can see its value.
type memOut struct {
	kind  outKind
	store *ssa.Store
	index int
	rest  []string
	call  ssa.CallInstruction // for outClobbered: the call that may write the cell
	wild  bool
	// stored, for a wild outClobbered: where the cell's address was
	// stored (or captured) before call, which is why call may write it.
	stored ssa.Instruction
	deref  bool // for outStore: the store writes the pointer to the cell
	// received, for outStore: the store writes a value received from a
	// channel, and a pointer inside it leads to the cell (receivedThrough).
	received bool
	// through, for outStore: the store writes a pointer, and the cell is
	// the field rest of its target (&Task{Meta: meta}, then Meta.Key).
	through bool
	// sawCheck: the walk passed (the unsafe side of) a check of the cell
	// before reaching this outcome, so the check came after the store.
	sawCheck bool
	// decided, for outZero and outStore: the branch edge on the way whose
	// other side leads to another store of the cell (`if in.Key != "" {
	// p.Key = &in.Key }`): this outcome is seen when that branch goes
	// this way.
	decided *branchEdge
	edges   *edgeList // the branch edges crossed on the way from the load
}

// A branchEdge is the edge from an If block to one of its successors.
type branchEdge struct{ from, to *ssa.BasicBlock }

// An edgeList is the branch edges a walk crossed on one path, the last
// crossed (farthest from the load) first. Paths that share their start
// share its cells, so crossing an edge costs one cell.
type edgeList struct {
	edge branchEdge
	next *edgeList
	n    int // the list's length
}

// nearestFirst returns l's edges, the one nearest the load first.
func (l *edgeList) nearestFirst() []branchEdge {
	out := make([]branchEdge, 0, l.len())
	for ; l != nil; l = l.next {
		out = append(out, l.edge)
	}
	slices.Reverse(out)
	return out
}

func (l *edgeList) len() int {
	if l == nil {
		return 0
	}
	return l.n
}

// maxWalkEdges bounds the branch edges a walk remembers per path.
const maxWalkEdges = 16

type outKind byte

const (
	outGuarded   outKind = iota // the safe edge of a check of the cell
	outStore                    // a store to the cell (or to a struct holding it)
	outZero                     // the Alloc's zero contents
	outEntry                    // the function's entry: the cell's value comes from outside
	outClobbered                // a call that may write the cell
	outPartial                  // a write to part of the cell, or the budget ran out
)

// evalMem judges the contents of memory cell l as loaded at pt: it walks
// back to the stores that reach the load (or the Alloc, whose contents
// start as zero), stopping at the safe edges of checks of l.
func (q *query) evalMem(l path, pt point, k qkind, depth int) result {
	if !q.tick(depth) {
		return resUnknown
	}
	key := memoKey{p: l, k: k, op: 'm'}
	return q.memo(*key.at(pt), func() result {
		var esc *escape
		switch root := l.root.(type) {
		case *ssa.Alloc:
			esc = q.fi.escapeOf(root, l.sel)
		case *ssa.Global:
			_, isFlag := flagCall(l)
			esc = &escape{wild: true, flagValue: isFlag}
		default:
			if _, _, isCall := resultCall(root); isCall && strings.HasPrefix(l.sel, "*") {
				esc = argEscape(root)
			}
		}
		outs := q.memWalk(l, pt, k, esc)
		if c := optionCall(outs); c != nil {
			// A path to the load runs code the caller passed in on the
			// cell (opt(&row)); the others skip it, when the caller
			// passes no option, or none that sets the field. Which one
			// holds, and what the option writes, is the caller's code:
			// not followed here, so not a verdict either way.
			return result{st: unknown, escaped: c}
		}
		var rs []result
		for _, o := range outs {
			r := q.judgeOut(o, l, pt, k, depth)
			if r.st == bad {
				return r
			}
			rs = append(rs, r)
		}
		return join(rs...)
	})
}

// judgeOut judges one way the load at pt can see the contents of l.
func (q *query) judgeOut(o memOut, l path, pt point, k qkind, depth int) result {
	switch o.kind {
	case outGuarded:
		return resSafe
	case outStore:
		if !o.deref && len(o.rest) == 0 && q.invalidWhenEmpty(l, o.store, k) {
			return resSafe // sql.NullString{String: k, Valid: k != ""}: NULL, not ""
		}
		if o.received {
			if r, ok := q.receivedThrough(o.store, l, k, depth); ok {
				return r
			}
			return resUnknown
		}
		at := point{block: o.store.Block(), index: o.index}
		var r result
		if o.through {
			if tl, ok := locPath(o.store.Val); ok {
				r = q.evalMem(tl.fields(o.rest), at, k, depth+1)
			} else if er, ok := q.pointedElement(o.store.Val, o.rest, k); ok {
				r = er // job{item: it} with it ranging over a decoded []*Item
			} else {
				r = resUnknown
			}
		} else if o.deref && len(o.rest) > 0 {
			r = q.evalDerefField(o.store.Val, o.rest, at, k, depth+1)
		} else if o.deref {
			r = q.evalDeref(o.store.Val, at, k, depth+1)
		} else {
			if q.commaOKGuarded(o.store.Val, pt) {
				// k, ok := ctx.Value(c).(string) into a variable
				// whose address is taken (&k): the store comes
				// before the check of ok, the load after it.
				at = pt
			}
			r = q.evalV(o.store.Val, o.rest, at, k, depth+1)
		}
		if r.st == bad && r.f.when == "" && r.f.text == "" {
			r.f = q.decidedBy(o, r.f) // rec := Row{…} with the key stored only under a check
		}
		if (r.st == unknown || r.st == cond) && o.sawCheck {
			// The cell was stored, then checked, then inserted
			// without that check: the SA5011 shape on the cell.
			if lr := q.leaf(pt, k, l, true); lr.st == bad || r.st == unknown {
				r = lr
			}
		}
		return r
	case outZero:
		if strings.Contains(l.sel, "*") {
			return resSafe // behind a nil pointer: NULL, which MayBeNull reports
		}
		if q.invalidWhenEmpty(l, nil, k) {
			return resSafe // the payload of a wrapper left invalid: NULL, not ""
		}
		if a, ok := l.root.(*ssa.Alloc); ok && zeroStatusAt(a.Type(), strings.Split(strings.TrimPrefix(l.sel, "."), ".")) {
			return resSafe // pgtype's Undefined: the write fails, no NULL
		}
		return badResult(q.decidedBy(o, q.zeroAlloc(l, k)))
	case outEntry:
		if call, ok := flagCall(l); ok && k == kEmpty {
			if f, ok := q.flagDefault(call); ok {
				return badResult(f) // *key of key := flag.String("key", "", …)
			}
		}
		if call, i, ok := resultCall(l.root); ok && strings.HasPrefix(l.sel, "*") {
			if r, ok := q.resultField(call, i, l.sel, k, depth); ok {
				return r
			}
		}
		if r, ok := q.fromOutside(l, pt, k); ok {
			return r
		}
		if r, ok := q.evalReceivedMem(l, k, depth); ok {
			return r // chanvalue.go
		}
		r := q.captured(l, k, depth)
		if r.st == unknown {
			r = q.leaf(pt, k, l, true)
		}
		return r
	case outClobbered:
		if r, ok := q.decoded(o.call, l, pt, k); ok {
			return r
		}
		if !o.wild {
			if r, ok := q.pgtypeSet(o.call, l, k, depth); ok {
				return r // pgtypeset.go
			}
			if r, ok := q.boundFlag(o.call, l, k); ok {
				return r // flagvar.go: flag.StringVar(&key, "key", "", …)
			}
			if r, ok := q.setterCall(o.call, l, k, depth); ok {
				return r
			}
		}
		if o.wild {
			return result{st: unknown, escaped: o.call, escStored: o.stored}
		}
		r := q.leaf(pt, k, l, true)
		if r.st == unknown && r.escaped == nil {
			r.escaped = o.call
		}
		return r
	}
	return resUnknown
}

// commaOKGuarded reports whether v is the value of a comma-ok form (v, ok
// := x.(T), or v, ok := m[key]) whose ok is checked on every path from
// that form to pt: what v can be there is what it is past the check.
func (q *query) commaOKGuarded(v ssa.Value, pt point) bool {
	x, ok := v.(*ssa.Extract)
	if !ok || x.Index != 0 {
		return false
	}
	var okv ssa.Value
	switch t := x.Tuple.(type) {
	case *ssa.TypeAssert:
		okv = assertOK(t)
	case *ssa.Lookup:
		okv = commaOK(t)
	}
	return okv != nil && q.regGuarded(path{root: okv}, x.Block(), pt, kValid)
}

// evalDerefField judges *v.steps, where v is a struct stored whole into
// the variable whose field points to the queried cell: `d := Row{Key:
// &h}` copies the literal into d, and *d.Key is h.
func (q *query) evalDerefField(v ssa.Value, steps []string, pt point, k qkind, depth int) result {
	if !q.tick(depth) {
		return resUnknown
	}
	for {
		ct, ok := v.(*ssa.ChangeType)
		if !ok {
			break
		}
		v = ct.X
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if l, ok := locPath(x.X); ok {
				l = l.fields(steps)
				l.sel += "*"
				return q.evalMem(l, pt, k, depth+1)
			}
		}
	case *ssa.Const:
		return resSafe // a zero struct's pointer is nil: NULL, which MayBeNull reports
	case *ssa.Phi:
		key := memoKey{v: x, steps: strings.Join(steps, "."), k: k, op: 'f'}
		return q.memo(*key.at(pt), func() result {
			return q.evalPhi(x, func(e ssa.Value, ept point) result {
				return q.evalDerefField(e, steps, ept, k, depth+1)
			})
		})
	}
	return resUnknown
}

// decidedBy adds to f, bad on the way o was reached, the branch that
// decides it (o.decided): the condition for the message, and the branch
// for a summary to tell a parameter's check (`if in.Key != ""`).
func (q *query) decidedBy(o memOut, f finding) finding {
	e := o.decided
	if e == nil {
		return f
	}
	when, pos, branch, to := q.describeEdge(e.from, e.to)
	if when == "" {
		return f
	}
	f.when, f.branch, f.branchTo = when, branch, to
	if pos.IsValid() {
		f.origin = pos
	}
	return f
}

// A walkItem is a block still to scan backwards from index end.
type walkItem struct {
	b     *ssa.BasicBlock
	end   int
	saw   bool
	edges *edgeList // see memOut.edges
}

type walkKey struct {
	b   *ssa.BasicBlock
	saw bool
}

// memWalk walks backwards from pt to every instruction that decides what
// a load of l sees there.
func (q *query) memWalk(l path, pt point, k qkind, esc *escape) []memOut {
	fi := q.fi
	if pt.succ != nil && fi.guarded(pt.block, pt.succ, l, k) {
		return []memOut{{kind: outGuarded}}
	}
	var outs []memOut
	visited := map[walkKey]bool{}
	stack := []walkItem{{pt.block, pt.index, false, nil}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		q.steps--
		if q.steps <= 0 {
			return append(outs, memOut{kind: outPartial})
		}
		if o, found := scanBlock(it, l, esc); found {
			o.edges = it.edges
			outs = append(outs, o)
			continue
		}
		if len(it.b.Preds) == 0 {
			outs = append(outs, memOut{kind: outEntry})
			continue
		}
		for _, pr := range it.b.Preds {
			// A block that stops (log.Fatal, os.Exit) never reaches
			// its successors: as good as a check's safe edge.
			if fi.guarded(pr, it.b, l, k) || stops(pr) {
				outs = append(outs, memOut{kind: outGuarded})
				continue
			}
			saw := it.saw || fi.checks(pr, l, k)
			if !visited[walkKey{pr, saw}] {
				visited[walkKey{pr, saw}] = true
				edges := it.edges
				if len(pr.Succs) == 2 && pr.Succs[0] != pr.Succs[1] && isIf(pr) && edges.len() < maxWalkEdges {
					edges = &edgeList{branchEdge{pr, it.b}, edges, edges.len() + 1}
				}
				stack = append(stack, walkItem{pr, len(pr.Instrs), saw, edges})
			}
		}
	}
	decideOutcomes(fi, outs)
	return outs
}

// decideOutcomes sets, for each zero or store outcome, the nearest branch on
// its way whose other successor leads to another store the walk found:
// the check that decides which value the cell holds.
func decideOutcomes(fi *funcInfo, outs []memOut) {
	var stores []*ssa.Store
	for _, o := range outs {
		if o.kind == outStore {
			stores = append(stores, o.store)
		}
	}
	for i := range outs {
		o := &outs[i]
		if (o.kind == outZero && len(stores) > 0) || (o.kind == outStore && len(stores) > 1) {
			for _, e := range o.edges.nearestFirst() {
				other := e.from.Succs[0]
				if other == e.to {
					other = e.from.Succs[1]
				}
				if slices.ContainsFunc(stores, func(st *ssa.Store) bool { return st != o.store && fi.reaches(other, st.Block(), e.from) }) {
					o.decided = &e
					break
				}
			}
		}
		o.edges = nil
	}
}

// scanBlock looks backwards through it.b from it.end for the last
// instruction that writes l (or may).
func scanBlock(it walkItem, l path, esc *escape) (memOut, bool) {
	for i := it.end - 1; i >= 0; i-- {
		switch in := it.b.Instrs[i].(type) {
		case *ssa.Store:
			sl, ok := locPath(in.Addr)
			if !ok {
				continue
			}
			switch rel, rest := relate(sl, l); rel {
			case same, prefix:
				return memOut{kind: outStore, store: in, index: i, rest: rest, sawCheck: it.saw}, true
			case pointee:
				return memOut{kind: outStore, store: in, index: i, rest: rest, deref: true, sawCheck: it.saw}, true
			case through:
				return memOut{kind: outStore, store: in, index: i, rest: rest, through: true, sawCheck: it.saw}, true
			case partial:
				if received(in.Val) != nil && strings.HasPrefix(l.sel, sl.sel) {
					// j := <-jobs kept in a local, then j.item.Key:
					// a pointer on the way, followed to the senders.
					return memOut{kind: outStore, store: in, index: i, received: true, sawCheck: it.saw}, true
				}
				return memOut{kind: outPartial}, true
			}
		case *ssa.Alloc:
			if ssa.Value(in) == l.root {
				return memOut{kind: outZero}, true
			}
		case *ssa.Call, *ssa.Go:
			ci := in.(ssa.CallInstruction)
			if readOnlyBuiltin(ci) {
				continue // len(items) writes nothing, wherever l's address went
			}
			if f := calleeOf(ci.Common()); f != nil && !ci.Common().IsInvoke() && libNoWrites()[idOf(f)] {
				continue // db.Where(Order{Key: &k}) holds the address, writes nothing
			}
			wild := esc != nil && esc.wild && !esc.notYetStored(it.b, i)
			if wild && esc.flagValue && !mayWriteFlag(ci, l.root) {
				continue
			}
			if !wild && writesNoArgs(ci.Common()) {
				continue // req.GetStream() reads through &req
			}
			if esc != nil && !wild && esc.by[ci] && decoderSkips(ci, l) {
				continue // json.Decode(&in) never writes in.Key `json:"-"`
			}
			if esc != nil && (wild || esc.by[ci]) && !isValidator(ci) {
				o := memOut{kind: outClobbered, call: ci, wild: !esc.by[ci]}
				if o.wild && len(esc.storedAt) > 0 {
					o.stored = esc.storedAt[0]
				}
				return o, true
			}
		}
	}
	return memOut{}, false
}

// readOnlyBuiltin reports whether ci calls a builtin that writes no
// memory (len, cap, min, max, print…): unlike copy, append, clear and
// delete, which write through the slice or map they are given, it cannot
// write a cell whose address escaped.
func readOnlyBuiltin(ci ssa.CallInstruction) bool {
	b, ok := ci.Common().Value.(*ssa.Builtin)
	if !ok {
		return false
	}
	switch b.Name() {
	case "copy", "append", "clear", "delete":
		return false
	}
	return true
}

// fromOutside judges a cell whose value the function was handed, when
// the type says it may be missing: a field of an interface method's
// result, a protobuf message's field.
func (q *query) fromOutside(l path, pt point, k qkind) (result, bool) {
	if rest, ok := strings.CutPrefix(l.sel, "*."); ok && !strings.ContainsAny(rest, "*[") {
		if r, ok := q.interfaceField(l.root, strings.Split(rest, "."), k); ok {
			return r, true
		}
	}
	return q.protoMessageField(l, pt, k)
}

// captured follows a variable captured by a closure (l is *fv for a
// free variable fv) to the enclosing function, when the closure is made
// once and no assignment of the variable can follow the closure's making
// (one assignment, or several that all come before it: `var key string;
// if v := md.Get("k"); len(v) > 0 { key = v[0] }`, then a unit of work's
// closure inserts key): its value there is the value here. The cell is
// judged in the enclosing function as that function's own local (the
// variable fv points to), at the point the closure is made, so the
// checks and assignments made there before count, and a captured pointer
// whose target is read (in.Key for a parameter in *Input) is the same
// cell behind it. An assignment the closure's making can reach (after it,
// or on the next turn of a loop around it) may run before the closure
// does: the variable is then not followed.
func (q *query) captured(l path, k qkind, depth int) result {
	fv, ok := l.root.(*ssa.FreeVar)
	if !ok || !strings.HasPrefix(l.sel, "*") {
		return resUnknown
	}
	rest := strings.TrimPrefix(l.sel, "*")
	if strings.Contains(rest, "[") || strings.Count(rest, "*") > 1 || strings.Contains(rest, "*") && !strings.HasPrefix(rest, "*") {
		return resUnknown
	}
	mc, a := closureBinding(q.fi.fn, fv)
	if a == nil {
		return resUnknown
	}
	if r, ok := q.capturedFlag(q.fi.fn.Parent(), a, rest, k); ok {
		return r // flagvar.go: cobra's RunE reading a flag's variable
	}
	val := singleStore(a)
	if val == nil && !storesBefore(a, mc) {
		return resUnknown
	}
	q2 := q.c.query(q.fi.fn.Parent(), a, mc)
	if q2 == nil {
		return resUnknown
	}
	q2.steps = q.steps
	defer func() { q.steps = q2.steps }()
	r := q2.evalMem(path{root: a, mem: true, sel: rest}, q2.start, k, depth+1)
	if r.st == unknown && strings.HasPrefix(rest, "*") {
		// Behind the pointer the variable holds, which no store in the
		// parent changed (that would have been found above, as would a
		// check of it): the cell behind the value stored, a parameter
		// most often.
		if p, ok := valuePath(val); val != nil && ok {
			p.mem, p.sel = true, p.sel+rest
			r = q2.evalMem(p, q2.start, k, depth+1)
		}
	}
	return r
}

// storesBefore reports whether a, a local of the function that makes mc,
// is assigned at least once, and only where mc cannot be reached from: in
// mc's block before it, or in a block mc's block cannot reach (so not on
// a later turn of a loop around mc).
func storesBefore(a *ssa.Alloc, mc *ssa.MakeClosure) bool {
	from := mc.Block()
	idx := slices.Index(from.Instrs, ssa.Instruction(mc))
	reach := map[*ssa.BasicBlock]bool{}
	work := slices.Clone(from.Succs)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if reach[b] {
			continue
		}
		reach[b] = true
		work = append(work, b.Succs...)
	}
	n := 0
	for _, r := range *a.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != a {
			continue
		}
		n++
		b := st.Block()
		if reach[b] || b == from && slices.Index(b.Instrs, ssa.Instruction(st)) > idx {
			return false
		}
	}
	return n > 0
}

// closureBinding finds the one MakeClosure of fn in its parent and the
// local it binds to fv; nil when there is not exactly one.
func closureBinding(fn *ssa.Function, fv *ssa.FreeVar) (*ssa.MakeClosure, *ssa.Alloc) {
	parent := fn.Parent()
	if parent == nil {
		return nil, nil
	}
	idx := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			idx = i
		}
	}
	var mc *ssa.MakeClosure
	for _, b := range parent.Blocks {
		for _, in := range b.Instrs {
			if m, ok := in.(*ssa.MakeClosure); ok && m.Fn == fn {
				if mc != nil {
					return nil, nil
				}
				mc = m
			}
		}
	}
	if mc == nil || idx < 0 || idx >= len(mc.Bindings) {
		return nil, nil
	}
	a, ok := mc.Bindings[idx].(*ssa.Alloc)
	if !ok {
		return nil, nil
	}
	return mc, a
}

// zeroAlloc explains the zero contents of a fresh local: a field left out
// of a composite literal, or a variable never assigned.
func (q *query) zeroAlloc(l path, k qkind) finding {
	a := l.root.(*ssa.Alloc)
	f := finding{kind: k.kind(), origin: a.Pos(), written: true}
	steps := strings.Split(strings.TrimPrefix(l.sel, "."), ".")
	if l.sel == "" {
		steps = nil
	}
	t := a.Type().(*types.Pointer).Elem()
	container := t
	for _, s := range steps[:max(len(steps)-1, 0)] {
		fv, _ := fieldByName(container, s)
		if fv == nil {
			break
		}
		container = fv.Type()
	}
	if a.Comment == "complit" && len(steps) > 1 && !storesInto(a, steps[0]) {
		// The literal leaves out the whole field (a NULL wrapper, an
		// embedded struct): name it, not the wrapper's Valid inside it.
		container, steps = t, steps[:1]
	}
	switch {
	case a.Comment == "complit" && len(steps) > 0:
		f.what = fmt.Sprintf("%s is not set in the %s literal", steps[len(steps)-1], typeName(container, q.fi.pkg()))
	case len(steps) > 0:
		f.what = fmt.Sprintf("%s.%s may be left unset", a.Comment, strings.Join(steps, "."))
	default:
		f.what = map[qkind]string{kNull: "nil", kEmpty: "empty", kValid: "false"}[k]
		if a.Comment != "" && a.Comment != "new" {
			f.via = "var " + a.Comment
		}
	}
	return f
}

// storesInto reports whether anything is stored into field name of the
// struct a allocates, or into a part of it.
func storesInto(a *ssa.Alloc, name string) bool {
	for _, r := range *a.Referrers() {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fieldName(fa.X, fa.Field) != name {
			continue
		}
		for _, u := range *fa.Referrers() {
			switch u.(type) {
			case *ssa.Store, *ssa.FieldAddr, *ssa.IndexAddr:
				return true
			}
		}
	}
	return false
}

// optionCall returns the first call, in source order, among the walk's
// outcomes that may write the cell and call a function value the
// function's caller supplied: a functional option (`for _, opt := range
// opts { opt(o) }`, an option interface's `opt.apply(o)`, a `configure
// func(*Row)` parameter).
func optionCall(outs []memOut) ssa.CallInstruction {
	var first ssa.CallInstruction
	for _, o := range outs {
		if o.kind != outClobbered || o.call == nil || !callsParamFunc(o.call.Common()) {
			continue
		}
		if first == nil || o.call.Pos() < first.Pos() {
			first = o.call
		}
	}
	return first
}

// callsParamFunc reports whether c calls a function value that comes
// from a parameter of the function around it (the parameter itself, an
// element of it, as in a range over a variadic ...Option, or a field of
// it), or an interface method of such an element or field.
func callsParamFunc(c *ssa.CallCommon) bool {
	if !c.IsInvoke() && c.StaticCallee() != nil {
		return false
	}
	v := c.Value
	elem := false
	for i := 0; i < 8; i++ {
		switch x := v.(type) {
		case *ssa.Parameter:
			// A method of an interface parameter, or of a field of one,
			// is a service the function uses (echo's c.Bind(&in), a
			// store's Insert), not an option: only an element of a
			// parameter is (for _, opt := range opts { opt.apply(o) }).
			return !c.IsInvoke() || elem
		case *ssa.UnOp:
			v = x.X
		case *ssa.IndexAddr:
			v, elem = x.X, true
		case *ssa.Index:
			v, elem = x.X, true
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		case *ssa.Extract:
			if v = rangedOver(x); v == nil {
				return false
			}
			elem = true
		case *ssa.ChangeType:
			v = x.X
		default:
			return false
		}
	}
	return false
}

// argEscape is what may write behind v, a pointer a call returned (a
// builder: b := NewBuilder()): the calls v is handed to (b.Key(k)),
// judged by setterCall or a note; nothing else of this function can
// reach the cells behind it.
func argEscape(v ssa.Value) *escape {
	e := &escape{by: map[ssa.Instruction]bool{}}
	for _, r := range *v.Referrers() {
		ci, ok := r.(ssa.CallInstruction)
		if !ok {
			continue
		}
		if slices.Contains(ci.Common().Args, v) {
			e.by[r] = true
		}
	}
	return e
}

// receivedThrough judges cell l, written by st as part of a value received
// from a channel and reached through a pointer inside it (j := <-jobs,
// kept in a local; then j.item.Key), by the package's sends on that
// channel (evalReceivedMem). ok is false when st stores no received
// value, or no send shows the cell bad.
func (q *query) receivedThrough(st *ssa.Store, l path, k qkind, depth int) (result, bool) {
	if received(st.Val) == nil {
		return resUnknown, false
	}
	sl, ok := locPath(st.Addr)
	if !ok || sl.root != l.root || !strings.HasPrefix(l.sel, sl.sel) {
		return resUnknown, false
	}
	suffix := l.sel[len(sl.sel):]
	if !strings.Contains(suffix, "*") {
		return resUnknown, false // a field of the value itself: evalV's evalReceived
	}
	return q.evalReceivedMem(path{root: st.Val, sel: suffix, mem: true}, k, depth+1)
}
