package gorules

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/config"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/analyzer/gofix"
	"github.com/idemlint/idemlint/analyzer/keyfacts"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/modules"
	"github.com/idemlint/idemlint/analyzer/rowwrite"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/gomodel"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// An Input is what the rules need of one package's analysis.
type Input struct {
	Pass     *analysis.Pass
	Settings config.Settings
	// Owned are the schemas the package embeds; without them the rules
	// check against ModuleModels, called on first need.
	Owned        []*schema.Model
	ModuleModels func() []*schema.Model
	// ModuleDialects, when set, returns the dialects of ModuleModels'
	// models, in order, without reading them where another process of
	// the go vet run already did: a package whose code writes no row
	// under any of them (the sites depend on the dialect alone) then
	// skips reading the models.
	ModuleDialects func() []schema.Dialect
	// ModuleKeyColumns, when set, returns KeyColumnNames of ModuleModels'
	// models under keys, without reading them where another process of
	// the go vet run already did: a package that only asks which
	// parameters may carry a key (an interface method's, for the SSA
	// plan and the notes) then skips reading the models.
	ModuleKeyColumns func(keys schema.KeyMatcher) []string
	// Conflicts returns the ON CONFLICT targets the module's code uses,
	// which make key columns of the unique columns they name; called on
	// first need.
	Conflicts func() []schema.ConflictTarget
	// ColumnPos positions a schema span (a key column) for related
	// information; Suppressed says whether a comment silences code at pos.
	ColumnPos  func(schema.Span) (token.Pos, token.Pos)
	Suppressed func(pos token.Pos, code checks.Code) bool
	// Notes asks for a note (NoteCategory) wherever a write or a key is
	// not followed; see notes.go.
	Notes bool
	// KeyWrites asks for one diagnostic of category KeyWritesCategory at
	// the package's first insert into a key column (or call handing a key
	// to a function that inserts it), for the driver.
	KeyWrites bool
	// Wired asks, with Notes, for the signs with which the driver drops a
	// note about a call through an interface that a wiring of the run
	// judged: IfaceCallCategory at each such note, WiredCategory at each
	// wiring (wiring.go).
	Wired bool
	// FactsOnly says that the run's diagnostics go nowhere (go vet's
	// VetxOnly): the fixes of findings that decide no fact are not worked
	// out (see fixes).
	FactsOnly bool
	// TestVariant says that the package's facts are read only by test
	// files, which the rules never check (go vet's test variant of a
	// package with tests of its own, whose importers read the facts of the
	// package itself): the results of its exported functions, whose
	// summaries are facts and nothing else, are not worked out.
	TestVariant bool
	// ModuleMethods returns the methods the module's files declare, read
	// without type checking: which of the module's types implement an
	// interface a call goes through, in packages this one may not import
	// (iface.go); called on first need.
	ModuleMethods func() modules.Methods
}

// checker runs IDEM201 and IDEM202 over one package. Its work goes in
// stages, each in its own file: find the insert sites and the key
// columns they write (check.go), judge each value (check.go, contract.go,
// converted.go), follow key parameters up to the callers (calls.go),
// export facts (calls.go, results.go) and report (report.go); SSA is
// built once, for the functions the stages can ask about (ssaplan.go).
type checker struct {
	Input
	pass     *analysis.Pass
	settings config.Settings
	models   []*schema.Model

	sites []rowwrite.Site // the insert sites that write a key column (keyTargets), under every model: the SSA plan's roots
	// sitesByDialect are the package's insert sites read under each
	// dialect (findSites).
	sitesByDialect map[schema.Dialect][]rowwrite.Site
	keyWriteSaid   bool                   // the KeyWritesCategory diagnostic was reported
	ssaPkg         *ssa.Package           // built on first need
	ssaKept        map[*ast.FuncDecl]bool // the bodies ssaPkg holds (nil: all); see ssaplan.go
	ssaGraph       *funcGraph             // the declarations' references planSSA read
	flow           *keyflow.Checker
	sums           keyfacts.Summaries                  // functions that write a parameter into a key
	seen           map[reported]bool                   // reported positions and columns, across rounds of checkCalls
	emitted        map[emitted]bool                    // the findings reported, each once
	callers        *callerIndex                        // built on first need; see callers.go
	methods        map[*types.Func][]keyfacts.KeyParam // key-writing methods, for notes on interface calls
	// callbacks names, for a call checked through a key-writing function
	// it is handed as a value, that function (callbacks.go), and
	// callbackIdents the values so judged, which need no note.
	callbacks      map[*ast.CallExpr]*types.Func
	callbackIdents map[*ast.Ident]bool
	// implNames are, for an imported interface method among methods, the
	// implementations its fact names (keyfacts.KeyParams.Impls).
	implNames map[*types.Func][]string
	// implKeys are the same implementations as package path "." name,
	// to match them with methods in view (dropShownImpls).
	implKeys map[*types.Func][]string
	viewPkgs map[string]*types.Package // this package and its imports, by path
	// foreignMethods are the interface methods imported ImplKeys facts
	// name (iface.go), for the SSA plan.
	foreignMethods map[*types.Func]bool
	// genWrites are the package's functions of generated code that write
	// a NULL or empty key on every call (generated.go).
	genWrites map[*types.Func][]keyfacts.GeneratedKey
	// genVia are, per key-writing method of generated code, the functions
	// its writes were carried from (keyfacts.GeneratedKey.Via; "" for a
	// write of its own), to drop decorators (generated.go).
	genVia map[*types.Func][]string
	// The module's methods and the implementations out of view, per
	// interface method called (iface.go).
	modMethods  modules.Methods
	methodsRead bool
	inView      map[string]bool
	unseen      map[*types.Func][]string
	keyCols     map[string]bool    // key column names, for notes (notes.go)
	noted       map[string]bool    // notes given: the call rounds may meet a call again
	notedAt     map[token.Pos]bool // where notes stand: one note per call (keyFieldArg)

	conflictsRead bool // settings' key matcher holds Conflicts (keyMatcher)

	// Pending mode (wiring.go): the call rounds run again for calls
	// through consumer-declared interfaces, into pendSums, recording
	// pending calls instead of reporting.
	pendingMode               bool
	pendSums                  keyfacts.Summaries
	pending                   []keyfacts.PendingCall
	pendingCaller, pendingVia string
	pendingDirect             bool // the call pending mode judges goes through the interface itself
	seedables                 map[*types.Func]bool
	forwarders                map[*types.Func][]keyfacts.KeyParam // imported methods with an IfaceParams fact

	// wrappers says which imported functions write a parameter as a
	// library's row (keyfacts.RowWriter), for rowwrite.Find.
	wrappers func(*types.Func) (rowwrite.Wrapper, bool)

	// genFiles says which files of other packages are generated code
	// (contract.go's generatedFile), by file name.
	genFiles map[string]bool
}

