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
	"github.com/idemlint/idemlint/analyzer/vocab"
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
	// written: the code itself writes the NULL on every path (an INSERT's
	// NULL, a nil literal, a field left out of a literal), not input.
	written bool
	// byContract: the key is NULL exactly when the caller passes one (the
	// contract rule's "every caller may pass NULL", a conversion of a
	// parameter at the insert): the callers' own NULLs are judged there.
	byContract bool
	// noFix says why no fix is offered, when the rule knows (a value left
	// out, a fix made elsewhere); emit says it when fixes is empty.
	noFix string
	// nullCollides: a NULL (code IDEM201) that collides under a rule with
	// NULLS NOT DISTINCT, as an empty key does: emitted as IDEM202.
	nullCollides bool
	// zero, for IDEM202, names the value every write without a key has
	// when it is not "": the nil UUID (keyflow.Verdict.Zero).
	zero string
}

// Why a finding has no fix, where the rule knows.
const (
	// leftOutNoFix: a key column or field the write leaves out.
	leftOutNoFix = "where the write leaves the key out it has no value to give it, and idemlint does not invent one: set it from the client's key or one derived from the request (a random value would fill the column but not dedupe retries)"
	// elementsNoFix: a key in each element of a slice.
	elementsNoFix = "the key is a field of each element of the slice, and idemlint does not write the loop that would fill each element's key"
	// generatedNoFix: a finding in generated code.
	generatedNoFix = "the file is generated, so the fix belongs in its source (sqlc's query file, the generator's input)"
	// generatedCallNoFix: a call of generated code that writes the key
	// so whatever it is passed (sqlc's INSERT that leaves the key out).
	generatedCallNoFix = "the generated code writes the key so whatever this call passes, so the fix belongs in the generator's input (the query in sqlc's query file), not here"
	// defaultNoFix: no edit was found safe.
	defaultNoFix = "idemlint found no edit it can make safely here (it knows no single statement to add before the write that gives this key a value on every path)"
)

// fixes returns what fix computes, the fixes of a finding whose being
// fixed decides no fact, unless the run is for facts only: its findings
// go nowhere, and some fixes cost a walk of the module (gofix's literal
// sites). (A finding whose fix decides a fact, keyfacts.KeyParam.Guarded,
// computes its fixes in any run.)
func (c *checker) fixes(fix func() []analysis.SuggestedFix) []analysis.SuggestedFix {
	if c.FactsOnly {
		return nil
	}
	return fix()
}

// report emits f for an insert site of this package whose key column the
// model knows.
func (c *checker) report(f finding, kt keyTarget) (fixed bool) {
	uniques := kt.empties
	rule := ""
	if f.code == checks.GoNullKey {
		uniques = kt.nulls
		rule = ruleText(kt.model, uniques[0])
		f.nullCollides = kt.nullCollides
	} else {
		if f.zero != "" {
			uniques = kt.zeros
		}
		rule = schema.DescribeUnique(uniques[0])
	}
	if c.generatedWrite(f, kt, rule) {
		return false // reported at the callers (generated.go)
	}
	var related []analysis.RelatedInformation
	if f.origin.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: f.origin, Message: "the key comes from here"})
	}
	if (f.written || f.byContract) && c.standDown(f, kt.table.Name+"."+kt.key.Name, schema.NullIntended(kt.table, kt.key)) {
		return false
	}
	if kt.key.Span.IsValid() && c.ColumnPos != nil {
		pos, end := c.ColumnPos(kt.key.Span)
		related = append(related, analysis.RelatedInformation{Pos: pos, End: end, Message: "the key column"})
	}
	return c.emit(f, kt.table.Name+"."+kt.key.Name+schema.WhyAside(kt.why), rule, related)
}

// emit reports a NULL (IDEM201) or empty (IDEM202) key in column
// (table.column), unless the check is off or a comment suppresses it; rule
// names the unique rule the key defeats. Both the insert sites and the
// calls of summarised functions report here, so their messages read alike.
// It says whether the finding was reported with a fix.
func (c *checker) emit(f finding, column, rule string, related []analysis.RelatedInformation) (fixed bool) {
	nullCollides := f.code == checks.GoNullKey && f.nullCollides
	if nullCollides {
		f.code = checks.GoEmptyKey // the wrong outcome is the empty key's
	}
	if !c.enabled(f.code) {
		return false
	}
	if c.Suppressed != nil && c.Suppressed(f.at.Pos(), f.code) {
		return false
	}
	var msg string
	switch {
	case nullCollides:
		msg = fmt.Sprintf("%s: idempotency key %s can be NULL here: %s; NULLs are not distinct in %s (NULLS NOT DISTINCT), so the first keyless row is written and every other keyless request is rejected as its duplicate",
			f.code, column, f.why, rule)
	case f.code == checks.GoNullKey:
		msg = fmt.Sprintf("%s: idempotency key %s can be NULL here: %s; NULLs are distinct in %s, so a retry without a key is inserted again",
			f.code, column, f.why, rule)
	case f.zero != "":
		msg = fmt.Sprintf("%s: idempotency key %s can be %s here: %s; every write without a key writes that same value, so %s rejects every other one as a duplicate",
			f.code, column, f.zero, f.why, rule)
	default:
		msg = fmt.Sprintf("%s: idempotency key %s can be empty here: %s; %s then rejects every other keyless request as a duplicate",
			f.code, column, f.why, rule)
	}
	// One slice of rows handed to two batch inserts reaches here once per
	// insert for the same element: one finding says it.
	at := emitted{f.at.Pos(), msg}
	if c.emitted[at] {
		return false
	}
	if c.emitted == nil {
		c.emitted = map[emitted]bool{}
	}
	c.emitted[at] = true
	fixes := f.fixes
	noFix := f.noFix
	if isGenerated(c.pass, f.at.Pos()) {
		fixes = nil // the fix belongs in the generator's input (sqlc's query.sql), not its output
		noFix = generatedNoFix
	}
	if len(fixes) == 0 {
		// Silence is a claim: a finding without a fix says why.
		if noFix == "" {
			noFix = defaultNoFix
		}
		msg += "; no fix is offered: " + noFix
	}
	c.pass.Report(analysis.Diagnostic{Pos: f.at.Pos(), End: f.at.End(), Category: f.code, Message: msg,
		SuggestedFixes: fixes, Related: related, URL: checks.URL(f.code)})
	return len(fixes) > 0
}

