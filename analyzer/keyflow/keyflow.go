package keyflow

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/vocab"
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
	// Dependence is set when the bad path is the failing side of a check
	// of a parameter that converts rather than rejects (`if in.Key !=
	// nil { t = pgtype.Text{…} }`): the value is bad here, and bad for
	// every caller that passes such an argument, so the callers are to
	// be judged too.
	Dependence *Dependence
	// Written says the code itself writes the bad value on every path to
	// the insert (a nil or "" literal, a field left out of a row literal),
	// rather than passing on input: a deliberate NULL, where the schema
	// says NULL keys are meant (schema.NullIntended).
	Written bool
	// Zero, for Kind Empty, names the value the key takes when it is a
	// fixed-size ID (uuid.UUID) or the text of one: "the nil UUID". Such
	// a key is never "" but its zero value is the same for every write
	// without an ID, so it collides as an empty one does, and a CHECK
	// that rejects "" does not stop it.
	Zero string
}

// Options tune a Checker.
type Options struct {
	// AlwaysKey reports whether a function always returns a usable key
	// (never nil, never empty); the analyzer builds it from facts about
	// the package's dependencies. It may be nil.
	AlwaysKey func(*types.Func) bool
	// MayReturnBad returns the summaries of f's results that can be bad
	// (see Summarize), for functions whose body the Checker has no SSA
	// for: the analyzer answers from facts about imported packages. It
	// may be nil. Functions with SSA bodies are summarised on demand.
	MayReturnBad func(f *types.Func) []ResultSummary
	// ResultFields returns what f, a function whose body the Checker
	// has no SSA for, leaves in the key-shaped fields of its struct
	// results (see SummarizeFields): the analyzer answers from facts.
	// It may be nil.
	ResultFields func(f *types.Func) []FieldSummary
	// RunsFunc reports whether f calls its parameter i, a function,
	// before it returns (a transaction helper of the module), from the
	// package's own code and facts; see Checker.RunsInParent. It may be
	// nil: then only the libraries' helpers are known.
	RunsFunc func(f *types.Func, i int) bool
	// CallersInView reports whether every function of the package that
	// refers to f has its SSA body built, so that its calls of f are all
	// in view (a channel parameter's arguments, chanvalue.go). Nil means
	// every body is built.
	CallersInView func(f *types.Func) bool
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
	opts        Options
	funcs       map[*ssa.Function]*funcInfo
	sums        map[*ssa.Function][]ResultSummary
	summarizing map[*ssa.Function]bool // recursion guard for Summarize
	following   map[*ssa.Function]bool // recursion guard for resultField
	withValue   map[*ssa.Package][]ctxStore
	sends       map[*ssa.Package][]*ssa.Send
	flags       map[*ssa.Package]pkgFlags         // string flags by name (flagvar.go)
	paramHomes  map[*ssa.Parameter][]types.Object // chanvalue.go
}

// New returns a Checker with the given options.
func New(opts Options) *Checker {
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = 32
	}
	if opts.MaxSteps <= 0 {
		opts.MaxSteps = 20000
	}
	return &Checker{
		opts:        opts,
		funcs:       make(map[*ssa.Function]*funcInfo),
		sums:        make(map[*ssa.Function][]ResultSummary),
		summarizing: make(map[*ssa.Function]bool),
		following:   make(map[*ssa.Function]bool),
	}
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
	q, r := c.judgeNull(fn, v, at)
	if q == nil {
		return Verdict{}, false
	}
	return q.verdict(r)
}

