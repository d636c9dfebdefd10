package vetcost

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	keepWork   = flag.String("vetcost.work", "", "scratch folder for BenchmarkVet, kept afterwards")
	setupOnce  sync.Once
	benchEnv   *Env
	benchSetup error
	benchCalls int
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if benchEnv != nil {
		benchEnv.Close()
	}
	os.Exit(code)
}

// TestGenerate checks the size and the determinism of the generated module
// (the benchmark's go build ./... checks that it compiles).
func TestGenerate(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	st, err := Generate(a, GenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Packages < 200 || st.Lines < 100_000 {
		t.Errorf("generated %d packages, %d lines; want ≥200 and ≥100k", st.Packages, st.Lines)
	}
	if st.DBPackages*10 < st.Packages-2 || st.InsertSite == 0 {
		t.Errorf("%d of %d packages use database/sql (%d insert sites); want 10%%", st.DBPackages, st.Packages, st.InsertSite)
	}
	if _, err := Generate(b, GenOptions{}); err != nil {
		t.Fatal(err)
	}
	if da, db := digest(t, a), digest(t, b); da != db {
		t.Error("two runs of Generate wrote different modules")
	}
	src, err := os.ReadFile(filepath.Join(a, "internal/schema/schema.go"))
	if err != nil || !bytes.Contains(src, []byte("//go:embed schema.sql")) {
		t.Errorf("schema package: %v, no //go:embed", err)
	}
}

func digest(t *testing.T, dir string) string {
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		fmt.Fprintf(&b, "%s %d %x\n", strings.TrimPrefix(p, dir), len(data), data[:min(len(data), 64)])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// BenchmarkVet times go vet -vettool over the generated module with every
// vet result recomputed (ScopeAll), for the no-op tool (sub-benchmark
// tool=noop), for idemlint as the vettool (tool=idemlint) and for the
// standalone idemlint (tool=standalone).
// It needs a long timeout:
//
//	go test -run '^$' -bench Vet -count 5 -timeout 60m
func BenchmarkVet(b *testing.B) {
	setupOnce.Do(func() {
		benchEnv, benchSetup = Setup(SetupOptions{Work: *keepWork, Logf: b.Logf})
	})
	if benchSetup != nil {
		b.Fatal(benchSetup)
	}
	// go test -count N calls BenchmarkVet N times: every other call runs
	// the rows in reverse order, so that noop does not always run first.
	order := slices.Clone(Tools)
	if benchCalls++; benchCalls%2 == 0 {
		slices.Reverse(order)
	}
	for _, tool := range order {
		b.Run("tool="+tool, func(b *testing.B) {
			var last Result
			for b.Loop() {
				r, err := benchEnv.Vet(tool, ScopeAll)
				if err != nil {
					b.Fatal(err)
				}
				last = r
			}
			b.ReportMetric(last.CPU.Seconds(), "cpu-sec/op")
			b.ReportMetric(last.ToolCPU.Seconds(), "tool-cpu-sec/op")
			b.ReportMetric(last.ModuleCPU.Seconds(), "module-tool-cpu-sec/op")
			b.ReportMetric(float64(last.ToolRSS), "tool-peak-RSS-B")
			b.ReportMetric(float64(last.TreeRSS), "tree-peak-RSS-B")
			b.ReportMetric(float64(last.SumRSS), "sum-peak-RSS-B")
			b.ReportMetric(float64(last.RootRSS), "root-peak-RSS-B")
			b.ReportMetric(float64(last.Runs), "tool-runs")
		})
	}
}

// TestSampleTree checks that the sampler finds a child's own children and
// nothing above it.
func TestSampleTree(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc here")
	}
	cmd := exec.Command("sh", "-c", "sleep 0.4 & sleep 0.4 & wait")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	procs := descendants(cmd.Process.Pid, map[int]int{})
	if len(procs) != 3 {
		t.Errorf("descendants of sh: %v; want sh and its two sleeps", procs)
	}
	if slices.Contains(procs, os.Getpid()) {
		t.Errorf("descendants of sh include the test process %d", os.Getpid())
	}
	done := make(chan struct{})
	peak := make(chan treePeak, 1)
	go func() { peak <- sampleTree(cmd.Process.Pid, done) }()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	close(done)
	p := <-peak
	if p.Procs != 3 || p.SumRSS <= 0 || p.RootHWM <= 0 {
		t.Errorf("sampleTree: %+v; want 3 processes at the peak, with RSS", p)
	}
}
