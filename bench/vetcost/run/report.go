package main

import (
	"cmp"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/idemlint/idemlint/bench/vetcost"
)

// The targets of issue 9 for the standalone driver, against go vet with
// the no-op tool: peak memory at most 300 MB more, CPU within 1.05×.
const (
	targetExtraBytes = 300e6
	targetCPURatio   = 1.05
)

type metric func(vetcost.Result) float64

var (
	wall    metric = func(r vetcost.Result) float64 { return r.Wall.Seconds() }
	cpu     metric = func(r vetcost.Result) float64 { return r.CPU.Seconds() }
	toolCPU metric = func(r vetcost.Result) float64 { return r.ToolCPU.Seconds() }
	modCPU  metric = func(r vetcost.Result) float64 { return r.ModuleCPU.Seconds() }
	sumRSS  metric = func(r vetcost.Result) float64 { return float64(r.SumRSS) }
	treeRSS metric = func(r vetcost.Result) float64 { return float64(r.TreeRSS) }
)

func report(env *vetcost.Env, c config, results, pairedNoop map[string][]vetcost.Result) {
	fmt.Printf("\n%s, %s/%s, %d CPUs, %s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format("2006-01-02"))
	fmt.Println(describe(env))
	fmt.Printf("idemlint built from %s; x/tools: noop %s, idemlint %s\n", env.IdemlintRev, env.XTools["noop"], env.XTools["idemlint"])
	everything := all(results)
	fmt.Printf("%d runs per row and scope (noop: one per pair, %d); medians (RSS: max over runs); 1-minute load average at the runs' start %.1f–%.1f\n\n", c.count, c.count*max(1, len(c.tools)-1),
		minOf(everything, func(r vetcost.Result) float64 { return r.Load1 }), maxOf(everything, func(r vetcost.Result) float64 { return r.Load1 }))
	table(c, results)
	for _, s := range c.scopes {
		fmt.Println()
		ratios(s, c, results, pairedNoop)
		topPackages(s, c, results)
	}
	findings(c, results)
}

func table(c config, results map[string][]vetcost.Result) {
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scope\ttool\twall s\tmin s\tcpu s\ttool cpu s\tmodule-pkg cpu s\ttool runs\tmodule runs\t"+
		"peak tool MiB\tpeak module-pkg MiB\tlargest process MiB\tpeak sum MiB\t(procs)\troot MiB\tdiags\t")
	for _, s := range c.scopes {
		for _, tool := range c.tools {
			rs := results[s.String()+"/"+tool]
			at := slices.IndexFunc(rs, func(r vetcost.Result) bool { return float64(r.SumRSS) == maxOf(rs, sumRSS) })
			fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%.0f\t%.0f\t%.0f\t%.0f\t%d\t%.0f\t%d\t\n", s, tool,
				med(rs, wall), minOf(rs, wall), med(rs, cpu), med(rs, toolCPU), med(rs, modCPU), rs[0].Runs, rs[0].ModRuns,
				maxOf(rs, func(r vetcost.Result) float64 { return mib(r.ToolRSS) }),
				maxOf(rs, func(r vetcost.Result) float64 { return mib(r.ModuleRSS) }),
				mib(int64(maxOf(rs, treeRSS))), mib(int64(maxOf(rs, sumRSS))), rs[at].SumProcs,
				maxOf(rs, func(r vetcost.Result) float64 { return mib(r.RootRSS) }),
				rs[0].Diagnostics)
		}
	}
	tw.Flush()
}

// ratios prints each row against noop, and the standalone targets.
func ratios(s vetcost.Scope, c config, results, pairedNoop map[string][]vetcost.Result) {
	n := results[s.String()+"/noop"]
	for _, tool := range c.tools[1:] {
		m := results[s.String()+"/"+tool]
		ratio := func(f metric) float64 { return med(m, f) / med(n, f) }
		fmt.Printf("scope %s, %s/noop: wall %.2fx, cpu %.2fx, tool cpu %.2fx, module-pkg tool cpu %.2fx; peak sum %+.0f MiB (median %+.0f), largest process %+.0f MiB\n",
			s, tool, ratio(wall), ratio(cpu), ratio(toolCPU), ratio(modCPU),
			mib(int64(maxOf(m, sumRSS)-maxOf(n, sumRSS))), mib(int64(med(m, sumRSS)-med(n, sumRSS))), mib(int64(maxOf(m, treeRSS)-maxOf(n, treeRSS))))
		if med(n, instr) > 0 {
			fmt.Printf("scope %s, %s/noop counted: tool instructions %.3fx (%.3g vs %.3g), module-pkg tool instructions %.3fx; tool minor page faults %.3fx\n",
				s, tool, ratio(instr), med(m, instr), med(n, instr), ratio(modInstr), ratio(faults))
		}
		pn := pairedNoop[s.String()+"/"+tool]
		lo, mid, hi := pairedRatio(m, pn, cpu)
		fmt.Printf("scope %s, %s/noop paired (each run against the noop run beside it, noop first in every other pair): cpu median %.3fx, range %.3f–%.3fx over %d pairs\n",
			s, tool, mid, lo, hi, min(len(m), len(pn)))
		if tool != vetcost.Standalone {
			continue
		}
		memOK := maxOf(m, sumRSS) <= maxOf(n, sumRSS)+targetExtraBytes
		cpuOK := ratio(cpu) <= targetCPURatio
		fmt.Printf("scope %s, targets: peak memory ≤ noop's + 300 MB: %s (%.0f vs %.0f MB, max of sums); CPU ≤ %.2fx noop: %s (%.2fx)\n",
			s, yes(memOK), maxOf(m, sumRSS)/1e6, maxOf(n, sumRSS)/1e6, targetCPURatio, yes(cpuOK), ratio(cpu))
	}
}