// A keyTarget is one key column an insert writes, with the unique rules
// under which a NULL (nulls) or an empty string (empties) in it defeats
// deduplication, and those under which the zero value of a fixed-size ID
// (zeros: the nil UUID, or its text) does.
type keyTarget struct {
	model          *schema.Model
	table          *schema.Table
	key            *schema.Column
	why            string // why key is a key (schema.KeyMatcher.IsKey)
	nulls, empties []*schema.Unique
	// zeros: the rules under which one value written by every keyless
	// write collides (schema.ValueCollides): the nil UUID is no "", so
	// neither a uuid column nor a CHECK against "" stops it.
	zeros []*schema.Unique
	// nullCollides: nulls are rules with NULLS NOT DISTINCT
	// (schema.NullCollides), under which a NULL key collides as an empty
	// one does: a NULL written there is IDEM202, not IDEM201.
	nullCollides bool
	// randomOnly: neither a NULL nor an empty value defeats key's rules
	// (a uuid NOT NULL key), but its database default makes up a value
	// per row, so a write that leaves it to that default gets the
	// random-default note (-v) and nothing else.
	randomOnly bool
}

// A write is one value an insert site writes into a key column: the
// column, the site, and the value as the statement has it.
type write struct {
	keyTarget
	site rowwrite.Site
	v    sqlinsert.Value
	// valuer, when set, is the Value method that writes the key's ""
	// as NULL (valuer.go); v.NullIfEmpty is set with it.
	valuer *types.Func
}

// Check finds the package's INSERT call sites and checks what they write
// into idempotency-key columns (IDEM201, IDEM202), then exports the facts
// importers need.
func Check(in Input) {
	if !in.Settings.Load.Checks.Checks.Enabled(checks.GoNullKey) && !in.Settings.Load.Checks.Checks.Enabled(checks.GoEmptyKey) {
		return
	}
	pass := in.Pass
	c := &checker{
		Input:    in,
		pass:     pass,
		settings: in.Settings,
		sums:     keyfacts.Summaries{},
		seen:     map[reported]bool{},
	}
	c.flow = keyflow.New(keyflow.Options{AlwaysKey: keyfacts.KeyFuncs(pass), MayReturnBad: c.importedResults, ResultFields: func(f *types.Func) []keyflow.FieldSummary { return keyfacts.ImportResultFields(pass, f) }, RunsFunc: keyfacts.FuncRunners(pass), CallersInView: c.callsInSSA})
	c.wrappers = keyfacts.RowWriters(pass)
	c.exportHooks()
	// Cheap exit for the many packages that send no INSERT.
	if rowwrite.MayInsert(pass.Pkg, pass.Files, pass.TypesInfo, c.wrappers) {
		c.models = in.Owned
		if len(c.models) == 0 && in.ModuleModels != nil && c.mayWrite() {
			c.models = in.ModuleModels()
		}
		perModel := make([][]rowwrite.Site, len(c.models))
		targets := make([][][]keyTarget, len(c.models))
		for i, m := range c.models {
			perModel[i] = c.findSites(m, i == 0)
			targets[i] = make([][]keyTarget, len(perModel[i]))
			for j, site := range perModel[i] {
				// Only a site that writes a key column is asked about:
				// the SSA plan starts from those (a store's other
				// inserts, most of them, need no SSA).
				targets[i][j] = c.keyTargets(m, site)
				if slices.ContainsFunc(targets[i][j], func(kt keyTarget) bool {
					return !kt.randomOnly || len(kt.zeros) > 0 ||
						len(zeroToDefaultSources(site, columnIndex(kt.table, site.Insert, kt.key))) > 0 // -v's note asks the value analysis
				}) {
					c.sites = append(c.sites, site)
				}
			}
		}
		c.noteUnmodelled(perModel)
		if in.KeyWrites && len(c.sites) > 0 {
			c.sayKeyWrite(c.sites[0].Call.Pos(), "inserts into a key column")
		}
		for i := range c.models {
			for j, site := range perModel[i] {
				for _, kt := range targets[i][j] {
					c.checkKey(kt, site)
				}
			}
		}
	} else if c.Notes {
		for _, n := range rowwrite.StatementNotes(pass.Files, pass.TypesInfo) {
			c.note(n.Pos, "%s", n.Message)
		}
	}
	// Calls into functions that write a parameter into a key: those of this
	// package found above, and imported ones known by their facts.
	// A round can add summaries (a wrapper forwarding its parameter), which
	// callers earlier in the file need: repeat while rounds find new ones.
	if len(c.sums) > 0 || len(c.genWrites) > 0 || len(pass.AllObjectFacts()) > 0 || len(pass.AllPackageFacts()) > 0 {
		for round := 0; round < 4; round++ {
			before := c.sums.Size()
			c.checkCalls()
			if c.sums.Size() == before {
				break
			}
		}
	}
	c.checkPending() // wiring.go
	c.noteFuncValues()
	c.noteInterfaceCalls()
	c.noteImplementedInterfaces()
	c.sums.Export(pass)
	c.exportInterfaceKeys()
	impls := keyfacts.ReexportImplKeys(pass, c.foreignImplKeys())
	c.checkWiring(c.exportPending(), implEntries(impls))
	c.exportGenerated()
	c.exportValuers()
	if !in.TestVariant {
		c.exportResults()
	}
}

// mayWrite reports whether the package may write rows into the module's
// models: without ModuleDialects, or with -v (whose notes need the
// models), always; else whether it has an insert site under one of
// their dialects.
func (c *checker) mayWrite() bool {
	if c.ModuleDialects == nil || c.Notes {
		return true
	}
	for _, d := range c.ModuleDialects() {
		if len(c.sitesUnder(d)) > 0 {
			return true
		}
	}
	return false
}

// enabled reports whether the run reports code.
func (c *checker) enabled(code checks.Code) bool {
	return c.settings.Load.Checks.Checks.Enabled(code)
}

// keyTargets returns the key columns site writes under m whose unique
// rules a NULL or an empty value defeats: what checkKey checks.
func (c *checker) keyTargets(m *schema.Model, site rowwrite.Site) []keyTarget {
	if strings.HasSuffix(c.pass.Fset.File(site.Call.Pos()).Name(), "_test.go") {
		return nil // test fixtures insert keyless rows on purpose
	}
	t := findSiteTable(m, site)
	if t == nil {
		return nil
	}
	keys := c.keyMatcher()
	var out []keyTarget
	for _, key := range t.Columns {
		ok, why := keys.IsKey(t, key)
		if !ok {
			continue
		}
		rules := keys.KeyRules(t, key)
		kt := keyTarget{model: m, table: t, key: key, why: why,
			nulls:   schema.InRules(schema.NullRepeats(m, t, key), rules),
			empties: scopedEmpties(keys, t, key, schema.InRules(schema.EmptyCollides(m, t, key), rules)),
			zeros:   scopedEmpties(keys, t, key, schema.InRules(schema.ValueCollides(m, t, key), rules))}
		if len(kt.nulls) == 0 {
			if nc := scopedEmpties(keys, t, key, schema.InRules(schema.NullCollides(m, t, key), rules)); len(nc) > 0 {
				kt.nulls, kt.nullCollides = nc, true
			}
		}
		if keys.KeyOnlyByRule(t, key) {
			// In a rule of several columns that only its use or comment
			// makes keys, an empty value (or a NULL the rule holds not
			// distinct) is a value like any other: see KeyOnlyByRule.
			composite := func(u *schema.Unique) bool { return len(u.Parts) > 1 }
			kt.empties = slices.DeleteFunc(kt.empties, composite)
			kt.zeros = slices.DeleteFunc(kt.zeros, composite)
			if kt.nullCollides {
				kt.nulls = slices.DeleteFunc(kt.nulls, composite)
				kt.nullCollides = len(kt.nulls) > 0
			}
		}
		if len(kt.nulls) == 0 && len(kt.empties) == 0 {
			kt.randomOnly = c.Notes && randomDefault(key)
			if !c.writesFixedID(site, t, key, schema.HoldsText(m.Dialect, key)) {
				kt.zeros = nil
			}
			if !kt.randomOnly && len(kt.zeros) == 0 {
				continue
			}
		}
		out = append(out, kt)
	}
	return out
}

