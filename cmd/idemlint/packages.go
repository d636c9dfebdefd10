package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/output"
)

const packagesUsage = `idemlint reports idempotency-key columns the database cannot enforce.

Usage:
	idemlint [flags] [packages]        analyze Go packages (default ./...)
	idemlint schema [flags] PATH...    check schema files or folders alone
	idemlint help [schema|CODE]        usage, or a check's documentation
	go vet -vettool=$(which idemlint) [packages]
	go fix -fixtool=$(which idemlint) [packages]

Exit status: 0 clean, 3 diagnostics reported, 1 errors.

Flags:
`

// parseFlags parses args into fs; ok is false when the command must exit
// with code.
func (c *cli) parseFlags(fs *flag.FlagSet, usage string, args []string) (code int, ok bool) {
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprint(c.stderr, usage)
		fs.PrintDefaults()
		writeCheckList(c.stderr)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean, false
		}
		return exitError, false
	}
	return 0, true
}

func (c *cli) runPackages(args []string) int {
	fs := flag.NewFlagSet("idemlint", flag.ContinueOnError)
	opts := &config.Options{}
	a := analyzer.NewStandalone(opts)
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
	oo, err := out.options(c)
	if err != nil {
		c.errorf("%v", err)
		return exitError
	}
	oo.ByPackage = true
	if _, err := opts.Resolve(""); err != nil {
		c.errorf("%v", err) // a bad -dialect or -checks: say so once, before loading anything
		return exitError
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	res, ok := c.analyzePackages(a, patterns, *tests, *tags)
	if !ok {
		return exitError
	}
	return output.Write(res, oo)
}

// analyzePackages loads the packages and runs the analyzer over them; ok
// is false when nothing could be analyzed (the error is printed).
func (c *cli) analyzePackages(a *analysis.Analyzer, patterns []string, tests bool, tags string) (output.Result, bool) {
	var res output.Result
	mode := packages.LoadSyntax | packages.NeedModule
	if needsFacts(a) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	pcfg := &packages.Config{Mode: mode, Tests: tests, Dir: c.dir}
	if tags != "" {
		pcfg.BuildFlags = []string{"-tags=" + tags}
	}
	pkgs, err := packages.Load(pcfg, patterns...)
	if err != nil {
		c.errorf("%v", err)
		return res, false
	}
	pkgs = slices.DeleteFunc(pkgs, isTestMain)
	if len(pkgs) == 0 {
		c.errorf("warning: %q matched no packages", strings.Join(patterns, " "))
		return res, true
	}
	// Load and type errors, once each, including those of dependencies.
	seenErr := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range loadErrors(p) {
			msg := e.Msg
			if e.Pos != "" {
				msg = c.displayPos(e.Pos) + ": " + e.Msg
			}
			if !seenErr[msg] {
				seenErr[msg] = true
				res.Errors = append(res.Errors, output.Error{Package: p.ID, Message: msg})
			}
		}
	})
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		c.errorf("%v", err)
		return res, false
	}
	roots := slices.Clone(graph.Roots)
	slices.SortFunc(roots, func(x, y *checker.Action) int { return strings.Compare(x.Package.ID, y.Package.ID) })
	for _, act := range roots {
		if act.Err != nil {
			if !act.Package.IllTyped { // an ill-typed package's errors are listed above
				res.Errors = append(res.Errors, output.Error{Package: act.Package.ID, Message: "idemlint: " + act.Package.ID + ": " + act.Err.Error()})
			}
			continue
		}
		for _, d := range act.Diagnostics {
			res.AddAnalysis(act.Package.ID, act.Package.Fset, d)
		}
	}
	return res, true
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
