package vetcost

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// Tools are the rows compared, the floor first: go vet -vettool with the
// no-op tool, go vet -vettool with idemlint, and idemlint's standalone
// driver (idemlint PATTERNS, which runs go vet with itself as the vettool
// and reads vet's JSON back).
var Tools = []string{"noop", "idemlint", "standalone"}

// Standalone is the row that runs idemlint's own driver.
const Standalone = "standalone"

// Scope says which vet results a measured run recomputes.
type Scope int

const (
	// ScopeAll recomputes every vet action: the module's packages and all
	// their dependencies, the standard library included (which unitchecker
	// type-checks from source to write their vetx files). This is go vet
	// after a tool upgrade, or on CI with a restored build cache.
	ScopeAll Scope = iota
	// ScopeModule recomputes only the module's packages: the dependencies'
	// vet results are made for the same tool identity before the timed run.
	// This is closer to a developer's second run after a broad change.
	ScopeModule
)

func (s Scope) String() string { return [...]string{"all", "module"}[s] }

// SetupOptions configures Setup.
type SetupOptions struct {
	Repo    string // idemlint's repository root; "" looks above the working directory
	Work    string // scratch folder, kept (with each run's tool log); "" makes a temporary one
	GoCache string // GOCACHE for the measured go commands; "" means a fresh one under Work
	// Module is an existing module to measure, in place; "" generates the
	// synthetic one under Work.
	Module   string
	Patterns []string // the packages to vet; nil means ./...
	Gen      GenOptions
	Flags    []string // extra vet flags for go vet -vettool=idemlint (e.g. -idemlint.schema=...)
	// StandaloneFlags are extra flags for the standalone driver (e.g. -schema=...).
	StandaloneFlags []string
	Logf            func(format string, args ...any)
}

// ModuleStats describes the measured packages (test files included).
type ModuleStats struct {
	Packages, GoFiles, TestFiles, Lines int
}

// Env is a module with the tools built and the build cache warm.
type Env struct {
	Work, Module, GoCache string
	Patterns              []string
	Generated             bool              // the synthetic module; Gen describes it
	Bin                   map[string]string // noop, idemlint → binary (the standalone row runs idemlint's)
	Wrap                  string
	Gen                   GenStats
	Stats                 ModuleStats
	XTools                map[string]string   // binary → golang.org/x/tools version it was built with
	Flags                 map[string][]string // row → extra flags
	IdemlintRev           string              // the repository's HEAD, "+dirty" when the work tree differs
	ModuleRev             string              // the measured module's commit, when it is a git work tree
	Deps                  []string            // packages outside the main module the patterns depend on, tests included
	Callgrind             bool                // count each tool process's instructions under valgrind (slow: ~50×)
	CallgrindModule       bool                // under Callgrind, count only the measured packages' processes (the others run natively, counted 0)
	modPkgs               map[string]bool     // import paths of the measured packages
	ownWork               bool
	seq                   atomic.Int64
	logf                  func(format string, args ...any)
}

// Setup builds idemlint (fresh, from the repository), the no-op tool and
// the wrapper, generates the module unless o.Module names one, and warms
// the build cache with go build and one untimed go vet with the no-op
// tool (which also compiles the test variants).
func Setup(o SetupOptions) (*Env, error) {
	e := &Env{Bin: map[string]string{}, XTools: map[string]string{}, logf: o.Logf, Patterns: o.Patterns,
		Flags: map[string][]string{"idemlint": o.Flags, Standalone: o.StandaloneFlags}}
	if e.logf == nil {
		e.logf = func(string, ...any) {}
	}
	if len(e.Patterns) == 0 {
		e.Patterns = []string{"./..."}
	}
	repo := o.Repo
	if repo == "" {
		var err error
		if repo, err = findRepo(); err != nil {
			return nil, err
		}
	}
	e.Work = o.Work
	if e.Work == "" {
		d, err := os.MkdirTemp("", "vetcost-")
		if err != nil {
			return nil, err
		}
		e.Work, e.ownWork = d, true
	}
	e.Work, _ = filepath.Abs(e.Work)
	if err := e.build(repo); err != nil {
		return nil, err
	}
	if err := e.prepareModule(o); err != nil {
		return nil, err
	}
	e.GoCache = o.GoCache
	if e.GoCache == "" {
		e.GoCache = filepath.Join(e.Work, "gocache")
	}
	if err := e.warm(); err != nil {
		return nil, err
	}
	return e, nil
}