// mayCollide reports whether an empty key or the zero of a fixed-size ID
// defeats one of kt's rules: whether MayBeEmpty is worth asking.
func (kt keyTarget) mayCollide() bool { return len(kt.empties) > 0 || len(kt.zeros) > 0 }

// collides reports whether the value vd says the key can be (an empty
// string, or the zero ID vd.Zero names) defeats one of kt's rules.
func (kt keyTarget) collides(vd keyflow.Verdict) bool {
	if vd.Zero != "" {
		return len(kt.zeros) > 0
	}
	return len(kt.empties) > 0
}

// zeroOnly reports whether only the zero value of a fixed-size ID defeats
// kt's rules: a uuid NOT NULL key, or a text key whose CHECK rejects "".
func (kt keyTarget) zeroOnly() bool {
	return len(kt.nulls) == 0 && len(kt.empties) == 0 && len(kt.zeros) > 0
}

// writesFixedID reports whether site writes into key, a column of t, a Go
// value of a fixed-size ID type (uuid.UUID, a pointer to one,
// uuid.NullUUID, pgtype.UUID): only such a value can be the nil UUID, so
// only such a write into a key that neither NULL nor "" defeats needs the
// value analysis. The text of one (id.String()) counts: "00000000-…" is
// no "", so a CHECK against "" does not stop it. So, where the column
// holds text (textKey), does a Go string: fmt.Sprintf("%s:%s", tenant,
// key) with an empty key is "<tenant>:", one value for every keyless
// request, which neither a CHECK against "" nor ent's NotEmpty stops.
func (c *checker) writesFixedID(site rowwrite.Site, t *schema.Table, key *schema.Column, textKey bool) bool {
	col := columnIndex(t, site.Insert, key)
	if col < 0 {
		return false
	}
	for _, row := range site.Insert.Rows {
		if col >= len(row) {
			continue
		}
		if v := row[col]; v.Kind == sqlinsert.Param || v.Kind == sqlinsert.Expr {
			src := site.Source(v)
			typ := sourceType(c.pass.TypesInfo, src)
			if call, ok := ast.Unparen(src.Expr).(*ast.CallExpr); ok && len(call.Args) == 0 {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "String" || sel.Sel.Name == "URN") {
					typ = c.pass.TypesInfo.TypeOf(sel.X) // id.String(): the text of the nil UUID is a key too
				}
			}
			if vocab.HoldsFixedID(typ) || textKey && typ != nil && vocab.IsString(typ) {
				return true
			}
		}
	}
	return false
}

// scopedEmpties drops from empties the unique rules in which key is only
// the scope of another column named or marked as the key: in ON CONFLICT
// (session_id, idempotency_key) an empty session_id is a session like any
// other, and requests still differ by their key.
func scopedEmpties(keys schema.KeyMatcher, t *schema.Table, key *schema.Column, empties []*schema.Unique) []*schema.Unique {
	if keys.IsNamedKey(t, key) {
		return empties
	}
	out := empties[:0:0]
	for _, u := range empties {
		scoped := false
		for _, name := range u.Columns() {
			if c := t.Column(name); c != nil && c != key && keys.IsNamedKey(t, c) {
				scoped = true
			}
		}
		if !scoped {
			out = append(out, u)
		}
	}
	return out
}

// keyMatcher is the settings' key matcher with the module's ON CONFLICT
// targets (Input.Conflicts), read when the first insert site needs them:
// a column the code upserts on is a key here as in the schema checks.
func (c *checker) keyMatcher() schema.KeyMatcher {
	if !c.conflictsRead {
		c.conflictsRead = true
		if c.Conflicts != nil {
			c.settings.Load.Checks.Keys.Conflicts = c.Conflicts()
		}
	}
	return c.settings.Load.Checks.Keys
}

// checkKey checks what site writes into kt's key.
func (c *checker) checkKey(kt keyTarget, site rowwrite.Site) {
	ins, key := site.Insert, kt.key
	if n, ok := unlistedWidth(kt.table, ins); !ok {
		c.note(site.Query.Pos(), "not followed: %s names no columns, and its rows have %d values where table %s has %d columns in the schema idemlint read (after its migrations), so which value goes into %s is not known and is not checked; name the columns",
			site.WriterName(), n, kt.table.Name, len(kt.table.Columns), key.Name)
		return
	}
	col := columnIndex(kt.table, ins, key)
	if col < 0 {
		c.checkOmitted(kt, site)
		return
	}
	if kt.randomOnly {
		c.noteLeftToRandom(kt, site, col)
		if !kt.zeroOnly() {
			return
		}
	}
	if kt.zeroOnly() && ins.FromSelect {
		return // the rows of a SELECT: not followed, and nothing NULL or "" to say of them
	}
	if c.noteSelected(kt, site, col) {
		return
	}
	for _, row := range ins.Rows {
		if col >= len(row) {
			continue
		}
		v := row[col]
		switch {
		case v.Kind == sqlinsert.Null && len(kt.nulls) > 0:
			c.report(finding{code: checks.GoNullKey, written: true, at: site.Query, why: "the INSERT writes NULL into " + key.Name}, kt)
		case v.Kind == sqlinsert.Default && len(kt.nulls) > 0 && !hasDatabaseDefault(key):
			c.report(finding{code: checks.GoNullKey, written: true, at: site.Query, why: "the INSERT writes DEFAULT into " + key.Name + ", which has no database default: NULL"}, kt)
		case v.Kind == sqlinsert.Literal && v.EmptyLiteral && len(kt.empties) > 0 && !v.NeverNull:
			c.report(finding{code: checks.GoEmptyKey, at: site.Query, why: "the INSERT writes the empty string into " + key.Name}, kt)
		case v.Kind == sqlinsert.Param || v.Kind == sqlinsert.Expr && (v.Index > 0 || v.Name != ""):
			c.checkArg(write{keyTarget: kt, site: site, v: v})
		}
	}
}

