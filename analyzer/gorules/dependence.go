package gorules

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema"
)

// When the value analysis finds that a key is NULL or empty exactly when
// a parameter of the inserting function is (a helper such as
// toNullText(in.Key) whose result is invalid when in.Key is nil, a
// `Valid: s != ""` built from a parameter s), the function's callers
// decide: the function is summarised as writing that parameter into the
// key, as summarise does for a parameter passed straight to the insert.
// A check that converts rather than rejects (`if in.Key != nil { t =
// … }`) leaves the key bad here and for every caller that passes nil, so
// it summarises too, beside the finding at the insert.

// summariseDependence records va's dependence on a parameter, if it has
// one, for w's key. It says whether it did.
func (c *checker) summariseDependence(w write, arg ast.Expr, va valueAt) bool {
	done := false
	if len(w.nulls) > 0 && !w.v.NeverNull {
		if d, ok := c.flow.NullDependence(va.fn, va.val, va.at); ok && c.depUsable(arg, d) {
			done = c.summariseDep(w, va, d)
			if done {
				c.checkDependentContract(w, arg, d)
			}
		}
	}
	if !done && (len(w.empties) > 0 || len(w.zeros) > 0 || len(w.nulls) > 0 && w.v.NullIfEmpty) && !w.v.NeverNull {
		if d, ok := c.flow.EmptyDependence(va.fn, va.val, va.at); ok && c.depUsable(arg, d) {
			done = c.summariseDep(w, va, d)
			if done && d.Arg == keyflow.Nil {
				c.checkDependentContract(w, arg, d) // nil made "" (lo.FromPtr): the contract too
			}
		}
	}
	return done
}

// depUsable reports whether d is summarised here: a dependence on each
// element of a parameter slice only when arg is built from the element
// (Valid: in.Key != "", toNullText(in.Key)); an element's field written
// as it is (x.Key) is summariseElement's, with the flags of the field's
// own type.
func (c *checker) depUsable(arg ast.Expr, d keyflow.Dependence) bool {
	if hasElem(d.Fields) < 0 {
		return true
	}
	_, isPath := vocab.PathOf(c.pass.TypesInfo, arg)
	return !isPath
}

// summariseDep records that the function of va writes the part d names
// of its parameter into w's key, judged at the callers as d.Arg says: a
// nil (or invalid) argument makes the key NULL, an empty one makes it
// empty or, when d.Kind says NULL (Valid: s != ""), NULL.
func (c *checker) summariseDep(w write, va valueAt, d keyflow.Dependence) bool {
	// d.Param counts the SSA parameters of the declaration holding the
	// insert: a function literal's own are no caller's (callersDep).
	decl := enclosingDecl(w.site)
	if decl == nil || !c.callersDep(va.fn, d) {
		return false
	}
	obj, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	p := d.Param
	if obj.Signature().Recv() != nil {
		p-- // SSA counts the receiver, the syntax does not
	}
	if p < 0 {
		return false // the receiver's fields: no caller names them
	}
	kt, key := w.keyTarget, w.keyTarget.key
	k := keyfacts.KeyParam{Param: p, Path: d.Fields, Table: kt.table.Name, Column: key.Name,
		Where: key.Span.Position().String(), MaxLen: key.MaxLength(), NullIntended: schema.NullIntended(kt.table, key), NullCollides: kt.nullCollides}
	nullKey := d.Kind == keyflow.Nil || d.Kind == keyflow.Invalid || w.v.NullIfEmpty
	switch {
	case nullKey && d.Arg == keyflow.Empty && len(kt.nulls) > 0:
		k.EmptyIsNull = true
	case nullKey && d.Arg != keyflow.Empty && len(kt.nulls) > 0:
		k.Null = true
	case !nullKey && d.Arg == keyflow.Empty && (len(kt.empties) > 0 || d.Zero != "" && len(kt.zeros) > 0):
		// A key format's other parts alone (d.Zero) pass a CHECK
		// against "" that an empty key fails: the zeros' rules.
		k.Empty, k.Scoped = true, d.Zero != ""
	case !nullKey && d.Arg == keyflow.Nil && len(kt.empties) > 0:
		// lo.FromPtr(in.Key), deref(in.Key): nil becomes "".
		k.NilIsEmpty = true
	default:
		return false
	}
	if k.Null || k.EmptyIsNull {
		k.Rule = ruleText(kt.model, kt.nulls[0])
	} else if k.Scoped && len(kt.zeros) > 0 {
		k.Rule = schema.DescribeUnique(kt.zeros[0])
	} else {
		k.Rule = schema.DescribeUnique(kt.empties[0])
	}
	c.sums.Add(obj, k)
	return true
}

// callersDep reports whether d, the dependence of a value in fn, is on a
// parameter of the declaration fn belongs to, so that the declaration's
// callers decide: fn is the declaration's own function, or a function
// literal in it that captured the parameter and runs before the
// declaration returns (keyflow.Checker.RunsInParent: the closure of a
// transaction helper, pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
// … toText(in.Key) … })). A closure kept for later (a goroutine, a
// callback stored in a field) may run after the call returns, or never:
// not taken as the declaration's write.
func (c *checker) callersDep(fn *ssa.Function, d keyflow.Dependence) bool {
	if d.Func == nil {
		return fn.Parent() == nil
	}
	if d.Func.Parent() != nil {
		return false // a function literal's own parameter: no caller's
	}
	for f := fn; f != d.Func; f = f.Parent() {
		if f == nil || !c.flow.RunsInParent(f) {
			return false
		}
	}
	return true
}

