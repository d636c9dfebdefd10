package analyzer

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

	"github.com/idemlint/idemlint/analyzer/insertsite"
	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
	"github.com/idemlint/idemlint/schema/migrate"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// Codes of the Go-side checks.
const (
	NullKeyCode  = "IDEM201" // an insert path can write NULL into a key whose NULLs repeat
	EmptyKeyCode = "IDEM202" // an insert path can write "" into a key whose unique rule collides on it
)

// goChecker runs IDEM201 and IDEM202 over one package.
type goChecker struct {
	pass   *analysis.Pass
	cfg    *Config
	r      *reporter
	models []*schema.Model

	ssaPkg *ssa.Package // built on first need
	flow   *flow
	sums   summaries          // functions that write a parameter into a key
	seen   map[token.Pos]bool // reported positions, across rounds of checkCalls
}

// checkInserts finds the package's INSERT call sites and checks what they
// write into idempotency-key columns. ownModels are the schemas the package
// embeds; without them the module's schemas are found on disk.
func checkInserts(pass *analysis.Pass, cfg *Config, r *reporter, ownModels []*schema.Model) error {
	c := &goChecker{pass: pass, cfg: cfg, r: r, flow: newFlow(keyFuncs(pass)), sums: summaries{}, seen: map[token.Pos]bool{}}
	// Cheap exit for the many packages that send no INSERT.
	if insertsite.MayInsert(pass.Pkg, pass.Files, pass.TypesInfo) {
		models := ownModels
		if len(models) == 0 {
			var err error
			if models, err = moduleModels(pass, cfg); err != nil {
				return err
			}
		}
		c.models = models
		for _, m := range models {
			for _, site := range insertsite.Find(pass.Files, pass.TypesInfo, m.Dialect) {
				c.checkSite(m, site)
			}
		}
	}
	// Calls into functions that write a parameter into a key: those of this
	// package found above, and imported ones known by their facts.
	// A round can add summaries (a wrapper forwarding its parameter), which
	// callers earlier in the file need: repeat while rounds find new ones.
	if len(c.sums) > 0 || len(pass.AllObjectFacts()) > 0 {
		for round := 0; round < 4; round++ {
			before := c.sums.size()
			c.checkCalls()
			if c.sums.size() == before {
				break
			}
		}
	}
	c.exportSummaries()
	return nil
}

// moduleModels loads the schemas of the package's module: the -schema
// files, else every schema FindSchemas recognises (sqlc and Atlas
// configurations, Prisma schemas, migration folders).
func moduleModels(pass *analysis.Pass, cfg *Config) ([]*schema.Model, error) {
	dir := packageDir(pass)
	root := moduleRoot(dir)
	if root == "" {
		return nil, nil
	}
	var paths []string
	for _, p := range cfg.SchemaPaths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		paths = append(paths, p)
	}
	opts, err := loadOptions(cfg)
	if err != nil {
		return nil, err
	}
	if len(paths) > 0 {
		return load.Paths(paths, opts)
	}
	sources, err := migrate.FindSchemas(root)
	if err != nil {
		return nil, nil // an unreadable tree is not this package's problem
	}
	var models []*schema.Model
	for _, s := range sources {
		if s.Mirrors != "" {
			continue // loading the Prisma schema brings its migrations along
		}
		o := opts
		if o.Dialect == schema.DialectUnknown {
			o.Dialect = s.Dialect
		}
		files, err := load.Expand(s.Paths)
		if err != nil {
			continue
		}
		ms, err := load.Files(files, o)
		if err != nil {
			continue
		}
		models = append(models, ms...)
	}
	return models, nil
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
		if ok, _ := (schema.KeyMatcher{Extra: c.cfg.Keys}).IsKey(t, key); !ok {
			continue
		}
		nulls := schema.NullRepeats(m, t, key)
		empties := schema.EmptyCollides(m, t, key)
		if len(nulls) == 0 && len(empties) == 0 {
			continue
		}
		c.checkKey(m, t, key, site, nulls, empties)
	}
}