// noteSelected notes, for INSERT … SELECT, a key whose value is a column
// of the rows the SELECT reads (u.id, SELECT *: another table's rows, or
// the arrays unnest($1::text[], …) expands, one element per row), which
// are not followed: it says whether it noted. A parameter, a literal or
// NULL in the select list is checked as in VALUES.
func (c *checker) noteSelected(kt keyTarget, site rowwrite.Site, col int) bool {
	ins := site.Insert
	if !ins.FromSelect || len(ins.Rows) == 0 {
		return false
	}
	row := ins.Rows[0]
	what := ""
	switch {
	case col >= len(row) && slices.ContainsFunc(row, func(v sqlinsert.Value) bool { return strings.HasSuffix(strings.TrimSpace(v.Text), "*") }),
		col < len(row) && strings.HasSuffix(strings.TrimSpace(row[col].Text), "*"):
		what = "SELECT *"
	case col >= len(row):
		return false
	case row[col].Kind == sqlinsert.Expr && row[col].Index == 0 && row[col].Name == "" && columnRef(row[col].Text):
		what = row[col].Text
	default:
		return false
	}
	from := "the rows the SELECT reads"
	if i := strings.Index(strings.ToLower(site.SQL), "unnest("); i >= 0 {
		from = "the elements of the arrays unnest(…) expands, one per row, from bind arguments idemlint does not follow element by element"
	}
	bad := "a NULL or empty key"
	switch {
	case len(kt.nulls) == 0:
		bad = "an empty key"
	case len(kt.empties) == 0:
		bad = "a NULL key"
	}
	c.note(site.Query.Pos(), "not followed: %s inserts the rows of a SELECT, and %s.%s takes %s from %s, so %s there is not checked",
		site.WriterName(), kt.table.Name, kt.key.Name, what, from, bad)
	return true
}

// columnRef reports whether text is a column reference: a name, or a
// qualified one (u.id, "t"."id").
func columnRef(text string) bool {
	text = strings.TrimSpace(text)
	if text == "" {
		return false
	}
	for _, part := range strings.Split(text, ".") {
		part = strings.Trim(part, `"`+"`")
		if part == "" {
			return false
		}
		for i, r := range part {
			if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
				return false
			}
		}
	}
	return true
}

// checkOmitted reports an INSERT that names its columns but leaves out a
// key with no database default: every row it writes has a NULL key.
func (c *checker) checkOmitted(kt keyTarget, site rowwrite.Site) {
	ins := site.Insert
	if ins.FromSelect || ins.Columns == nil && !ins.DefaultValue {
		return // VALUES in table order: the key is written positionally (or the table is unknown)
	}
	if u := c.otherKindOfRow(kt, ins); u != nil {
		c.note(site.Query.Pos(), "IDEM201 not reported: %s writes none of the columns of %s, and %s.%s is a key only of that rule (%s): the rows it writes are not the ones the rule tells apart, and leave its columns NULL by design",
			site.WriterName(), schema.DescribeUnique(u), kt.table.Name, kt.key.Name, kt.why)
		return
	}
	if randomDefault(kt.key) {
		c.noteRandomDefault(site.Query.Pos(), site.WriterName()+" leaves out "+kt.key.Name, kt)
		return
	}
	if len(kt.nulls) == 0 || hasDatabaseDefault(kt.key) {
		return
	}
	c.report(finding{code: checks.GoNullKey, written: true, at: site.Query,
		why: fmt.Sprintf("%s leaves out %s, which has no database default, so every row it writes has a NULL key", site.WriterName(), kt.key.Name), noFix: leftOutNoFix}, kt)
}

// otherKindOfRow returns, for a key that is a key only of some unique
// rules (the ON CONFLICT target the code upserts on, a rule's comment, a
// composite it closes: schema.KeyMatcher.KeyRules), one of those rules
// when ins names none of the columns of any of them, else nil. Such an
// insert writes another kind of row into the table (a user's role where
// the upsert on (parent_id, list_id) writes a list's permissions, a root
// run where the upsert writes a child's): every column of the rule is
// NULL in it by design, and the rule has nothing to tell apart. An insert
// that writes some of the rule's columns and leaves the key out is still
// reported, as is one that leaves out a key by name or mark.
func (c *checker) otherKindOfRow(kt keyTarget, ins *sqlinsert.Insert) *schema.Unique {
	if len(kt.nulls) == 0 || ins.Columns == nil || c.keyMatcher().KeyRules(kt.table, kt.key) == nil {
		return nil
	}
	for _, u := range kt.nulls {
		for _, name := range u.Columns() {
			if col := kt.table.Column(name); col != nil && columnIndex(kt.table, ins, col) >= 0 {
				return nil
			}
		}
	}
	return kt.nulls[0]
}

// sourceType is the Go type of the value src names; nil when unknown.
func sourceType(info *types.Info, src rowwrite.Source) types.Type {
	switch {
	case src.Zero != nil:
		return src.Zero
	case src.Expr != nil:
		return info.TypeOf(src.Expr)
	case src.Field != nil:
		return src.Field.Type
	}
	return nil
}

