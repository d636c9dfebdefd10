// Command run measures what idemlint adds to go vet's floor and prints a
// table, plus benchmark lines for benchstat:
//
//	cd bench/vetcost && go run ./run [-count 5] [-scope all,module] [-out bench.txt]
//
// See ../README.md for the method.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/idemlint/idemlint/bench/vetcost"
)

func main() {
	count := flag.Int("count", 5, "measured runs per tool and scope")
	scopes := flag.String("scope", "all,module", "comma-separated scopes: all (every vet result recomputed, std included), module (only the module's packages)")
	out := flag.String("out", "", "also write the benchmark lines to this file")
	packages := flag.Int("packages", 0, "library packages in the generated module (0: default 240)")
	repo := flag.String("repo", "", "idemlint repository root (default: found above the working directory)")
	work := flag.String("work", "", "scratch folder, kept afterwards (default: a temporary one, removed)")
	gocache := flag.String("gocache", "", "GOCACHE for the measured runs (default: a fresh one in the scratch folder)")
	idemFlags := flag.String("idemlint-flags", "", "space-separated extra vet flags for idemlint")
	benchstat := flag.Bool("benchstat", true, "summarize with go run golang.org/x/perf/cmd/benchstat@latest if it can be had")
	flag.Parse()

	var sc []vetcost.Scope
	for _, s := range strings.Split(*scopes, ",") {
		switch strings.TrimSpace(s) {
		case "all":
			sc = append(sc, vetcost.ScopeAll)
		case "module":
			sc = append(sc, vetcost.ScopeModule)
		default:
			fatalf("unknown scope %q", s)
		}
	}

	logf := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "# "+format+"\n", args...) }
	env, err := vetcost.Setup(vetcost.SetupOptions{
		Repo: *repo, Work: *work, GoCache: *gocache,
		Gen:   vetcost.GenOptions{Packages: *packages},
		Flags: strings.Fields(*idemFlags),
		Logf:  logf,
	})
	if err != nil {
		fatalf("%v", err)
	}
	defer env.Close()
	if env.XTools["noop"] != env.XTools["idemlint"] {
		logf("WARNING: x/tools differs: noop %s, idemlint %s: the floors are not the same", env.XTools["noop"], env.XTools["idemlint"])
	}

	results := map[string][]vetcost.Result{}
	var lines []string
	for _, s := range sc {
		for i := range *count {
			// Alternate the order (ABBA) so that drift hits both tools alike.
			order := slices.Clone(vetcost.Tools)
			if i%2 == 1 {
				slices.Reverse(order)
			}
			for _, tool := range order {
				r, err := env.Vet(tool, s)
				if err != nil {
					fatalf("%v", err)
				}
				key := s.String() + "/" + tool
				results[key] = append(results[key], r)
				name := "BenchmarkVet/tool=" + tool
				if s == vetcost.ScopeModule {
					name = "BenchmarkVetModule/tool=" + tool
				}
				line := r.BenchLine(name)
				lines = append(lines, line)
				fmt.Printf("%s\t# load %.1f\n", line, r.Load1)
			}
		}
	}

	if *out != "" {
		if err := os.WriteFile(*out, []byte(header()+strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			fatalf("%v", err)
		}
	}

	fmt.Printf("\n%s, %s/%s, %d CPUs, %s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format("2006-01-02"))
	fmt.Printf("module: %d packages (%d with database/sql, %d insert sites, %d test files), %d lines of Go; %d std packages in its deps\n",
		env.Gen.Packages, env.Gen.DBPackages, env.Gen.InsertSite, env.Gen.TestFiles, env.Gen.Lines, len(env.StdDeps))
	fmt.Printf("idemlint built from %s; x/tools: noop %s, idemlint %s\n", env.IdemlintRev, env.XTools["noop"], env.XTools["idemlint"])
	fmt.Printf("%d runs per tool and scope; medians (peaks: max); 1-minute load average during the runs %.1f–%.1f\n\n", *count,
		minOf(all(results), func(r vetcost.Result) float64 { return r.Load1 }), maxOf(all(results), func(r vetcost.Result) float64 { return r.Load1 }))
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scope\ttool\twall s\tmin s\tcpu s\ttool cpu s\tmodule-pkg cpu s\ttool runs\tpeak tool RSS MiB\tpeak module-pkg RSS MiB\tpeak go RSS MiB\tdiags\t")
	for _, s := range sc {
		for _, tool := range vetcost.Tools {
			rs := results[s.String()+"/"+tool]
			fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%.0f\t%.0f\t%.0f\t%d\t\n", s, tool,
				med(rs, func(r vetcost.Result) float64 { return r.Wall.Seconds() }),
				minOf(rs, func(r vetcost.Result) float64 { return r.Wall.Seconds() }),
				med(rs, func(r vetcost.Result) float64 { return r.CPU.Seconds() }),
				med(rs, func(r vetcost.Result) float64 { return r.ToolCPU.Seconds() }),
				med(rs, func(r vetcost.Result) float64 { return r.ModuleCPU.Seconds() }),
				rs[0].Runs,
				maxOf(rs, func(r vetcost.Result) float64 { return mib(r.ToolRSS) }),
				maxOf(rs, func(r vetcost.Result) float64 { return mib(r.ModuleRSS) }),
				maxOf(rs, func(r vetcost.Result) float64 { return mib(r.GoRSS) }),
				rs[0].Diagnostics)
		}
	}
	tw.Flush()
	fmt.Println()
	for _, s := range sc {
		n, m := results[s.String()+"/noop"], results[s.String()+"/idemlint"]
		ratio := func(f func(vetcost.Result) float64) float64 { return med(m, f) / med(n, f) }
		fmt.Printf("scope %s: idemlint/noop wall %.2fx, cpu %.2fx, tool cpu %.2fx, module-pkg tool cpu %.2fx; slowest tool process (idemlint): %s %.2fs\n", s,
			ratio(func(r vetcost.Result) float64 { return r.Wall.Seconds() }),
			ratio(func(r vetcost.Result) float64 { return r.CPU.Seconds() }),
			ratio(func(r vetcost.Result) float64 { return r.ToolCPU.Seconds() }),
			ratio(func(r vetcost.Result) float64 { return r.ModuleCPU.Seconds() }),
			strings.TrimPrefix(m[0].Slowest, env.Module+"/"), m[0].SlowWall.Seconds())
	}

	if *benchstat && *out != "" {
		fmt.Println()
		cmd := exec.Command("go", "run", "golang.org/x/perf/cmd/benchstat@latest", "-col", "/tool", *out)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			logf("benchstat: %v", err)
		}
	}
}

func header() string {
	return fmt.Sprintf("goos: %s\ngoarch: %s\npkg: github.com/idemlint/idemlint/bench/vetcost\n", runtime.GOOS, runtime.GOARCH)
}

func all(m map[string][]vetcost.Result) []vetcost.Result {
	var out []vetcost.Result
	for _, rs := range m {
		out = append(out, rs...)
	}
	return out
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

func med(rs []vetcost.Result, f func(vetcost.Result) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func minOf(rs []vetcost.Result, f func(vetcost.Result) float64) float64 {
	m := f(rs[0])
	for _, r := range rs[1:] {
		m = min(m, f(r))
	}
	return m
}

func maxOf(rs []vetcost.Result, f func(vetcost.Result) float64) float64 {
	m := f(rs[0])
	for _, r := range rs[1:] {
		m = max(m, f(r))
	}
	return m
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "vetcost: "+format+"\n", args...)
	os.Exit(1)
}
