package main

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/internal/fixer"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
)

const schemaUsage = `Usage: idemlint schema [flags] PATH...

Checks schema files, or the schema files in folders (recursively), without
any Go code. Files named together in one folder form one schema (a
multi-file Prisma schema); each folder argument is one schema. With no
PATH, checks the current folder.

Exit status: 0 clean, 3 findings reported, 1 errors (including files that
do not parse; their findings are still reported).

Flags:
`

// A finding is one schema finding or parse error, ready to print.
type finding struct {
	Code    string
	Pos     schema.Position
	End     schema.Position
	Message string
	Related []schema.Related
	Fixes   []schema.Fix
	file    *schema.File
}

type commaList []string

func (l *commaList) String() string { return strings.Join(*l, ",") }
func (l *commaList) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

func (c *cli) runSchema(args []string) int {
	fs := flag.NewFlagSet("idemlint schema", flag.ContinueOnError)
	var keys commaList
	fs.Var(&keys, "key", "comma-separated extra idempotency-key `columns`, as column or table.column")
	uncovered := fs.Bool("uncovered", false, "report IDEM102: key columns no unique constraint covers")
	dialect := fs.String("dialect", "", "override the schema's `dialect` (postgresql, mysql, sqlite, sqlserver, …)")
	showModel := fs.Bool("model", false, "print the models idemlint read (tables, columns, uniques, positions) as JSON on stdout, instead of checking them")
	var out outputFlags
	out.register(fs)
	if code, ok := c.parseFlags(fs, schemaUsage, args); !ok {
		return code
	}
	if err := out.validate(); err != nil {
		c.errorf("%v", err)
		return exitError
	}
	var loadOpts load.Options
	if *dialect != "" {
		d, ok := schema.ParseDialect(*dialect)
		if !ok {
			c.errorf("-dialect %q: unknown dialect", *dialect)
			return exitError
		}
		loadOpts.Dialect = d
	}
	opts := schema.Options{Keys: schema.KeyMatcher{Extra: keys}, Uncovered: *uncovered}

	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	code := exitClean
	groups, err := c.schemaGroups(paths, out.verbose)
	if err != nil {
		c.errorf("%v", err)
		code = exitError
	}
	var findings []finding
	var modelsJSON []schema.ModelJSON
	for _, g := range groups {
		models, err := load.Files(g, loadOpts)
		if err != nil {
			c.errorf("%v", err)
			code = exitError
			continue
		}
		if *showModel {
			for _, m := range models {
				modelsJSON = append(modelsJSON, m.JSON())
				if len(m.Errors) > 0 {
					code = exitError
				}
			}
			continue
		}
		for _, m := range models {
			for _, e := range m.Errors {
				code = exitError
				findings = append(findings, finding{Code: analyzer.ParseErrorCode, Pos: e.Pos, End: e.Pos, Message: e.Msg})
			}
			for _, f := range schema.Check(m, opts) {
				end := f.Span.Position()
				if f.Span.File != nil {
					end = f.Span.File.Position(f.Span.End)
				}
				findings = append(findings, finding{
					Code: f.Code, Pos: f.Span.Position(), End: end, Message: f.Message,
					Related: f.Related, Fixes: f.Fixes, file: f.Span.File,
				})
			}
		}
	}
	if *showModel {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if modelsJSON == nil {
			modelsJSON = []schema.ModelJSON{}
		}
		if err := enc.Encode(modelsJSON); err != nil {
			c.errorf("%v", err)
			return exitError
		}
		return code
	}
	slices.SortStableFunc(findings, func(a, b finding) int {
		return cmp.Or(strings.Compare(a.Pos.Path, b.Pos.Path), cmp.Compare(a.Pos.Offset, b.Pos.Offset))
	})
	// A file loaded by two groups (say, a migration history that two named
	// files both lead to) would report twice.
	findings = slices.CompactFunc(findings, func(a, b finding) bool {
		return a.Code == b.Code && a.Pos == b.Pos && a.Message == b.Message
	})

	reported := 0 // findings (not parse errors) left for the user
	switch {
	case out.json:
		if err := c.printSchemaJSON(findings); err != nil {
			c.errorf("%v", err)
			return exitError
		}
		for _, f := range findings {
			if f.Code != analyzer.ParseErrorCode {
				reported++
			}
		}
	case out.fix || out.diff:
		var fixes []fixer.Fix
		fixOf := make([]int, len(findings))
		baselines := map[string]fixer.Baseline{}
		for i, f := range findings {
			fixOf[i] = -1
			if len(f.Fixes) == 0 {
				continue
			}
			fx := fixer.Fix{Message: f.Fixes[0].Message}
			for _, e := range f.Fixes[0].Edits {
				path := c.abs(e.File.Path)
				fx.Edits = append(fx.Edits, fixer.Edit{Path: path, Start: e.Start, End: e.End, New: e.New})
				baselines[fixer.CleanPath(path)] = fixer.Baseline{Content: e.File.Src}
			}
			for _, cf := range f.Fixes[0].Creates {
				path := c.abs(cf.Path)
				fx.Edits = append(fx.Edits, fixer.Create(path, cf.Content))
				baselines[fixer.CleanPath(path)] = fixer.Baseline{Absent: true}
			}
			fixOf[i] = len(fixes)
			fixes = append(fixes, fx)
		}
		var plan *fixer.Plan
		if len(fixes) > 0 {
			plan = fixer.Prepare(fixes, fixer.Options{Baselines: baselines})
			code = worse(code, c.finishPlan(plan, out))
		}
		for i, f := range findings {
			if fixOf[i] >= 0 && plan.Applied[fixOf[i]] {
				if out.diff {
					reported++ // the diff shows it
				}
				continue
			}
			c.printFinding(f, out.verbose)
			if f.Code != analyzer.ParseErrorCode {
				reported++
			}
		}
	default:
		for _, f := range findings {
			c.printFinding(f, out.verbose)
			if f.Code != analyzer.ParseErrorCode {
				reported++
			}
		}
	}
	if reported > 0 {
		code = worse(code, exitDiagnostics)
	}
	return code
}

