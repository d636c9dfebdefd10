package keyflow

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

type status int

const (
	unknown status = iota // nothing the code shows
	safe                  // never bad here (guarded, generated, non-nil by construction)
	bad                   // bad on some path; finding says why
)

type result struct {
	st status
	f  finding
}

// A finding is a Verdict in pieces, so that an enclosing phi or call can
// add the condition under which the value is bad.
type finding struct {
	kind   Kind
	what   string // "nil", "empty", "Valid is not set in the sql.NullString literal"
	when   string // "when the Idempotency-Key header is absent"
	via    string // "Header.Get", "var key"
	text   string // a complete reason that overrides the pieces
	origin token.Pos
}

var (
	resUnknown = result{st: unknown}
	resSafe    = result{st: safe}
)

func badResult(f finding) result { return result{st: bad, f: f} }

type memoKey struct {
	v     ssa.Value
	p     path
	steps string
	k     qkind
	b     *ssa.BasicBlock
	idx   int
	succ  *ssa.BasicBlock
	op    byte // 'v' value, 'm' memory, 'd' deref
}

func (k *memoKey) at(pt point) *memoKey {
	k.b, k.idx, k.succ = pt.block, pt.index, pt.succ
	return k
}

type query struct {
	c          *Checker
	fi         *funcInfo
	start      point
	steps      int
	inProgress map[memoKey]bool
}

// memo runs compute once per key; a key met again while being computed
// (a phi cycle) answers safe, which leaves the verdict to the other edges.
func (q *query) memo(key memoKey, compute func() result) result {
	if r, ok := q.fi.memo[key]; ok {
		return r
	}
	if q.inProgress[key] {
		return resSafe
	}
	q.inProgress[key] = true
	r := compute()
	delete(q.inProgress, key)
	if q.steps > 0 {
		q.fi.memo[key] = r // a result cut short by the budget is not reused
	}
	return r
}

func (q *query) tick(depth int) bool {
	q.steps--
	return q.steps > 0 && depth <= q.c.opts.MaxDepth
}

func join(rs ...result) result {
	out := resSafe
	if len(rs) == 0 {
		return resUnknown
	}
	for _, r := range rs {
		switch r.st {
		case bad:
			return r
		case unknown:
			out = resUnknown
		}
	}
	return out
}

// evalV judges the value v, then the fields steps of it, at pt.
func (q *query) evalV(v ssa.Value, steps []string, pt point, k qkind, depth int) result {
	if !q.tick(depth) {
		return resUnknown
	}
	// Normalize: fields become steps, conversions and boxing that keep
	// the question the same are looked through.
	for i := 0; i < 64; i++ {
		switch x := v.(type) {
		case *ssa.Field:
			steps = append([]string{fieldName(x.X, x.Field)}, steps...)
			v = x.X
			continue
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			if len(steps) > 0 {
				break
			}
			inner := x.X
			switch {
			case k == kNull && nullStruct(inner.Type()) != nil:
				steps, k = []string{"Valid"}, kValid
			case k == kNull && !nillable(inner.Type()):
				return resSafe
			case k == kEmpty && isStringPtr(inner.Type()):
				return q.evalDeref(inner, pt, k, depth+1)
			case k == kEmpty && nullStruct(inner.Type()) != nil:
				steps = []string{nullStruct(inner.Type()).payload}
			}
			v = inner
			continue
		}
		break
	}
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		if l, ok := locPath(u.X); ok {
			return q.evalMem(l.fields(steps), pt, k, depth+1)
		}
		return resUnknown
	}
	key := memoKey{v: v, steps: strings.Join(steps, "."), k: k, op: 'v'}
	return q.memo(*key.at(pt), func() result { return q.evalValue(v, steps, pt, k, depth) })
}