// build builds idemlint, the no-op tool and the wrapper into Work/bin.
func (e *Env) build(repo string) error {
	bin := filepath.Join(e.Work, "bin")
	if strings.ContainsAny(bin, " \t'\"") {
		return fmt.Errorf("scratch folder %q: GOFLAGS=-toolexec cannot hold spaces or quotes", e.Work)
	}
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	e.IdemlintRev = revision(repo)
	here := filepath.Join(repo, "bench", "vetcost")
	builds := []struct{ name, dir, pkg string }{
		{"idemlint", repo, "github.com/idemlint/idemlint/cmd/idemlint"},
		{"noop", here, "./noop"},
		{"wrap", here, "./wrap"},
	}
	for _, b := range builds {
		out := filepath.Join(bin, b.name)
		e.logf("go build -o %s %s (in %s)", out, b.pkg, b.dir)
		cmd := exec.Command("go", "build", "-o", out, b.pkg)
		cmd.Dir = b.dir
		cmd.Env = append(os.Environ(), "GOWORK=off")
		if msg, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("building %s: %v\n%s", b.pkg, err, msg)
		}
		if b.name == "wrap" {
			e.Wrap = out
		} else {
			e.Bin[b.name] = out
			e.XTools[b.name] = moduleVersion(out, "golang.org/x/tools")
		}
	}
	return nil
}

// prepareModule generates the synthetic module, or takes o.Module as it is.
func (e *Env) prepareModule(o SetupOptions) error {
	if o.Module != "" {
		abs, err := filepath.Abs(o.Module)
		if err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(abs, "go.mod")); err != nil {
			return fmt.Errorf("-module %s: no go.mod there", o.Module)
		}
		e.Module = abs
		e.ModuleRev = moduleCommit(abs)
		return nil
	}
	e.Generated = true
	e.Module = filepath.Join(e.Work, "mod")
	if err := os.MkdirAll(e.Module, 0o755); err != nil {
		return err
	}
	st, err := Generate(e.Module, o.Gen)
	if err != nil {
		return err
	}
	e.Gen = st
	e.logf("generated %s: %d packages (%d with database/sql), %d lines of Go", e.Module, st.Packages, st.DBPackages, st.Lines)
	return nil
}

// warm fills the build cache (go build, then go vet with the first tool,
// which compiles the test variants too), lists the measured packages and
// their dependencies, and has every binary print its identity once.
func (e *Env) warm() error {
	start := time.Now()
	if msg, err := e.command(nil, "go", append([]string{"build"}, e.Patterns...)...).CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s in %s: %v\n%s", strings.Join(e.Patterns, " "), e.Module, err, tail(msg))
	}
	e.logf("go build %s: %v", strings.Join(e.Patterns, " "), time.Since(start).Round(time.Millisecond))
	if err := e.list(); err != nil {
		return err
	}
	e.logf("%d packages, %d Go files (%d tests), %d lines; %d dependencies outside the module",
		e.Stats.Packages, e.Stats.GoFiles, e.Stats.TestFiles, e.Stats.Lines, len(e.Deps))
	r, err := e.Vet(Tools[0], ScopeAll)
	if err != nil {
		return fmt.Errorf("warm-up vet with %s: %v", Tools[0], err)
	}
	e.logf("warm-up go vet with %s: %v, %d tool processes", Tools[0], r.Wall.Round(time.Millisecond), r.Runs)
	// The standalone driver's go vet compiles the packages it names with
	// a -gcflags of its own (cmd/idemlint's reportingGcflags), which is a
	// build cache entry of their own: without this run, the first timed
	// standalone run would also compile every measured package.
	if r, err = e.Vet(Standalone, ScopeAll); err != nil {
		return fmt.Errorf("warm-up run of the standalone driver: %v", err)
	}
	e.logf("warm-up standalone run: %v, %d tool processes", r.Wall.Round(time.Millisecond), r.Runs)
	for _, b := range e.Bin {
		if out, err := exec.Command(b, "-V=full").CombinedOutput(); err != nil {
			return fmt.Errorf("%s -V=full: %v\n%s", b, err, out)
		}
	}
	return nil
}

