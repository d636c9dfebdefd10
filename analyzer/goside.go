package analyzer

import (
	"fmt"
	"github.com/idemlint/idemlint/checks"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/insertsite"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// goChecker runs IDEM201 and IDEM202 over one package.
type goChecker struct {
	*packageRun
	schemaPos *schemaReporter // positions of schema elements, for related information
	models    []*schema.Model

	sites   []insertsite.Site      // every insert site, under every model: the SSA plan's roots
	ssaPkg  *ssa.Package           // built on first need
	ssaKept map[*ast.FuncDecl]bool // the bodies ssaPkg holds (nil: all); see ssaplan.go
	flow    *keyflow.Checker
	sums    summaries          // functions that write a parameter into a key
	seen    map[token.Pos]bool // reported positions, across rounds of checkCalls
	callers *callerIndex       // built on first need; see callers.go
}

// A keyTarget is one key column an insert writes, with the unique rules
// under which a NULL (nulls) or an empty string (empties) in it defeats
// deduplication.
type keyTarget struct {
	model          *schema.Model
	table          *schema.Table
	key            *schema.Column
	nulls, empties []*schema.Unique
}

// checkInserts finds the package's INSERT call sites and checks what they
// write into idempotency-key columns. owned are the schemas the package
// embeds; without them the module's schemas are found on disk.
func (p *packageRun) checkInserts(owned []*schema.Model) {
	if !p.enabled(checks.GoNullKey) && !p.enabled(checks.GoEmptyKey) {
		return
	}
	c := &goChecker{
		packageRun: p,
		schemaPos:  &schemaReporter{pass: p.pass, files: map[*schema.File]*token.File{}},
		sums:       summaries{},
		seen:       map[token.Pos]bool{},
	}
	c.flow = keyflow.New(keyflow.Options{AlwaysKey: keyFuncs(p.pass), MayReturnBad: c.importedResults})
	// Cheap exit for the many packages that send no INSERT.
	if insertsite.MayInsert(p.pass.Pkg, p.pass.Files, p.pass.TypesInfo) {
		c.models = owned
		if len(c.models) == 0 {
			c.models = c.moduleModels()
		}
		perModel := make([][]insertsite.Site, len(c.models))
		for i, m := range c.models {
			perModel[i] = insertsite.Find(p.pass.Files, p.pass.TypesInfo, m.Dialect)
			c.sites = append(c.sites, perModel[i]...)
		}
		for i, m := range c.models {
			for _, site := range perModel[i] {
				c.checkSite(m, site)
			}
		}
	}
	// Calls into functions that write a parameter into a key: those of this
	// package found above, and imported ones known by their facts.
	// A round can add summaries (a wrapper forwarding its parameter), which
	// callers earlier in the file need: repeat while rounds find new ones.
	if len(c.sums) > 0 || len(p.pass.AllObjectFacts()) > 0 {
		for round := 0; round < 4; round++ {
			before := c.sums.size()
			c.checkCalls()
			if c.sums.size() == before {
				break
			}
		}
	}
	c.exportSummaries()
	c.exportResults()
}

// moduleModels returns the schemas of the package's module: the -schema
// files, else every schema load.Module finds. Their findings are the
// owners' to report; an unreadable schema here only means fewer models.
func (c *goChecker) moduleModels() []*schema.Model {
	if c.root == "" {
		return nil
	}
	return c.runner.moduleModels(c.root, c.settings)
}

func (c *goChecker) checkSite(m *schema.Model, site insertsite.Site) {
	if strings.HasSuffix(c.pass.Fset.File(site.Call.Pos()).Name(), "_test.go") {
		return // test fixtures insert keyless rows on purpose
	}
	t := findTable(m, site.Insert)
	if t == nil {
		return
	}
	for _, key := range t.Columns {
		if ok, _ := c.settings.Load.Checks.Keys.IsKey(t, key); !ok {
			continue
		}
		kt := keyTarget{model: m, table: t, key: key, nulls: schema.NullRepeats(m, t, key), empties: schema.EmptyCollides(m, t, key)}
		if len(kt.nulls) == 0 && len(kt.empties) == 0 {
			continue
		}
		c.checkKey(kt, site)
	}
}

// checkKey checks what site writes into kt's key.
func (c *goChecker) checkKey(kt keyTarget, site insertsite.Site) {
	ins, key := site.Insert, kt.key
	col := columnIndex(kt.table, ins, key)
	if col < 0 {
		c.checkOmitted(kt, site)
		return
	}
	for _, row := range ins.Rows {
		if col >= len(row) {
			continue
		}
		v := row[col]
		switch {
		case v.Kind == sqlinsert.Null && len(kt.nulls) > 0:
			c.report(finding{code: checks.GoNullKey, at: site.Query, why: "the INSERT writes NULL into " + key.Name}, kt)
		case v.Kind == sqlinsert.Default && len(kt.nulls) > 0 && !hasDatabaseDefault(key):
			c.report(finding{code: checks.GoNullKey, at: site.Query, why: "the INSERT writes DEFAULT into " + key.Name + ", which has no database default: NULL"}, kt)
		case v.Kind == sqlinsert.Literal && v.EmptyLiteral && len(kt.empties) > 0 && !v.NeverNull:
			c.report(finding{code: checks.GoEmptyKey, at: site.Query, why: "the INSERT writes the empty string into " + key.Name}, kt)
		case v.Kind == sqlinsert.Param || v.Kind == sqlinsert.Expr && (v.Index > 0 || v.Name != ""):
			c.checkArg(kt, site, v)
		}
	}
}

// checkOmitted reports an INSERT that names its columns but leaves out a
// key with no database default: every row it writes has a NULL key.
func (c *goChecker) checkOmitted(kt keyTarget, site insertsite.Site) {
	ins := site.Insert
	if ins.FromSelect || len(kt.nulls) == 0 || hasDatabaseDefault(kt.key) {
		return
	}
	if ins.Columns == nil && !ins.DefaultValue {
		return // VALUES in table order: the key is written positionally (or the table is unknown)
	}
	c.report(finding{code: checks.GoNullKey, at: site.Query,
		why: fmt.Sprintf("%s leaves out %s, which has no database default, so every row it writes has a NULL key", site.WriterName(), kt.key.Name)}, kt)
}

func hasDatabaseDefault(c *schema.Column) bool { return c.Default != nil && c.Default.InDatabase }

// checkArg asks the value analysis whether the Go argument feeding v can
// be NULL or empty on some path to the insert.
func (c *goChecker) checkArg(kt keyTarget, site insertsite.Site, v sqlinsert.Value) {
	src := site.Source(v)
	if (src.OmitIfNil || src.ZeroAs == insertsite.ZeroAsDefault) && hasDatabaseDefault(kt.key) {
		kt.nulls = nil // a nil value leaves the column to its default
	}
	if src.ZeroAs != insertsite.ZeroAsIs {
		v.NullIfEmpty = true // the API writes "" as NULL or DEFAULT, never as ""
	}
	if src.Zero != nil {
		c.checkLeftOut(kt, site, v, src)
		return
	}
	if src.Converted != nil {
		c.checkConverted(kt, site, v, src.Converted)
		return
	}
	arg := src.Expr
	if arg == nil {
		return
	}
	fn, call := c.ssaFor(site)
	if fn == nil {
		return
	}
	val := keyflow.ArgValue(fn, call, arg)
	if val == nil {
		return
	}
	if c.checkValue(kt, site, v, arg, valueAt{fn, val, call}) {
		return
	}
	// Nothing known inside this function: a key parameter whose type lets
	// callers pass NULL is reported here (contract.go), and either way its
	// callers decide too, through a fact.
	c.checkContract(kt, site, v, arg)
	c.summarise(kt, site, v, arg)
}

// A valueAt is an SSA value as it reaches an instruction.
type valueAt struct {
	fn  *ssa.Function
	val ssa.Value
	at  ssa.Instruction
}

// checkValue reports arg when the value analysis finds a path on which it
// is NULL or empty, and says whether it did.
func (c *goChecker) checkValue(kt keyTarget, site insertsite.Site, v sqlinsert.Value, arg ast.Expr, va valueAt) bool {
	maxLen := kt.key.MaxLength()
	if len(kt.nulls) > 0 && !v.NeverNull {
		if vd, ok := c.flow.MayBeNull(va.fn, va.val, va.at); ok {
			c.report(finding{code: checks.GoNullKey, at: arg, why: vd.Reason, origin: vd.Origin, fixes: nullFixes(c.pass, site, arg, maxLen)}, kt)
			return true
		}
		if v.NullIfEmpty {
			if vd, ok := c.flow.MayBeEmpty(va.fn, va.val, va.at); ok {
				c.report(finding{code: checks.GoNullKey, at: arg, why: vd.Reason + emptyBecomesNull(site, v, kt.key), origin: vd.Origin, fixes: emptyFixes(c.pass, site, arg, maxLen)}, kt)
				return true
			}
		}
	}
	if len(kt.empties) > 0 && !v.NullIfEmpty && !v.NeverNull {
		if vd, ok := c.flow.MayBeEmpty(va.fn, va.val, va.at); ok {
			c.report(finding{code: checks.GoEmptyKey, at: arg, why: vd.Reason, origin: vd.Origin, fixes: emptyFixes(c.pass, site, arg, maxLen)}, kt)
			return true
		}
	}
	return false
}

// summarise records, when arg is a parameter of the enclosing function (or
// a field of one), that the function writes it into the key: its callers
// are checked instead, here and through a fact in importing packages.
func (c *goChecker) summarise(kt keyTarget, site insertsite.Site, v sqlinsert.Value, arg ast.Expr) {
	decl := enclosingDecl(site)
	p, path, ok := paramPath(c.pass.TypesInfo, decl, arg)
	if !ok || checksPath(c.pass.TypesInfo, decl.Body, arg) {
		return // not the caller's value, or one this function checks itself
	}
	c.summariseParam(kt, decl, v, p, path, c.pass.TypesInfo.TypeOf(arg))
}

// summariseParam records that decl writes its parameter p (the fields path
// of it), of type t, into kt's key.
func (c *goChecker) summariseParam(kt keyTarget, decl *ast.FuncDecl, v sqlinsert.Value, p int, path []string, t types.Type) {
	obj, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return
	}
	key := kt.key
	k := keyParam{Param: p, Path: path, Table: kt.table.Name, Column: key.Name,
		Null: len(kt.nulls) > 0 && !v.NeverNull, Empty: len(kt.empties) > 0 && !v.NullIfEmpty && !v.NeverNull,
		Where: key.Span.Position().String(), MaxLen: key.MaxLength()}
	if v.NullIfEmpty && len(kt.nulls) > 0 {
		k.Null, k.Empty = true, false
	}
	if t != nil && !v.NullIfEmpty && !isNillable(t) && !isNullStruct(t) {
		k.Null = false // a string cannot carry NULL
	}
	if k.Null {
		k.Rule = ruleText(kt.model, kt.nulls[0])
	} else if k.Empty {
		k.Rule = schema.DescribeUnique(kt.empties[0])
	}
	if k.Null || k.Empty {
		c.sums.add(obj, k)
	}
}