// checkKey checks what site writes into key.
func (c *goChecker) checkKey(m *schema.Model, t *schema.Table, key *schema.Column, site insertsite.Site, nulls, empties []*schema.Unique) {
	ins := site.Insert
	col := columnIndex(t, ins, key)
	if col < 0 {
		if ins.FromSelect || len(nulls) == 0 || key.Default != nil && key.Default.InDatabase {
			return
		}
		if ins.Columns == nil && !ins.DefaultValue {
			return // VALUES in table order: the key is written positionally (or the table is unknown)
		}
		c.report(NullKeyCode, site.Query, m, t, key, nulls,
			fmt.Sprintf("%s leaves out %s, which has no database default, so every row it writes has a NULL key", site.WriterName(), key.Name), token.NoPos, nil)
		return
	}
	for _, row := range ins.Rows {
		if col >= len(row) {
			continue
		}
		v := row[col]
		switch {
		case v.Kind == sqlinsert.Null && len(nulls) > 0:
			c.report(NullKeyCode, site.Query, m, t, key, nulls, "the INSERT writes NULL into "+key.Name, token.NoPos, nil)
		case v.Kind == sqlinsert.Default && len(nulls) > 0 && (key.Default == nil || !key.Default.InDatabase):
			c.report(NullKeyCode, site.Query, m, t, key, nulls, "the INSERT writes DEFAULT into "+key.Name+", which has no database default: NULL", token.NoPos, nil)
		case v.Kind == sqlinsert.Literal && v.EmptyLiteral && len(empties) > 0 && !v.NeverNull:
			c.report(EmptyKeyCode, site.Query, m, t, key, empties, "the INSERT writes the empty string into "+key.Name, token.NoPos, nil)
		case v.Kind == sqlinsert.Param || v.Kind == sqlinsert.Expr && (v.Index > 0 || v.Name != ""):
			c.checkArg(m, t, key, site, v, nulls, empties)
		}
	}
}

// checkArg asks the value analysis whether the Go argument feeding v can
// be NULL or empty on some path to the insert.
func (c *goChecker) checkArg(m *schema.Model, t *schema.Table, key *schema.Column, site insertsite.Site, v sqlinsert.Value, nulls, empties []*schema.Unique) {
	src := site.Source(v)
	hasDefault := key.Default != nil && key.Default.InDatabase
	if (src.OmitIfNil || src.ZeroAs == insertsite.ZeroAsDefault) && hasDefault {
		nulls = nil // a nil value leaves the column to its default
	}
	emptyNull := ", which NULLIF turns into NULL"
	if src.ZeroAs != insertsite.ZeroAsIs {
		v.NullIfEmpty = true // the API writes "" as NULL or DEFAULT, never as ""
		emptyNull = zeroWritten(site, src, key)
	}
	if src.Zero != nil {
		c.checkLeftOut(m, t, key, site, v, src, nulls, empties)
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
	if len(nulls) > 0 && !v.NeverNull {
		if verdict, ok := c.flow.mayBeNull(fn, val, call); ok {
			c.report(NullKeyCode, arg, m, t, key, nulls, verdict.Reason, verdict.Origin, nullFixes(c.pass, site, arg, key.MaxLength()))
			return
		}
		if v.NullIfEmpty {
			if verdict, ok := c.flow.mayBeEmpty(fn, val, call); ok {
				c.report(NullKeyCode, arg, m, t, key, nulls, verdict.Reason+emptyNull, verdict.Origin, emptyFixes(c.pass, site, arg, key.MaxLength()))
				return
			}
		}
	}
	if len(empties) > 0 && !v.NullIfEmpty && !v.NeverNull {
		if verdict, ok := c.flow.mayBeEmpty(fn, val, call); ok {
			c.report(EmptyKeyCode, arg, m, t, key, empties, verdict.Reason, verdict.Origin, emptyFixes(c.pass, site, arg, key.MaxLength()))
			return
		}
	}
	// Nothing known inside this function: if the key is a parameter (or a
	// field of one), its callers decide, through a fact.
	decl := enclosingDecl(site)
	if p, path, ok := paramPath(c.pass.TypesInfo, decl, arg); ok {
		if obj, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
			k := keyParam{Param: p, Path: path, Table: t.Name, Column: key.Name,
				Null: len(nulls) > 0 && !v.NeverNull, Empty: len(empties) > 0 && !v.NullIfEmpty && !v.NeverNull,
				Where: key.Span.Position().String(), MaxLen: key.MaxLength()}
			if v.NullIfEmpty && len(nulls) > 0 {
				k.Null, k.Empty = true, false
			}
			if t := c.pass.TypesInfo.TypeOf(arg); t != nil && !v.NullIfEmpty && !isNillable(t) && !isNullStruct(t) {
				k.Null = false // a string cannot carry NULL
			}
			if k.Null {
				k.Rule = ruleText(m, nulls[0])
			} else if k.Empty {
				k.Rule = schema.DescribeUnique(empties[0])
			}
			if k.Null || k.Empty {
				c.sums.add(obj, k)
			}
		}
	}
}

