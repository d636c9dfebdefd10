package keyflow

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// qkind is what a query looks for.
type qkind int

const (
	kNull  qkind = iota // the value is nil
	kEmpty              // the string (or byte slice) is empty
	kValid              // the bool (a Valid field) is false
)

func (k qkind) kind() Kind {
	switch k {
	case kNull:
		return Nil
	case kValid:
		return Invalid
	}
	return Empty
}

// A guard is the safe edge of a comparison: leaving block along safe,
// the value at p is not nil / not empty / true.
type guard struct {
	p     path
	k     qkind
	block *ssa.BasicBlock
	safe  *ssa.BasicBlock
	pos   token.Pos
	how   string // "compared with nil", for the SA5011 message
}

// escape says who can write a local behind the function's back.
type escape struct {
	wild bool // the address is stored or captured: any call may write
	// storedAt lists the stores that make it wild, and the closures
	// made capturing it, when they are all there is (storedOnly): a call
	// none of them can reach cannot reach the address yet.
	storedAt   []ssa.Instruction
	storedOnly bool
	by         map[ssa.Instruction]bool // calls that receive the address
	// flagValue: the cell is a flag's value behind a package variable
	// (var key = flag.String(…); *key), which only flag.Parse (the value
	// given, else the default: flagDefault's rule) and code of the
	// package itself write: other calls do not clobber it.
	flagValue bool
	// reach caches, per block of storedAt, the blocks reachable from it.
	reach map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool
}

type funcInfo struct {
	fn     *ssa.Function
	fset   *token.FileSet
	refs   map[ssa.Value][]*ssa.DebugRef
	guards map[*ssa.BasicBlock][]guard
	byPath map[path][]guard
	esc    map[escKey]*escape
	memo   map[memoKey]result
	reach  map[[2]*ssa.BasicBlock]map[*ssa.BasicBlock]bool
	// validations lists the validator calls, once asked (decode.go).
	validations *[]validation
}

// reaches reports whether control can flow from block from to block
// to without entering block avoid (where the value is defined afresh, so
// a check on the way belongs to an earlier iteration). avoid may be nil.
func (fi *funcInfo) reaches(from, to, avoid *ssa.BasicBlock) bool {
	if from == avoid || to == avoid {
		return false
	}
	if fi.reach == nil {
		fi.reach = map[[2]*ssa.BasicBlock]map[*ssa.BasicBlock]bool{}
	}
	key := [2]*ssa.BasicBlock{from, avoid}
	set := fi.reach[key]
	if set == nil {
		set = map[*ssa.BasicBlock]bool{from: true}
		stack := []*ssa.BasicBlock{from}
		for len(stack) > 0 {
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, s := range b.Succs {
				if !set[s] && s != avoid {
					set[s] = true
					stack = append(stack, s)
				}
			}
		}
		fi.reach[key] = set
	}
	return set[to]
}

// unsafe returns the successor of g's branch on which the check failed.
func (g guard) unsafe() *ssa.BasicBlock {
	if g.block.Succs[0] == g.safe {
		return g.block.Succs[1]
	}
	return g.block.Succs[0]
}

func newFuncInfo(fn *ssa.Function) *funcInfo {
	fi := &funcInfo{
		fn:     fn,
		fset:   fn.Prog.Fset,
		refs:   map[ssa.Value][]*ssa.DebugRef{},
		guards: map[*ssa.BasicBlock][]guard{},
		byPath: map[path][]guard{},
		esc:    map[escKey]*escape{},
		memo:   map[memoKey]result{},
	}
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			switch in := in.(type) {
			case *ssa.DebugRef:
				fi.refs[in.X] = append(fi.refs[in.X], in)
			case *ssa.If:
				if len(b.Succs) == 2 && b.Succs[0] != b.Succs[1] {
					fi.addGuards(b, in.Cond, b.Succs[0], b.Succs[1], 0)
				}
			}
		}
	}
	for p, gs := range fi.byPath {
		sort.Slice(gs, func(i, j int) bool { return gs[i].pos < gs[j].pos })
		fi.byPath[p] = gs
	}
	return fi
}

