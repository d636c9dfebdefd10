package gorules

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/checks"
)

// Rows built from the elements of a parameter slice:
//
//	func CreateAll(db *gorm.DB, in []In) error {
//		for _, x := range in { rows = append(rows, Row{Key: x.Key}) }
//		return db.Create(&rows).Error
//	}
//
// x.Key is the caller's value, as a single row's in.Key is: the function
// is summarised as writing the field Key of every element of its
// parameter in, with the path element elemMark between the slice and the
// field (KeyParam{Param: 1, Path: ["[]", "Key"]}). A caller passing a
// slice literal has each element's field judged as a single row's
// argument; one passing its own parameter on is summarised the same way;
// any other slice gets a -v note.

// elemMark stands for "every element of the slice" in a KeyParam path.
const elemMark = "[]"

// summariseElement records, when arg is the range variable (or a field
// path of it) of a range over a parameter slice of the inserting
// function, that the function writes that part of every element into the
// key. It says whether arg is such a value.
func (c *checker) summariseElement(w write, arg ast.Expr) bool {
	decl := enclosingDecl(w.site)
	if decl == nil || decl.Body == nil {
		return false
	}
	info := c.pass.TypesInfo
	vp, ok := vocab.PathOf(info, arg)
	if !ok {
		return false
	}
	elem := vp.Root
	if vocab.Assigned(info, decl.Body, elem) {
		return false
	}
	var fields []string
	if vp.Fields != "" {
		fields = strings.Split(vp.Fields, ".")
	}
	over := rangedSlice(info, decl.Body, elem)
	if over == nil {
		return false
	}
	p, path, ok := vocab.ParamPath(info, decl, over)
	if !ok {
		return false
	}
	if vocab.ChecksPath(info, decl.Body, arg) {
		return true // checked here, element by element
	}
	full := append(append(path[:len(path):len(path)], elemMark), fields...)
	c.checkElementContract(w, decl, arg, types.ExprString(over), strings.Join(fields, "."), info.TypeOf(arg))
	c.summariseParam(w, decl, p, full, info.TypeOf(arg), false)
	return true
}

// pendElement records, in pending mode (wiring.go), that fd passes the
// part k.Path of arg, the range variable (or a field path of it) of a
// range over a parameter slice of fd, unchecked to an interface argument
// path: for _, it := range in.Items { s.store.InsertItem(ctx, it) }.
// fd's callers are then judged on every element, as for a slice passed
// whole. It says whether arg is such a value (checked or not).
func (c *checker) pendElement(fd *ast.FuncDecl, arg ast.Expr, k keyfacts.KeyParam) bool {
	if !c.pendingMode || k.Iface == nil {
		return false
	}
	_, ok := c.forwardElement(fd, arg, k, k.Path)
	return ok
}

// A paramElem is a part of every element of a parameter slice: the
// range variable of for _, it := range in, or a field path of it.
type paramElem struct {
	over    ast.Expr // the slice ranged over (in, in.Items)
	fields  []string // the part of the element, from the element
	checked bool     // the function checks that part of each element
}

// forwardElement records that fd passes the part rest of arg, the range
// variable (or a field path of it) of a range over a parameter slice of
// fd, unchecked where the callee writes it into k's key: for _, it :=
// range in { q.CreateJob(ctx, db.CreateJobParams{DedupKey: it.Key}) },
// sqlc's generated code or a repository called once per element. fd's
// callers are then judged on every element, as for a slice passed whole
// (checkCallElements). It says whether arg is such a value (checked or
// not), and which.
func (c *checker) forwardElement(fd *ast.FuncDecl, arg ast.Expr, k keyfacts.KeyParam, rest []string) (paramElem, bool) {
	if fd == nil || fd.Body == nil {
		return paramElem{}, false
	}
	info := c.pass.TypesInfo
	vp, ok := vocab.PathOf(info, arg)
	if !ok || vocab.Assigned(info, fd.Body, vp.Root) {
		return paramElem{}, false
	}
	over := rangedSlice(info, fd.Body, vp.Root)
	if over == nil {
		return paramElem{}, false
	}
	p, path, ok := vocab.ParamPath(info, fd, over)
	if !ok {
		return paramElem{}, false
	}
	var fields []string
	if vp.Fields != "" {
		fields = strings.Split(vp.Fields, ".")
	}
	fields = append(fields, rest...)
	pe := paramElem{over: over, fields: fields}
	if vocab.ChecksValuePath(info, fd.Body, vocab.Path{Root: vp.Root, Fields: strings.Join(fields, ".")}) {
		pe.checked = true
		return pe, true // checked here, element by element
	}
	if obj, ok := info.Defs[fd.Name].(*types.Func); ok {
		k2 := k
		k2.Param, k2.Path = p, append(append(path[:len(path):len(path)], elemMark), fields...)
		c.sums.Add(obj, k2)
	}
	return pe, true
}