func (q *query) evalValue(v ssa.Value, steps []string, pt point, k qkind, depth int) result {
	p, hasPath := valuePath(v)
	p = p.fields(steps)
	if hasPath && q.regGuarded(p, q.defBlock(p.root), pt, k) {
		return resSafe
	}
	if len(steps) > 0 {
		switch x := v.(type) {
		case *ssa.Const:
			if x.Value == nil {
				return badResult(q.zeroConstField(x, steps, k))
			}
		case *ssa.Phi:
			return q.evalPhi(x, func(e ssa.Value, ept point) result {
				return q.evalV(e, steps, ept, k, depth+1)
			})
		}
		return q.leaf(pt, k, p, hasPath)
	}
	switch x := v.(type) {
	case *ssa.Const:
		return q.evalConst(x, k)
	case *ssa.Phi:
		return q.evalPhi(x, func(e ssa.Value, ept point) result {
			return q.evalV(e, nil, ept, k, depth+1)
		})
	case *ssa.Call:
		return q.evalCall(x, p, pt, k, depth)
	case *ssa.Extract:
		if call, ok := x.Tuple.(*ssa.Call); ok && x.Index == 0 && q.alwaysKey(call) {
			return resSafe
		}
	case *ssa.Convert:
		if k == kEmpty {
			r := q.evalV(x.X, nil, pt, k, depth+1)
			if r.st == unknown {
				return q.leaf(pt, k, p, hasPath)
			}
			return r
		}
		if k == kNull && isByteSlice(x.Type()) && isString(x.X.Type()) {
			return resSafe // []byte(s) is never nil
		}
	case *ssa.BinOp:
		return q.evalBinOp(x, p, pt, k, depth)
	case *ssa.Alloc, *ssa.FieldAddr, *ssa.IndexAddr, *ssa.MakeMap, *ssa.MakeChan,
		*ssa.MakeSlice, *ssa.MakeClosure, *ssa.Function, *ssa.Global:
		if k == kNull {
			return resSafe
		}
	case *ssa.Slice:
		if nonEmptyBytes(x) {
			return resSafe
		}
		if _, ok := x.X.Type().Underlying().(*types.Pointer); ok && k == kNull {
			return resSafe // slicing an array pointer
		}
	}
	return q.leaf(pt, k, p, hasPath)
}

// defBlock is where a register root is defined: guards above it cannot
// mention it.
func (q *query) defBlock(root ssa.Value) *ssa.BasicBlock {
	if in, ok := root.(ssa.Instruction); ok && in.Block() != nil {
		return in.Block()
	}
	return q.fi.fn.Blocks[0]
}

// regGuarded reports whether every backward path from pt to stop crosses
// the safe edge of a check of p.
func (q *query) regGuarded(p path, stop *ssa.BasicBlock, pt point, k qkind) bool {
	fi := q.fi
	if pt.succ != nil && fi.guarded(pt.block, pt.succ, p, k) {
		return true
	}
	if len(fi.byPath[p]) == 0 {
		return false // nothing checks this path anywhere
	}
	visited := map[*ssa.BasicBlock]bool{pt.block: true}
	stack := []*ssa.BasicBlock{pt.block}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		q.steps--
		if b == stop || len(b.Preds) == 0 || q.steps <= 0 {
			return false
		}
		for _, pr := range b.Preds {
			if fi.guarded(pr, b, p, k) || visited[pr] {
				continue
			}
			visited[pr] = true
			stack = append(stack, pr)
		}
	}
	return true
}

func (q *query) evalPhi(phi *ssa.Phi, edge func(ssa.Value, point) result) result {
	b := phi.Block()
	var rs []result
	for i, e := range phi.Edges {
		if i >= len(b.Preds) {
			break
		}
		pred := b.Preds[i]
		r := edge(e, edgePoint(pred, b))
		if r.st == bad && r.f.text == "" && r.f.when == "" {
			when, pos := q.describeEdge(pred, b)
			r.f.when = when
			if !r.f.origin.IsValid() {
				r.f.origin = pos
			}
		}
		if r.st == bad {
			return r
		}
		rs = append(rs, r)
	}
	return join(rs...)
}

