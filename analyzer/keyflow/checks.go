package keyflow

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// This file decides whether the checks a function makes (the guards that
// funcinfo.go indexes) rule a bad value out at a use, or show that the
// function expects one (the SA5011 shape).

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
	// A path through a block that stops (log.Fatal, os.Exit) never
	// reaches pt: as good as one that crosses a check.
	return q.allPathsCross(pt.block, stop, func(pred, succ *ssa.BasicBlock) bool {
		return fi.guarded(pred, succ, p, k) || stops(pred)
	})
}

// allPathsCross reports whether every backward path from block from to
// block stop (or the function's entry) takes an edge that ok accepts.
func (q *query) allPathsCross(from, stop *ssa.BasicBlock, ok func(pred, succ *ssa.BasicBlock) bool) bool {
	visited := map[*ssa.BasicBlock]bool{from: true}
	stack := []*ssa.BasicBlock{from}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		q.steps--
		if b == stop || len(b.Preds) == 0 || q.steps <= 0 {
			return false
		}
		for _, pr := range b.Preds {
			if ok(pr, b) || visited[pr] {
				continue
			}
			visited[pr] = true
			stack = append(stack, pr)
		}
	}
	return true
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
		// A failing side that stops (if *key == "" { log.Fatal(…) })
		// reaches nothing after it.
		if g.k != k || stops(g.unsafe()) || !q.fi.reaches(g.unsafe(), pt.block, avoid) {
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
	if d, ok := q.depOf(p, k); ok {
		return q.condResult(d, k)
	}
	return resUnknown
}