// checkForwardedElementContract is the contract rule for a key that fd
// passes on, once per element of its parameter slice, to a callee that
// writes it (pe, at, whose type is t: it.Key into sqlc's params): an
// element type that holds the key as a *string or a sql.Null* lets every
// caller pass nil in any element, as checkElementContract says of an
// insert in fd itself. reason, when set, says how the value passed is
// made from the element (toText(it.Key)); without one, the element's
// part is passed as it is, and a hand-written callee whose own finding
// is the contract is left to it. No fix: that would be a loop filling
// each element's key.
func (c *checker) checkForwardedElementContract(fd *ast.FuncDecl, call *ast.CallExpr, at ast.Expr, callee *types.Func, k keyfacts.KeyParam, pe paramElem, t types.Type, reason string) {
	if c.pendingMode || pe.checked || !k.Null && !k.NilIsEmpty || k.Guarded || t == nil || isGenerated(c.pass, fd.Pos()) {
		return
	}
	if reason == "" && (callee.Pkg() == c.pass.Pkg && !c.callersInView(callee) || callee.Pkg() != c.pass.Pkg && !c.generatedFile(callee.Pos())) {
		return // the element passed as it is: the callee's own finding is the contract (checkForwardedContract)
	}
	why, ok := c.elementContractWhy(fd, types.ExprString(pe.over), strings.Join(pe.fields, "."), t)
	if !ok {
		return
	}
	if reason != "" {
		why += "; " + reason
	}
	why += fmt.Sprintf("; passed to %s, which writes it into %s", c.calledName(call, callee), k.Target())
	code := checks.GoNullKey
	if !k.Null {
		code, why = checks.GoEmptyKey, why+nilAsEmpty
	}
	c.reportVia(finding{code: code, byContract: true, at: at, why: why, noFix: elementsNoFix}, k)
}

// elementContractWhy says why fd, a function whose callers are not all in
// view, lets them pass a missing key in any element of its parameter
// slice (the field field of elements of type t): ok is false when t
// cannot carry one, or every caller is in view (judged through the
// element fact instead).
func (c *checker) elementContractWhy(fd *ast.FuncDecl, slice, field string, t types.Type) (string, bool) {
	missing, ok := vocab.MissingValue(t)
	if !ok {
		return "", false
	}
	if fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); !ok || c.callersInView(fn) {
		return "", false // its callers are judged, through the element fact
	}
	what := "the elements"
	if field != "" {
		what = "the " + field + " field of the elements"
	}
	return fmt.Sprintf("%s's parameter %s is a slice, and %s is a %s, so every caller may pass %s in any element, and nothing here checks it",
		fd.Name.Name, slice, what, types.TypeString(t, vocab.ShortQualifier), missing), true
}

// checkElementContract is the contract rule (contract.go) for a key that
// is a field of every element of a parameter slice: a hand-written
// function whose callers are not all in view and whose element type
// holds the key as a *string or a sql.Null* lets every caller pass nil in
// any element, as a single parameter of that type does. It is reported at
// at, the key as the insert reads it, once per write; slice is the
// parameter (or the parameter's field) as the function names it, and
// field the key's path inside an element. Its callers are judged through
// the element fact too, as a single parameter's are. No fix: that would
// be a loop filling each element's key.
func (c *checker) checkElementContract(w write, decl *ast.FuncDecl, at ast.Expr, slice, field string, t types.Type) {
	if c.pendingMode || len(w.nulls) == 0 || w.v.NeverNull || decl == nil || isGenerated(c.pass, decl.Pos()) {
		return
	}
	why, ok := c.elementContractWhy(decl, slice, field, t)
	if !ok {
		return
	}
	c.report(finding{code: checks.GoNullKey, byContract: true, at: at, why: why, noFix: elementsNoFix}, w.keyTarget)
}

