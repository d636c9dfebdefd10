package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/internal/fixer"
)

const packagesUsage = `idemlint reports idempotency-key columns the database cannot enforce.

Usage:
	idemlint [flags] [packages]        analyze Go packages (default ./...)
	idemlint schema [flags] PATH...    check schema files or folders alone
	go vet -vettool=$(which idemlint) [packages]
	go fix -fixtool=$(which idemlint) [packages]

Exit status: 0 clean, 3 diagnostics reported, 1 errors.

Flags:
`

// outputFlags are the flags both modes share.
type outputFlags struct {
	json, fix, diff, verbose bool
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&o.json, "json", false, "print diagnostics as JSON on stdout")
	fs.BoolVar(&o.fix, "fix", false, "apply the first suggested fix of every diagnostic, in Go and schema files alike")
	fs.BoolVar(&o.diff, "diff", false, "print the unified diff -fix would apply, and write nothing")
	fs.BoolVar(&o.verbose, "v", false, "also print related positions under each diagnostic, and what -fix did")
}

func (o *outputFlags) validate() error {
	if o.json && (o.fix || o.diff) {
		return errors.New("-json cannot be combined with -fix or -diff")
	}
	return nil
}

// parseFlags parses args into fs; ok is false when the command must exit
// with code.
func (c *cli) parseFlags(fs *flag.FlagSet, usage string, args []string) (code int, ok bool) {
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprint(c.stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean, false
		}
		return exitError, false
	}
	return 0, true
}

// A diag is one diagnostic of the package mode, deduplicated.
type diag struct {
	pkgID string
	d     analysis.Diagnostic
	posn  token.Position
}

func (c *cli) runPackages(args []string) int {
	fs := flag.NewFlagSet("idemlint", flag.ContinueOnError)
	cfg := &analyzer.Config{CreateFiles: true}
	a := analyzer.New(cfg)
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	var out outputFlags
	out.register(fs)
	tests := fs.Bool("test", true, "also analyze test packages")
	tags := fs.String("tags", "", "comma-separated build `tags`")
	chdir := fs.String("C", "", "change to `dir` before loading packages, as go -C does")
	showVersion := fs.Bool("V", false, "print the version and exit")
	fs.BoolVar(showVersion, "version", false, "print the version and exit")
	if code, ok := c.parseFlags(fs, packagesUsage, args); !ok {
		return code
	}
	if *showVersion {
		fmt.Fprintln(c.stdout, version())
		return exitClean
	}
	if *chdir != "" {
		if err := os.Chdir(*chdir); err != nil {
			c.errorf("-C: %v", err)
			return exitError
		}
		c.dir, _ = os.Getwd()
	}
	if err := out.validate(); err != nil {
		c.errorf("%v", err)
		return exitError
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}

	mode := packages.LoadSyntax | packages.NeedModule
	if needsFacts(a) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	pcfg := &packages.Config{Mode: mode, Tests: *tests, Dir: c.dir}
	if *tags != "" {
		pcfg.BuildFlags = []string{"-tags=" + *tags}
	}
	pkgs, err := packages.Load(pcfg, patterns...)
	if err != nil {
		c.errorf("%v", err)
		return exitError
	}
	pkgs = slices.DeleteFunc(pkgs, isTestMain)
	if len(pkgs) == 0 {
		c.errorf("warning: %q matched no packages", strings.Join(patterns, " "))
		return exitClean
	}

	code := exitClean
	tree := jsonTree{}
	// Load and type errors, once each, including those of dependencies.
	seenErr := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range loadErrors(p) {
			msg := e.Msg
			if e.Pos != "" {
				msg = c.displayPos(e.Pos) + ": " + e.Msg
			}
			if seenErr[msg] {
				continue
			}
			seenErr[msg] = true
			code = exitError
			if out.json {
				tree.addError(p.ID, msg)
			} else {
				fmt.Fprintln(c.stderr, msg)
			}
		}
	})

	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		c.errorf("%v", err)
		return exitError
	}
	roots := slices.Clone(graph.Roots)
	slices.SortFunc(roots, func(x, y *checker.Action) int { return strings.Compare(x.Package.ID, y.Package.ID) })

	var fset *token.FileSet
	var diags []diag
	seen := map[string]bool{}
	for _, act := range roots {
		fset = act.Package.Fset
		if act.Err != nil {
			if act.Package.IllTyped {
				continue // its errors are printed above
			}
			code = exitError
			if out.json {
				tree.addError(act.Package.ID, act.Err.Error())
			} else {
				c.errorf("%s: %v", act.Package.ID, act.Err)
			}
			continue
		}
		for _, d := range act.Diagnostics {
			posn := fset.Position(d.Pos)
			key := posn.String() + "\x00" + d.Message
			if seen[key] {
				continue // a test variant repeats its package's diagnostics
			}
			seen[key] = true
			diags = append(diags, diag{pkgID: act.Package.ID, d: d, posn: posn})
		}
	}
	slices.SortStableFunc(diags, func(x, y diag) int {
		return cmp.Or(
			strings.Compare(x.posn.Filename, y.posn.Filename),
			cmp.Compare(x.posn.Offset, y.posn.Offset),
			strings.Compare(x.d.Message, y.d.Message))
	})

	switch {
	case out.json:
		for _, d := range diags {
			tree.addDiagnostic(d.pkgID, jsonDiagnosticOf(fset, d.d))
		}
		if err := tree.print(c.stdout); err != nil {
			c.errorf("%v", err)
			return exitError
		}
		if len(diags) > 0 {
			code = worse(code, exitDiagnostics)
		}
		return code

	case out.fix || out.diff:
		var fixes []fixer.Fix
		fixOf := make([]int, len(diags)) // index into fixes, or -1
		baselines := map[string]fixer.Baseline{}
		for i, d := range diags {
			fixOf[i] = -1
			if len(d.d.SuggestedFixes) == 0 {
				continue
			}
			sf := d.d.SuggestedFixes[0]
			f := fixer.Fix{Message: sf.Message}
			for _, e := range sf.TextEdits {
				start := fset.Position(e.Pos)
				end := start
				if e.End.IsValid() {
					end = fset.Position(e.End)
				}
				f.Edits = append(f.Edits, fixer.Edit{Path: start.Filename, Start: start.Offset, End: end.Offset, New: string(e.NewText)})
				if tf := fset.File(e.Pos); tf != nil {
					p := fixer.CleanPath(start.Filename)
					if _, ok := baselines[p]; !ok {
						baselines[p] = fixer.SizeBaseline(tf.Size(), tf.Lines())
					}
				}
			}
			fixOf[i] = len(fixes)
			fixes = append(fixes, f)
		}
		fixed := func(i int) bool { return false }
		if len(fixes) > 0 {
			plan := fixer.Prepare(fixes, fixer.Options{Baselines: baselines})
			fixed = func(i int) bool { return fixOf[i] >= 0 && plan.Applied[fixOf[i]] }
			code = worse(code, c.finishPlan(plan, out))
		}
		var remaining []diag
		for i, d := range diags {
			if !fixed(i) {
				remaining = append(remaining, d)
			}
		}
		for _, d := range remaining {
			c.printText(fset, d.d, out.verbose)
		}
		if len(remaining) > 0 || (out.diff && len(diags) > 0) {
			code = worse(code, exitDiagnostics)
		}
		return code

	default:
		for _, d := range diags {
			c.printText(fset, d.d, out.verbose)
		}
		if len(diags) > 0 {
			code = worse(code, exitDiagnostics)
		}
		return code
	}
}