func (q *query) evalConst(c *ssa.Const, k qkind) result {
	f := finding{kind: k.kind(), via: q.varName(c), origin: q.refPos(c)}
	switch k {
	case kNull:
		if c.IsNil() {
			f.what = "nil"
			return badResult(f)
		}
	case kEmpty:
		if isEmptyConst(c) || (c.Value == nil && isByteSlice(c.Type())) {
			f.what = "empty"
			return badResult(f)
		}
		if s, ok := constString(c); ok && s == "" {
			f.what = "empty"
			return badResult(f)
		}
	case kValid:
		if isBool(c.Type()) && (c.Value == nil || c.Value.ExactString() == "false") {
			f.what = "Valid is false"
			return badResult(f)
		}
	}
	return resSafe
}

// zeroConstField explains a field of a zero struct constant: a lifted
// `var k sql.NullString`.
func (q *query) zeroConstField(c *ssa.Const, steps []string, k qkind) finding {
	f := finding{kind: k.kind(), via: q.varName(c), origin: q.refPos(c)}
	tn := typeName(c.Type(), q.fi.pkg())
	if k == kValid {
		f.what = "the zero " + tn
	} else {
		f.what = strings.Join(steps, ".") + " of the zero " + tn
	}
	return f
}

func (q *query) evalBinOp(x *ssa.BinOp, p path, pt point, k qkind, depth int) result {
	switch k {
	case kEmpty:
		if x.Op != token.ADD || !isString(x.Type()) {
			break
		}
		if s, ok := constString(x.X); ok && s != "" {
			return resSafe
		}
		if s, ok := constString(x.Y); ok && s != "" {
			return resSafe
		}
		l := q.evalV(x.X, nil, pt, k, depth+1)
		r := q.evalV(x.Y, nil, pt, k, depth+1)
		if l.st == safe || r.st == safe {
			return resSafe
		}
		if l.st == bad && r.st == bad {
			return l
		}
	case kValid:
		a, b, op := x.X, x.Y, x.Op
		if _, ok := a.(*ssa.Const); ok {
			a, b, op = b, a, mirror(op)
		}
		c, ok := b.(*ssa.Const)
		if !ok {
			break
		}
		var inner result
		switch {
		case op == token.NEQ && isEmptyConst(c):
			inner = q.evalV(a, nil, pt, kEmpty, depth+1)
		case op == token.NEQ && c.IsNil():
			inner = q.evalV(a, nil, pt, kNull, depth+1)
		case op == token.GTR && c.Value != nil && c.Value.Kind() == constant.Int && c.Int64() == 0:
			if s, ok := lenOf(a); ok {
				inner = q.evalV(s, nil, pt, kEmpty, depth+1)
			}
		default:
			return q.leaf(pt, k, p, true)
		}
		if inner.st != bad {
			return inner
		}
		f := inner.f
		f.kind = Invalid
		name := q.exprString(a)
		if f.text != "" {
			f.text = fmt.Sprintf("Valid is false when %s is empty; %s", name, f.text)
		} else {
			f.what = "Valid is false"
			if f.when == "" {
				if op == token.NEQ && c.IsNil() {
					f.when = "when " + name + " is nil"
				} else {
					f.when = "when " + name + " is empty"
				}
			}
		}
		return badResult(f)
	}
	return q.leaf(pt, k, p, true)
}

func (q *query) alwaysKey(call *ssa.Call) bool {
	f := calleeOf(&call.Call)
	if f == nil {
		return false
	}
	if q.c.opts.AlwaysKey != nil && q.c.opts.AlwaysKey(f) {
		return true
	}
	return generators[idOf(f)]
}