// checkLeftOut reports a key value left out of the Go value an API writes
// (a struct literal GORM or sqlx reads, a pgx.NamedArgs literal): the API
// writes its zero value.
func (c *goChecker) checkLeftOut(kt keyTarget, site insertsite.Site, v sqlinsert.Value, src insertsite.Source) {
	zeroNull := isNillable(src.Zero) || isNullStruct(src.Zero)
	if src.ZeroAs != insertsite.ZeroAsIs { // bun's nullzero, nil pointers, default: fields
		if src.ZeroAs == insertsite.ZeroAsDefault && hasDatabaseDefault(kt.key) || len(kt.nulls) == 0 || v.NeverNull {
			return
		}
		c.report(finding{code: checks.GoNullKey, at: src.At, why: src.What + zeroWritten(site, src, kt.key)}, kt)
		return
	}
	switch {
	case len(kt.nulls) > 0 && !v.NeverNull && zeroNull:
		c.report(finding{code: checks.GoNullKey, at: src.At, why: src.What + ", so " + site.API + " writes NULL"}, kt)
	case len(kt.nulls) > 0 && !v.NeverNull && v.NullIfEmpty && isString(src.Zero):
		c.report(finding{code: checks.GoNullKey, at: src.At, why: src.What + ", so " + site.API + " writes the empty string, which NULLIF turns into NULL"}, kt)
	case len(kt.empties) > 0 && !v.NeverNull && !v.NullIfEmpty && isString(src.Zero):
		c.report(finding{code: checks.GoEmptyKey, at: src.At, why: src.What + ", so " + site.API + " writes the empty string"}, kt)
	}
}