// list fills Stats, Deps and the set of measured import paths.
func (e *Env) list() error {
	const f = "{{.ImportPath}}\t{{.Dir}}\t{{join .GoFiles \",\"}},{{join .CgoFiles \",\"}}\t{{join .TestGoFiles \",\"}},{{join .XTestGoFiles \",\"}}"
	out, err := e.command(nil, "go", append([]string{"list", "-f", f}, e.Patterns...)...).Output()
	if err != nil {
		return fmt.Errorf("go list %s: %v", strings.Join(e.Patterns, " "), err)
	}
	e.modPkgs = map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fs := strings.Split(line, "\t")
		if len(fs) != 4 {
			continue
		}
		e.modPkgs[fs[0]] = true
		e.Stats.Packages++
		for i, list := range fs[2:] {
			for _, name := range strings.Split(list, ",") {
				if name == "" {
					continue
				}
				src, err := os.ReadFile(filepath.Join(fs[1], name))
				if err != nil {
					return err
				}
				e.Stats.GoFiles++
				e.Stats.TestFiles += i
				e.Stats.Lines += bytes.Count(src, []byte("\n"))
			}
		}
	}
	const deps = "{{if or (not .Module) (not .Module.Main)}}{{.ImportPath}}{{end}}"
	out, err = e.command(nil, "go", append([]string{"list", "-deps", "-test", "-f", deps}, e.Patterns...)...).Output()
	if err != nil {
		return fmt.Errorf("go list -deps: %v", err)
	}
	for _, p := range strings.Split(string(out), "\n") {
		// Test variants ("p [q.test]") are vetted by their package's name.
		if p != "" && !strings.Contains(p, " [") && !strings.HasSuffix(p, ".test") {
			e.Deps = append(e.Deps, p)
		}
	}
	return nil
}

// Close removes the scratch folder if Setup made it.
func (e *Env) Close() error {
	if e.ownWork {
		return os.RemoveAll(e.Work)
	}
	return nil
}

// command runs name in the module with the measured environment. With
// vetEnv set (a vet run) GOFLAGS carries the wrapper as -toolexec, so
// that it also reaches the go vet the standalone driver starts.
func (e *Env) command(vetEnv []string, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = e.Module
	goflags := "GOFLAGS="
	if vetEnv != nil {
		goflags += "-toolexec=" + e.Wrap
	}
	cmd.Env = append(os.Environ(),
		"GOCACHE="+e.GoCache, "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off", goflags)
	cmd.Env = append(cmd.Env, vetEnv...)
	return cmd
}

// vetCommand is one row's command over patterns.
func (e *Env) vetCommand(tool string, env, patterns []string) *exec.Cmd {
	if tool == Standalone {
		return e.command(env, e.Bin["idemlint"], append(append([]string{}, e.Flags[tool]...), patterns...)...)
	}
	args := append([]string{"vet", "-vettool=" + e.Bin[tool]}, e.Flags[tool]...)
	return e.command(env, "go", append(args, patterns...)...)
}

// goShim returns a folder holding a "go" that runs the go command found
// now without the standalone driver's reporting -gcflags (see Vet).
func (e *Env) goShim() (string, error) {
	dir := filepath.Join(e.Work, "goshim")
	real, err := exec.LookPath("go")
	if err != nil {
		return "", err
	}
	if real, err = filepath.Abs(real); err != nil {
		return "", err
	}
	script := "#!/bin/sh\n# the go command without the standalone driver's reporting -gcflags\n" +
		"for a; do shift; case $a in -gcflags=-env=IDEMLINT_VET=*) ;; *) set -- \"$@\" \"$a\" ;; esac; done\n" +
		"exec '" + real + "' \"$@\"\n"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "go"), []byte(script), 0o755)
}

// toolBin is the vettool binary a row runs under go vet.
func (e *Env) toolBin(tool string) string {
	if tool == Standalone {
		return e.Bin["idemlint"]
	}
	return e.Bin[tool]
}

// Result is one measured run.
type Result struct {
	Tool  string
	Scope Scope
	Wall  time.Duration // the root process (go vet, or the standalone idemlint), start to exit
	CPU   time.Duration // user+system time of the root and every process it waited for
	// Peak resident set sizes in bytes.
	TreeRSS     int64         // the largest single process in the tree (rusage of the root's children)
	RootRSS     int64         // the root process itself (its VmHWM, polled)
	SumRSS      int64         // the largest sum of the tree's live processes' RSS at one 10ms sample
	SumProcs    int           // processes in the tree at that sample
	ToolRSS     int64         // the largest vettool process
	ModuleRSS   int64         // the largest vettool process on one of the measured packages
	ToolCPU     time.Duration // user+system time of all vettool processes
	ModuleCPU   time.Duration // the same, for the measured packages only
	Runs        int           // vettool processes on packages
	ModRuns     int           // of which on the measured packages
	PerPkg      map[string]PkgRun
	Diagnostics int
	// Faults sums the tool processes' minor page faults; Instructions
	// (and ModuleInstructions, the measured packages') their user-space
	// instructions, counted under Env.Callgrind only.
	Faults, Instructions, ModuleInstructions int64
	Output                                   string  // what the run printed (diagnostics, errors)
	Load1                                    float64 // the 1-minute load average when the run started
}