// addGuards records what the condition c proves on its true edge t and
// its false edge f.
func (fi *funcInfo) addGuards(b *ssa.BasicBlock, c ssa.Value, t, f *ssa.BasicBlock, depth int) {
	if depth > 4 {
		return
	}
	pos := fi.exprPos(c)
	add := func(x ssa.Value, k qkind, safe *ssa.BasicBlock, how string) {
		for _, p := range guardTargets(x, k) {
			g := guard{p: p, k: k, block: b, safe: safe, pos: pos, how: how}
			fi.guards[b] = append(fi.guards[b], g)
			fi.byPath[p] = append(fi.byPath[p], g)
		}
	}
	switch c := c.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			fi.addGuards(b, c.X, f, t, depth+1)
			return
		}
	case *ssa.BinOp:
		if addZeroIDCompare(c, t, f, add) || addCompare(c, t, f, add) {
			return
		}
	case *ssa.Call:
		if id, ok := zeroIDTest(c); ok {
			add(id, kEmpty, f, "checked with "+calleeOf(&c.Call).Name())
			return
		}
	}
	if isBool(c.Type()) {
		add(c, kValid, t, "checked")
	}
}

// addGuard records that x is not bad for k on the edge to safe.
type addGuard func(x ssa.Value, k qkind, safe *ssa.BasicBlock, how string)

// addCompare records what a comparison with a constant proves on its true
// edge t and false edge f; false when c compares no constant.
func addCompare(c *ssa.BinOp, t, f *ssa.BasicBlock, add addGuard) bool {
	x, y, op := c.X, c.Y, c.Op
	if _, ok := x.(*ssa.Const); ok {
		x, y, op = y, x, mirror(op)
	}
	k, ok := y.(*ssa.Const)
	if !ok {
		return false
	}
	if op != token.EQL && op != token.NEQ {
		// len(s) > 0 and friends.
		if s, ok := lenOf(x); ok && k.Value != nil && k.Value.Kind() == constant.Int {
			n := k.Int64()
			switch {
			case (op == token.GTR && n == 0) || (op == token.GEQ && n == 1):
				add(s, kEmpty, t, "its length checked")
			case (op == token.LSS && n == 1) || (op == token.LEQ && n == 0):
				add(s, kEmpty, f, "its length checked")
			}
		}
		return true
	}
	eq := op == token.EQL
	safeOf := func(badWhenEqual bool) *ssa.BasicBlock {
		if eq == badWhenEqual {
			return f
		}
		return t
	}
	switch {
	case k.IsNil():
		add(x, kNull, safeOf(true), "compared with nil")
	case isEmptyConst(k):
		add(x, kEmpty, safeOf(true), `compared with ""`)
	case isBool(k.Type()) && k.Value != nil:
		add(x, kValid, safeOf(!constant.BoolVal(k.Value)), "checked")
	default:
		if s, ok := lenOf(x); ok && k.Value != nil && k.Value.Kind() == constant.Int && k.Int64() == 0 {
			add(s, kEmpty, safeOf(true), "its length checked")
		}
	}
	return true
}

// addZeroIDCompare records what a comparison of a fixed-size ID with its
// zero value (id == uuid.Nil, id != (uuid.UUID{})) proves; false when c
// is no such comparison.
func addZeroIDCompare(c *ssa.BinOp, t, f *ssa.BasicBlock, add addGuard) bool {
	if c.Op != token.EQL && c.Op != token.NEQ {
		return false
	}
	x, zero := c.X, c.Y
	if isZeroID(x) {
		x, zero = zero, x
	}
	if !isZeroID(zero) {
		return false
	}
	safe := f
	if c.Op == token.NEQ {
		safe = t
	}
	how := "compared with the zero ID"
	if u, ok := zero.(*ssa.UnOp); ok {
		g := u.X.(*ssa.Global)
		how = "compared with " + g.Pkg.Pkg.Name() + "." + g.Name()
	}
	add(x, kEmpty, safe, how)
	return true
}

func mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}

func lenOf(v ssa.Value) (ssa.Value, bool) {
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil, false
	}
	if b, ok := call.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" && len(call.Call.Args) == 1 {
		return call.Call.Args[0], true
	}
	return nil, false
}

func isEmptyConst(c *ssa.Const) bool {
	if !isString(c.Type()) {
		return false
	}
	return c.Value == nil || constant.StringVal(c.Value) == ""
}

// guardTargets lists the paths that a check of x covers: x itself, and
// for emptiness the value that a TrimSpace-like call or a conversion was
// applied to.
func guardTargets(x ssa.Value, k qkind) []path {
	var out []path
	for i := 0; i < 8 && x != nil; i++ {
		if p, ok := valuePath(x); ok {
			out = append(out, p)
		}
		next := ssa.Value(nil)
		switch v := x.(type) {
		case *ssa.ChangeType:
			next = v.X
		case *ssa.Convert:
			if k == kEmpty {
				next = v.X
			}
		case *ssa.MakeInterface:
			// any(p) == nil is false even for a nil p; only "" carries over.
			if k == kEmpty {
				next = v.X
			}
		case *ssa.Call:
			if p, ok := protoGetterField(v); ok {
				out = append(out, p) // req.GetKey() == "" checks req.Key
			}
			if p, ok := getterCallPath(v); ok {
				out = append(out, p) // and req.GetKey() called again
			}
			if k == kEmpty {
				if f := calleeOf(&v.Call); f != nil && libPassesEmpty()[idOf(f)] {
					if args := userArgs(&v.Call); len(args) > 0 {
						next = args[0]
					}
				}
			}
		}
		x = next
	}
	return out
}