func yes(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// topPackages lists the measured packages whose idemlint tool process
// costs most CPU over noop's (medians over the runs).
func topPackages(s vetcost.Scope, c config, results map[string][]vetcost.Result) {
	if c.top <= 0 {
		return
	}
	per := map[string]map[string][]vetcost.PkgRun{} // tool → package → runs
	for _, tool := range c.tools {
		per[tool] = map[string][]vetcost.PkgRun{}
		for _, r := range results[s.String()+"/"+tool] {
			for p, pr := range r.PerPkg {
				per[tool][p] = append(per[tool][p], pr)
			}
		}
	}
	type row struct {
		pkg   string
		cpu   map[string]float64
		rss   map[string]float64
		delta float64
	}
	var rows []row
	for p, runs := range per["idemlint"] {
		if !runs[0].Module {
			continue
		}
		rw := row{pkg: p, cpu: map[string]float64{}, rss: map[string]float64{}}
		for _, tool := range c.tools {
			rw.cpu[tool] = medRun(per[tool][p], func(pr vetcost.PkgRun) float64 { return pr.CPU.Seconds() })
			rw.rss[tool] = medRun(per[tool][p], func(pr vetcost.PkgRun) float64 { return mib(pr.RSS) })
		}
		rw.delta = rw.cpu["idemlint"] - rw.cpu["noop"]
		rows = append(rows, rw)
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(b.delta, a.delta) })
	fmt.Printf("\nscope %s: the %d measured packages where idemlint's tool process costs most over noop's (median CPU s, RSS MiB):\n", s, min(c.top, len(rows)))
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "package\t%s\n", strings.Join(slices.Concat(prefixed("cpu ", c.tools), prefixed("rss ", c.tools)), "\t"))
	for _, rw := range rows[:min(c.top, len(rows))] {
		var cells []string
		for _, tool := range c.tools {
			cells = append(cells, fmt.Sprintf("%.3f", rw.cpu[tool]))
		}
		for _, tool := range c.tools {
			cells = append(cells, fmt.Sprintf("%.0f", rw.rss[tool]))
		}
		fmt.Fprintf(tw, "%s\t%s\n", rw.pkg, strings.Join(cells, "\t"))
	}
	tw.Flush()
}

func prefixed(p string, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}

var diagLine = regexp.MustCompile(`(?m)^[^\s#][^:\n]*:\d+:\d+: .*$`)

// findings prints the distinct diagnostics each row reported in its first run.
func findings(c config, results map[string][]vetcost.Result) {
	for _, tool := range c.tools[1:] {
		rs := results[c.scopes[0].String()+"/"+tool]
		lines := diagLine.FindAllString(rs[0].Output, -1)
		slices.Sort(lines)
		lines = slices.Compact(lines)
		fmt.Printf("\n%s reported %d distinct diagnostics:\n", tool, len(lines))
		for _, l := range lines {
			fmt.Println("  " + l)
		}
	}
}

func all(m map[string][]vetcost.Result) []vetcost.Result {
	var out []vetcost.Result
	for _, rs := range m {
		out = append(out, rs...)
	}
	return out
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func med(rs []vetcost.Result, f metric) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	return median(v)
}

func medRun(rs []vetcost.PkgRun, f func(vetcost.PkgRun) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	return median(v)
}

func minOf(rs []vetcost.Result, f metric) float64 {
	m := f(rs[0])
	for _, r := range rs[1:] {
		m = min(m, f(r))
	}
	return m
}

func maxOf(rs []vetcost.Result, f metric) float64 {
	m := f(rs[0])
	for _, r := range rs[1:] {
		m = max(m, f(r))
	}
	return m
}

// pairedRatio is f(m[i])/f(n[i]) for each pair i: the two runs of a pair
// are back to back, so a machine that is slower for a while slows
// both, where the ratio of the medians mixes fast and slow periods. It
// returns the smallest, the median and the largest ratio.
func pairedRatio(m, n []vetcost.Result, f metric) (lo, mid, hi float64) {
	var rs []float64
	for i := range min(len(m), len(n)) {
		rs = append(rs, f(m[i])/f(n[i]))
	}
	if len(rs) == 0 {
		return 0, 0, 0
	}
	return slices.Min(rs), median(rs), slices.Max(rs)
}

func instr(r vetcost.Result) float64    { return float64(r.Instructions) }
func modInstr(r vetcost.Result) float64 { return float64(r.ModuleInstructions) }
func faults(r vetcost.Result) float64   { return float64(r.Faults) }
