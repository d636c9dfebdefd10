package main

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/vetshare"
)

// rawFlagsEnv marks the child process vetMain runs to learn unitchecker's
// own flag list.
const rawFlagsEnv = "IDEMLINT_UNITCHECKER_FLAGS"

// vetMain speaks the go vet / go fix protocol through unitchecker, which
// names the analyzer's flags with its name as a prefix (-idemlint.schema).
// So that the same flags work everywhere, it also accepts them unprefixed
// (-schema): -flags lists both spellings, and the unprefixed ones are
// renamed before unitchecker parses them.
func vetMain(args []string) {
	if os.Getenv(rawFlagsEnv) == "" && (contains(args, "-flags") || contains(args, "--flags")) {
		if err := printVetFlags(); err != nil {
			fmt.Fprintf(os.Stderr, "idemlint: -flags: %v\n", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if contains(args, "-V=full") || contains(args, "--V=full") {
		if err := printToolID(); err != nil {
			fmt.Fprintf(os.Stderr, "idemlint: -V=full: %v\n", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Args = append(os.Args[:1], prefixVetFlags(args)...)
	if n := len(args); n > 0 {
		analyzer.SetVetWorkDir(vetshare.WorkDir(args[n-1]))
		analyzer.SetFactsOnly(vetshare.FactsOnly(args[n-1]))
		analyzer.SetTestVariant(vetshare.TestFiles(args[n-1]))
	}
	if os.Getenv("GOGC") == "" {
		startHeapFloor()
	}
	unitchecker.Main(withRunHeap(analyzer.Analyzer))
	panic("unreachable")
}

// printToolID answers the go command's -V=full, whose answer is part of
// the key of every vet result it caches: as unitchecker does, a digest of
// this executable, and, beyond it, of the configuration file (.idemlint.yaml)
// that governs the folder go vet runs in. The go command asks once per run,
// from its working folder; with the file in the key, plain
// go vet -vettool=$(which idemlint) does not replay a result cached before
// the file changed.
func printToolID() error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	f, err := os.Open(exe)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if dir, err := os.Getwd(); err == nil {
		if cf := config.Find(dir); cf != "" {
			if b, err := os.ReadFile(cf); err == nil {
				fmt.Fprintf(h, "\x00%s\x00", cf)
				h.Write(b)
			}
		}
	}
	// The go command reads "NAME version devel … buildID=ID" and keys its
	// cache on ID.
	_, err = fmt.Printf("%s version devel comments-go-here buildID=%x\n", filepath.Base(os.Args[0]), h.Sum(nil))
	return err
}

// runGCPercent is the collector's target while idemlint's Run works in a
// go vet tool process.
const runGCPercent = 400

// withRunHeap returns a copy of a whose Run first lets the heap grow to
// five times what is live before the next collection. A tool process
// type-checks one package and exits; by the time Run starts, the heap is
// the type checker's, which every collection marks again, and Run's own
// garbage (SSA, flow summaries) is short-lived. At the default target,
// that garbage set off one or two extra collections per inserting package,
// which cost more than all of Run's own work (bench/vetcost/README.md).
// Before Run (parsing, type-checking, imported facts) the heap floor
// holds (heapFloor). The target is not restored: the process ends after
// Run. A GOGC in the environment is the user's choice and is kept.
func withRunHeap(a *analysis.Analyzer) *analysis.Analyzer {
	if os.Getenv("GOGC") != "" {
		return a
	}
	c := *a
	run := a.Run
	c.Run = func(pass *analysis.Pass) (any, error) {
		gcTarget.Lock()
		gcTarget.inRun = true
		debug.SetGCPercent(runGCPercent)
		gcTarget.Unlock()
		return run(pass)
	}
	return &c
}

// heapFloor is the heap a go vet tool process may grow to before the
// collector runs, however little of it is live.
//
// With the default target the first collection comes at 4 MB, and a
// module package's process (parse, type-check, read its imports' facts,
// analyse) allocates a few megabytes: whether it collects once, twice or
// not at all turns on a few hundred kilobytes, and each collection marks
// the type checker's whole heap again. Under callgrind, a plain package
// of the generated vetcost module costs 40 M instructions with no
// collection and 52-58 M with one; an inserting one 91 M against
// 112-132 M. Whoever's allocation crosses the line pays (idemlint's
// facts, its Run, a larger binary), so the cost of a run followed the
// collector's schedule more than any analysis.
//
// The floor makes the collector's goal max(heapFloor, 2 × live) until
// Run (withRunHeap then raises the target for Run's short-lived
// garbage): a process that allocates less than the floor never collects,
// and one whose live heap passes half the floor (the standard library's
// runtime and net/http in facts-only mode, a large generated client)
// collects as at the default target, from its second collection on. A
// process's resident memory grows by at most the floor.
const heapFloor = 16 << 20

// gcTarget orders the floor's changes of the collector's target with
// Run's: once Run has started, the floor leaves the target alone.
var gcTarget struct {
	sync.Mutex
	inRun bool
}

// startHeapFloor sets the collector's target for heapFloor and keeps it
// so after each collection (a finalizer runs once per cycle that finds
// its object unreachable).
func startHeapFloor() {
	debug.SetGCPercent(floorPercent(0))
	armFloor()
}

func armFloor() {
	runtime.SetFinalizer(new([16]byte), func(*[16]byte) {
		gcTarget.Lock()
		defer gcTarget.Unlock()
		if gcTarget.inRun {
			return
		}
		debug.SetGCPercent(floorPercent(liveHeap()))
		armFloor()
	})
}

// floorPercent is the collector's target (GOGC) whose goal is
// max(heapFloor, 2 × live) for a live heap of live bytes. At target p the
// goal is live × (1 + p/100), and never less than 4 MB × p/100: 400 puts
// that minimum at the floor, a lower target brings a larger live heap's
// goal down to it, and from half the floor on it is the default target.
func floorPercent(live uint64) int {
	const minHeap = 4 << 20
	p := heapFloor * 100 / minHeap
	if live > 0 {
		p = min(p, int((heapFloor*100+live-1)/live)-100) // rounded up

	}
	return max(p, 100)
}

// liveHeap is the heap the last collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// analyzerFlagNames are the analyzer's own flags, by unprefixed name.
func analyzerFlagNames() map[string]*flag.Flag {
	names := map[string]*flag.Flag{}
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { names[f.Name] = f })
	return names
}

// prefixVetFlags renames -schema=… (and --schema, -schema …) to
// -idemlint.schema for every analyzer flag; everything else is kept.
func prefixVetFlags(args []string) []string {
	names := analyzerFlagNames()
	out := make([]string, 0, len(args))
	for _, a := range args {
		if !strings.HasPrefix(a, "-") || a == "-" || a == "--" {
			out = append(out, a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		value := ""
		if i := strings.IndexByte(name, '='); i >= 0 {
			name, value = name[:i], name[i:]
		}
		if names[name] != nil {
			a = "-" + analyzer.Analyzer.Name + "." + name + value
		}
		out = append(out, a)
	}
	return out
}

// vetFlag is one entry of the -flags JSON the go command reads.
type vetFlag struct {
	Name  string
	Bool  bool
	Usage string
}

// printVetFlags prints unitchecker's flag list (from a child process, so
// its list stays unitchecker's own) plus the unprefixed analyzer flags.
func printVetFlags() error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(self, "-flags")
	cmd.Env = append(os.Environ(), rawFlagsEnv+"=1")
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		return err
	}
	var flags []vetFlag
	if err := json.Unmarshal(raw, &flags); err != nil {
		return err
	}
	have := map[string]bool{}
	for _, f := range flags {
		have[f.Name] = true
	}
	for _, f := range flags {
		name, ok := strings.CutPrefix(f.Name, analyzer.Analyzer.Name+".")
		if ok && !have[name] {
			flags = append(flags, vetFlag{Name: name, Bool: f.Bool, Usage: f.Usage})
		}
	}
	data, err := json.MarshalIndent(flags, "", "\t")
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(append(data, '\n'))
	return err
}
