package gorules

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"strings"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema"
	"golang.org/x/tools/go/analysis"
)

// A finding is one Go-side problem: the code, the node to report, why the
// key can be NULL or empty there, where the value comes from, and fixes.
type finding struct {
	code   checks.Code
	at     ast.Node
	why    string
	origin token.Pos
	fixes  []analysis.SuggestedFix
}

// report emits f for an insert site of this package whose key column the
// model knows.
func (c *checker) report(f finding, kt keyTarget) {
	uniques := kt.empties
	rule := ""
	if f.code == checks.GoNullKey {
		uniques = kt.nulls
		rule = ruleText(kt.model, uniques[0])
	} else {
		rule = schema.DescribeUnique(uniques[0])
	}
	var related []analysis.RelatedInformation
	if f.origin.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: f.origin, Message: "the key comes from here"})
	}
	if kt.key.Span.IsValid() && c.ColumnPos != nil {
		pos, end := c.ColumnPos(kt.key.Span)
		related = append(related, analysis.RelatedInformation{Pos: pos, End: end, Message: "the key column"})
	}
	c.emit(f, kt.table.Name+"."+kt.key.Name, rule, related)
}

// emit reports a NULL (IDEM201) or empty (IDEM202) key in column
// (table.column), unless the check is off or a comment suppresses it; rule
// names the unique rule the key defeats. Both the insert sites and the
// calls of summarised functions report here, so their messages read alike.
func (c *checker) emit(f finding, column, rule string, related []analysis.RelatedInformation) {
	if !c.enabled(f.code) {
		return
	}
	if c.Suppressed != nil && c.Suppressed(f.at.Pos(), f.code) {
		return
	}
	var msg string
	if f.code == checks.GoNullKey {
		msg = fmt.Sprintf("%s: idempotency key %s can be NULL here: %s; NULLs are distinct in %s, so a retry without a key is inserted again",
			f.code, column, f.why, rule)
	} else {
		msg = fmt.Sprintf("%s: idempotency key %s can be empty here: %s; %s then rejects every other keyless request as a duplicate",
			f.code, column, f.why, rule)
	}
	fixes := f.fixes
	if isGenerated(c.pass, f.at.Pos()) {
		fixes = nil // the fix belongs in the generator's input (sqlc's query.sql), not its output
	}
	c.pass.Report(analysis.Diagnostic{Pos: f.at.Pos(), End: f.at.End(), Category: f.code, Message: msg,
		SuggestedFixes: fixes, Related: related, URL: checks.URL(f.code)})
}

// isGenerated reports whether pos lies in a file marked "Code generated …
// DO NOT EDIT."
func isGenerated(pass *analysis.Pass, pos token.Pos) bool {
	f := gofix.FileOf(pass, pos)
	return f != nil && ast.IsGenerated(f)
}

// exprText is e's source text, or a short stand-in when it is unreadable.
func exprText(pass *analysis.Pass, e ast.Expr) string {
	var b strings.Builder
	if err := format.Node(&b, pass.Fset, e); err != nil {
		return "the argument"
	}
	return b.String()
}

func calleeName(fn *types.Func) string {
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	if fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}

// reportVia reports a key problem found at a call of a summarised function;
// rounds of checkCalls may meet the same call again.
func (c *checker) reportVia(f finding, k keyfacts.KeyParam) {
	if c.seen[f.at.Pos()] {
		return
	}
	c.seen[f.at.Pos()] = true
	c.emit(f, k.Table+"."+k.Column, k.Rule, nil)
}

// ruleText describes the unique rule for a fact's messages.
func ruleText(m *schema.Model, u *schema.Unique) string {
	return m.Dialect.Title() + " " + schema.DescribeUnique(u)
}
