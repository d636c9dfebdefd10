package keyflow

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A worker that inserts what it receives from a channel (for j := range
// jobs { insert(j.Key) }) writes what the package's senders put there:
// jobs <- Job{Key: r.Header.Get("Idempotency-Key")}, empty when the header
// is absent. As for a context value (ctxvalue.go), the senders are found
// in the package's own code, matched by the channel's element type (a
// pointer's too: jobs <- &Job{…}, then j := <-jobs; j.Key); a send in
// another package is not seen, and a received value no sender shows bad
// stays unknown. A receive in a select (case j := <-w.urgent:) is one as
// well. Where both the receiving and the sending side read the channel
// from a struct field or a package variable, only sends on the same field
// or variable count: a worker's w.bulk, fed only generated keys, is not
// judged by what another sender puts on w.urgent, a channel of the same
// element type.

// chanSends lists the send statements of pkg, once per package.
func (c *Checker) chanSends(pkg *ssa.Package) []*ssa.Send {
	if c.sends == nil {
		c.sends = map[*ssa.Package][]*ssa.Send{}
	}
	if s, ok := c.sends[pkg]; ok {
		return s
	}
	var out []*ssa.Send
	c.eachInstr(pkg, func(_ *ssa.Function, in ssa.Instruction) {
		if s, ok := in.(*ssa.Send); ok {
			out = append(out, s)
		}
	})
	c.sends[pkg] = out
	return out
}

// received returns the channel v was received from (<-ch, the value of a
// range over ch, or a select's case j := <-ch), or nil.
func received(v ssa.Value) ssa.Value {
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.ARROW && !x.CommaOk {
			return x.X
		}
	case *ssa.Extract:
		if u, ok := x.Tuple.(*ssa.UnOp); ok && u.Op == token.ARROW && x.Index == 0 {
			return u.X
		}
		// A select's tuple is (index, recvOk, r0, r1, …): one value per
		// receiving case, in the order of the cases.
		if sel, ok := x.Tuple.(*ssa.Select); ok && x.Index >= 2 {
			n := x.Index - 2
			for _, st := range sel.States {
				if st.Dir != types.RecvOnly {
					continue
				}
				if n == 0 {
					return st.Chan
				}
				n--
			}
		}
	}
	return nil
}

// chanHome names where a channel value is read from: the struct field
// (w.urgent) or package variable it is loaded from, or nil when it comes
// from anything else (a parameter, a local, a call).
func chanHome(ch ssa.Value) types.Object {
	switch x := ch.(type) {
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return nil
		}
		switch a := x.X.(type) {
		case *ssa.FieldAddr:
			if p, ok := a.X.Type().Underlying().(*types.Pointer); ok {
				if st, ok := p.Elem().Underlying().(*types.Struct); ok && a.Field < st.NumFields() {
					return st.Field(a.Field).Origin()
				}
			}
		case *ssa.Global:
			return a.Object()
		}
	case *ssa.Field:
		if st, ok := x.X.Type().Underlying().(*types.Struct); ok && x.Field < st.NumFields() {
			return st.Field(x.Field).Origin()
		}
	}
	return nil
}

// chanHomes names the fields or package variables a channel value may be
// (chanHome): one, or for a parameter of a function only this package
// calls, those its callers pass (go drain(ctx, db, bulk)); nil when that
// is not known.
func (c *Checker) chanHomes(ch ssa.Value) []types.Object {
	for {
		ct, ok := ch.(*ssa.ChangeType) // a chan job passed as a <-chan job
		if !ok {
			break
		}
		ch = ct.X
	}
	if h := chanHome(ch); h != nil {
		return []types.Object{h}
	}
	p, ok := ch.(*ssa.Parameter)
	if !ok {
		return nil
	}
	if c.paramHomes == nil {
		c.paramHomes = map[*ssa.Parameter][]types.Object{}
	}
	if hs, ok := c.paramHomes[p]; ok {
		return hs
	}
	c.paramHomes[p] = nil // a call passing the parameter on to itself: not known
	hs := c.passedHomes(p)
	c.paramHomes[p] = hs
	return hs
}