func isPointer(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

func hasDatabaseDefault(c *schema.Column) bool { return c.Default != nil && c.Default.InDatabase }

// randomDefault reports whether key's database default makes up a value
// per row (gen_random_uuid(), a sequence): what -fix's random default is.
func randomDefault(key *schema.Column) bool {
	return hasDatabaseDefault(key) && schema.FilledByDatabase(key)
}

// noteRandomDefault notes, under -v, a write that leaves the key to its
// random default (what): not a finding, since every row gets a key, but
// not a clean write either: each retry gets a new key and is inserted
// again, and a run after applying the random-default fix must not read as
// "retries are deduplicated".
func (c *checker) noteRandomDefault(pos token.Pos, what string, kt keyTarget) {
	c.note(pos, "IDEM201 not reported: %s, so %s.%s gets its random default %s: every row has a key, but a retry of this write gets a new one and is inserted again; only a key the client sends, or one derived from the request, dedupes retries",
		what, kt.table.Name, kt.key.Name, kt.key.Default.Expr)
}

// noteLeftToRandom notes, for a key no NULL or empty value defeats
// (keyTarget.randomOnly), the rows of site that leave it to its random
// default: a field left zero that the API writes as DEFAULT.
func (c *checker) noteLeftToRandom(kt keyTarget, site rowwrite.Site, col int) {
	for _, row := range site.Insert.Rows {
		if col >= len(row) {
			continue
		}
		v := row[col]
		if v.Kind != sqlinsert.Param && (v.Kind != sqlinsert.Expr || v.Index == 0 && v.Name == "") {
			continue
		}
		if src := site.Source(v); src.Zero != nil && src.Expr == nil && src.ZeroAs == rowwrite.ZeroAsDefault && src.SetIf == nil {
			c.noteRandomDefault(src.At.Pos(), src.What, kt)
		}
	}
	// A Go value that may be zero at run time (a header that may be
	// absent, under defaultifempty): asked of the value analysis.
	for _, src := range zeroToDefaultSources(site, col) {
		fn, call := c.ssaFor(site)
		if fn == nil {
			continue
		}
		if val := keyflow.ArgValue(fn, call, src.Expr); val != nil {
			c.noteZeroToDefault(kt, site, src.Expr, valueAt{fn, val, call})
		}
	}
}

// noteZeroToDefault notes arg, written by an API that writes a zero value
// as DEFAULT (goqu's defaultifempty, bun's nil pointers) into a key with
// a random default, when it may be zero at va: that write makes up a new
// key on every retry.
func (c *checker) noteZeroToDefault(kt keyTarget, site rowwrite.Site, arg ast.Expr, va valueAt) {
	t := c.pass.TypesInfo.TypeOf(arg)
	nilled := vocab.Nillable(t) || vocab.IsNullStruct(t) // a Null value's zero is the invalid one
	if c.flow.NeverMissing(va.fn, va.val, va.at, nilled, !nilled) {
		return
	}
	zero := "empty"
	if vocab.IsNullStruct(t) {
		zero = "invalid (NULL)"
	} else if nilled {
		zero = "nil"
	}
	c.noteRandomDefault(arg.Pos(), "where "+types.ExprString(arg)+" is "+zero+", "+site.API+" writes DEFAULT", kt)
}

// zeroToDefaultSources returns the Go values site writes into column col
// through an API that writes their zero as DEFAULT (see
// noteZeroToDefault): the ones a random-default key's note asks about.
func zeroToDefaultSources(site rowwrite.Site, col int) []rowwrite.Source {
	var out []rowwrite.Source
	for _, row := range site.Insert.Rows {
		if col < 0 || col >= len(row) {
			continue
		}
		if src := site.Source(row[col]); src.Zero == nil && src.Expr != nil && src.ZeroAs == rowwrite.ZeroAsDefault && src.SetIf == nil {
			out = append(out, src)
		}
	}
	return out
}

// checkArg asks the value analysis whether the Go argument feeding v can
// be NULL or empty on some path to the insert.
func (c *checker) checkArg(w write) {
	note := c.note
	if w.zeroOnly() {
		// Only the nil UUID defeats this key's rules, which before
		// the value analysis is not known to be written: what it
		// cannot follow is no NULL or empty key left unchecked.
		note = func(token.Pos, string, ...any) {}
	}
	src := w.site.Source(w.v)
	if src.FilledBy != "" {
		note(w.site.Query.Pos(), "not followed: %s fills %s.%s in before %s writes it, and the value it makes is not checked", src.FilledBy, w.table.Name, w.key.Name, w.site.WriterName())
		return
	}
	if (src.OmitIfNil || src.ZeroAs == rowwrite.ZeroAsDefault) && hasDatabaseDefault(w.key) {
		w.nulls = nil // a nil value leaves the column to its default
	}
	if src.FilledIfNull != "" {
		// A hook gives a nil or invalid key a value (if h.Key == nil):
		// what is left to check is a pointer to "" or a valid "".
		note(w.site.Query.Pos(), "not followed: %s fills %s.%s in where it is nil or invalid before %s writes it, and the value it makes is not checked", src.FilledIfNull, w.table.Name, w.key.Name, w.site.WriterName())
		w.nulls = nil
	}
	if t := sourceType(c.pass.TypesInfo, src); src.ZeroAs != rowwrite.ZeroAsIs && !isPointer(t) && !vocab.IsNullStruct(t) {
		// The API writes "" as NULL or DEFAULT, never as "". A pointer's
		// zero is nil: a pointer to "" is written as "" (bun, goqu's omitnil).
		// A Null value's zero is the invalid one: a valid "" (guregu's
		// null.StringFrom("")) is no zero value to GORM's default:, goqu's
		// defaultifempty or bun's nullzero, and is written as "" (a Value
		// method that writes "" as NULL, zero.String's, is emptyValuer's).
		w.v.NullIfEmpty = true
	}
	if m := c.emptyValuer(sourceType(c.pass.TypesInfo, src)); m != nil {
		w.v.NullIfEmpty, w.valuer = true, m // its Value method writes "" as NULL
	}
	if src.Zero != nil {
		c.checkLeftOut(w, src)
		return
	}
	if src.Converted != nil {
		c.checkConverted(w, src.Converted)
		return
	}
	if src.Field != nil {
		c.checkFieldOf(w, src.Field)
		return
	}
	arg := src.Expr
	if arg == nil && w.site.Writer == "CopyFrom" {
		note(w.site.Query.Pos(), "not followed: the rows CopyFrom writes are not read (only pgx.CopyFromRows over []any literals built in the function is), so the value it writes into %s.%s is not checked", w.table.Name, w.key.Name)
		return
	}
	if arg == nil && src == (rowwrite.Source{}) && w.site.API == "GORM" && hasDatabaseDefault(w.key) {
		// A field tagged default: (rowwrite/gorm.go leaves it out of the
		// row): GORM leaves its zero value to the column's database
		// default, and any other value is a key. Nothing went unread.
		return
	}
	if arg == nil && w.site.RowsUnread != "" {
		note(w.site.Query.Pos(), "not followed: %s, so the value %s writes into %s.%s is not checked", w.site.RowsUnread, w.site.WriterName(), w.table.Name, w.key.Name)
		return
	}
	if arg == nil {
		note(w.site.Query.Pos(), "not followed: the value %s writes into %s.%s is not a Go value idemlint reads (SQL of its own, or values spread from a slice)", w.site.WriterName(), w.table.Name, w.key.Name)
		return
	}
	fn, call := c.ssaFor(w.site)
	var val ssa.Value
	if fn != nil {
		if src.Call != nil {
			if ci, in := callWithin(fn, src.Call); ci != nil {
				fn, call = in, ci // judged where the setter takes it (in a callback too: ent's MapCreateBulk)
			}
		}
		val = keyflow.ArgValue(fn, call, arg)
	}
	if val == nil && vocab.IsNilIdent(c.pass.TypesInfo, arg) {
		// An explicit nil among a builder's values (goqu.Vals{a, nil},
		// an element of []any), which SSA keeps no position for.
		if len(w.nulls) > 0 && !w.v.NeverNull {
			c.report(finding{code: checks.GoNullKey, written: true, at: arg, why: "a nil literal is written into the row"}, w.keyTarget)
		}
		return
	}
	if val == nil && fn != nil && c.pass.TypesInfo.Types[arg].Value != nil {
		// A constant among a chain's setters (ent's SetKey("")), which SSA
		// keeps as an operand with no position: read it at the setter.
		if ce := c.callOf(arg); ce != nil {
			if ci, in := callWithin(fn, ce); ci != nil {
				if v := keyflow.ArgValue(in, ci, arg); v != nil {
					fn, call, val = in, ci, v
				}
			}
		}
	}
	if val == nil {
		note(arg.Pos(), "not followed: idemlint cannot find %s, the value %s writes into %s.%s, in the function's SSA form", types.ExprString(arg), w.site.WriterName(), w.table.Name, w.key.Name)
		return
	}
	va := valueAt{fn, val, call}
	if src.Test != nil {
		if at := testAt(fn, src.Test); at != nil {
			va.at = at // written only where the test holds: the value as it is tested
		}
	}
	if src.ZeroAs == rowwrite.ZeroAsDefault && randomDefault(w.key) && c.Notes {
		c.noteZeroToDefault(w.keyTarget, w.site, arg, va)
	}
	if c.checkValue(w, arg, va) {
		return
	}
	if w.zeroOnly() {
		// A parameter: its callers' nil UUIDs are theirs; a key format
		// over one (fmt.Sprintf("%s:%s", acct, key)): their empty keys.
		if !c.summarise(w, arg, false) {
			c.summariseDependence(w, arg, va)
		}
		return
	}
	// Nothing known inside this function: a key parameter whose type lets
	// callers pass NULL is reported here (contract.go), and either way its
	// callers decide too, through a fact.
	guarded := c.checkContract(w, arg)
	if !c.summarise(w, arg, guarded) && !c.summariseDependence(w, arg, va) { // a parameter reached through a helper or a Valid flag
		if !c.summariseElement(w, arg) { // an element of a parameter slice: its callers decide
			if !c.noteEscaped(w, arg, va) && !c.noteForeignResult(w, arg, va) {
				c.noteRangedParam(w, arg, va)
			}
		}
	}
}

// noteForeignResult notes a key read from a field of the result of a
// function of another package (row := rows.FromTransfer(t), then
// row.Key written): the field is not followed into that function, so
// silence would claim it was checked. It says whether it noted.
func (c *checker) noteForeignResult(w write, arg ast.Expr, va valueAt) bool {
	if !c.Notes {
		return false
	}
	nulls := len(w.nulls) > 0 && !w.v.NeverNull
	empties := (len(w.empties) > 0 || len(w.nulls) > 0 && w.v.NullIfEmpty) && !w.v.NeverNull
	if c.flow.NeverMissing(va.fn, va.val, va.at, nulls, empties) {
		return false
	}
	f := keyflow.ForeignResult(va.val, false)
	if f == nil {
		return false
	}
	c.note(arg.Pos(), "not followed: %s is a field of the value %s returns, a function of another package whose result's fields idemlint does not follow, so what %s writes into %s.%s is not checked",
		types.ExprString(arg), calleeName(f), w.site.WriterName(), w.table.Name, w.key.Name)
	return true
}

// noteEscaped notes a key loaded from a local whose address was handed,
// before the write, to a call the value analysis does not follow into
// (keep(&row); then
// row.Key written): that call may write the key, so it is not known, and
// silence would claim it was checked. It says whether it noted.
func (c *checker) noteEscaped(w write, arg ast.Expr, va valueAt) bool {
	if !c.Notes {
		return false
	}
	nulls := len(w.nulls) > 0 && !w.v.NeverNull
	empties := (len(w.empties) > 0 || len(w.nulls) > 0 && w.v.NullIfEmpty) && !w.v.NeverNull
	by, stored := c.flow.EscapedTo(va.fn, va.val, va.at, nulls, empties)
	if by == nil {
		return false
	}
	if stored != nil && stored.Pos().IsValid() {
		pos := c.pass.Fset.Position(stored.Pos())
		c.note(arg.Pos(), "not followed: %s is read from a variable whose address is stored into another value at %s:%d before this call; the value analysis takes every call after such a store (here %s) as one that may write the variable, and does not follow the address, so what %s writes into %s.%s is not checked",
			types.ExprString(arg), filepath.Base(pos.Filename), pos.Line, escapeCallName(by), w.site.WriterName(), w.table.Name, w.key.Name)
		return true
	}
	c.note(arg.Pos(), "not followed: %s is read from a variable whose address is passed to %s before this call, which the value analysis does not follow into and which may write it, so what %s writes into %s.%s is not checked",
		types.ExprString(arg), escapeCallName(by), w.site.WriterName(), w.table.Name, w.key.Name)
	return true
}

// escapeCallName names, for a note, the call a variable's address was
// handed to: its callee ("gormship.keep", "Repo.fill"), or the method or
// function value it calls through.
func escapeCallName(ci ssa.CallInstruction) string {
	com := ci.Common()
	if com.IsInvoke() {
		return calleeName(com.Method) // the interface's method: "Keeper.Keep"
	}
	if f := com.StaticCallee(); f != nil {
		if obj, ok := f.Object().(*types.Func); ok {
			return calleeName(obj)
		}
		return f.Name()
	}
	if p := keyflow.FuncValueParam(com.Value); p != nil {
		return "the option " + p.Name() // for _, opt := range opts { opt(&row) }
	}
	return "a function value (" + com.Value.Name() + ")"
}

// A valueAt is an SSA value as it reaches an instruction.
type valueAt struct {
	fn  *ssa.Function
	val ssa.Value
	at  ssa.Instruction
}

// checkValue reports arg when the value analysis finds a path on which it
// is NULL or empty, and says whether it did.
func (c *checker) checkValue(w write, arg ast.Expr, va valueAt) bool {
	maxLen := w.key.MaxLength()
	if len(w.nulls) > 0 && !w.v.NeverNull {
		if vd, ok := c.flow.MayBeNull(va.fn, va.val, va.at); ok {
			if d := vd.Dependence; d != nil && d.Arg == keyflow.Empty && c.summariseDep(w, va, *d) {
				// Set only when a string parameter is not empty: like
				// Valid: s != "", the callers' "" is theirs to decide.
				return true
			}
			c.report(finding{code: checks.GoNullKey, written: vd.Written, byContract: vd.Dependence != nil, at: arg, why: vd.Reason, origin: vd.Origin, fixes: c.fixes(func() []analysis.SuggestedFix {
				if fixes := (gofix.Key{Pass: c.pass, Site: w.site, Arg: arg, MaxLen: maxLen, Table: w.table}).Null(); len(fixes) > 0 || vd.Dependence != nil {
					return fixes
				}
				return c.innerNullFixes(w, arg, maxLen) // innerfix.go
			})}, w.keyTarget)
			if vd.Dependence != nil {
				// A check that converts, not rejects: the callers that
				// pass nil write NULL too.
				c.summariseDep(w, va, *vd.Dependence)
			}
			return true
		}
		if w.v.NullIfEmpty {
			if vd, ok := c.flow.MayBeEmpty(va.fn, va.val, va.at); ok {
				c.report(finding{code: checks.GoNullKey, written: vd.Written, at: arg, why: vd.Reason + emptyBecomesNull(w), origin: vd.Origin, fixes: c.fixes(gofix.Key{Pass: c.pass, Site: w.site, Arg: arg, MaxLen: maxLen, Table: w.table}.Empty)}, w.keyTarget)
				return true
			}
		}
	}
	if w.mayCollide() && !w.v.NullIfEmpty && !w.v.NeverNull {
		if vd, ok := c.flow.MayBeEmpty(va.fn, va.val, va.at); ok && w.collides(vd) {
			fix := gofix.Key{Pass: c.pass, Site: w.site, Arg: arg, MaxLen: maxLen, Table: w.table}.Empty
			if vd.Zero != "" {
				fix = gofix.Key{Pass: c.pass, Site: w.site, Arg: arg, Table: w.table}.Zero
			}
			c.report(finding{code: checks.GoEmptyKey, zero: vd.Zero, at: arg, why: vd.Reason, origin: vd.Origin, fixes: c.fixes(fix)}, w.keyTarget)
			return true
		}
	}
	return false
}

// summarise records, when arg is a parameter of the enclosing function (or
// a field of one), that the function writes it into the key: its callers
// are checked instead, here and through a fact in importing packages.
// It says whether arg is such a parameter; guarded says the function's
// own finding fixes a missing key (keyfacts.KeyParam.Guarded).
func (c *checker) summarise(w write, arg ast.Expr, guarded bool) bool {
	decl := enclosingDecl(w.site)
	p, path, ok := vocab.ParamPath(c.pass.TypesInfo, decl, arg)
	if !ok {
		return false // not the caller's value
	}
	if vocab.ChecksPath(c.pass.TypesInfo, decl.Body, arg) {
		return true // one this function checks itself
	}
	c.summariseParam(w, decl, p, path, c.pass.TypesInfo.TypeOf(arg), guarded)
	return true
}

// summariseParam records that decl writes its parameter p (the fields path
// of it), of type t, into w's key; guarded says decl's own finding fixes
// a missing key (keyfacts.KeyParam.Guarded).
func (c *checker) summariseParam(w write, decl *ast.FuncDecl, p int, path []string, t types.Type, guarded bool) {
	kt, v := w.keyTarget, w.v
	obj, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return
	}
	key := kt.key
	k := keyfacts.KeyParam{Param: p, Path: path, Table: kt.table.Name, Column: key.Name,
		Null: len(kt.nulls) > 0 && !v.NeverNull, Empty: len(kt.empties) > 0 && !v.NullIfEmpty && !v.NeverNull,
		Where: key.Span.Position().String(), MaxLen: key.MaxLength(), Guarded: guarded,
		NullIntended: schema.NullIntended(kt.table, key), NullCollides: kt.nullCollides,
		Zero: len(kt.zeros) > 0 && !v.NullIfEmpty && !v.NeverNull && (vocab.HoldsFixedID(t) || t != nil && vocab.IsString(t) && schema.HoldsText(kt.model.Dialect, key))}
	if v.NullIfEmpty && len(kt.nulls) > 0 {
		// "" is written as NULL (bun's nullzero, NULLIF): a string's
		// callers are judged on empty values, a pointer's on nil too.
		k.Null, k.Empty = t == nil || !vocab.IsString(t), false
		k.EmptyIsNull = t == nil || vocab.IsString(t)
	}
	if t != nil && !v.NullIfEmpty && !vocab.Nillable(t) && !vocab.IsNullStruct(t) {
		k.Null = false // a string cannot carry NULL
	}
	if k.Null || k.EmptyIsNull {
		k.Rule = ruleText(kt.model, kt.nulls[0])
	} else if k.Empty {
		k.Rule = schema.DescribeUnique(kt.empties[0])
	} else if k.Zero {
		k.Rule = schema.DescribeUnique(kt.zeros[0])
	}
	if k.Null || k.Empty || k.EmptyIsNull || k.Zero {
		c.sums.Add(obj, k)
	}
}

