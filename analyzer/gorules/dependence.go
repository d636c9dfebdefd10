package gorules

import (
	"go/ast"
	"go/types"

	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/keyflow"
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
func (c *checker) summariseDependence(w write, va valueAt) bool {
	done := false
	if len(w.nulls) > 0 && !w.v.NeverNull {
		if d, ok := c.flow.NullDependence(va.fn, va.val, va.at); ok {
			done = c.summariseDep(w, va, d)
		}
	}
	if !done && (len(w.empties) > 0 || len(w.nulls) > 0 && w.v.NullIfEmpty) && !w.v.NeverNull {
		if d, ok := c.flow.EmptyDependence(va.fn, va.val, va.at); ok {
			done = c.summariseDep(w, va, d)
		}
	}
	return done
}

// summariseDep records that the function of va writes the part d names
// of its parameter into w's key, judged at the callers as d.Arg says: a
// nil (or invalid) argument makes the key NULL, an empty one makes it
// empty or, when d.Kind says NULL (Valid: s != ""), NULL.
func (c *checker) summariseDep(w write, va valueAt, d keyflow.Dependence) bool {
	// d.Param counts the SSA parameters of the function holding the
	// insert: a function literal's are no caller's.
	decl, _ := w.site.Func.(*ast.FuncDecl)
	if decl == nil {
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
		Where: key.Span.Position().String(), MaxLen: key.MaxLength()}
	nullKey := d.Kind == keyflow.Nil || d.Kind == keyflow.Invalid || w.v.NullIfEmpty
	switch {
	case nullKey && d.Arg == keyflow.Empty && len(kt.nulls) > 0:
		k.EmptyIsNull = true
	case nullKey && d.Arg != keyflow.Empty && len(kt.nulls) > 0:
		k.Null = true
	case !nullKey && d.Arg == keyflow.Empty && len(kt.empties) > 0:
		k.Empty = true
	default:
		return false
	}
	if k.Null || k.EmptyIsNull {
		k.Rule = ruleText(kt.model, kt.nulls[0])
	} else {
		k.Rule = schema.DescribeUnique(kt.empties[0])
	}
	c.sums.Add(obj, k)
	return true
}
