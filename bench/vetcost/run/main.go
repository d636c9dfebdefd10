// Command run measures what idemlint adds to go vet's floor and prints a
// table, plus benchmark lines for benchstat:
//
//	cd bench/vetcost && go run ./run [-count 5] [-scope all,module] [-out bench.txt]
//	cd bench/vetcost && go run ./run -module DIR [-gocache DIR] [patterns…]
//
// See ../README.md for the method.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/idemlint/idemlint/bench/vetcost"
)

type config struct {
	count     int
	scopes    []vetcost.Scope
	tools     []string
	out       string
	top       int
	benchstat bool
}

func main() {
	var c config
	flag.IntVar(&c.count, "count", 5, "measured runs per tool and scope")
	scopes := flag.String("scope", "all,module", "comma-separated scopes: all (every vet result recomputed, std included), module (only the measured packages); with -module the default is all")
	tools := flag.String("tools", strings.Join(vetcost.Tools, ","), "comma-separated rows, the floor first: noop, idemlint (as go vet's vettool), standalone (idemlint's own driver)")
	flag.StringVar(&c.out, "out", "", "also write the benchmark lines to this file")
	flag.IntVar(&c.top, "top", 10, "list the N measured packages where idemlint's tool process costs most over noop's")
	module := flag.String("module", "", "measure this existing module (in place) instead of the generated one; the arguments are the patterns (default ./...)")
	packages := flag.Int("packages", 0, "library packages in the generated module (0: default 240)")
	repo := flag.String("repo", "", "idemlint repository root (default: found above the working directory)")
	work := flag.String("work", "", "scratch folder, kept afterwards with each run's per-process log (default: a temporary one, removed)")
	gocache := flag.String("gocache", "", "GOCACHE for the measured runs (default: a fresh one in the scratch folder)")
	idemFlags := flag.String("idemlint-flags", "", "space-separated extra vet flags for go vet -vettool=idemlint (-idemlint.schema=…)")
	soloFlags := flag.String("standalone-flags", "", "space-separated extra flags for the standalone idemlint (-schema=…)")
	callgrindModule := flag.Bool("callgrind-module", false, "with -callgrind, count only the measured packages' tool processes; the dependencies' (facts only, the same code for every idemlint row) run natively and count 0")
	callgrind := flag.Bool("callgrind", false, "also count each tool process's user-space instructions under valgrind's callgrind (deterministic, ~50× slower: use -count 1)")
	flag.BoolVar(&c.benchstat, "benchstat", true, "summarize with go run golang.org/x/perf/cmd/benchstat@latest if it can be had")
	flag.Parse()
	if flag.NArg() > 0 && *module == "" {
		fatalf("patterns need -module (the generated module is always measured as ./...)")
	}
	scopeSet := false
	flag.Visit(func(f *flag.Flag) { scopeSet = scopeSet || f.Name == "scope" })
	if *module != "" && !scopeSet {
		// Scope module's set-up vets every dependency by name, and go vet
		// then vets (and compiles) each one's tests too: for a real module
		// that is far more work than the run it prepares.
		*scopes = "all"
	}
	c.scopes = parseScopes(*scopes)
	c.tools = strings.Split(*tools, ",")
	if c.tools[0] != "noop" {
		fatalf("-tools must start with noop, the floor the others are compared with")
	}

	logf := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "# "+format+"\n", args...) }
	env, err := vetcost.Setup(vetcost.SetupOptions{
		Repo: *repo, Work: *work, GoCache: *gocache,
		Module: *module, Patterns: flag.Args(),
		Gen:             vetcost.GenOptions{Packages: *packages},
		Flags:           strings.Fields(*idemFlags),
		StandaloneFlags: strings.Fields(*soloFlags),
		Logf:            logf,
	})
	if err != nil {
		fatalf("%v", err)
	}
	defer env.Close()
	env.Callgrind = *callgrind
	env.CallgrindModule = *callgrindModule
	if env.XTools["noop"] != env.XTools["idemlint"] {
		logf("WARNING: x/tools differs: noop %s, idemlint %s: the floors are not the same", env.XTools["noop"], env.XTools["idemlint"])
	}

	results, pairedNoop, lines := measure(env, c)
	if c.out != "" {
		if err := os.WriteFile(c.out, []byte(header(env)+strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			fatalf("%v", err)
		}
	}
	report(env, c, results, pairedNoop)
	if c.benchstat && c.out != "" {
		fmt.Println()
		cmd := exec.Command("go", "run", "golang.org/x/perf/cmd/benchstat@latest", "-col", "/tool", c.out)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			logf("benchstat: %v", err)
		}
	}
}

