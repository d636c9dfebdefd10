package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSameOutputAnyOrder runs the binary twice over the same module of
// several packages whose findings and notes depend on facts passed
// between them (ifacewire: a finding at the wiring of an interface
// declared in the service; ifaceother; notes/randomkeys: random-default
// notes), with the packages in two orders and different parallelism, as
// idemlint's own driver and under go vet: the findings and notes must be
// the same, so that no note depends on which package was checked first.
// A trial once saw a note in three runs of four; this is what would catch
// a note that depends on scheduling.
func TestSameOutputAnyOrder(t *testing.T) {
	t.Parallel() // an end-to-end run of its own
	bin := idemlintBinary(t)
	dir := t.TempDir()
	mod := filepath.Join("..", "..", "analyzer", "testdata", "mod")
	pkgs := []string{"ifacewire", "ifaceother", "notes/randomkeys"}
	for _, pkg := range pkgs {
		if err := os.CopyFS(filepath.Join(dir, pkg), os.DirFS(filepath.Join(mod, pkg))); err != nil {
			t.Fatal(err)
		}
	}
	libraryModFiles(t, mod, dir)
	patterns := []string{"./ifacewire/...", "./ifaceother/...", "./notes/randomkeys"}
	reversed := slices.Clone(patterns)
	slices.Reverse(reversed)

	at := regexp.MustCompile(`^(?:\./)?([^\t:]+\.go:\d+:\d+: .*)$`)
	lines := func(out string) []string {
		var got []string
		for _, line := range strings.Split(out, "\n") {
			if m := at.FindStringSubmatch(line); m != nil {
				got = append(got, m[1])
			}
		}
		slices.Sort(got)
		return slices.Compact(got)
	}
	runEnv := func(env []string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(testEnv(), env...)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != exitDiagnostics && name == bin) {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	first := runEnv([]string{"GOMAXPROCS=1"}, bin, append([]string{"-v"}, patterns...)...)
	second := runEnv([]string{"GOMAXPROCS=4"}, bin, append([]string{"-v"}, reversed...)...)
	a, b := lines(first), lines(second)
	if len(a) == 0 || !slices.Equal(a, b) {
		t.Errorf("the driver's findings and notes differ with the order of the packages and GOMAXPROCS:\nfirst:\n%s\nsecond:\n%s", first, second)
	}
	for _, want := range []string{"randomkeys.go:36:", "randomkeys.go:65:", "IDEM201"} {
		if !strings.Contains(first, want) {
			t.Errorf("no line with %q in:\n%s", want, first)
		}
	}
	vettool := "-vettool=" + bin
	vet1 := runEnv(nil, "go", append([]string{"vet", "-p=1", vettool, "-notes"}, patterns...)...)
	vet2 := runEnv(nil, "go", append([]string{"vet", "-p=4", vettool, "-notes"}, reversed...)...)
	if !strings.Contains(vet1, "randomkeys.go:65:") {
		t.Errorf("go vet: no note at randomkeys.go:65 in:\n%s", vet1)
	}
	if v1, v2 := lines(vet1), lines(vet2); len(v1) == 0 || !slices.Equal(v1, v2) {
		t.Errorf("go vet's findings and notes differ with the order of the packages and -p:\n-p=1:\n%s\n-p=4:\n%s", vet1, vet2)
	}
}
