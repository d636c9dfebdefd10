package gorules

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/checks"
)

// A heldField is a key value that is a field of a Go value the inserting
// function holds: root's field at path (root itself when path is empty),
// of type typ. via says how it reaches the row, for messages; the value is
// judged as it is at judgeAt (nil: the insert), and fixes go before the
// statement of call.
type heldField struct {
	root    ast.Expr
	path    []string
	typ     types.Type
	via     string
	call    *ast.CallExpr
	judgeAt *ast.CallExpr
	// set, when set, is the expression the row variable's literal gives
	// the field: what the callers are asked about when the value analysis
	// knows nothing (a parameter's field).
	set ast.Expr
	// local: the row is a local whose writes rowwrite did not read
	// (rowwrite.FieldOf.Local): where the value analysis cannot tell, a
	// note says so.
	local bool
}

// checkConverted checks a key that a converter copies from a field of its
// argument into the row (rowwrite's Converted): the argument, at the
// conversion, is where the key shows.
func (c *checker) checkConverted(w write, cv *rowwrite.Converted) {
	root := cv.Call.Args[cv.Arg]
	text := exprText(c.pass, root)
	if len(cv.Path) > 0 {
		text += "." + strings.Join(cv.Path, ".")
	}
	c.checkHeld(w, heldField{root: root, path: cv.Path, typ: cv.Type, call: cv.Call,
		via: fmt.Sprintf("%s copies %s into the row", cv.Func.Name(), text)})
}

// checkFieldOf checks a key that is a field of a row variable the function
// fills, or of a value a row literal embeds (rowwrite's FieldOf).
func (c *checker) checkFieldOf(w write, fo *rowwrite.FieldOf) {
	if fo.Elems {
		c.checkParamElements(w, fo)
		return
	}
	text := exprText(c.pass, fo.Root)
	if u, ok := astutil.Unparen(fo.Root).(*ast.UnaryExpr); ok && u.Op == token.AND {
		text = exprText(c.pass, u.X)
	}
	call := w.site.Call
	if fo.At != nil {
		call = fo.At // handed on first (appended to a slice of rows): judged there
	}
	c.checkHeld(w, heldField{root: fo.Root, path: fo.Path, typ: fo.Type, call: call, judgeAt: fo.At, set: fo.Set, local: fo.Local,
		via: fmt.Sprintf("%s.%s is written into the row", text, strings.Join(fo.Path, "."))})
}