// callersJudge reports whether every caller of the function holding w's
// site is in view (callers.go): they are judged instead of it.
func (c *checker) callersJudge(w write) bool {
	decl := enclosingDecl(w.site)
	if decl == nil {
		return false
	}
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	return ok && c.callersInView(fn)
}

// checkLeftOut reports a key value left out of the Go value an API writes
// (a struct literal GORM or sqlx reads, a pgx.NamedArgs literal): the API
// writes its zero value.
func (c *checker) checkLeftOut(w write, src rowwrite.Source) {
	if src.SetIf != nil && len(w.nulls) > 0 && !w.v.NeverNull {
		// The zero value is written where the pointer SetIf is nil: a
		// parameter's callers are judged on what they pass (a fact), and
		// when they are all in view, only they are. A pointer the
		// function rejects when nil first is set wherever the call runs.
		if decl := enclosingDecl(w.site); decl != nil && vocab.ChecksPath(c.pass.TypesInfo, decl.Body, src.SetIf) {
			return
		}
		if c.summarise(w, src.SetIf, false) && c.callersJudge(w) {
			return
		}
	}
	zeroNull := vocab.ZeroIsNull(src.Zero)
	if src.ZeroAs != rowwrite.ZeroAsIs { // bun's nullzero, nil pointers, default: fields
		if src.ZeroAs == rowwrite.ZeroAsDefault && randomDefault(w.key) {
			c.noteRandomDefault(src.At.Pos(), src.What, w.keyTarget)
			return
		}
		if src.ZeroAs == rowwrite.ZeroAsDefault && hasDatabaseDefault(w.key) || len(w.nulls) == 0 || w.v.NeverNull {
			return
		}
		c.report(finding{code: checks.GoNullKey, written: true, at: src.At, why: src.What + zeroWritten(w.site, src, w.key), noFix: leftOutNoFix}, w.keyTarget)
		return
	}
	switch {
	case len(w.nulls) > 0 && !w.v.NeverNull && zeroNull:
		c.report(finding{code: checks.GoNullKey, written: true, at: src.At, why: src.What + ", so " + w.site.API + " writes NULL", noFix: leftOutNoFix}, w.keyTarget)
	case len(w.nulls) > 0 && !w.v.NeverNull && w.v.NullIfEmpty && vocab.IsString(src.Zero):
		c.report(finding{code: checks.GoNullKey, written: true, at: src.At, why: src.What + ", so " + w.site.API + " writes the empty string" + emptyBecomesNull(w), noFix: leftOutNoFix}, w.keyTarget)
	case len(w.empties) > 0 && !w.v.NeverNull && !w.v.NullIfEmpty && vocab.IsString(src.Zero):
		c.report(finding{code: checks.GoEmptyKey, at: src.At, why: src.What + ", so " + w.site.API + " writes the empty string", noFix: leftOutNoFix}, w.keyTarget)
	case len(w.zeros) > 0 && !w.v.NeverNull && !w.v.NullIfEmpty && vocab.IsFixedID(src.Zero):
		zero := vocab.ZeroIDName(src.Zero)
		c.report(finding{code: checks.GoEmptyKey, zero: zero, at: src.At, why: src.What + ", so " + w.site.API + " writes " + zero, noFix: leftOutNoFix}, w.keyTarget)
	}
}

