package keyflow

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Kind says how a key value is bad.
type Kind int

const (
	// Nil: a nil pointer, interface, slice or map, sent as SQL NULL.
	Nil Kind = iota + 1
	// Invalid: a sql.NullString-like struct with Valid false, sent as NULL.
	Invalid
	// Empty: the empty string, a key that every request without one shares.
	Empty
)

func (k Kind) String() string {
	switch k {
	case Nil:
		return "nil"
	case Invalid:
		return "invalid"
	case Empty:
		return "empty"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// A Verdict explains why a value may be bad at its use.
type Verdict struct {
	Kind Kind
	// Reason is one phrase for a diagnostic, naming the path, e.g.
	// "nil when the Idempotency-Key header is absent (line 14)".
	Reason string
	// Origin is where the bad value comes from: the nil or "" literal's
	// variable, the getter call, the composite literal, or the comparison
	// (for the SA5011 shape). It may be token.NoPos.
	Origin token.Pos
}

// Options tune a Checker.
type Options struct {
	// AlwaysKey reports whether a function always returns a usable key
	// (never nil, never empty); the analyzer builds it from facts about
	// the package's dependencies. It may be nil.
	AlwaysKey func(*types.Func) bool
	// MaxDepth bounds how deep value definitions are followed; 0 means 32.
	MaxDepth int
	// MaxSteps bounds the work spent on one query; 0 means 20000. A
	// query that runs out answers "not known to be bad".
	MaxSteps int
}

// A Checker answers queries about the functions of one program. It keeps
// per-function indexes (guards, debug references, escapes) between
// queries, so use one per analysis pass. It is not safe for concurrent
// use.
type Checker struct {
	opts  Options
	funcs map[*ssa.Function]*funcInfo
}

// New returns a Checker with the given options.
func New(opts Options) *Checker {
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = 32
	}
	if opts.MaxSteps <= 0 {
		opts.MaxSteps = 20000
	}
	return &Checker{opts: opts, funcs: make(map[*ssa.Function]*funcInfo)}
}

// MayBeNull reports whether v, used at instruction at (the insert call),
// can be SQL NULL on some path: Nil for pointers, interfaces, slices and
// maps, Invalid for sql.NullString-like structs. v may be the value before
// or after boxing into an interface. A nil at means the end of v's
// definition.
func MayBeNull(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (Verdict, bool) {
	return New(Options{}).MayBeNull(fn, v, at)
}

// MayBeEmpty reports whether v, used at at, can be "" on some path: v may
// be a string, a sql.NullString-like struct (its String, assuming Valid),
// or a pointer to a string (its target, assuming non-nil).
func MayBeEmpty(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (Verdict, bool) {
	return New(Options{}).MayBeEmpty(fn, v, at)
}

// MayBeNull is the package-level MayBeNull with c's options and caches.
func (c *Checker) MayBeNull(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (Verdict, bool) {
	q := c.query(fn, v, at)
	if q == nil {
		return Verdict{}, false
	}
	v = unbox(v)
	t := v.Type()
	var r result
	switch {
	case nullStruct(t) != nil:
		r = q.evalV(v, []string{"Valid"}, q.start, kValid, 0)
	case nillable(t):
		r = q.evalV(v, nil, q.start, kNull, 0)
	default:
		return Verdict{}, false
	}
	return q.verdict(r)
}

// MayBeEmpty is the package-level MayBeEmpty with c's options and caches.
func (c *Checker) MayBeEmpty(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (Verdict, bool) {
	q := c.query(fn, v, at)
	if q == nil {
		return Verdict{}, false
	}
	v = unbox(v)
	t := v.Type()
	var r result
	switch {
	case isString(t):
		r = q.evalV(v, nil, q.start, kEmpty, 0)
	case nullStruct(t) != nil:
		ns := nullStruct(t)
		if !isString(ns.payloadType) {
			return Verdict{}, false
		}
		r = q.evalV(v, []string{ns.payload}, q.start, kEmpty, 0)
	case isStringPtr(t):
		r = q.evalDeref(v, q.start, kEmpty, 0)
	case isByteSlice(t):
		r = q.evalV(v, nil, q.start, kEmpty, 0)
	default:
		return Verdict{}, false
	}
	return q.verdict(r)
}

func (c *Checker) query(fn *ssa.Function, v ssa.Value, at ssa.Instruction) *query {
	if fn == nil || v == nil || len(fn.Blocks) == 0 {
		return nil
	}
	fi := c.funcs[fn]
	if fi == nil {
		fi = newFuncInfo(fn)
		c.funcs[fn] = fi
	}
	pt, ok := pointOf(fn, v, at)
	if !ok {
		return nil
	}
	return &query{c: c, fi: fi, start: pt, steps: c.opts.MaxSteps, inProgress: map[memoKey]bool{}}
}

// A point is a place in a function: before instruction index of block, or
// (when succ is set) on the edge from block's end to succ.
type point struct {
	block *ssa.BasicBlock
	index int
	succ  *ssa.BasicBlock
}

func pointOf(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (point, bool) {
	if at != nil && at.Block() != nil {
		b := at.Block()
		for i, in := range b.Instrs {
			if in == at {
				return point{block: b, index: i}, true
			}
		}
		return point{}, false
	}
	if in, ok := v.(ssa.Instruction); ok && in.Block() != nil {
		b := in.Block()
		for i, x := range b.Instrs {
			if x == in {
				return point{block: b, index: i + 1}, true
			}
		}
	}
	return point{block: fn.Blocks[0], index: 0}, true
}

func edgePoint(pred, succ *ssa.BasicBlock) point {
	return point{block: pred, index: len(pred.Instrs), succ: succ}
}