// emptyBecomesNull says what turns an empty key into NULL: NULLIF in the
// SQL, or an API that writes "" as NULL or DEFAULT (bun's nullzero).
func emptyBecomesNull(site insertsite.Site, v sqlinsert.Value, key *schema.Column) string {
	if src := site.Source(v); src.ZeroAs != insertsite.ZeroAsIs {
		return zeroWritten(site, src, key)
	}
	return ", which NULLIF turns into NULL"
}

// zeroWritten says how an API that does not write zero values (bun's
// nullzero and nil pointers) turns one into NULL.
func zeroWritten(site insertsite.Site, src insertsite.Source, key *schema.Column) string {
	if src.ZeroAs == insertsite.ZeroAsDefault {
		return ", so " + site.API + " leaves " + key.Name + " to its database default, and it has none: NULL"
	}
	return ", so " + site.API + " writes NULL"
}

// ssaFor returns the SSA function holding site and the call instruction,
// building the package's SSA on first use: only packages with insert sites
// into key columns pay for it.
func (c *goChecker) ssaFor(site insertsite.Site) (*ssa.Function, ssa.CallInstruction) {
	// The functions exportResults will summarise are roots too: once the
	// SSA exists it summarises every exported key-shaped function.
	if c.ssaPkg == nil {
		c.buildSSA(c.resultCandidates(false))
	}
	c.ensureBody(c.declAt(site.Call.Pos()))
	var file *ast.File
	for _, f := range c.pass.Files {
		if f.FileStart <= site.Call.Pos() && site.Call.Pos() <= f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return nil, nil
	}
	path, _ := astutil.PathEnclosingInterval(file, site.Call.Pos(), site.Call.End())
	fn := ssa.EnclosingFunction(c.ssaPkg, path)
	if fn == nil {
		return nil, nil
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ci, ok := instr.(ssa.CallInstruction); ok && ci.Common().Pos() == site.Call.Lparen {
				return fn, ci
			}
		}
	}
	return nil, nil
}