// emptyBecomesNull says what turns an empty key into NULL: the key type's
// Value method, NULLIF in the SQL, or an API that writes "" as NULL or
// DEFAULT (bun's nullzero).
func emptyBecomesNull(w write) string {
	if w.valuer != nil {
		return ", which " + valuerName(w.valuer) + " writes as NULL"
	}
	if src := w.site.Source(w.v); src.ZeroAs != rowwrite.ZeroAsIs {
		return zeroWritten(w.site, src, w.key)
	}
	return ", which NULLIF turns into NULL"
}

// zeroWritten says how an API that does not write zero values (bun's
// nullzero and nil pointers) turns one into NULL.
func zeroWritten(site rowwrite.Site, src rowwrite.Source, key *schema.Column) string {
	if src.ZeroAs == rowwrite.ZeroAsDefault {
		return ", so " + site.API + " leaves " + key.Name + " to its database default, and it has none: NULL"
	}
	return ", so " + site.API + " writes NULL"
}

// ssaFor returns the SSA function holding site and the call instruction,
// building the package's SSA on first use: only packages with insert sites
// into key columns pay for it.
func (c *checker) ssaFor(site rowwrite.Site) (*ssa.Function, ssa.CallInstruction) {
	// The functions exportResults will summarise are roots too: once the
	// SSA exists it summarises every exported key-shaped function.
	if c.ssaPkg == nil {
		var extra []*types.Func
		if !c.TestVariant {
			extra = c.resultCandidates(false)
		}
		c.buildSSA(extra)
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
	if ci := callAt(fn, site.Call); ci != nil {
		return fn, ci
	}
	return nil, nil
}

// callAt returns the call instruction of fn made by the call expression ce.
// testAt returns the comparison instruction of test (x.Key != "", or
// len(x.Key) > 0) in fn.
func testAt(fn *ssa.Function, test ast.Expr) ssa.Instruction {
	b, ok := astutil.Unparen(test).(*ast.BinaryExpr)
	if !ok {
		return nil
	}
	for _, blk := range fn.Blocks {
		for _, instr := range blk.Instrs {
			if op, ok := instr.(*ssa.BinOp); ok && op.Pos() == b.OpPos {
				return op
			}
		}
	}
	return nil
}

// callWithin is callAt in fn or in a function literal within it, with
// the function that holds the call.
func callWithin(fn *ssa.Function, ce *ast.CallExpr) (ssa.CallInstruction, *ssa.Function) {
	if ci := callAt(fn, ce); ci != nil {
		return ci, fn
	}
	for _, anon := range fn.AnonFuncs {
		if syn := anon.Syntax(); syn != nil && syn.Pos() <= ce.Pos() && ce.End() <= syn.End() {
			return callWithin(anon, ce)
		}
	}
	return nil, nil
}

// callOf returns the call that takes arg as one of its arguments, or nil.
func (c *checker) callOf(arg ast.Expr) *ast.CallExpr {
	for _, f := range c.pass.Files {
		if f.Pos() > arg.Pos() || arg.End() > f.End() {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, arg.Pos(), arg.End())
		for i, n := range path {
			if ce, ok := n.(*ast.CallExpr); ok && i > 0 && slices.Contains(ce.Args, path[i-1].(ast.Expr)) {
				return ce
			}
			if _, ok := n.(ast.Expr); !ok {
				return nil
			}
		}
	}
	return nil
}

func callAt(fn *ssa.Function, ce *ast.CallExpr) ssa.CallInstruction {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ci, ok := instr.(ssa.CallInstruction); ok && ci.Common().Pos() == ce.Lparen {
				return ci
			}
		}
	}
	return nil
}