// An emitted is a finding's position and message, reported once.
type emitted struct {
	pos token.Pos
	msg string
}

// isGenerated reports whether pos lies in a file marked "Code generated …
// DO NOT EDIT." by anything but cmd/cgo: in a package that uses cgo, the
// type checker sees cmd/cgo's rewrite of each file that imports "C",
// which cmd/cgo marks so, but the code is the user's own.
func isGenerated(pass *analysis.Pass, pos token.Pos) bool {
	f := gofix.FileOf(pass, pos)
	if f == nil || !ast.IsGenerated(f) {
		return false
	}
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "// Code generated ") && strings.HasSuffix(c.Text, " DO NOT EDIT.") && c.Text != cgoMarker {
				return true
			}
		}
	}
	return false
}

// cgoMarker is the first line of cmd/cgo's rewrite of a Go file.
const cgoMarker = "// Code generated by cmd/cgo; DO NOT EDIT."

// exprText is e's source text, or a short stand-in when it is unreadable.
func exprText(pass *analysis.Pass, e ast.Expr) string {
	var b strings.Builder
	if err := format.Node(&b, pass.Fset, e); err != nil {
		return "the argument"
	}
	return b.String()
}

// calledName names, for messages, the function call runs
// (vocab.CalledName): "Store.Create (pgStore.Create)" through an
// interface.
func (c *checker) calledName(call *ast.CallExpr, callee *types.Func) string {
	name := vocab.CalledName(c.pass.TypesInfo, call, callee)
	if g := c.callbacks[call]; g != nil {
		name += " with " + calleeName(g) + " as its callback" // callbacks.go
	}
	if impls := c.implNames[callee]; len(impls) == 1 {
		name += " (" + impls[0] + ")" // an interface method standing for its package's unexported implementation (iface.go)
	}
	return name
}

// calleeName names fn for messages (vocab.FuncName): "Repo.Create",
// "store.Insert".
func calleeName(fn *types.Func) string { return vocab.FuncName(fn) }

// reported is a finding's position and the key it is about: one value
// passed for two key columns (a row with two keys, a call that takes an
// order and its outbox event) gets a finding for each.
type reported struct {
	pos    token.Pos
	target string
}

// reportVia reports a key problem found at a call of a summarised function;
// rounds of checkCalls may meet the same call again.
// A NULL at a call of a function whose own finding guards the key
// (k.Guarded) goes without a fix: that function's fix covers it.
func (c *checker) reportVia(f finding, k keyfacts.KeyParam) (fixed bool) {
	at := reported{f.at.Pos(), k.Table + "." + k.Column}
	if c.seen[at] {
		return false
	}
	c.seen[at] = true
	if k.Scoped && f.code == checks.GoEmptyKey && f.zero == "" {
		// The callee writes the value as one part of a key format: an
		// empty part leaves the others alone, the same key every time.
		f.zero = "the same value for every request without a key"
		f.why += " as one part of a key format, whose other parts alone are then the key"
	}
	if c.pendingMode {
		c.recordPending(f, k) // wiring.go
		return false
	}
	if f.code == checks.GoNullKey {
		f.nullCollides = k.NullCollides
	}
	if k.Guarded && f.code == checks.GoNullKey {
		f.fixes = nil
		f.noFix = "the fix offered at the function that writes the key gives a missing key a value for every caller"
	}
	if c.standDown(f, k.Table+"."+k.Column, k.NullIntended) {
		return false
	}
	return c.emit(f, k.Table+"."+k.Column, k.Rule, nil)
}

// standDown reports whether f is a NULL the design allows, in a column
// whose schema comment says NULL keys are meant for some writers (intent,
// from schema.NullIntended): a NULL the code writes itself on every path,
// or the contract rule's "a caller may pass NULL". Such a finding is only
// noted. A NULL that comes from input (a header, a decoded body) is
// reported whatever the comment says.
func (c *checker) standDown(f finding, column, intent string) bool {
	if intent == "" || f.code != checks.GoNullKey || f.nullCollides {
		// Under NULLS NOT DISTINCT a NULL meant for some writers still
		// turns away each of them after the first: reported.
		return false
	}
	switch {
	case f.written:
		c.note(f.at.Pos(), "%s not reported for %s: the code writes NULL here on purpose, as the column's comment says: %s", f.code, column, intent)
	case f.byContract:
		c.note(f.at.Pos(), "%s not reported for %s: callers may pass NULL here on purpose, as the column's comment says: %s", f.code, column, intent)
	default:
		return false
	}
	return true
}

// ruleText describes the unique rule for a fact's messages.
func ruleText(m *schema.Model, u *schema.Unique) string {
	return m.Dialect.Title() + " " + schema.DescribeUnique(u)
}