// PkgRun is one vettool process, keyed in Result.PerPkg by import path
// ("p [p.test]" for a test variant).
type PkgRun struct {
	CPU, Wall    time.Duration
	RSS          int64
	Faults       int64 // minor page faults
	Instructions int64 // user-space instructions, under Env.Callgrind only
	Module       bool  // one of the measured packages
}

var diagLine = regexp.MustCompile(`(?m)^[^\s#][^:\n]*:\d+:\d+: `)

// Vet runs one row over the patterns with a fresh tool identity, so that
// vet's cached results are not reused (see Scope for which of them are
// recomputed).
func (e *Env) Vet(tool string, scope Scope) (Result, error) {
	r := Result{Tool: tool, Scope: scope}
	n := e.seq.Add(1)
	nonce := fmt.Sprintf("%d.%d.%d", os.Getpid(), time.Now().UnixNano(), n)
	logPath := filepath.Join(e.Work, fmt.Sprintf("run-%03d-%s-%s.log", n, scope, tool))
	env := []string{"VETCOST_TOOL=" + e.toolBin(tool), "VETCOST_NONCE=" + nonce}
	if e.Callgrind {
		env = append(env, "VETCOST_CALLGRIND=1")
		if e.CallgrindModule {
			list := filepath.Join(e.Work, "callgrind-packages.txt")
			if err := os.WriteFile(list, []byte(strings.Join(slices.Sorted(maps.Keys(e.modPkgs)), "\n")+"\n"), 0o644); err != nil {
				return r, err
			}
			env = append(env, "VETCOST_CALLGRIND_ONLY="+list)
		}
	}

	if scope == ScopeModule {
		// Vet the dependencies themselves with the same identity and
		// flags: the timed run then finds their results (vet's cache key
		// does not include whether a package was vetted for facts only).
		// The standalone driver's go vet adds a -gcflags for the packages
		// it names, which would give the dependencies, named here and not
		// in the timed run, other build IDs and so other vet results
		// (the timed run vetted all 508 packages again): its go vet runs
		// through a shim that leaves that flag out.
		pre := env
		if tool == Standalone {
			shim, err := e.goShim()
			if err != nil {
				return r, err
			}
			pre = append(slices.Clone(env), "PATH="+shim+string(os.PathListSeparator)+os.Getenv("PATH"))
		}
		cmd := e.vetCommand(tool, pre, e.Deps)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil && !diagLine.Match(out.Bytes()) {
			return r, fmt.Errorf("%s (dependencies): %v\n%s", tool, err, tail(out.Bytes()))
		}
	}

	os.Remove(logPath) // a kept scratch folder may hold one from an earlier invocation
	cmd := e.vetCommand(tool, append(env, "VETCOST_LOG="+logPath), e.Patterns)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	r.Load1 = load1()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return r, err
	}
	peak := make(chan treePeak, 1)
	done := make(chan struct{})
	go func() { peak <- sampleTree(cmd.Process.Pid, done) }()
	err := cmd.Wait()
	r.Wall = time.Since(start)
	close(done)
	p := <-peak
	r.RootRSS, r.SumRSS, r.SumProcs = p.RootHWM, p.SumRSS, p.Procs
	out := append(stdout.Bytes(), stderr.Bytes()...)
	r.Output = string(out)
	r.Diagnostics = len(diagLine.FindAll(out, -1))
	if bytes.Contains(out, []byte("panic:")) || bytes.Contains(out, []byte("fatal error:")) {
		return r, fmt.Errorf("%s crashed:\n%s", tool, tail(out))
	}
	if err != nil && (r.Diagnostics == 0 || tool == "noop") {
		return r, fmt.Errorf("%s: %v\n%s", tool, err, tail(out))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.TreeRSS = ru.Maxrss << 10
		r.CPU = time.Duration(tv(ru.Utime)+tv(ru.Stime)) * time.Microsecond
	}
	if err := r.readLog(logPath, e.isModulePkg); err != nil {
		return r, err
	}
	if e.ownWork {
		os.Remove(logPath)
	}
	return r, nil
}