// checkDependentContract applies the contract rule (contract.go) to a key
// that is NULL exactly when a nillable part of a parameter is nil or
// invalid (toNullText(t.Key), lineKey(t.Key, i)), or empty exactly when
// it is nil (lo.FromPtr(t.Key)): the helper converts nil, it does not
// reject it, so the signature still lets every caller pass nil, exactly
// as when t.Key is inserted as it is. The fix gives the parameter part
// the helper reads (t.Key) a value at the top of the function.
func (c *checker) checkDependentContract(w write, arg ast.Expr, d keyflow.Dependence) {
	if d.Arg != keyflow.Nil && d.Arg != keyflow.Invalid {
		return // a string's "": its callers decide (the fact above)
	}
	decl := enclosingDecl(w.site)
	if decl == nil || isGenerated(c.pass, decl.Pos()) {
		return
	}
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok || c.callersInView(fn) {
		return
	}
	why, ok := paramContract(fn, d)
	if i := hasElem(d.Fields); i >= 0 {
		why, ok = c.elementDepContract(decl, fn, d, i)
	}
	if !ok {
		return
	}
	code := checks.GoNullKey
	if d.Kind == keyflow.Empty {
		code = checks.GoEmptyKey
		if len(w.empties) == 0 || w.v.NullIfEmpty || w.v.NeverNull {
			return
		}
	}
	var fixes []analysis.SuggestedFix
	if hasElem(d.Fields) >= 0 {
		c.report(finding{code: code, byContract: true, at: arg, why: why, noFix: elementsNoFix}, w.keyTarget)
		return
	}
	if part := paramPart(c.pass.TypesInfo, decl, arg, d); part != nil {
		fixes = c.fixes(func() []analysis.SuggestedFix {
			return gofix.Key{Pass: c.pass, Site: w.site, Arg: part, MaxLen: w.key.MaxLength(), Table: w.table, Column: w.table.Name + "." + w.key.Name}.AtTopOf(decl)
		})
	}
	c.report(finding{code: code, byContract: true, at: arg, why: why, fixes: fixes}, w.keyTarget)
}

// paramContract says why fn's parameter that d depends on is where every
// caller may pass a missing key: "Create's parameter field in.Key is a
// *string, so every caller may pass nil, and nothing here checks it;
// <d.Reason>". ok is false when the parameter is out of range or its type
// has no missing value.
func paramContract(fn *types.Func, d keyflow.Dependence) (why string, ok bool) {
	sig := fn.Signature()
	p := d.Param
	if sig.Recv() != nil {
		p--
	}
	if p < 0 || p >= sig.Params().Len() {
		return "", false
	}
	param := sig.Params().At(p)
	t := param.Type()
	if len(d.Fields) > 0 {
		_, t = vocab.FieldStruct(t, d.Fields)
	}
	missing, ok := vocab.MissingValue(t)
	if !ok {
		return "", false
	}
	what, text := "parameter", param.Name()
	if len(d.Fields) > 0 {
		what, text = "parameter field", text+"."+strings.Join(d.Fields, ".")
	}
	return fmt.Sprintf("%s's %s %s is a %s, so every caller may pass %s, and nothing here checks it; %s",
		fn.Name(), what, text, types.TypeString(t, vocab.ShortQualifier), missing, d.Reason), true
}

// elementDepContract is paramContract for a dependence on a part of
// every element of a parameter slice (d.Fields holds elemMark at i):
// r.GetKey() for each r of reqs []*Req, "" when r.Key is nil.
func (c *checker) elementDepContract(decl *ast.FuncDecl, fn *types.Func, d keyflow.Dependence, i int) (string, bool) {
	pe, t, ok := elemDep(fn, d, i)
	if !ok {
		return "", false
	}
	why, ok := c.elementContractWhy(decl, types.ExprString(pe.over), strings.Join(pe.fields, "."), t)
	if !ok {
		return "", false
	}
	return why + "; " + d.Reason, true
}

// noteRangedParam notes, under -v, a key built from an element of a
// parameter slice the function ranges over (for _, a := range arg {
// batch.Queue(q, a.X, a.Key) }, sqlc's :batchexec code): its callers'
// elements decide, and no fact carries an element's field to them.
func (c *checker) noteRangedParam(w write, arg ast.Expr, va valueAt) {
	decl := enclosingDecl(w.site)
	if !c.Notes || decl == nil || decl.Body == nil {
		return
	}
	// Only a value the analysis cannot judge depends on the elements: one
	// it shows is never missing (fmt.Sprintf("digest:%s", d), a constant
	// part that is never empty) needs nothing from the callers.
	nulls := len(w.nulls) > 0 && !w.v.NeverNull
	empties := (len(w.empties) > 0 || len(w.nulls) > 0 && w.v.NullIfEmpty) && !w.v.NeverNull
	if c.flow.NeverMissing(va.fn, va.val, va.at, nulls, empties) {
		return
	}
	info := c.pass.TypesInfo
	ranged := map[types.Object]*ast.RangeStmt{}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if rs, ok := n.(*ast.RangeStmt); ok {
			if id, ok := rs.Value.(*ast.Ident); ok && info.Defs[id] != nil {
				if _, _, isParam := vocab.ParamPath(info, decl, rs.X); isParam {
					ranged[info.Defs[id]] = rs
				}
			}
		}
		return true
	})
	if len(ranged) == 0 {
		return
	}
	var elem *ast.Ident
	ast.Inspect(arg, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && elem == nil && ranged[info.Uses[id]] != nil {
			elem = id
		}
		return elem == nil
	})
	if elem == nil {
		return
	}
	c.note(arg.Pos(), "not followed: %s is an element of %s, a parameter %s ranges over; the elements its callers pass are not checked for the key it writes into %s.%s",
		elem.Name, types.ExprString(ranged[info.Uses[elem]].X), decl.Name.Name, w.table.Name, w.key.Name)
}