// MayBeEmpty is the package-level MayBeEmpty with c's options and caches.
func (c *Checker) MayBeEmpty(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (Verdict, bool) {
	q, r := c.judgeEmpty(fn, v, at)
	if q == nil {
		return Verdict{}, false
	}
	return q.verdict(r)
}

// judgeNull runs MayBeNull's query; a nil query means v cannot be NULL.
func (c *Checker) judgeNull(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (*query, result) {
	q := c.query(fn, v, at)
	if q == nil {
		return nil, resUnknown
	}
	v = unbox(v)
	t := v.Type()
	switch {
	case nullStruct(t) != nil:
		return q, q.evalV(v, nullStruct(t).valid, q.start, kValid, 0)
	case nillable(t):
		return q, q.evalV(v, nil, q.start, kNull, 0)
	}
	return nil, resUnknown
}

// judgeEmpty runs MayBeEmpty's query; a nil query means v cannot be "".
func (c *Checker) judgeEmpty(fn *ssa.Function, v ssa.Value, at ssa.Instruction) (*query, result) {
	q := c.query(fn, v, at)
	if q == nil {
		return nil, resUnknown
	}
	v = unbox(v)
	t := v.Type()
	switch {
	case isString(t), isByteSlice(t):
		return q, q.evalV(v, nil, q.start, kEmpty, 0)
	case vocab.IsFixedID(t):
		q.zeroName = vocab.ZeroIDName(t)
		return q, q.evalV(v, nil, q.start, kEmpty, 0)
	case nullStruct(t) != nil:
		ns := nullStruct(t)
		switch {
		case vocab.IsFixedID(ns.payloadType):
			q.zeroName = vocab.ZeroIDName(t)
		case !isString(ns.payloadType):
			return nil, resUnknown
		}
		return q, q.evalV(v, []string{ns.payload}, q.start, kEmpty, 0)
	case isStringPtr(t):
		return q, q.evalDeref(v, q.start, kEmpty, 0)
	case vocab.IsFixedID(derefType(t)):
		q.zeroName = vocab.ZeroIDName(derefType(t))
		return q, q.evalDeref(v, q.start, kEmpty, 0)
	}
	return nil, resUnknown
}

// MayBeNullField is MayBeNull for a field of v, which is a struct or a
// pointer to one: fields ["IdempotencyKey"] asks about in.IdempotencyKey
// when v is in. The analyzer uses it for the argument a caller passes to
// a function that writes a field of that parameter into a key column.
func (c *Checker) MayBeNullField(fn *ssa.Function, v ssa.Value, fields []string, at ssa.Instruction) (Verdict, bool) {
	q, r := c.judgeNullField(fn, v, fields, at)
	if q == nil {
		return Verdict{}, false
	}
	return q.verdict(r)
}

// NullDependenceField is NullDependence for a field of v, as
// MayBeNullField: the field of a converter's result that is nil exactly
// when a parameter's field is.
func (c *Checker) NullDependenceField(fn *ssa.Function, v ssa.Value, fields []string, at ssa.Instruction) (Dependence, bool) {
	q, r := c.judgeNullField(fn, v, fields, at)
	return q.dependence(r)
}

func (c *Checker) judgeNullField(fn *ssa.Function, v ssa.Value, fields []string, at ssa.Instruction) (*query, result) {
	q := c.query(fn, v, at)
	if q == nil || len(fields) == 0 {
		return nil, resUnknown
	}
	v = unbox(v)
	ft := fieldPathType(v.Type(), fields)
	switch {
	case ft == nil:
		return nil, resUnknown
	case nullStruct(ft) != nil:
		return q, q.evalField(v, append(fields[:len(fields):len(fields)], nullStruct(ft).valid...), kValid)
	case nillable(ft):
		return q, q.evalField(v, fields, kNull)
	}
	return nil, resUnknown
}

// FieldUnknown reports whether the value analysis cannot tell, for the
// field path fields of v at at, whether it is NULL (null) or empty
// (empty): it neither found a path on which it is nor showed it never is.
// by, when not nil, is a call the field's variable had its address handed
// to before at (keep(&row)), which idemlint does not read and which may
// write it: what the note names; why, when not empty, says why that
// call's code is not followed (two options write the field).
func (c *Checker) FieldUnknown(fn *ssa.Function, v ssa.Value, fields []string, at ssa.Instruction, null, empty bool) (unknownHere bool, by ssa.CallInstruction, why string) {
	if null {
		if q, r := c.judgeNullField(fn, v, fields, at); q != nil && r.st == unknown {
			return true, r.escaped, r.escWhy
		}
	}
	if empty {
		if q, r := c.judgeEmptyField(fn, v, fields, at); q != nil && r.st == unknown {
			return true, r.escaped, r.escWhy
		}
	}
	return false, nil, ""
}

// EscapedTo is FieldUnknown's by for the value v itself: the call that
// may write the variable v is read from, which the value analysis does not
// follow into, or nil. stored, when not nil, says why that call may: the
// variable's address was stored (or captured) there before it, and it is
// not an argument of the call (the analysis takes every call after such a
// store as one that may write the variable).
func (c *Checker) EscapedTo(fn *ssa.Function, v ssa.Value, at ssa.Instruction, null, empty bool) (by ssa.CallInstruction, stored ssa.Instruction) {
	if null {
		if q, r := c.judgeNull(fn, v, at); q != nil && r.st == unknown && r.escaped != nil {
			return r.escaped, r.escStored
		}
	}
	if empty {
		if q, r := c.judgeEmpty(fn, v, at); q != nil && r.st == unknown && r.escaped != nil {
			return r.escaped, r.escStored
		}
	}
	return nil, nil
}

// MayBeEmptyField is MayBeEmpty for a field of v, as MayBeNullField.
func (c *Checker) MayBeEmptyField(fn *ssa.Function, v ssa.Value, fields []string, at ssa.Instruction) (Verdict, bool) {
	q, r := c.judgeEmptyField(fn, v, fields, at)
	if q == nil {
		return Verdict{}, false
	}
	return q.verdict(r)
}

// EmptyDependenceField is NullDependenceField for "": the field of a
// converter's result that is empty exactly when a parameter's field is.
func (c *Checker) EmptyDependenceField(fn *ssa.Function, v ssa.Value, fields []string, at ssa.Instruction) (Dependence, bool) {
	q, r := c.judgeEmptyField(fn, v, fields, at)
	return q.dependence(r)
}

func (c *Checker) judgeEmptyField(fn *ssa.Function, v ssa.Value, fields []string, at ssa.Instruction) (*query, result) {
	q := c.query(fn, v, at)
	if q == nil || len(fields) == 0 {
		return nil, resUnknown
	}
	v = unbox(v)
	ft := fieldPathType(v.Type(), fields)
	fields = fields[:len(fields):len(fields)]
	switch {
	case ft == nil:
		return nil, resUnknown
	case isString(ft), isByteSlice(ft):
		return q, q.evalField(v, fields, kEmpty)
	case vocab.IsFixedID(ft):
		q.zeroName = vocab.ZeroIDName(ft)
		return q, q.evalField(v, fields, kEmpty)
	case nullStruct(ft) != nil && isString(nullStruct(ft).payloadType):
		return q, q.evalField(v, append(fields, nullStruct(ft).payload), kEmpty)
	case nullStruct(ft) != nil && vocab.IsFixedID(nullStruct(ft).payloadType):
		q.zeroName = vocab.ZeroIDName(ft)
		return q, q.evalField(v, append(fields, nullStruct(ft).payload), kEmpty)
	case isStringPtr(ft):
		l, ok := fieldCell(v, fields)
		if !ok {
			return nil, resUnknown
		}
		l.sel += "*"
		return q, q.evalMem(l, q.start, kEmpty, 0)
	}
	return nil, resUnknown
}

// evalField judges the field steps of v, a struct or a pointer to one.
func (q *query) evalField(v ssa.Value, steps []string, k qkind) result {
	if _, ok := v.Type().Underlying().(*types.Pointer); ok {
		l, ok := locPath(v)
		if !ok {
			return resUnknown
		}
		return q.evalMem(l.fields(steps), q.start, k, 0)
	}
	return q.evalV(v, steps, q.start, k, 0)
}

// fieldCell is the memory cell of the field steps of v: of *v for a
// pointer, of the variable a struct value was loaded from.
func fieldCell(v ssa.Value, steps []string) (path, bool) {
	if _, ok := v.Type().Underlying().(*types.Pointer); !ok {
		u, ok := v.(*ssa.UnOp)
		if !ok || u.Op != token.MUL {
			return path{}, false
		}
		v = u.X
	}
	l, ok := locPath(v)
	return l.fields(steps), ok
}

// fieldPathType is the type of the field path fields of t (a struct or a
// pointer to one), or nil.
func fieldPathType(t types.Type, fields []string) types.Type {
	for i, name := range fields {
		if _, ptr := t.Underlying().(*types.Pointer); ptr && i > 0 {
			return nil // a pointer on the way: not one cell
		}
		fv, _ := fieldByName(t, name)
		if fv == nil {
			return nil
		}
		t = fv.Type()
	}
	return t
}

func (c *Checker) query(fn *ssa.Function, v ssa.Value, at ssa.Instruction) *query {
	if fn == nil || v == nil || len(fn.Blocks) == 0 {
		return nil
	}
	fi := c.info(fn)
	pt, ok := pointOf(fn, v, at)
	if !ok {
		return nil
	}
	return &query{c: c, fi: fi, start: pt, steps: c.opts.MaxSteps, inProgress: map[memoKey]bool{}}
}

// info returns fn's indexes, built on first use.
func (c *Checker) info(fn *ssa.Function) *funcInfo {
	fi := c.funcs[fn]
	if fi == nil {
		fi = newFuncInfo(fn)
		c.funcs[fn] = fi
	}
	return fi
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

// NeverMissing reports whether the value analysis shows that v, at at, is
// never NULL (when null is asked) and never empty (when empty is asked):
// a generated key, a format with a non-empty constant part.
func (c *Checker) NeverMissing(fn *ssa.Function, v ssa.Value, at ssa.Instruction, null, empty bool) bool {
	if !null && !empty {
		return false
	}
	if null {
		if q, r := c.judgeNull(fn, v, at); q != nil && r.st != safe {
			return false
		}
	}
	if empty {
		if q, r := c.judgeEmpty(fn, v, at); q != nil && r.st != safe {
			return false
		}
	}
	return true
}
