package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestWantsThroughExportData runs the binary (go vet, one process per
// package, imports read from export data, facts passed between processes)
// over testdata packages of analyzer/testdata/mod whose findings depend on
// what export data holds, and checks that each line with a `// want` of a
// diagnostic gets one, and no other line does. analysistest type-checks
// every package from source, where a package's unexported types are in
// view of its importers; export data has none, so a fact on their methods
// is lost on the way. ifaceimpl: calls through an exported interface whose
// implementations are unexported types of its package.
func TestWantsThroughExportData(t *testing.T) {
	t.Parallel() // an end-to-end run of its own
	bin := idemlintBinary(t)
	for _, pkg := range []string{"ifaceimpl", "ifaceother"} {
		t.Run(pkg, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(filepath.Join(dir, pkg), os.DirFS(filepath.Join("..", "..", "analyzer", "testdata", "mod", pkg))); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/libs\n\ngo 1.26\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			want := diagnosticWants(t, dir)
			r := run(t, dir, bin, "-v", "./...")
			if r.code != exitDiagnostics {
				t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			var got []string
			at := regexp.MustCompile(`^([^\t:]+\.go):(\d+):\d+: `)
			for _, line := range strings.Split(r.stderr, "\n") {
				if m := at.FindStringSubmatch(line); m != nil {
					got = append(got, m[1]+":"+m[2])
				}
			}
			slices.Sort(got)
			got = slices.Compact(got)
			if !slices.Equal(got, want) {
				t.Errorf("lines reported %v, lines with a want %v; output:\n%s", got, want, r.stderr)
			}
		})
	}
}

// diagnosticWants returns file:line, relative to dir and sorted, of every
// line of a Go file under dir with a `// want` of a diagnostic (a
// backquoted pattern; a fact's want is name:"…").
func diagnosticWants(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(dir, p)
		s := bufio.NewScanner(f)
		for n := 1; s.Scan(); n++ {
			if strings.Contains(s.Text(), "// want `") {
				out = append(out, fmt.Sprintf("%s:%d", filepath.ToSlash(rel), n))
			}
		}
		return s.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}