func (q *query) evalCall(call *ssa.Call, p path, pt point, k qkind, depth int) result {
	f := calleeOf(&call.Call)
	if f == nil {
		return q.leaf(pt, k, p, true)
	}
	if q.alwaysKey(call) {
		return resSafe
	}
	id := idOf(f)
	args := userArgs(&call.Call)
	switch k {
	case kEmpty:
		if s, ok := emptySources[id]; ok {
			return q.evalSource(call, s, args, p, pt, depth)
		}
		if propagators[id] && len(args) > 0 {
			if r := q.evalV(args[0], nil, pt, k, depth+1); r.st != unknown {
				return r
			}
		}
		if id == (fnID{lo, "", "FromPtr"}) && len(args) == 1 {
			r := q.evalV(args[0], nil, pt, kNull, depth+1)
			if r.st == bad {
				r.f.kind = Empty
				if r.f.text != "" {
					r.f.text = "lo.FromPtr of a pointer " + r.f.text
				} else {
					r.f.what = "empty (lo.FromPtr of nil)"
				}
				return r
			}
			if r := q.evalDeref(args[0], pt, kEmpty, depth+1); r.st != unknown {
				return r
			}
		}
		if encoders[id] && len(args) == 1 {
			if nonEmptyBytes(args[0]) {
				return resSafe
			}
			if r := q.evalV(args[0], nil, pt, kEmpty, depth+1); r.st != unknown {
				return r
			}
		}
		if id == (fnID{"fmt", "", "Sprintf"}) && len(args) > 0 {
			if s, ok := constString(args[0]); ok && formatHasText(s) {
				return resSafe
			}
		}
	case kNull:
		if id == (fnID{lo, "", "EmptyableToPtr"}) && len(args) == 1 {
			r := q.evalV(args[0], nil, pt, kEmpty, depth+1)
			if r.st == bad {
				r.f.kind = Nil
				if r.f.text != "" {
					r.f.text = "lo.EmptyableToPtr of a value " + r.f.text
				} else {
					r.f.what = "nil (lo.EmptyableToPtr)"
				}
				return r
			}
			if r.st == safe {
				return r
			}
		}
	}
	return q.leaf(pt, k, p, true)
}

func (q *query) evalSource(call *ssa.Call, s emptySource, args []ssa.Value, p path, pt point, depth int) result {
	if s.deflt >= 0 {
		if s.deflt >= len(args) {
			return q.leaf(pt, kEmpty, p, true)
		}
		d := args[s.deflt]
		if c, ok := d.(*ssa.Const); ok && c.Value == nil && !isString(c.Type()) {
			// no variadic default given (fiber)
		} else if isString(d.Type()) {
			r := q.evalV(d, nil, pt, kEmpty, depth+1)
			if r.st != bad {
				return r
			}
		} else {
			return q.leaf(pt, kEmpty, p, true)
		}
	}
	s = refineSource(call, s)
	f := finding{kind: Empty, what: "empty", via: s.via, origin: q.fi.exprPos(call)}
	f.when = "when " + sourceSubject(s, args) + " " + s.absent
	return badResult(f)
}

func sourceSubject(s emptySource, args []ssa.Value) string {
	if s.arg < len(args) {
		if name, ok := constString(args[s.arg]); ok && name != "" {
			if strings.HasSuffix(s.subject, "header") || strings.HasPrefix(s.subject, "$") {
				return fmt.Sprintf(s.subject, name)
			}
			return fmt.Sprintf(s.subject, fmt.Sprintf("%q", name))
		}
	}
	return strings.Replace(strings.Replace(s.subject, "%s ", "", 1), "$%s", "the variable", 1)
}

// evalDeref judges *p (for MayBeEmpty of a *string).
func (q *query) evalDeref(p ssa.Value, pt point, k qkind, depth int) result {
	if !q.tick(depth) {
		return resUnknown
	}
	for {
		ct, ok := p.(*ssa.ChangeType)
		if !ok {
			break
		}
		p = ct.X
	}
	switch x := p.(type) {
	case *ssa.Phi:
		key := memoKey{v: x, k: k, op: 'd'}
		return q.memo(*key.at(pt), func() result {
			return q.evalPhi(x, func(e ssa.Value, ept point) result {
				return q.evalDeref(e, ept, k, depth+1)
			})
		})
	case *ssa.Const:
		return resSafe // a nil pointer is NULL, not ""; MayBeNull reports it
	case *ssa.Call:
		if f := calleeOf(&x.Call); f != nil {
			args := userArgs(&x.Call)
			switch idOf(f) {
			case fnID{lo, "", "ToPtr"}:
				if len(args) == 1 {
					return q.evalV(args[0], nil, pt, k, depth+1)
				}
			case fnID{lo, "", "EmptyableToPtr"}:
				return resSafe
			}
		}
	}
	l, ok := locPath(p)
	if !ok {
		return resUnknown
	}
	return q.evalMem(l, pt, k, depth+1)
}