// checkHeld checks a key held as hf says. As for a key taken straight
// from a parameter, the value is judged first, then the type as the
// contract, and the inserting function is summarised for its callers.
func (c *checker) checkHeld(w write, hf heldField) {
	root := hf.root
	judged := w.site
	var held *valueAt // the root's value at the call, when found
	if hf.judgeAt != nil {
		judged.Call = hf.judgeAt
	}
	if fn, at := c.ssaFor(judged); fn != nil {
		if val := keyflow.ArgValue(fn, at, root); val != nil {
			if c.judgeHeld(w, hf, valueAt{fn, val, at}) {
				return
			}
			held = &valueAt{fn, val, at}
		}
	}
	decl := enclosingDecl(w.site)
	if decl == nil {
		return
	}
	if hf.set != nil {
		// Nothing known of the field at the call: ask about the literal's
		// expression as if it were the argument, unless the function
		// checks the row's field itself.
		if rp, ok := vocab.PathOf(c.pass.TypesInfo, unaddr(root)); ok {
			rp.Fields = strings.TrimPrefix(rp.Fields+"."+strings.Join(hf.path, "."), ".")
			if vocab.ChecksValuePath(c.pass.TypesInfo, decl.Body, rp) {
				return
			}
		}
		guarded := c.checkContract(w, hf.set)
		if !c.summarise(w, hf.set, guarded) && held != nil {
			// A value made from a parameter (sql.NullString{String: s,
			// Valid: s != ""}, toNullText(in.Key)): its callers decide, as
			// for the argument of an insert.
			at, _ := held.at.(ssa.CallInstruction)
			if val := keyflow.ArgValue(held.fn, at, hf.set); val != nil {
				c.summariseDependence(w, hf.set, valueAt{held.fn, val, held.at})
			}
		}
		return
	}
	p, base, ok := vocab.ParamPath(c.pass.TypesInfo, decl, unaddr(root))
	if !ok {
		if held != nil && len(hf.path) > 0 && len(w.nulls) > 0 && !w.v.NeverNull {
			// A row built elsewhere (a converter that fills a variable)
			// whose key is nil exactly when a parameter's field is: the
			// contract, and the callers through a fact.
			if d, ok := c.flow.NullDependenceField(held.fn, held.val, hf.path, held.at); ok && c.summariseDep(w, *held, d) {
				c.checkDependentContract(w, root, d)
				return
			}
		}
		if held != nil && len(hf.path) > 0 && w.mayCollide() && !w.v.NeverNull && !w.v.NullIfEmpty {
			// Empty exactly when a parameter is: a row whose key points
			// at a string parameter (an option's o.Key = &k, WithKey(key)
			// with key the function's own): the callers' "" is theirs.
			if d, ok := c.flow.EmptyDependenceField(held.fn, held.val, hf.path, held.at); ok && c.summariseDep(w, *held, d) {
				if d.Arg == keyflow.Nil {
					c.checkDependentContract(w, root, d)
				}
				return
			}
		}
		if held != nil && len(hf.path) > 0 && c.Notes {
			if f := keyflow.ForeignResult(held.val, true); f != nil {
				// row := rows.FromTransfer(t): the row's fields are that
				// function's, which is not followed across packages.
				c.note(hf.root.Pos(), "not followed: %s is built by %s, a function of another package whose result's fields idemlint does not follow, so what %s writes into %s.%s is not checked",
					exprText(c.pass, unaddr(hf.root)), calleeName(f), w.site.WriterName(), w.table.Name, w.key.Name)
				return
			}
		}
		if hf.local {
			c.noteLocal(w, hf, held)
		}
		return
	}
	rootPath, _ := vocab.PathOf(c.pass.TypesInfo, unaddr(root))
	full := append(base[:len(base):len(base)], hf.path...)
	want := vocab.Path{Root: rootPath.Root, Fields: strings.Join(full, ".")}
	if vocab.ChecksValuePath(c.pass.TypesInfo, decl.Body, want) {
		return
	}
	guarded := false // whether the finding below comes with a fix that guards the key
	defer func() { c.summariseParam(w, decl, p, full, hf.typ, guarded) }()
	if len(w.nulls) == 0 || w.v.NeverNull || isGenerated(c.pass, decl.Pos()) {
		return
	}
	missing, ok := vocab.MissingValue(hf.typ)
	if !ok {
		return
	}
	text := strings.Join(append([]string{exprText(c.pass, unaddr(root))}, hf.path...), ".")
	what := "parameter field"
	if len(full) == 0 {
		what = "parameter" // newShipment(orderID, key) copies key itself
	}
	why := fmt.Sprintf("%s's %s %s is a %s, so every caller may pass %s, and nothing here checks it; %s",
		decl.Name.Name, what, text, types.TypeString(hf.typ, vocab.ShortQualifier), missing, hf.via)
	guarded = c.report(finding{code: checks.GoNullKey, at: root, why: why, fixes: c.heldFixes(w, hf, keyflow.Nil)}, w.keyTarget)
}