// guarded reports whether the edge pred->succ is the safe edge of a
// check of p for k.
func (fi *funcInfo) guarded(pred, succ *ssa.BasicBlock, p path, k qkind) bool {
	for _, g := range fi.guards[pred] {
		if g.safe == succ && g.k == k && g.p == p {
			return true
		}
	}
	return false
}

// checks reports whether block b ends in a check of p for k.
func (fi *funcInfo) checks(b *ssa.BasicBlock, p path, k qkind) bool {
	for _, g := range fi.guards[b] {
		if g.p == p && g.k == k {
			return true
		}
	}
	return false
}

// An escKey names the part of a local a query reads: the Alloc and the
// selector of the cell (path.sel).
type escKey struct {
	a   *ssa.Alloc
	sel string
}

// escapeOf computes who besides plain loads and stores can reach the
// memory of a that a load of the cell a.sel reads: an address handed out
// of a field of a (Scan(&rec.OrgName)) lets its callee write that field,
// not rec.Key beside it.
func (fi *funcInfo) escapeOf(a *ssa.Alloc, sel string) *escape {
	key := escKey{a, sel}
	if e := fi.esc[key]; e != nil {
		return e
	}
	e := &escape{by: map[ssa.Instruction]bool{}, storedOnly: true}
	fi.esc[key] = e
	// at is the selector of the cell v addresses, from a; exact is false
	// once an element of a non-constant index is on the way (any element).
	var visit func(v ssa.Value, at string, depth int)
	visit = func(v ssa.Value, at string, depth int) {
		if !selOverlaps(at, sel) {
			return // a field of a the cell is not in, nor holds it
		}
		if depth > 16 {
			e.wild, e.storedOnly = true, false
			return
		}
		refs := v.Referrers()
		if refs == nil {
			return
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.UnOp, *ssa.DebugRef:
				// loads
			case *ssa.Return:
				// Handed to the caller (return &row, nil): no call of this
				// function can reach it through that.
			case *ssa.Store:
				if r.Val == v {
					e.wild = true
					e.storedAt = append(e.storedAt, r)
				}
			case *ssa.FieldAddr:
				visit(r, at+"."+fieldName(r.X, r.Field), depth+1)
			case *ssa.IndexAddr:
				next := at // any element: the whole array, for the overlap
				if c, ok := r.Index.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
					next = at + "[" + c.Value.ExactString() + "]"
				}
				visit(r, next, depth+1)
			case *ssa.ChangeType, *ssa.MakeInterface, *ssa.Convert:
				// Boxed or converted address: only follow it into calls.
				for _, rr := range *r.(ssa.Value).Referrers() {
					if ci, ok := rr.(ssa.CallInstruction); ok {
						e.by[ci] = true
					} else if st, ok := rr.(*ssa.Store); ok && st.Val == r.(ssa.Value) {
						if ci := varargsCall(st); ci != nil {
							// Boxed into the variadic []any of one call
							// (Scan(&rec.OrgName), Exec(…, &id)): that call
							// receives the address, as if passed alone.
							e.by[ci] = true
							continue
						}
						// Stored boxed elsewhere: a call before the store
						// cannot reach it yet.
						e.wild = true
						e.storedAt = append(e.storedAt, st)
					} else if _, ok := rr.(*ssa.DebugRef); !ok {
						e.wild, e.storedOnly = true, false
					}
				}
			case ssa.CallInstruction:
				if !onlyReads(fi.fn, r, v) {
					e.by[r] = true
				}
			case *ssa.MakeClosure:
				// Captured (a parameter a transaction closure reads): a
				// call before the closure is made cannot reach it
				// (db.WithContext(ctx).Transaction(func… { … in.Key … })).
				e.wild = true
				e.storedAt = append(e.storedAt, r)
			default:
				e.wild, e.storedOnly = true, false
			}
		}
	}
	visit(a, "", 0)
	return e
}

// selOverlaps reports whether the cells at selectors a and b of one root
// overlap: one is the other, or holds it (".Org" and ".Org.Name", ".Key"
// and ".Key*"); ".OrgName" and ".Key" do not.
func selOverlaps(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if !strings.HasPrefix(b, a) {
		return false
	}
	return len(a) == len(b) || strings.ContainsRune(".[*", rune(b[len(a)]))
}