// buildSSA builds the package's SSA once, for the functions planSSA picks
// from the insert sites, the key writers' callers and extra.
func (c *checker) buildSSA(extra []*types.Func) {
	if c.ssaPkg != nil {
		return
	}
	c.buildSSAFor(c.planSSA(c.sites, extra))
}

// findSiteTable is Insert.TableIn for a site, for an ent builder whose entity
// package is out of view the ent schema of its type, and for a GORM write
// the Go-declared table of its model's package and type: the one its
// TableName names when that is declared in another package (site.Model
// with no table), and, where the name found a model of another package of
// the same type name and table (billing.Account and ledger.Account, both
// "accounts"), the model's own.
func findSiteTable(m *schema.Model, site rowwrite.Site) *schema.Table {
	if site.EntEntity != "" {
		if t := goModelTable(m, site.EntEntity, ""); t != nil {
			return t
		}
		return site.Insert.TableIn(m)
	}
	if site.Model == "" {
		return site.Insert.TableIn(m)
	}
	if site.Insert.Table == "" {
		return goModelTable(m, site.Model, site.ModelPkg)
	}
	t := site.Insert.TableIn(m)
	if t != nil && t.ModelName == site.Model && isGoDeclared(t) {
		if own := goModelTable(m, site.Model, site.ModelPkg); own != nil && own != t &&
			strings.EqualFold(own.Name, t.Name) && strings.EqualFold(own.Namespace, t.Namespace) {
			return own
		}
	}
	return t
}

// isGoDeclared reports whether t is a table declared in Go (a GORM, ent or
// bun model).
func isGoDeclared(t *schema.Table) bool {
	return t.Span.IsValid() && strings.HasSuffix(t.Span.File.Path, ".go")
}

// goModelTable is the table declared in Go by a type named name: the one
// such table, or, when packages declare one each (billing.Account and
// ledger.Account), the one declared in the folder of the model's package
// pkg (an import path; "" when not known); nil when none is, or which one
// is not known.
func goModelTable(m *schema.Model, name, pkg string) *schema.Table {
	var found []*schema.Table
	for _, t := range m.Tables {
		if t.ModelName == name && isGoDeclared(t) {
			found = append(found, t)
		}
	}
	switch {
	case len(found) == 1:
		return found[0]
	case len(found) == 0 || pkg == "":
		return nil
	}
	// Several tables of one model type name: one type declared in several
	// files of its package (never: it would not compile) or, as here,
	// several packages' types of that name, told apart by their folder.
	i, ok := gomodel.InPackage(len(found), func(i int) string { return filepath.Dir(found[i].Span.File.Path) }, pkg)
	if !ok {
		return nil
	}
	return found[i]
}

// unlistedWidth checks an INSERT that names no columns, whose values fill
// t's columns in order: it reports false, with the number of values of
// the first row that differs, when a row has another number of values
// than t has columns (the schema idemlint read is not the database's, or
// the INSERT selects *), so no position can be trusted.
func unlistedWidth(t *schema.Table, ins *sqlinsert.Insert) (int, bool) {
	if ins.Columns != nil || ins.DefaultValue {
		return 0, true
	}
	for _, row := range ins.Rows {
		if len(row) != len(t.Columns) {
			return len(row), false
		}
	}
	return 0, true
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

// sayKeyWrite reports, once per package and only when the driver asks
// (Input.KeyWrites), that the package writes a key column: an insert of
// its own, or a call handing a key to a function that writes one (an API
// package over its repository). The driver's -v summary counts them.
func (c *checker) sayKeyWrite(pos token.Pos, what string) {
	if !c.KeyWrites || c.keyWriteSaid {
		return
	}
	c.keyWriteSaid = true
	c.pass.Report(analysis.Diagnostic{Pos: pos, Category: KeyWritesCategory, Message: what})
}