// checkCallElements checks a call to a function that writes a part of
// every element of its parameter slice into a key (k.Path holds elemMark
// at i): each element of a slice literal is judged as a single row's
// argument; the caller's own parameter passed on makes the caller such a
// function too; any other slice is noted under -v.
func (c *checker) checkCallElements(fd *ast.FuncDecl, call *ast.CallExpr, callee *types.Func, k keyfacts.KeyParam, i int) {
	arg := call.Args[k.Param]
	info := c.pass.TypesInfo
	slice, missing, _ := fieldOf(info, arg, k.Path[:i])
	if missing || slice == nil {
		if !missing {
			c.noteElements(call, arg, callee, k, i, "is a slice built elsewhere")
		}
		return // a slice left out: no rows
	}
	elemK := k
	elemK.Path = k.Path[i+1:]
	if lit, ok := astutil.Unparen(slice).(*ast.CompositeLit); ok {
		if _, isSlice := info.TypeOf(lit).Underlying().(*types.Slice); isSlice {
			for _, e := range lit.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				c.checkPassed(fd, call, callee, elemK, e)
			}
			return
		}
	}
	if _, isNil := info.Uses[identOf(slice)].(*types.Nil); isNil {
		return // no rows
	}
	slice = vocab.Unslice(slice) // a chunk, recs[:n], holds recs's elements
	p, path, isParam := vocab.ElemsParamPath(info, fd, slice)
	switch {
	case isParam && loopChecks(info, fd.Body, slice, k.Path[i+1:], call.Pos()):
		return // each element's key is checked here before the call
	case isParam && rangesOver(info, fd.Body, slice, k.Path[i+1:]):
		c.noteElements(call, slice, callee, k, i, "is a parameter "+fd.Name.Name+" ranges over (perhaps checking each element)")
	case isParam:
		if obj, ok := info.Defs[fd.Name].(*types.Func); ok {
			k2 := k
			k2.Param, k2.Path = p, append(path[:len(path):len(path)], k.Path[i:]...)
			c.sums.Add(obj, k2)
		}
	default:
		if !c.pendingMode {
			c.forwardAppended(fd, k, i, slice)
		}
		if !c.checkElements(fd, call, callee, k, i, slice) {
			c.noteElements(call, slice, callee, k, i, "is not a slice literal nor a parameter")
		}
	}
}

// forwardAppended records, for slice, a local variable fd builds by
// appending rows whose key part is the range variable's of a range over
// a parameter slice of fd (for _, in := range ins { rows = append(rows,
// Row{Key: in.Key}) }, then repo.InsertAll(ctx, rows)), that fd writes
// that part of every element of its parameter, as forwardElement does
// for an element passed on by itself: fd's callers are judged on their
// elements. The value analysis (checkElements) still judges what the
// appended rows hold here.
func (c *checker) forwardAppended(fd *ast.FuncDecl, k keyfacts.KeyParam, i int, slice ast.Expr) {
	id := identOf(slice)
	if id == nil || fd.Body == nil {
		return
	}
	info := c.pass.TypesInfo
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		if lhs := identOf(as.Lhs[0]); lhs == nil || info.Uses[lhs] != v && info.Defs[lhs] != v {
			return true
		}
		ap, ok := astutil.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok || len(ap.Args) < 2 || ap.Ellipsis.IsValid() {
			return true
		}
		if b, ok := info.Uses[identOf(ap.Fun)].(*types.Builtin); !ok || b.Name() != "append" {
			return true
		}
		for _, e := range ap.Args[1:] {
			if expr, missing, _ := fieldOf(info, e, k.Path[i+1:]); expr != nil && !missing {
				c.forwardElement(fd, expr, k, nil)
			}
		}
		return true
	})
}