// schemaGroups turns the PATH arguments into groups of schema files to
// load together. load treats all Prisma files it is given as one schema,
// so Prisma files are grouped by their folder, a folder inside another
// joining the outer one (a multi-file schema's subfolders); SQL files under
// such a folder (its migrations) join its group, and the other SQL files
// form one group, which load splits into histories and folders itself.
// Paths are made absolute; named files idemlint cannot read as a schema are
// skipped with a warning (a pre-commit hook may pass them).
func (c *cli) schemaGroups(paths []string, verbose bool) ([][]string, error) {
	var files []string
	seen := map[string]bool{}
	var errs []string
	for _, p := range paths {
		abs := c.abs(p)
		info, err := os.Stat(abs)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if !info.IsDir() && !load.IsSchemaFile(abs) {
			c.errorf("warning: skipping %s: not a schema file idemlint reads", p)
			continue
		}
		expanded, err := load.Expand([]string{abs})
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		for _, f := range expanded {
			if !seen[f] {
				seen[f] = true
				files = append(files, f)
			}
		}
	}
	slices.Sort(files)

	// Prisma roots: folders of Prisma files, outermost first.
	var roots []string
	for _, f := range files {
		if strings.EqualFold(filepath.Ext(f), ".prisma") {
			if d := filepath.Dir(f); !slices.Contains(roots, d) {
				roots = append(roots, d)
			}
		}
	}
	slices.SortFunc(roots, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	rootOf := func(f string) string {
		for _, r := range roots {
			if strings.HasPrefix(f, r+string(filepath.Separator)) {
				return r
			}
		}
		return ""
	}
	var outer []string
	for _, r := range roots {
		if rootOf(r) == "" {
			outer = append(outer, r)
		}
	}
	roots = outer
	groupOf := map[string]int{}
	var groups [][]string
	for _, f := range files {
		r := rootOf(f)
		i, ok := groupOf[r]
		if !ok {
			i = len(groups)
			groupOf[r] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], f)
	}
	if verbose {
		for _, g := range groups {
			c.errorf("schema: %s", strings.Join(mapSlice(g, c.display), " "))
		}
	}
	if len(errs) > 0 {
		return groups, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return groups, nil
}

func mapSlice(s []string, f func(string) string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

func (c *cli) schemaPosition(p schema.Position) string {
	if p.Path == "" {
		return "-"
	}
	s := c.display(p.Path)
	if p.Line > 0 {
		s += fmt.Sprintf(":%d:%d", p.Line, p.Column)
	}
	return s
}

func (c *cli) printFinding(f finding, verbose bool) {
	fmt.Fprintf(c.stderr, "%s: %s: %s\n", c.schemaPosition(f.Pos), f.Code, f.Message)
	if verbose {
		for _, r := range f.Related {
			fmt.Fprintf(c.stderr, "\t%s: %s\n", c.schemaPosition(r.Span.Position()), r.Message)
		}
	}
}

// The JSON shape of `idemlint schema -json`: an array of findings, with
// positions and edits as go vet's JSON spells them.
type jsonFinding struct {
	Code    string          `json:"code"`
	Posn    string          `json:"posn"`
	End     string          `json:"end"`
	Message string          `json:"message"`
	Related []jsonRelated   `json:"related,omitempty"`
	Fixes   []jsonSchemaFix `json:"fixes,omitempty"`
}

type jsonSchemaFix struct {
	Message string           `json:"message"`
	Edits   []jsonTextEdit   `json:"edits"`
	Creates []jsonCreateFile `json:"creates,omitempty"`
}

// A jsonCreateFile is a file a fix creates, such as the next migration.
type jsonCreateFile struct {
	Filename string `json:"filename"`
	Content  string `json:"content"`
}

func (c *cli) printSchemaJSON(findings []finding) error {
	list := make([]jsonFinding, 0, len(findings))
	for _, f := range findings {
		jf := jsonFinding{Code: f.Code, Posn: f.Pos.String(), End: f.End.String(), Message: f.Message}
		for _, r := range f.Related {
			end := r.Span.Position()
			if r.Span.File != nil {
				end = r.Span.File.Position(r.Span.End)
			}
			jf.Related = append(jf.Related, jsonRelated{Posn: r.Span.Position().String(), End: end.String(), Message: r.Message})
		}
		for _, fx := range f.Fixes {
			js := jsonSchemaFix{Message: fx.Message, Edits: []jsonTextEdit{}}
			for _, e := range fx.Edits {
				js.Edits = append(js.Edits, jsonTextEdit{Filename: c.abs(e.File.Path), Start: e.Start, End: e.End, New: e.New})
			}
			for _, cf := range fx.Creates {
				js.Creates = append(js.Creates, jsonCreateFile{Filename: c.abs(cf.Path), Content: string(cf.Content)})
			}
			jf.Fixes = append(jf.Fixes, js)
		}
		list = append(list, jf)
	}
	data, err := json.MarshalIndent(list, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "%s\n", data)
	return err
}
