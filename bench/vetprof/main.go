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
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/idemlint/idemlint/analyzer"
)

func main() {
	dir := os.Getenv("VETPROF_DIR")
	if dir == "" || !isPackageRun(os.Args[1:]) {
		unitchecker.Main(analyzer.Analyzer)
		return
	}
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
			if heap, err := os.Create(name + ".heap.pprof"); err == nil {
				pprof.Lookup("allocs").WriteTo(heap, 0)
				heap.Close()
			}
		}()
		return run(pass)
	}
	unitchecker.Main(&a)
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
