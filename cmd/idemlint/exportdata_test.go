package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
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
// implementations are unexported types of its package; ifacewire: an
// interface declared where it is called, implemented by exported types
// of a package that imports it, judged where the two are wired. The
// driver drops a note about a call through such an interface whose every
// implementation out of view is wired in the run (the wiring judged the
// key passed there): those lines' wants are analysistest's alone, and
// the run must not print them (svc.Events.Record's call of the EventStore
// that repo.EventRepo implements, wired in cmd/server; layers/service's
// calls of the Store that layers/repo.PaymentRepo implements, wired in
// layers/cmd/payd and payapi, where a value not followed to the callers
// of service.Payments.Refund gets its own note); a call that an
// implementation wired nowhere may also run (repo.StrictRepo) keeps it.
// ifacestruct: the same, implemented by a package that does not import
// the interface's.
// hookother: bun models whose insert hooks are declared in another
// package than the insert, read through a fact.
// wiredNotes are, per package, the wants of the notes the driver drops
// (a pattern for their lines, and how many): ifacestruct's
// svc.Audits.record calls the AuditRepository that pg.AuditStore
// implements without naming it, wired in cmd/server. The note at a method
// implementing an interface declared in a package checked before its own
// is dropped too when every implementation of the interface in the module
// is wired (ifacewire's repo types, but not OrderRepo.CreateOrder: the
// StrictRepo beside it is wired nowhere; ifaceother's pgPayoutStore.Create,
// wired in app, but not pgRefundStore.Insert: memstore's Store implements
// its interface too); and so is the note at a call passing a slice whose
// elements carry the key (layers/service's InsertItems), which the wiring
// judges element by element.
var wiredNotes = map[string]struct {
	pattern string
	n       int
}{
	"ifacewire":   {"// want `not followed: (\\S+ is called through an interface that repo\\.(EventRepo|NotifyRepo|AuditRepo|PaymentRepo) implements|(EventRepo|NotifyRepo|AuditRepo|PaymentRepo)\\.\\w+ writes parameter)", 11 + 8},
	"ifaceother":  {"// want `not followed: pgPayoutStore.Create writes parameter 1", 1},
	"ifacestruct": {"// want `not followed: \\S+ is called through an interface that pg\\.AuditStore implements`", 1},
}

func TestWantsThroughExportData(t *testing.T) {
	t.Parallel() // an end-to-end run of its own
	bin := idemlintBinary(t)
	for _, pkg := range []string{"ifaceimpl", "ifaceother", "ifacewire", "ifacestruct", "hookother"} {
		t.Run(pkg, func(t *testing.T) {
			dir := t.TempDir()
			mod := filepath.Join("..", "..", "analyzer", "testdata", "mod")
			if err := os.CopyFS(filepath.Join(dir, pkg), os.DirFS(filepath.Join(mod, pkg))); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/libs\n\ngo 1.26\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if pkg == "ifacewire" || pkg == "hookother" {
				// bun, from the module proxy: the testdata module's
				// requirements, downloaded first.
				libraryModFiles(t, mod, dir)
			}
			want := diagnosticWants(t, dir)
			if w, ok := wiredNotes[pkg]; ok {
				dropped := wantedLines(t, dir, regexp.MustCompile(w.pattern))
				if len(dropped) != w.n {
					t.Fatalf("notes at wired calls: %v, want %d", dropped, w.n)
				}
				want = slices.DeleteFunc(want, func(l string) bool { return slices.Contains(dropped, l) })
			}
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
	return wantedLines(t, dir, regexp.MustCompile("// want `"))
}

// wantedLines returns file:line, relative to dir and sorted, of every line
// of a Go file under dir that re matches.
func wantedLines(t *testing.T, dir string, re *regexp.Regexp) []string {
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
			if re.MatchString(s.Text()) {
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

// libraryModFiles downloads the requirements of the testdata module mod
// (the real libraries, from the module proxy) and copies its go.mod and
// go.sum into dir.
func libraryModFiles(t *testing.T, mod, dir string) {
	t.Helper()
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go mod download in %s (the module proxy must be reachable):\n%s", mod, out)
	}
	for _, name := range []string{"go.mod", "go.sum"} {
		b, err := os.ReadFile(filepath.Join(mod, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestEntIndirectThroughExportData runs the binary over entindirect,
// which runs ent's create builders on a client it gets from another
// package without importing ent or the generated package: under go vet
// the builders' package comes from the other package's export data,
// which lists none of its imports, and the write is still read as ent's
// (its key set from a map lookup: IDEM202). A field such a builder leaves
// out is noted, not judged: whether it has an ent default is in the
// generated entity package, which that export data does not hold.
func TestEntIndirectThroughExportData(t *testing.T) {
	t.Parallel() // an end-to-end run of its own
	bin := idemlintBinary(t)
	dir := t.TempDir()
	mod := filepath.Join("..", "..", "analyzer", "testdata", "mod")
	for _, sub := range []string{"entindirect", filepath.Join("entapi", "ent")} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(mod, sub))); err != nil {
			t.Fatal(err)
		}
	}
	libraryModFiles(t, mod, dir)
	r := run(t, dir, bin, "-v", "-checks=-IDEM101", "./...")
	if r.code != exitDiagnostics {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"entindirect/entindirect.go:30:21: IDEM202: idempotency key payments.idempotency_key can be empty here: empty when m.Attributes has no entry",
		"entindirect/entindirect.go:38:10: note: not followed:",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("no %q in the output:\n%s", want, r.stderr)
		}
	}
}
