package vetcost

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// Tools are the vettools compared, the floor first.
var Tools = []string{"noop", "idemlint"}

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
	Work    string // scratch folder; "" makes a temporary one
	GoCache string // GOCACHE for the measured go commands; "" means a fresh one under Work
	Gen     GenOptions
	Flags   []string // extra vet flags for idemlint (e.g. -schema=...)
	Logf    func(format string, args ...any)
}

// Env is a generated module with both tools built and the build cache warm.
type Env struct {
	Work, Module, GoCache string
	Bin                   map[string]string // tool name → binary
	Wrap                  string
	Gen                   GenStats
	XTools                map[string]string // tool name → golang.org/x/tools version it was built with
	Flags                 map[string][]string
	IdemlintRev           string   // the repository's HEAD, "+dirty" when the work tree differs
	StdDeps               []string // standard packages the module depends on (tests included)
	ownWork               bool
	seq                   atomic.Int64
	logf                  func(format string, args ...any)
}

// Setup builds idemlint (fresh, from the repository), the no-op tool and
// the wrapper, generates the module and warms the build cache with
// go build ./... and one untimed go vet per tool.
func Setup(o SetupOptions) (*Env, error) {
	e := &Env{Bin: map[string]string{}, XTools: map[string]string{}, Flags: map[string][]string{"idemlint": o.Flags}, logf: o.Logf}
	if e.logf == nil {
		e.logf = func(string, ...any) {}
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
	bin := filepath.Join(e.Work, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return nil, err
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
			return nil, fmt.Errorf("building %s: %v\n%s", b.pkg, err, msg)
		}
		if b.name == "wrap" {
			e.Wrap = out
		} else {
			e.Bin[b.name] = out
			e.XTools[b.name] = moduleVersion(out, "golang.org/x/tools")
		}
	}

	e.Module = filepath.Join(e.Work, "mod")
	if err := os.MkdirAll(e.Module, 0o755); err != nil {
		return nil, err
	}
	st, err := Generate(e.Module, o.Gen)
	if err != nil {
		return nil, err
	}
	e.Gen = st
	e.logf("generated %s: %d packages (%d with database/sql), %d lines of Go", e.Module, st.Packages, st.DBPackages, st.Lines)

	e.GoCache = o.GoCache
	if e.GoCache == "" {
		e.GoCache = filepath.Join(e.Work, "gocache")
	}
	start := time.Now()
	if msg, err := e.goCmd(nil, "build", "./...").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ./... in the generated module: %v\n%s", err, msg)
	}
	e.logf("go build ./...: %v", time.Since(start).Round(time.Millisecond))
	msg, err := e.goCmd(nil, "list", "-deps", "-test", "-f", "{{if .Standard}}{{.ImportPath}}{{end}}", "./...").Output()
	if err != nil {
		return nil, fmt.Errorf("go list -deps: %v", err)
	}
	e.StdDeps = strings.Fields(string(msg))
	for _, tool := range Tools {
		// Compiles the test variants and loads both binaries once.
		r, err := e.Vet(tool, ScopeAll)
		if err != nil {
			return nil, fmt.Errorf("warm-up vet with %s: %v", tool, err)
		}
		e.logf("warm-up go vet with %s: %v, %d diagnostics", tool, r.Wall.Round(time.Millisecond), r.Diagnostics)
	}
	return e, nil
}

// Close removes the scratch folder if Setup made it.
func (e *Env) Close() error {
	if e.ownWork {
		return os.RemoveAll(e.Work)
	}
	return nil
}

func (e *Env) goCmd(extraEnv []string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = e.Module
	cmd.Env = append(os.Environ(),
		"GOCACHE="+e.GoCache, "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=")
	cmd.Env = append(cmd.Env, extraEnv...)
	return cmd
}

// Result is one go vet run.
type Result struct {
	Tool  string
	Scope Scope
	Wall  time.Duration // go vet, start to exit
	CPU   time.Duration // user+system time of go vet and every process it waited for
	// Peak resident set sizes in bytes.
	TreeRSS     int64         // the largest process in the tree (go or a tool)
	GoRSS       int64         // the go command itself (its VmHWM, polled)
	ToolRSS     int64         // the largest vettool process
	ModuleRSS   int64         // the largest vettool process on one of the module's packages
	ToolCPU     time.Duration // user+system time of all vettool processes
	ModuleCPU   time.Duration // the same, for the module's packages only
	Runs        int           // vettool processes on packages
	ModRuns     int           // of which on the module's packages
	Slowest     string        // the package directory of the slowest tool process
	SlowWall    time.Duration
	Diagnostics int
	Load1       float64 // the 1-minute load average when the run started
}