// passedHomes returns the homes of the arguments every call of p's
// function passes for p, when the function is unexported, is called
// only directly in its package, and each argument's home is known.
func (c *Checker) passedHomes(p *ssa.Parameter) []types.Object {
	fn := p.Parent()
	if fn == nil || fn.Pkg == nil || fn.Parent() != nil {
		return nil
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Exported() || c.opts.CallersInView != nil && !c.opts.CallersInView(obj) {
		return nil
	}
	i := slices.Index(fn.Params, p)
	if i < 0 {
		return nil
	}
	var homes []types.Object
	known := true
	c.eachInstr(fn.Pkg, func(_ *ssa.Function, in ssa.Instruction) {
		if _, dbg := in.(*ssa.DebugRef); dbg || !known {
			return
		}
		var ops []*ssa.Value
		for _, op := range in.Operands(ops) {
			if *op != fn {
				continue
			}
			ci, ok := in.(ssa.CallInstruction)
			if !ok || ci.Common().Value != fn || ci.Common().IsInvoke() || i >= len(ci.Common().Args) {
				known = false // its value taken: called from where this does not see
				return
			}
			var hs []types.Object
			if a := ci.Common().Args[i]; a != p {
				hs = c.chanHomes(a)
			}
			if hs == nil {
				known = false
				return
			}
			homes = append(homes, hs...)
		}
	})
	if !known || len(homes) == 0 {
		return nil
	}
	return homes
}

// evalReceived judges the field steps of v, a value received from a
// channel, by the values the package sends on channels of its type: bad
// when one of them is, with the send named. ok is false when v is not
// received, or no send shows it bad.
func (q *query) evalReceived(v ssa.Value, steps []string, k qkind, depth int) (result, bool) {
	ch := received(v)
	if ch == nil {
		return resUnknown, false
	}
	return q.bySenders(ch, q.fi.exprPos(v), func(q2 *query, s *ssa.Send) result {
		return q2.evalV(s.X, steps, q2.start, k, depth+1)
	})
}

// evalReceivedMem judges l, a cell behind a pointer received from a
// channel (j := <-jobs; j.Key over a chan *Job), by the cells the
// package's senders point to at their sends (jobs <- &Job{Key: …}).
func (q *query) evalReceivedMem(l path, k qkind, depth int) (result, bool) {
	ch := received(l.root)
	if ch == nil || !strings.Contains(l.sel, "*") {
		return resUnknown, false
	}
	rest, isPtr := strings.CutPrefix(l.sel, "*")
	return q.bySenders(ch, q.fi.exprPos(l.root), func(q2 *query, s *ssa.Send) result {
		if isPtr {
			tl, ok := locPath(s.X)
			if !ok {
				return resUnknown
			}
			tl.sel += rest
			return q2.evalMem(tl, q2.start, k, depth+1)
		}
		// A pointer inside the value sent (job{item: it}; j.item.Key):
		// the cell behind it, as the sender's value reaches it.
		tl, ok := valuePath(s.X)
		if !ok {
			return resUnknown
		}
		tl.sel += l.sel
		tl.mem = true
		return q2.evalMem(tl, q2.start, k, depth+1)
	})
}

// bySenders judges a value received from ch by eval at each send of the
// package on a channel of ch's element type (on the same field or package
// variable, where both sides name one): bad when one is, with the send
// named; ok is false when none is.
func (q *query) bySenders(ch ssa.Value, origin token.Pos, eval func(q2 *query, s *ssa.Send) result) (result, bool) {
	if q.fi.fn.Pkg == nil {
		return resUnknown, false
	}
	ct, ok := ch.Type().Underlying().(*types.Chan)
	if !ok {
		return resUnknown, false
	}
	homes := q.c.chanHomes(ch)
	for _, s := range q.c.chanSends(q.fi.fn.Pkg) {
		st, ok := s.Chan.Type().Underlying().(*types.Chan)
		if !ok || !types.Identical(st.Elem(), ct.Elem()) {
			continue
		}
		if sh := q.c.chanHomes(s.Chan); homes != nil && sh != nil && !slices.ContainsFunc(sh, func(h types.Object) bool { return slices.Contains(homes, h) }) {
			continue
		}
		fn := s.Block().Parent()
		q2 := q.c.query(fn, s.X, s)
		if q2 == nil {
			continue
		}
		q2.steps = q.steps
		r := eval(q2, s)
		q.steps = q2.steps
		if r.st != bad {
			continue
		}
		fi := q.c.info(fn)
		fq := &query{c: q.c, fi: fi}
		text := fmt.Sprintf("%s, which %s sends on a channel (%s) that this function receives from", fq.renderFile(r.f), funcName(rootFunc(fn)), fi.fileLine(s.Pos()))
		return badResult(finding{kind: r.f.kind, text: text, origin: origin}), true
	}
	return resUnknown, false
}