// noteLocal notes a key field of a local row that the value analysis
// could not follow to the call (a call that may write the variable, a
// value handed in from elsewhere): the row is a Go value, read, but
// what the field holds there is not known.
func (c *checker) noteLocal(w write, hf heldField, held *valueAt) {
	// A pointer's target is asked about only where NULL is not: what a
	// *string from a parameter points to is its callers' everywhere.
	nulls := len(w.nulls) > 0 && !w.v.NeverNull && (vocab.Nillable(hf.typ) || vocab.IsNullStruct(hf.typ))
	empties := (len(w.empties) > 0 || len(w.nulls) > 0 && w.v.NullIfEmpty) && !w.v.NeverNull && !nulls
	var by ssa.CallInstruction
	why := ""
	if held != nil {
		var unknownHere bool
		if unknownHere, by, why = c.flow.FieldUnknown(held.fn, held.val, hf.path, held.at, nulls, empties); !unknownHere {
			return
		}
	}
	text := strings.Join(append([]string{exprText(c.pass, unaddr(hf.root))}, hf.path...), ".")
	if by != nil && held != nil && by.Parent() != held.fn {
		// The row comes from a constructor that applies its caller's
		// options to it (NewOrder(…, WithKey(k)) ranging opt(o)).
		builder := by.Parent().Name()
		if obj, ok := by.Parent().Object().(*types.Func); ok {
			builder = calleeName(obj)
		}
		pos := c.pass.Fset.Position(by.Pos())
		if why != "" {
			why = " (" + why + ")"
		}
		c.note(hf.root.Pos(), "not followed: %s is built by %s, which applies the options its caller passes to it (%s:%d), code the value analysis does not follow%s, so what %s writes into %s.%s is not checked",
			exprText(c.pass, unaddr(hf.root)), builder, filepath.Base(pos.Filename), pos.Line, why, w.site.WriterName(), w.table.Name, w.key.Name)
		return
	}
	if by != nil {
		c.note(hf.root.Pos(), "not followed: the address of %s is passed to %s before this call, which the value analysis does not follow into and which may write %s, so what %s writes into %s.%s is not checked",
			exprText(c.pass, unaddr(hf.root)), escapeCallName(by), text, w.site.WriterName(), w.table.Name, w.key.Name)
		return
	}
	c.note(hf.root.Pos(), "not followed: idemlint cannot tell what %s holds at this call (a call before it may write %s, or its value comes from where the value analysis does not follow), so what %s writes into %s.%s is not checked",
		text, exprText(c.pass, unaddr(hf.root)), w.site.WriterName(), w.table.Name, w.key.Name)
}

// unaddr strips a leading & (Model(&rec)).
func unaddr(e ast.Expr) ast.Expr {
	if u, ok := astutil.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return astutil.Unparen(u.X)
	}
	return e
}

// judgeHeld asks the value analysis about the held field; it says whether
// it reported.
func (c *checker) judgeHeld(w write, hf heldField, va valueAt) bool {
	mayBeNull, mayBeEmpty := c.flow.MayBeNullField, c.flow.MayBeEmptyField
	if len(hf.path) == 0 { // the value itself
		mayBeNull = func(fn *ssa.Function, val ssa.Value, _ []string, at ssa.Instruction) (keyflow.Verdict, bool) {
			return c.flow.MayBeNull(fn, val, at)
		}
		mayBeEmpty = func(fn *ssa.Function, val ssa.Value, _ []string, at ssa.Instruction) (keyflow.Verdict, bool) {
			return c.flow.MayBeEmpty(fn, val, at)
		}
	}
	if len(w.nulls) > 0 && !w.v.NeverNull {
		if vd, ok := mayBeNull(va.fn, va.val, hf.path, va.at); ok {
			if d := vd.Dependence; d != nil && d.Arg == keyflow.Empty && c.summariseDep(w, va, *d) {
				// Set only when a string parameter is not empty (if
				// in.Key != "" { rec.Key = &in.Key }): as for Valid: s != "",
				// the callers' "" is theirs to decide.
				return true
			}
			c.report(finding{code: checks.GoNullKey, written: vd.Written, byContract: vd.Dependence != nil, at: hf.root, why: vd.Reason + "; " + hf.via, origin: vd.Origin,
				fixes: c.fixes(func() []analysis.SuggestedFix { return c.heldFixes(w, hf, keyflow.Nil) })}, w.keyTarget)
			if vd.Dependence != nil {
				c.summariseDep(w, va, *vd.Dependence) // a check that converts: its callers that pass nil too
			}
			return true
		}
		if w.v.NullIfEmpty {
			// bun's nullzero, goqu's omitempty: an empty field is
			// written as DEFAULT, NULL where the column has none.
			if vd, ok := mayBeEmpty(va.fn, va.val, hf.path, va.at); ok {
				c.report(finding{code: checks.GoNullKey, written: vd.Written, at: hf.root, why: vd.Reason + emptyBecomesNull(w) + "; " + hf.via, origin: vd.Origin,
					fixes: c.fixes(func() []analysis.SuggestedFix { return c.heldFixes(w, hf, keyflow.Empty) })}, w.keyTarget)
				return true
			}
		}
	}
	if w.mayCollide() && !w.v.NeverNull && !w.v.NullIfEmpty {
		if vd, ok := mayBeEmpty(va.fn, va.val, hf.path, va.at); ok && w.collides(vd) {
			fixes := func() []analysis.SuggestedFix { return c.heldFixes(w, hf, keyflow.Empty) }
			if vd.Zero != "" {
				fixes = func() []analysis.SuggestedFix { return nil } // no key is made up for a missing ID
			}
			c.report(finding{code: checks.GoEmptyKey, zero: vd.Zero, at: hf.root, why: vd.Reason + "; " + hf.via, origin: vd.Origin, fixes: c.fixes(fixes)}, w.keyTarget)
			return true
		}
	}
	return false
}