var diagLine = regexp.MustCompile(`(?m)^[^\s#][^:\n]*:\d+:\d+: `)

// Vet runs go vet -vettool with tool over ./... in the generated module,
// with a fresh tool identity so that vet's cached results are not reused
// (see Scope for which of them are recomputed).
func (e *Env) Vet(tool string, scope Scope) (Result, error) {
	r := Result{Tool: tool, Scope: scope}
	n := e.seq.Add(1)
	nonce := fmt.Sprintf("%d.%d.%d", os.Getpid(), time.Now().UnixNano(), n)
	logPath := filepath.Join(e.Work, fmt.Sprintf("run-%03d-%s.log", n, tool))
	env := []string{"VETCOST_TOOL=" + e.Bin[tool], "VETCOST_NONCE=" + nonce}
	vetArgs := append([]string{"vet", "-vettool=" + e.Wrap}, e.Flags[tool]...)

	if scope == ScopeModule {
		// Vet the dependencies themselves with the same identity: the
		// timed run then finds their results (vet's cache key does not
		// include whether a package was vetted for facts only).
		cmd := e.goCmd(env, append(vetArgs, e.StdDeps...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil && !diagLine.Match(stderr.Bytes()) {
			return r, fmt.Errorf("go vet (dependencies): %v\n%s", err, tail(stderr.Bytes()))
		}
	}

	cmd := e.goCmd(append(env, "VETCOST_LOG="+logPath), append(vetArgs, "./...")...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	r.Load1 = load1()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return r, err
	}
	hwm := make(chan int64, 1)
	done := make(chan struct{})
	go func() { hwm <- pollHWM(cmd.Process.Pid, done) }()
	err := cmd.Wait()
	r.Wall = time.Since(start)
	close(done)
	r.GoRSS = <-hwm
	out := append(stdout.Bytes(), stderr.Bytes()...)
	r.Diagnostics = len(diagLine.FindAll(out, -1))
	if bytes.Contains(out, []byte("panic:")) || bytes.Contains(out, []byte("fatal error:")) {
		return r, fmt.Errorf("go vet with %s crashed:\n%s", tool, tail(out))
	}
	if err != nil && (r.Diagnostics == 0 || tool == "noop") {
		return r, fmt.Errorf("go vet with %s: %v\n%s", tool, err, tail(out))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.TreeRSS = ru.Maxrss << 10
		r.CPU = time.Duration(tv(ru.Utime)+tv(ru.Stime)) * time.Microsecond
	}
	if err := r.readLog(logPath, e.Module); err != nil {
		return r, err
	}
	os.Remove(logPath)
	return r, nil
}

func (r *Result) readLog(path, module string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("no tool ran (was the vet cache invalidated?): %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.SplitN(sc.Text(), " ", 5)
		if len(fs) != 5 {
			continue
		}
		var v [4]int64
		for i := range v {
			v[i], _ = strconv.ParseInt(fs[i], 10, 64)
		}
		rss, cpu, wall, dir := v[0]<<10, time.Duration(v[1]+v[2])*time.Microsecond, time.Duration(v[3])*time.Microsecond, fs[4]
		r.Runs++
		r.ToolRSS = max(r.ToolRSS, rss)
		r.ToolCPU += cpu
		if wall > r.SlowWall {
			r.SlowWall, r.Slowest = wall, dir
		}
		if dir == module || strings.HasPrefix(dir, module+string(filepath.Separator)) {
			r.ModRuns++
			r.ModuleRSS = max(r.ModuleRSS, rss)
			r.ModuleCPU += cpu
		}
	}
	return sc.Err()
}

// pollHWM returns the peak resident set (VmHWM, bytes) of process pid,
// read from /proc every 10ms until done is closed; 0 where /proc is absent.
func pollHWM(pid int, done <-chan struct{}) int64 {
	path := fmt.Sprintf("/proc/%d/status", pid)
	var peak int64
	read := func() {
		b, err := os.ReadFile(path)
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
				peak = max(peak, kb<<10)
			}
		}
	}
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		read()
		select {
		case <-done:
			return peak
		case <-t.C:
		}
	}
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
	return fmt.Sprintf("%s-%d\t1\t%d ns/op\t%.3f cpu-sec/op\t%.3f tool-cpu-sec/op\t%.3f module-tool-cpu-sec/op\t%d tool-peak-RSS-B\t%d go-peak-RSS-B\t%d tool-runs",
		name, runtime.GOMAXPROCS(0), r.Wall.Nanoseconds(), r.CPU.Seconds(), r.ToolCPU.Seconds(), r.ModuleCPU.Seconds(), r.ToolRSS, r.GoRSS, r.Runs)
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