// memOut is one way a load can see its value.
type memOut struct {
	kind  byte // 'g' guarded, 's' store, 'z' zero from the Alloc, 'e' entry, 'c' clobbered, 'p' partial write
	store *ssa.Store
	index int
	rest  []string
	wild  bool
	// sawCheck: the walk passed (the unsafe side of) a check of the cell
	// before reaching this outcome, so the check came after the store.
	sawCheck bool
}

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
			esc = q.fi.escapeOf(root)
		case *ssa.Global:
			esc = &escape{wild: true}
		}
		var rs []result
		for _, o := range q.memWalk(l, pt, k, esc) {
			var r result
			switch o.kind {
			case 'g':
				r = resSafe
			case 's':
				r = q.evalV(o.store.Val, o.rest, point{block: o.store.Block(), index: o.index}, k, depth+1)
				if r.st == unknown && o.sawCheck {
					// The cell was stored, then checked, then inserted
					// without that check: the SA5011 shape on the cell.
					r = q.leaf(pt, k, l, true)
				}
			case 'z':
				r = badResult(q.zeroAlloc(l, k))
			case 'e':
				r = q.captured(l, k, depth)
				if r.st == unknown {
					r = q.leaf(pt, k, l, true)
				}
			case 'c':
				if o.wild {
					r = resUnknown
				} else {
					r = q.leaf(pt, k, l, true)
				}
			default:
				r = resUnknown
			}
			if r.st == bad {
				return r
			}
			rs = append(rs, r)
		}
		return join(rs...)
	})
}

func (q *query) memWalk(l path, pt point, k qkind, esc *escape) []memOut {
	fi := q.fi
	if pt.succ != nil && fi.guarded(pt.block, pt.succ, l, k) {
		return []memOut{{kind: 'g'}}
	}
	type item struct {
		b   *ssa.BasicBlock
		end int
		saw bool
	}
	type vkey struct {
		b   *ssa.BasicBlock
		saw bool
	}
	var outs []memOut
	visited := map[vkey]bool{}
	stack := []item{{pt.block, pt.index, false}}
	checks := func(b *ssa.BasicBlock) bool {
		for _, g := range fi.guards[b] {
			if g.p == l && g.k == k {
				return true
			}
		}
		return false
	}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		q.steps--
		if q.steps <= 0 {
			return append(outs, memOut{kind: 'p'})
		}
		found := false
		for i := it.end - 1; i >= 0 && !found; i-- {
			switch in := it.b.Instrs[i].(type) {
			case *ssa.Store:
				sl, ok := locPath(in.Addr)
				if !ok {
					continue
				}
				switch rel, rest := relate(sl, l); rel {
				case same, prefix:
					outs = append(outs, memOut{kind: 's', store: in, index: i, rest: rest, sawCheck: it.saw})
					found = true
				case partial:
					outs = append(outs, memOut{kind: 'p'})
					found = true
				}
			case *ssa.Alloc:
				if ssa.Value(in) == l.root {
					outs = append(outs, memOut{kind: 'z'})
					found = true
				}
			case *ssa.Call, *ssa.Go:
				if esc != nil && (esc.wild || esc.by[in.(ssa.CallInstruction)]) {
					outs = append(outs, memOut{kind: 'c', wild: !esc.by[in.(ssa.CallInstruction)]})
					found = true
				}
			}
		}
		if found {
			continue
		}
		if len(it.b.Preds) == 0 {
			outs = append(outs, memOut{kind: 'e'})
			continue
		}
		for _, pr := range it.b.Preds {
			if fi.guarded(pr, it.b, l, k) {
				outs = append(outs, memOut{kind: 'g'})
				continue
			}
			saw := it.saw || checks(pr)
			if !visited[vkey{pr, saw}] {
				visited[vkey{pr, saw}] = true
				stack = append(stack, item{pr, len(pr.Instrs), saw})
			}
		}
	}
	return outs
}