// checkElements judges the elements of slice, a slice the caller builds
// (appends to) or fills (decodes from the request), for the part of each
// that the callee writes into a key; it says whether the value analysis
// answered (a finding, or a slice whose elements it read and found
// fine). A finding has no fix: no one statement gives every element a
// key.
func (c *checker) checkElements(fd *ast.FuncDecl, call *ast.CallExpr, callee *types.Func, k keyfacts.KeyParam, i int, slice ast.Expr) bool {
	site := rowwrite.Site{Call: call, Func: fd}
	fn, at := c.ssaFor(site)
	if fn == nil {
		return false
	}
	val := keyflow.ArgValue(fn, at, slice)
	if val == nil {
		return false
	}
	fields := k.Path[i+1:]
	what := "key"
	if len(fields) > 0 {
		what = strings.Join(fields, ".")
	}
	via := fmt.Sprintf("each element's %s is passed to %s, which writes it into %s", what, c.calledName(call, callee), k.Target())
	if k.Null {
		if vd, ok := c.flow.MayBeNullElements(fn, val, fields, at); ok {
			c.reportVia(finding{code: checks.GoNullKey, at: slice, why: vd.Reason + "; " + via, origin: vd.Origin, noFix: elementsNoFix}, k)
			return true
		}
	}
	if k.NilIsEmpty {
		// r.GetKey() for each r: nil is written as "".
		if vd, ok := c.flow.MayBeNullElements(fn, val, fields, at); ok {
			c.reportVia(finding{code: checks.GoEmptyKey, at: slice, why: vd.Reason + "; " + via + nilAsEmpty, origin: vd.Origin, noFix: elementsNoFix}, k)
			return true
		}
	}
	if k.Empty || k.EmptyIsNull {
		if vd, ok := c.flow.MayBeEmptyElements(fn, val, fields, at); ok {
			code, why := checks.GoEmptyKey, vd.Reason+"; "+via
			if k.EmptyIsNull {
				code, why = checks.GoNullKey, why+" as NULL when it is empty"
			}
			c.reportVia(finding{code: code, at: slice, why: why, origin: vd.Origin, noFix: elementsNoFix}, k)
			return true
		}
	}
	if hop := pointerHop(c.pass.TypesInfo.TypeOf(slice), fields); hop != "" && keyflow.ElementsBuilt(fn, val, at) {
		// The element's stores are read, but not through a pointer on
		// the way to the key: nothing found is no proof of a key.
		c.noteElements(call, slice, callee, k, i, "reaches the key through "+hop+", which idemlint does not follow at the caller")
		return true
	}
	return keyflow.ElementsBuilt(fn, val, at) // read, and fine
}

// pointerHop names, for a note, the first pointer on the way from an
// element of the slice type st to its field path fields: "each element (a
// *ptrelems.Accepted)", "the pointer field Planned.Request"; "" when there
// is none.
func pointerHop(st types.Type, fields []string) string {
	sl, ok := types.Unalias(st).Underlying().(*types.Slice)
	if !ok {
		return ""
	}
	t := sl.Elem()
	if _, ok := t.Underlying().(*types.Pointer); ok {
		return "each element (a " + types.TypeString(t, func(p *types.Package) string { return p.Name() }) + ")"
	}
	return pointerField(t, fields)
}

// pointerField names the first field on the path fields from a value of
// type t whose type is a pointer, with the path to it, or "" (the last
// field, the key itself, does not count).
func pointerField(t types.Type, fields []string) string {
	for i, name := range fields[:max(len(fields)-1, 0)] {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		v, ok := obj.(*types.Var)
		if !ok {
			return ""
		}
		t = v.Type()
		if _, ok := t.Underlying().(*types.Pointer); ok {
			return "the pointer field " + strings.Join(fields[:i+1], ".")
		}
	}
	return ""
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := astutil.Unparen(e).(*ast.Ident)
	return id
}

// rangesOver reports whether body ranges over the value e names in a
// loop that may check each element's fields (the part the callee writes
// into a key) before the call. A loop whose element is used only through
// other fields (for _, it := range items { if it.Topic == "" { … } })
// checks nothing of the key: it is no such loop. One that uses the
// element otherwise (whole, through its index, its address, a method)
// may, and is.
func rangesOver(info *types.Info, body *ast.BlockStmt, e ast.Expr, fields []string) bool {
	want, ok := vocab.PathOf(info, e)
	if !ok {
		return true
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if rs, ok := n.(*ast.RangeStmt); ok {
			if got, ok := vocab.PathOf(info, rs.X); ok && got == want && loopMayCheck(info, rs, fields) {
				found = true
			}
		}
		return !found
	})
	return found
}