// worse combines exit codes: errors win over diagnostics, which win over
// a clean run.
func worse(a, b int) int {
	rank := func(c int) int {
		switch c {
		case exitClean:
			return 0
		case exitDiagnostics:
			return 1
		}
		return 2
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// finishPlan writes the plan (or prints its diff) and reports its errors.
func (c *cli) finishPlan(plan *fixer.Plan, out outputFlags) int {
	code := exitClean
	for _, e := range plan.Errors {
		c.errorf("cannot fix %s: %v", c.display(e.Path), e.Err)
		code = exitError
	}
	if out.diff {
		if err := plan.WriteDiffs(c.stdout, c.display); err != nil {
			c.errorf("%v", err)
			code = exitError
		}
		return code
	}
	if err := plan.Write(); err != nil {
		c.errorf("%v", err)
		code = exitError
	}
	if out.verbose {
		n := 0
		for _, ok := range plan.Applied {
			if ok {
				n++
			}
		}
		c.errorf("applied %d fixes to %d files", n, len(plan.Files))
	}
	return code
}

func (c *cli) position(p token.Position) string {
	if !p.IsValid() {
		return "-"
	}
	s := c.display(p.Filename)
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Column > 0 {
			s += fmt.Sprintf(":%d", p.Column)
		}
	}
	return s
}

func (c *cli) printText(fset *token.FileSet, d analysis.Diagnostic, verbose bool) {
	fmt.Fprintf(c.stderr, "%s: %s\n", c.position(fset.Position(d.Pos)), d.Message)
	if verbose {
		for _, r := range d.Related {
			fmt.Fprintf(c.stderr, "\t%s: %s\n", c.position(fset.Position(r.Pos)), r.Message)
		}
	}
}

// loadErrors returns the errors of p worth printing. When the type checker
// reported errors, the go command's "# pkg" summary of the same errors is
// left out.
func loadErrors(p *packages.Package) []packages.Error {
	typeErrs := slices.ContainsFunc(p.Errors, func(e packages.Error) bool { return e.Kind == packages.TypeError })
	var out []packages.Error
	for _, e := range p.Errors {
		if typeErrs && e.Kind == packages.ListError && (e.Pos == "" || e.Pos == "-") && strings.HasPrefix(e.Msg, "# ") {
			continue
		}
		out = append(out, e)
	}
	return out
}

// displayPos shortens the file name of a "file:line:col" position.
func (c *cli) displayPos(pos string) string {
	file, rest := pos, ""
	for range 2 {
		i := strings.LastIndexByte(file, ':')
		if i < 0 || strings.Trim(file[i+1:], "0123456789") != "" || i == len(file)-1 {
			break
		}
		file, rest = file[:i], file[i:]+rest
	}
	return c.display(file) + rest
}

// isTestMain reports whether p is the synthesized main package of a test
// binary ("p.test"), whose only file lives in the build cache.
func isTestMain(p *packages.Package) bool {
	if p.Name != "main" || !strings.HasSuffix(p.ID, ".test") {
		return false
	}
	for _, f := range p.GoFiles {
		if strings.HasSuffix(f, ".go") {
			return false
		}
	}
	return true
}

// needsFacts reports whether any of the analyzers, or what they require,
// uses facts, so dependencies must be loaded from source too.
func needsFacts(as ...*analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer) bool
	visit = func(a *analysis.Analyzer) bool {
		if seen[a] {
			return false
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		return slices.ContainsFunc(a.Requires, visit)
	}
	return slices.ContainsFunc(as, visit)
}

// The JSON shape of go vet -json (x/tools internal/analysis/driverutil):
// package ID → analyzer name → diagnostics, or {"error": "..."}.
type (
	jsonTree map[string]map[string]any

	jsonTextEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonSuggestedFix struct {
		Message string         `json:"message"`
		Edits   []jsonTextEdit `json:"edits"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonDiagnostic struct {
		Category       string             `json:"category,omitempty"`
		Posn           string             `json:"posn"`
		End            string             `json:"end"`
		Message        string             `json:"message"`
		SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated      `json:"related,omitempty"`
	}
	jsonError struct {
		Err string `json:"error"`
	}
)

func jsonDiagnosticOf(fset *token.FileSet, d analysis.Diagnostic) jsonDiagnostic {
	jd := jsonDiagnostic{
		Category: d.Category,
		Posn:     fset.Position(d.Pos).String(),
		End:      fset.Position(cmp.Or(d.End, d.Pos)).String(),
		Message:  d.Message,
	}
	for _, f := range d.SuggestedFixes {
		jf := jsonSuggestedFix{Message: f.Message, Edits: []jsonTextEdit{}}
		for _, e := range f.TextEdits {
			jf.Edits = append(jf.Edits, jsonTextEdit{
				Filename: fset.Position(e.Pos).Filename,
				Start:    fset.Position(e.Pos).Offset,
				End:      fset.Position(cmp.Or(e.End, e.Pos)).Offset,
				New:      string(e.NewText),
			})
		}
		jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
	}
	for _, r := range d.Related {
		jd.Related = append(jd.Related, jsonRelated{
			Posn:    fset.Position(r.Pos).String(),
			End:     fset.Position(cmp.Or(r.End, r.Pos)).String(),
			Message: r.Message,
		})
	}
	return jd
}

func (t jsonTree) entry(id string) map[string]any {
	m, ok := t[id]
	if !ok {
		m = map[string]any{}
		t[id] = m
	}
	return m
}

func (t jsonTree) addError(id, msg string) {
	m := t.entry(id)
	if prev, ok := m["idemlint"].(jsonError); ok {
		msg = prev.Err + "\n" + msg
	}
	m["idemlint"] = jsonError{msg}
}

func (t jsonTree) addDiagnostic(id string, d jsonDiagnostic) {
	m := t.entry(id)
	switch list := m["idemlint"].(type) {
	case []jsonDiagnostic:
		m["idemlint"] = append(list, d)
	case jsonError:
		// go vet's shape holds either an error or diagnostics; the error wins.
	default:
		m["idemlint"] = []jsonDiagnostic{d}
	}
}

func (t jsonTree) print(w interface{ Write([]byte) (int, error) }) error {
	data, err := json.MarshalIndent(t, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