func parseScopes(list string) []vetcost.Scope {
	var sc []vetcost.Scope
	for _, s := range strings.Split(list, ",") {
		switch strings.TrimSpace(s) {
		case "all":
			sc = append(sc, vetcost.ScopeAll)
		case "module":
			sc = append(sc, vetcost.ScopeModule)
		default:
			fatalf("unknown scope %q", s)
		}
	}
	return sc
}

// measure runs every row count times per scope, each run of a measured
// row back to back with a run of noop (a pair), and which of the two runs
// first alternates from round to round (round 0: noop, idemlint, noop,
// standalone; round 1: idemlint, noop, standalone, noop; …): the second
// run of a pair may find the page cache and the CPU's clock in a state the
// first left, and drift over the session hits every row alike. It returns
// every run per "scope/tool" (noop's from all pairs) and, per measured
// "scope/tool", the noop run of each of its pairs, for the paired ratios.
func measure(env *vetcost.Env, c config) (results, pairedNoop map[string][]vetcost.Result, lines []string) {
	results, pairedNoop = map[string][]vetcost.Result{}, map[string][]vetcost.Result{}
	run := func(s vetcost.Scope, tool string) vetcost.Result {
		r, err := env.Vet(tool, s)
		if err != nil {
			fatalf("%v", err)
		}
		key := s.String() + "/" + tool
		results[key] = append(results[key], r)
		line := r.BenchLine(benchName(env, s, tool))
		lines = append(lines, line)
		fmt.Printf("%s\t# load %.1f\n", line, r.Load1)
		return r
	}
	for _, s := range c.scopes {
		for i := range c.count {
			if len(c.tools) == 1 { // the floor alone
				run(s, c.tools[0])
				continue
			}
			var counted *vetcost.Result // under callgrind, the round's one noop run
			for _, tool := range c.tools[1:] {
				var floor vetcost.Result
				switch {
				case counted != nil:
					// Instruction counts do not depend on what ran
					// before: one noop run per round is enough.
					floor = *counted
					run(s, tool)
				case i%2 == 0:
					floor = run(s, c.tools[0])
					run(s, tool)
				default:
					run(s, tool)
					floor = run(s, c.tools[0])
				}
				if env.Callgrind && counted == nil {
					counted = &floor
				}
				key := s.String() + "/" + tool
				pairedNoop[key] = append(pairedNoop[key], floor)
			}
		}
	}
	return results, pairedNoop, lines
}

func benchName(env *vetcost.Env, s vetcost.Scope, tool string) string {
	name := "BenchmarkVet"
	if s == vetcost.ScopeModule {
		name = "BenchmarkVetModule"
	}
	if !env.Generated {
		name += "/mod=" + filepath.Base(env.Module)
	}
	return name + "/tool=" + tool
}

func header(env *vetcost.Env) string {
	h := fmt.Sprintf("goos: %s\ngoarch: %s\npkg: github.com/idemlint/idemlint/bench/vetcost\n", runtime.GOOS, runtime.GOARCH)
	h += fmt.Sprintf("# %s %s, idemlint %s, %s\n", runtime.Version(), time.Now().UTC().Format(time.RFC3339), env.IdemlintRev, describe(env))
	return h
}

func describe(env *vetcost.Env) string {
	st := env.Stats
	d := fmt.Sprintf("%d packages, %d Go files (%d tests), %d lines; %d dependencies outside the module", st.Packages, st.GoFiles, st.TestFiles, st.Lines, len(env.Deps))
	if env.Generated {
		return fmt.Sprintf("generated module (%d with database/sql, %d insert sites): %s", env.Gen.DBPackages, env.Gen.InsertSite, d)
	}
	return fmt.Sprintf("%s %s %s: %s", env.Module, env.ModuleRev, strings.Join(env.Patterns, " "), d)
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "vetcost: "+format+"\n", args...)
	os.Exit(1)
}