// loopChecks reports whether body ranges over the slice e before pos
// and checks the field path fields of each element (if it.Key == "" {
// return … }), as a check of a single parameter is read
// (vocab.ChecksValuePath).
func loopChecks(info *types.Info, body *ast.BlockStmt, e ast.Expr, fields []string, pos token.Pos) bool {
	want, ok := vocab.PathOf(info, e)
	if !ok {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if rs, ok := n.(*ast.RangeStmt); ok && rs.End() < pos {
			if got, ok := vocab.PathOf(info, rs.X); ok && got == want {
				if v, ok := rs.Value.(*ast.Ident); ok && info.Defs[v] != nil && vocab.ChecksValuePath(info, rs.Body, vocab.Path{Root: info.Defs[v], Fields: strings.Join(fields, ".")}) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// loopMayCheck reports whether the body of rs may look at fields of its
// element (see rangesOver).
func loopMayCheck(info *types.Info, rs *ast.RangeStmt, fields []string) bool {
	if len(fields) == 0 {
		return true // the element itself is the key
	}
	if k, ok := rs.Key.(*ast.Ident); ok && k.Name != "_" && indexMayCheck(info, rs, info.Defs[k], fields) {
		return true // the slice may be read through the index
	}
	v, ok := rs.Value.(*ast.Ident)
	if !ok {
		return rs.Value != nil
	}
	elem := info.Defs[v]
	if elem == nil {
		return true
	}
	may := false
	usesOf(info, rs.Body, elem, func(id *ast.Ident, stack []ast.Node) bool {
		sel, ok := stack[len(stack)-2].(*ast.SelectorExpr)
		if !ok || sel.X != id {
			may = true // the element whole: passed on, its address taken
			return false
		}
		if s, ok := info.Selections[sel]; !ok || s.Kind() != types.FieldVal || len(s.Index()) > 1 || slices.Contains(fields, sel.Sel.Name) {
			may = true // a method, a promoted field, or the key's own field
		}
		return !may
	})
	return may
}

// usesOf calls visit for each use of obj in body, with the nodes from
// body down to the identifier (the identifier last), until visit returns
// false.
func usesOf(info *types.Info, body ast.Node, obj types.Object, visit func(id *ast.Ident, stack []ast.Node) bool) {
	done := false
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if done {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == obj {
			done = !visit(id, stack)
		}
		return !done
	})
}

// indexMayCheck reports whether the body of rs, a range over a slice,
// may look at fields of its elements through the index idx: every index
// idx makes other than rs.X[idx].F, with F a field of the element itself
// that is not the key (rows[i].BatchID = id), may (a nil idx does).
func indexMayCheck(info *types.Info, rs *ast.RangeStmt, idx types.Object, fields []string) bool {
	if idx == nil {
		return true
	}
	want, ok := vocab.PathOf(info, rs.X)
	if !ok {
		return indexes(info, rs.Body, idx)
	}
	may := false
	usesOf(info, rs.Body, idx, func(id *ast.Ident, stack []ast.Node) bool {
		ix, ok := stack[len(stack)-2].(*ast.IndexExpr)
		if !ok || ix.Index != id {
			return true // i itself (strconv.Itoa(i)): no element read
		}
		may = true
		if got, ok := vocab.PathOf(info, ix.X); !ok || got != want {
			return false // another slice indexed by i
		}
		sel, ok := stack[len(stack)-3].(*ast.SelectorExpr)
		if !ok || sel.X != ix {
			return false // the element whole: rows[i] = …, &rows[i]
		}
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.FieldVal && len(s.Index()) == 1 && !slices.Contains(fields, sel.Sel.Name) {
			may = false // another field of the element
		}
		return !may
	})
	return may
}

// indexes reports whether body uses v as an index (items[i]); a nil v
// counts as one.
func indexes(info *types.Info, body ast.Node, v types.Object) bool {
	if v == nil {
		return true
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if ix, ok := n.(*ast.IndexExpr); ok {
			if id, ok := astutil.Unparen(ix.Index).(*ast.Ident); ok && info.Uses[id] == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// noteElements notes a slice whose elements' keys idemlint does not read:
// why says what the slice is.
func (c *checker) noteElements(call *ast.CallExpr, at ast.Expr, callee *types.Func, k keyfacts.KeyParam, i int, why string) {
	what := "key"
	if rest := k.Path[i+1:]; len(rest) > 0 {
		what = strings.Join(rest, ".")
	}
	c.note(at.Pos(), "not followed: %s, passed to %s, which writes each element's %s into %s, %s, so the elements' %s is not checked",
		types.ExprString(at), c.calledName(call, callee), what, k.Target(), why, what)
}

// hasElem returns the index of elemMark in path, or -1.
func hasElem(path []string) int { return slices.Index(path, elemMark) }

// rangedSlice returns the slice that elem, the value variable of a range
// statement in body, ranges over; nil when elem is not one, or the range
// is over something other than a slice.
func rangedSlice(info *types.Info, body *ast.BlockStmt, elem types.Object) ast.Expr {
	var over ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		if rs, ok := n.(*ast.RangeStmt); ok {
			if v, ok := rs.Value.(*ast.Ident); ok && info.Defs[v] == elem {
				over = rs.X
			}
		}
		return over == nil
	})
	if over == nil {
		return nil
	}
	if _, isSlice := info.TypeOf(over).Underlying().(*types.Slice); !isSlice {
		return nil
	}
	return over
}