// heldFixes give the held key field a value before the statement of
// hf.call (the conversion, or the insert).
func (c *checker) heldFixes(w write, hf heldField, kind keyflow.Kind) []analysis.SuggestedFix {
	if len(hf.path) == 0 {
		return nil
	}
	at := w.site
	at.Call = hf.call
	return gofix.Key{Pass: c.pass, Site: at, Arg: hf.root, MaxLen: w.key.MaxLength(), Table: w.table}.Field(hf.path, kind)
}

// runsInDecl reports whether site, a write inside a function literal,
// runs before the declaration around it returns: each literal from the
// site out is called where it is made or handed to a function that runs
// it (keyflow.Checker.RunsInParent: a transaction helper's closure).
func (c *checker) runsInDecl(site rowwrite.Site) bool {
	fn, _ := c.ssaFor(site)
	if fn == nil {
		return false
	}
	for f := fn; f.Parent() != nil; f = f.Parent() {
		if !c.flow.RunsInParent(f) {
			return false
		}
	}
	return true
}

// checkParamElements checks a key that is a field of every element of a
// slice parameter the function inserts as it is (Create(&rows),
// Model(&rows)): the elements are the callers', so the function is
// summarised as writing that field of every element (param i.[].Path),
// and its callers' slices are judged (elements.go). A function that
// ranges over the slice before the insert may check each element: noted.
func (c *checker) checkParamElements(w write, fo *rowwrite.FieldOf) {
	decl := enclosingDecl(w.site)
	if decl == nil {
		return
	}
	info := c.pass.TypesInfo
	root := vocab.Unslice(unaddr(fo.Root))
	what := strings.Join(fo.Path, ".")
	p, base, ok := vocab.ElemsParamPath(info, decl, root)
	if !ok {
		c.note(fo.Root.Pos(), "not followed: %s, whose elements' %s %s writes into %s.%s, is not a parameter of %s, so the elements' %s is not checked",
			exprText(c.pass, root), what, w.site.WriterName(), w.table.Name, w.key.Name, decl.Name.Name, what)
		return
	}
	if rangesOver(info, decl.Body, root, fo.Path) {
		c.note(fo.Root.Pos(), "not followed: %s, whose elements' %s %s writes into %s.%s, is a parameter %s ranges over (perhaps checking each element), so the elements' %s is not checked",
			exprText(c.pass, root), what, w.site.WriterName(), w.table.Name, w.key.Name, decl.Name.Name, what)
		return
	}
	if _, inLit := w.site.Func.(*ast.FuncLit); inLit && !c.runsInDecl(w.site) {
		// A closure kept for later (a goroutine, a callback stored in a
		// field) may run after the call returns, or never: the
		// elements it writes are not the declaration's write.
		c.note(fo.Root.Pos(), "not followed: %s, whose elements' %s %s writes into %s.%s, is a parameter of %s written by a function literal that may run after %s returns, so the elements' %s is not checked",
			exprText(c.pass, root), what, w.site.WriterName(), w.table.Name, w.key.Name, decl.Name.Name, decl.Name.Name, what)
		return
	}
	full := append(append(base[:len(base):len(base)], elemMark), fo.Path...)
	c.checkElementContract(w, decl, fo.Root, exprText(c.pass, root), what, fo.Type)
	c.summariseParam(w, decl, p, full, fo.Type, false)
}