// checkLeftOut reports a key value left out of the Go value an API writes
// (a struct literal GORM or sqlx reads, a pgx.NamedArgs literal): the API
// writes its zero value.
func (c *goChecker) checkLeftOut(m *schema.Model, t *schema.Table, key *schema.Column, site insertsite.Site, v sqlinsert.Value, src insertsite.Source, nulls, empties []*schema.Unique) {
	zeroNull := isNillable(src.Zero) || isNullStruct(src.Zero)
	if src.ZeroAs != insertsite.ZeroAsIs { // bun's nullzero, nil pointers, default: fields
		if src.ZeroAs == insertsite.ZeroAsDefault && key.Default != nil && key.Default.InDatabase || len(nulls) == 0 || v.NeverNull {
			return
		}
		c.report(NullKeyCode, src.At, m, t, key, nulls, src.What+zeroWritten(site, src, key), token.NoPos, nil)
		return
	}
	switch {
	case len(nulls) > 0 && !v.NeverNull && zeroNull:
		c.report(NullKeyCode, src.At, m, t, key, nulls, src.What+", so "+site.API+" writes NULL", token.NoPos, nil)
	case len(nulls) > 0 && !v.NeverNull && v.NullIfEmpty && isString(src.Zero):
		c.report(NullKeyCode, src.At, m, t, key, nulls, src.What+", so "+site.API+" writes the empty string, which NULLIF turns into NULL", token.NoPos, nil)
	case len(empties) > 0 && !v.NeverNull && !v.NullIfEmpty && isString(src.Zero):
		c.report(EmptyKeyCode, src.At, m, t, key, empties, src.What+", so "+site.API+" writes the empty string", token.NoPos, nil)
	}
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
	if c.ssaPkg == nil {
		prog := ssa.NewProgram(c.pass.Fset, ssa.GlobalDebug|ssa.InstantiateGenerics)
		// Types-only packages for the direct imports: the builder creates
		// what it needs of indirect ones on demand.
		for _, p := range c.pass.Pkg.Imports() {
			prog.CreatePackage(p, nil, nil, true)
		}
		c.ssaPkg = prog.CreatePackage(c.pass.Pkg, c.pass.Files, c.pass.TypesInfo, false)
		c.ssaPkg.Build()
	}
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

// report emits one IDEM201/IDEM202 diagnostic at node, for an insert site
// of this package whose key column the model knows.
func (c *goChecker) report(code string, node ast.Node, m *schema.Model, t *schema.Table, key *schema.Column, uniques []*schema.Unique, why string, origin token.Pos, fixes []analysis.SuggestedFix) {
	rule := schema.DescribeUnique(uniques[0])
	if code == NullKeyCode {
		rule = ruleText(m, uniques[0])
	}
	var related []analysis.RelatedInformation
	if origin.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: origin, Message: "the key comes from here"})
	}
	if key.Span.IsValid() {
		pos, end := c.r.pos(key.Span)
		related = append(related, analysis.RelatedInformation{Pos: pos, End: end, Message: "the key column"})
	}
	c.emit(code, node, t.Name, key.Name, why, rule, related, fixes)
}

// emit reports a NULL (IDEM201) or empty (IDEM202) key at node, unless a
// comment suppresses it; rule names the unique rule the key defeats. Both
// the insert sites and the calls of summarised functions report here, so
// their messages read alike.
func (c *goChecker) emit(code string, node ast.Node, table, column, why, rule string, related []analysis.RelatedInformation, fixes []analysis.SuggestedFix) {
	if file := fileOf(c.pass, node.Pos()); file != nil {
		if src, err := readGoFile(c.pass, file); err == nil && suppressedInGo(c.pass.Fset, file, src, node.Pos(), code) {
			return
		}
	}
	var msg string
	if code == NullKeyCode {
		msg = fmt.Sprintf("%s: idempotency key %s.%s can be NULL here: %s; NULLs are distinct in %s, so a retry without a key is inserted again",
			code, table, column, why, rule)
	} else {
		msg = fmt.Sprintf("%s: idempotency key %s.%s can be empty here: %s; %s then rejects every other keyless request as a duplicate",
			code, table, column, why, rule)
	}
	if isGenerated(c.pass, node.Pos()) {
		fixes = nil // the fix belongs in the generator's input (sqlc's query.sql), not its output
	}
	c.pass.Report(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Category: code, Message: msg,
		SuggestedFixes: fixes, Related: related, URL: docURL + "#" + strings.ToLower(code)})
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
