// Command vetprof is idemlint's vettool with a CPU and a heap profile per
// package, to see where idemlint's cost over go vet's floor goes:
//
//	go build -o /tmp/vetprof ./vetprof   # in bench/
//	VETPROF_DIR=/tmp/prof go vet -vettool=/tmp/vetprof ./...
//	go tool pprof -top /tmp/vetprof /tmp/prof/*.cpu.pprof
//
// The CPU profile runs from the start of main (after package init) to the
// end of idemlint's Run on the package, so it holds unitchecker's own
// work (reading the config, parsing, type-checking) as well as the
// analyzer's; the heap profile is taken when Run returns (in-use and
// allocated-so-far both, select with -sample_index). idemlint declares
// facts, so unitchecker calls its Run on packages vetted for facts only
// too (every dependency): they leave profiles as well. A package whose
// Run never happens (a type error) leaves an empty CPU profile. Only the
// -idemlint.NAME spelling of idemlint's flags is accepted.
//
// A package's Run takes milliseconds, too short for a 100 Hz profiler.
// With VETPROF_LOOP=N the profile instead covers N runs of a fresh
// analyzer (new options, new per-run caches, as in a new tool process) on
// the same pass, once the package is type-checked, and vetprof prints
// the time per run on stderr; diagnostics and facts of the extra runs are
// dropped.
//
// With VETPROF_STUB=1 vetprof is idemlint with a Run that returns at once:
// the difference between it and a no-op vettool is what idemlint's binary
// and facts cost a process, the difference between it and idemlint what
// the analysis costs.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/vetshare"
)

func main() {
	if os.Getenv("VETPROF_STUB") != "" {
		// The same binary, flags and facts with a Run that does nothing:
		// what idemlint costs a tool process before its analysis.
		a := *analyzer.Analyzer
		a.Run = func(*analysis.Pass) (any, error) { return nil, nil }
		unitchecker.Main(&a)
		return
	}
	dir := os.Getenv("VETPROF_DIR")
	if dir == "" || !isPackageRun(os.Args[1:]) {
		unitchecker.Main(analyzer.Analyzer)
		return
	}
	// As cmd/idemlint does: the processes of one go vet run share the
	// module walks (internal/vetshare).
	analyzer.SetVetWorkDir(vetshare.WorkDir(os.Args[len(os.Args)-1]))
	analyzer.SetFactsOnly(vetshare.FactsOnly(os.Args[len(os.Args)-1]))
	analyzer.SetTestVariant(vetshare.TestFiles(os.Args[len(os.Args)-1]))
	name := filepath.Join(dir, fmt.Sprintf("%s.%d", sanitize(os.Getenv("TOOLEXEC_IMPORTPATH")), os.Getpid()))
	cpu, err := os.Create(name + ".cpu.pprof")
	if err != nil {
		fmt.Fprintf(os.Stderr, "vetprof: %v\n", err)
		os.Exit(1)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		fmt.Fprintf(os.Stderr, "vetprof: %v\n", err)
		os.Exit(1)
	}
	a := *analyzer.Analyzer // same name, flags and Requires
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		defer func() {
			pprof.StopCPUProfile()
			cpu.Close()
			// The allocs profile is as of the last completed GC: collect
			// once so that Run's own allocations are in it.
			runtime.GC()
			if heap, err := os.Create(name + ".heap.pprof"); err == nil {
				pprof.Lookup("allocs").WriteTo(heap, 0)
				heap.Close()
			}
		}()
		if n, _ := strconv.Atoi(os.Getenv("VETPROF_LOOP")); n > 0 {
			loop(pass, n)
		}
		return run(pass)
	}
	unitchecker.Main(&a)
}

// loop runs a fresh analyzer n times on a copy of pass that keeps its
// findings and facts to itself, and reports the time per run.
func loop(pass *analysis.Pass, n int) {
	p := *pass
	p.Report = func(analysis.Diagnostic) {}
	p.ExportObjectFact = func(types.Object, analysis.Fact) {}
	p.ExportPackageFact = func(analysis.Fact) {}
	start := time.Now()
	for range n {
		fresh := analyzer.New(&config.Options{})
		if _, err := fresh.Run(&p); err != nil {
			fmt.Fprintf(os.Stderr, "vetprof: %s: %v\n", pass.Pkg.Path(), err)
			return
		}
	}
	fmt.Fprintf(os.Stderr, "vetprof: %s: %v per run (%d runs)\n", pass.Pkg.Path(), time.Since(start)/time.Duration(n), n)
}

func isPackageRun(args []string) bool {
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// sanitize turns an import path ("p [p.test]") into a file name.
func sanitize(ip string) string {
	if ip == "" {
		return "pkg"
	}
	return strings.NewReplacer("/", "_", " ", "", "[", "@", "]", "").Replace(ip)
}