// isModulePkg reports whether a vetted package (an import path as
// TOOLEXEC_IMPORTPATH spells it) is one of the measured ones, test
// variants and external test packages included.
func (e *Env) isModulePkg(ip string) bool {
	ip, _, _ = strings.Cut(ip, " [")
	return e.modPkgs[ip] || e.modPkgs[strings.TrimSuffix(ip, "_test")]
}

func (r *Result) readLog(path string, isModule func(string) bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("no tool ran (was the vet cache invalidated?): %v", err)
	}
	defer f.Close()
	r.PerPkg = map[string]PkgRun{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 8 {
			continue
		}
		var v [8]int64
		for _, i := range []int{0, 1, 2, 3, 6, 7} {
			v[i], _ = strconv.ParseInt(fs[i], 10, 64)
		}
		pr := PkgRun{RSS: v[0] << 10, CPU: time.Duration(v[1]+v[2]) * time.Microsecond,
			Wall: time.Duration(v[3]) * time.Microsecond, Faults: v[6], Instructions: v[7], Module: isModule(fs[4])}
		key := fs[4]
		if key == "" {
			key = fs[5]
		}
		r.PerPkg[key] = pr
		r.Runs++
		r.ToolRSS = max(r.ToolRSS, pr.RSS)
		r.ToolCPU += pr.CPU
		r.Faults += pr.Faults
		r.Instructions += pr.Instructions
		if pr.Module {
			r.ModuleInstructions += pr.Instructions
			r.ModRuns++
			r.ModuleRSS = max(r.ModuleRSS, pr.RSS)
			r.ModuleCPU += pr.CPU
		}
	}
	return sc.Err()
}

// load1 returns the 1-minute load average, or -1 where /proc is absent.
func load1() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}

func tv(t syscall.Timeval) int64 { return int64(t.Sec)*1e6 + int64(t.Usec) }

func tail(b []byte) string {
	const n = 4000
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// BenchLine formats r in the benchmark format that benchstat reads.
func (r Result) BenchLine(name string) string {
	return fmt.Sprintf("%s-%d\t1\t%d ns/op\t%.3f cpu-sec/op\t%.3f tool-cpu-sec/op\t%.3f module-tool-cpu-sec/op"+
		"\t%d tool-peak-RSS-B\t%d module-tool-peak-RSS-B\t%d tree-peak-RSS-B\t%d sum-peak-RSS-B\t%d root-peak-RSS-B\t%d tool-runs",
		name, runtime.GOMAXPROCS(0), r.Wall.Nanoseconds(), r.CPU.Seconds(), r.ToolCPU.Seconds(), r.ModuleCPU.Seconds(),
		r.ToolRSS, r.ModuleRSS, r.TreeRSS, r.SumRSS, r.RootRSS, r.Runs) + r.countsColumns()
}

// countsColumns are the deterministic counts: page faults always,
// instructions when they were counted.
func (r Result) countsColumns() string {
	s := fmt.Sprintf("\t%d tool-minor-faults", r.Faults)
	if r.Instructions > 0 {
		s += fmt.Sprintf("\t%d tool-instructions\t%d module-tool-instructions", r.Instructions, r.ModuleInstructions)
	}
	return s
}

// findRepo returns the closest folder above the working directory whose
// go.mod declares module github.com/idemlint/idemlint.
func findRepo() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && regexp.MustCompile(`(?m)^module\s+github\.com/idemlint/idemlint\s*$`).Match(b) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no idemlint repository above the working directory (use -repo)")
		}
		dir = parent
	}
}

// revision describes the commit checked out in repo, and whether the
// work tree has changes (idemlint is built from the work tree).
func revision(repo string) string {
	out, err := exec.Command("git", "-C", repo, "log", "-1", "--format=%h %cs").Output()
	if err != nil {
		return "unknown"
	}
	rev := strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "-C", repo, "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
		rev += " +dirty"
	}
	return rev
}

// moduleVersion returns the version of module mod that binary was built with.
func moduleVersion(binary, mod string) string {
	out, err := exec.Command("go", "version", "-m", binary).Output()
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && (f[0] == "dep" || f[0] == "=>") && f[1] == mod {
			return f[2]
		}
	}
	return "?"
}

// moduleCommit returns the commit checked out in dir ("" outside git),
// with "+dirty" when its tracked files differ.
func moduleCommit(dir string) string {
	out, err := exec.Command("git", "-C", dir, "log", "-1", "--format=%H").Output()
	if err != nil {
		return ""
	}
	rev := strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "-C", dir, "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
		rev += " +dirty"
	}
	return rev
}