// varargsCall returns the call whose variadic slice st stores into, when
// that is all the array is for: st writes an element of a fresh array
// (new [n]any (varargs)) whose elements are only stored into and which is
// only sliced for calls' arguments, exactly one call.
func varargsCall(st *ssa.Store) ssa.CallInstruction {
	ia, ok := st.Addr.(*ssa.IndexAddr)
	if !ok {
		return nil
	}
	arr, ok := ia.X.(*ssa.Alloc)
	if !ok || arr.Comment != "varargs" {
		return nil
	}
	var call ssa.CallInstruction
	for _, r := range *arr.Referrers() {
		switch r := r.(type) {
		case *ssa.IndexAddr:
			for _, u := range *r.Referrers() {
				if s, ok := u.(*ssa.Store); !ok || s.Addr != ssa.Value(r) {
					return nil
				}
			}
		case *ssa.Slice:
			for _, u := range *r.Referrers() {
				ci, ok := u.(ssa.CallInstruction)
				if !ok || call != nil && call != ci {
					return nil
				}
				call = ci
			}
		case *ssa.DebugRef:
		default:
			return nil
		}
	}
	return call
}

// onlyReads reports whether call, a call in fn of a function of fn's own
// package, only reads through the address v it is handed (describe(&row)
// reading row.OrderID): it cannot write the local, so the value analysis
// keeps following it past the call. A parameter stored, passed on,
// captured or written through is not only read.
func onlyReads(fn *ssa.Function, call ssa.CallInstruction, v ssa.Value) bool {
	if _, ok := call.(*ssa.Call); !ok {
		return false
	}
	com := call.Common()
	callee := com.StaticCallee()
	if callee == nil || callee.Pkg == nil || callee.Pkg != fn.Pkg || len(callee.Blocks) == 0 || len(callee.Params) != len(com.Args) {
		return false
	}
	passed := false
	for i, a := range com.Args {
		if a == v {
			passed = true
			if !readThrough(callee.Params[i], 0) {
				return false
			}
		}
	}
	return passed
}

// readThrough reports whether the pointer p is only loaded through, or
// through the addresses of its fields and elements, or compared (x !=
// nil).
func readThrough(p ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	refs := p.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.FieldAddr:
			if !readThrough(r, depth+1) {
				return false
			}
		case *ssa.IndexAddr:
			if !readThrough(r, depth+1) {
				return false
			}
		case *ssa.BinOp, *ssa.If:
		default:
			return false
		}
	}
	return true
}

// notYetStored reports whether the call at index i of block b comes
// before every store that lets the address escape, on every path: no such
// store (or closure made capturing the variable) can reach the call, in
// b before it or in a block from which b can be reached. Such a call
// cannot reach the address (id := r.Header.Get(…); r.Context(); &T{K:
// &id}; or `var key string; if v := md.Get("k"); len(v) > 0 { key = v[0]
// }` before a unit of work's closure captures key).
func (e *escape) notYetStored(b *ssa.BasicBlock, i int) bool {
	if !e.storedOnly || len(e.storedAt) == 0 {
		return false
	}
	for _, st := range e.storedAt {
		sb := st.Block()
		j := slices.Index(sb.Instrs, st)
		if j < 0 || sb == b && j < i || e.reaches(sb, b) {
			return false
		}
	}
	return true
}

// reaches reports whether block to can be reached from the end of block
// from (to == from only around a loop).
func (e *escape) reaches(from, to *ssa.BasicBlock) bool {
	if e.reach == nil {
		e.reach = map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool{}
	}
	set, ok := e.reach[from]
	if !ok {
		set = map[*ssa.BasicBlock]bool{}
		work := slices.Clone(from.Succs)
		for len(work) > 0 {
			x := work[len(work)-1]
			work = work[:len(work)-1]
			if set[x] {
				continue
			}
			set[x] = true
			work = append(work, x.Succs...)
		}
		e.reach[from] = set
	}
	return set[to]
}

// exprPos returns the start of the source expression for v, if known.
func (fi *funcInfo) exprPos(v ssa.Value) token.Pos {
	for _, r := range fi.refs[v] {
		return r.Expr.Pos()
	}
	return v.Pos()
}

func (fi *funcInfo) line(pos token.Pos) int {
	if !pos.IsValid() || fi.fset == nil {
		return 0
	}
	return fi.fset.Position(pos).Line
}

func (fi *funcInfo) pkg() *types.Package {
	if fi.fn.Pkg != nil {
		return fi.fn.Pkg.Pkg
	}
	return nil
}