// captured follows a variable captured by a closure (l is *fv for a
// free variable fv) to the enclosing function, when the closure is made
// once and the variable is assigned once: its value there is the value
// here.
func (q *query) captured(l path, k qkind, depth int) result {
	fv, ok := l.root.(*ssa.FreeVar)
	if !ok || !strings.HasPrefix(l.sel, "*") {
		return resUnknown
	}
	rest := strings.TrimPrefix(l.sel, "*")
	if rest != "" && (rest[0] != '.' || strings.ContainsAny(rest, "*[")) {
		return resUnknown
	}
	fn := q.fi.fn
	parent := fn.Parent()
	if parent == nil {
		return resUnknown
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
					return resUnknown
				}
				mc = m
			}
		}
	}
	if mc == nil || idx < 0 || idx >= len(mc.Bindings) {
		return resUnknown
	}
	a, ok := mc.Bindings[idx].(*ssa.Alloc)
	if !ok {
		return resUnknown
	}
	val := singleStore(a)
	if val == nil {
		return resUnknown
	}
	var steps []string
	if rest != "" {
		steps = strings.Split(rest[1:], ".")
	}
	q2 := q.c.query(parent, val, mc)
	if q2 == nil {
		return resUnknown
	}
	q2.steps = q.steps
	r := q2.evalV(val, steps, q2.start, k, depth+1)
	q.steps = q2.steps
	return r
}

// zeroAlloc explains the zero contents of a fresh local: a field left out
// of a composite literal, or a variable never assigned.
func (q *query) zeroAlloc(l path, k qkind) finding {
	a := l.root.(*ssa.Alloc)
	f := finding{kind: k.kind(), origin: a.Pos()}
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

// leaf is a value the code says nothing about. It is reported only in
// the SA5011 shape: the function checks the same path somewhere, yet this
// use is reachable from the failing side of that check. (A check that
// only comes after the use says nothing about it.)
func (q *query) leaf(pt point, k qkind, p path, hasPath bool) result {
	if !hasPath {
		return resUnknown
	}
	// A path whose root is defined inside a loop is a new value on each
	// iteration: the check must reach the use without passing the root's
	// definition again.
	var avoid *ssa.BasicBlock
	if r, ok := p.root.(ssa.Instruction); ok {
		avoid = r.Block()
	}
	gs := q.fi.byPath[p]
	for _, g := range gs {
		if g.k != k || !q.fi.reaches(g.unsafe(), pt.block, avoid) {
			continue
		}
		what := g.how
		if k == kValid {
			what = "Valid checked"
			if !strings.HasSuffix(p.sel, ".Valid") {
				what = "checked"
			}
		}
		text := fmt.Sprintf("%s at line %d but inserted without that check", what, q.fi.line(g.pos))
		return badResult(finding{kind: k.kind(), text: text, origin: g.pos})
	}
	return resUnknown
}

func (q *query) verdict(r result) (Verdict, bool) {
	if r.st != bad {
		return Verdict{}, false
	}
	f := r.f
	origin := f.origin
	if !origin.IsValid() && q.start.index < len(q.start.block.Instrs) {
		origin = q.start.block.Instrs[q.start.index].Pos()
	}
	reason := f.text
	if reason == "" {
		if f.when == "" && f.via == "" && (f.what == "nil" || f.what == "empty") {
			f.what = map[string]string{"nil": "a nil literal", "empty": "an empty string literal"}[f.what]
		}
		reason = f.what
		if f.when != "" {
			reason += " " + f.when
		}
		var paren []string
		if f.via != "" {
			paren = append(paren, f.via)
		}
		if line := q.fi.line(origin); line > 0 {
			paren = append(paren, fmt.Sprintf("line %d", line))
		}
		if len(paren) > 0 {
			reason += " (" + strings.Join(paren, ", ") + ")"
		}
	}
	return Verdict{Kind: f.kind, Reason: reason, Origin: origin}, true
}