// buildSSA builds the package's SSA once, for the functions planSSA picks
// from the insert sites, the key writers' callers and extra.
func (c *goChecker) buildSSA(extra []*types.Func) {
	if c.ssaPkg != nil {
		return
	}
	c.buildSSAFor(c.planSSA(c.sites, extra))
}

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
func (c *goChecker) report(f finding, kt keyTarget) {
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
	if kt.key.Span.IsValid() {
		pos, end := c.schemaPos.pos(kt.key.Span)
		related = append(related, analysis.RelatedInformation{Pos: pos, End: end, Message: "the key column"})
	}
	c.emit(f, kt.table.Name+"."+kt.key.Name, rule, related)
}

// emit reports a NULL (IDEM201) or empty (IDEM202) key in column
// (table.column), unless the check is off or a comment suppresses it; rule
// names the unique rule the key defeats. Both the insert sites and the
// calls of summarised functions report here, so their messages read alike.
func (c *goChecker) emit(f finding, column, rule string, related []analysis.RelatedInformation) {
	if !c.enabled(f.code) {
		return
	}
	if file := fileOf(c.pass, f.at.Pos()); file != nil {
		if src, err := readGoFile(c.pass, file); err == nil && suppressedInGo(c.pass.Fset, file, src, f.at.Pos(), f.code) {
			return
		}
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

// findTable returns the model's table an INSERT writes: the same name (and
// namespace, when both say one), exactly or else ignoring case.
func findTable(m *schema.Model, ins *sqlinsert.Insert) *schema.Table {
	var fold *schema.Table
	for _, t := range m.Tables {
		if ins.Namespace != "" && t.Namespace != "" && !strings.EqualFold(ins.Namespace, t.Namespace) {
			continue
		}
		if t.Name == ins.Table {
			return t
		}
		if fold == nil && strings.EqualFold(t.Name, ins.Table) {
			fold = t
		}
	}
	return fold
}

// columnIndex is the position of key among the INSERT's target columns
// (the table's own order when the statement lists none), or -1.
func columnIndex(t *schema.Table, ins *sqlinsert.Insert, key *schema.Column) int {
	if ins.Columns == nil {
		if ins.DefaultValue {
			return -1
		}
		for i, c := range t.Columns {
			if c == key {
				return i
			}
		}
		return -1
	}
	for i, c := range ins.Columns {
		if c.Name == key.Name {
			return i
		}
	}
	for i, c := range ins.Columns {
		if strings.EqualFold(c.Name, key.Name) {
			return i
		}
	}
	return -1
}

// isGenerated reports whether pos lies in a file marked "Code generated …
// DO NOT EDIT."
func isGenerated(pass *analysis.Pass, pos token.Pos) bool {
	f := fileOf(pass, pos)
	return f != nil && ast.IsGenerated(f)
}
