package fixer

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/internal/testuser"
)

func tempFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o640); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPrepare(t *testing.T) {
	const src = "model Message {\n  key String?\n}\n"
	keyAt := strings.Index(src, "String?")
	tests := []struct {
		name      string
		fixes     func(a, b string) []Fix
		wantA     string // "" for unchanged
		wantB     string
		applied   []bool
		errFile   string // "a" or "b" when that file must fail
		errIs     error
		errSubstr string
	}{
		{
			name: "single",
			fixes: func(a, b string) []Fix {
				return []Fix{{Message: "require", Edits: []Edit{{Path: a, Start: keyAt + 6, End: keyAt + 7, New: ""}}}}
			},
			wantA:   "model Message {\n  key String\n}\n",
			applied: []bool{true},
		},
		{
			name: "exact duplicates from test variants are applied once",
			fixes: func(a, b string) []Fix {
				e := Edit{Path: a, Start: keyAt + 6, End: keyAt + 7, New: " @default(x)"}
				return []Fix{{Message: "p", Edits: []Edit{e}}, {Message: "p [p.test]", Edits: []Edit{e}}}
			},
			wantA:   "model Message {\n  key String @default(x)\n}\n",
			applied: []bool{true, true},
		},
		{
			name: "edits are sorted",
			fixes: func(a, b string) []Fix {
				return []Fix{{Message: "two", Edits: []Edit{
					{Path: a, Start: len(src) - 2, End: len(src) - 2, New: "  @@unique([key])\n"},
					{Path: a, Start: keyAt + 6, End: keyAt + 7},
				}}}
			},
			wantA:   "model Message {\n  key String\n  @@unique([key])\n}\n",
			applied: []bool{true},
		},
		{
			name: "overlapping edits conflict and leave the file and the fix's other files untouched",
			fixes: func(a, b string) []Fix {
				return []Fix{
					{Message: "one", Edits: []Edit{{Path: a, Start: keyAt, End: keyAt + 7, New: "Int"}}},
					{Message: "two", Edits: []Edit{{Path: a, Start: keyAt + 6, End: keyAt + 7}, {Path: b, Start: 0, End: 0, New: "// two\n"}}},
					{Message: "three", Edits: []Edit{{Path: b, Start: 0, End: 5, New: "MODEL"}}},
				}
			},
			wantB:   "MODEL Message {\n  key String?\n}\n",
			applied: []bool{false, false, true},
			errFile: "a",
			errIs:   ErrConflict,
		},
		{
			name: "two insertions at one offset from different fixes conflict",
			fixes: func(a, b string) []Fix {
				return []Fix{
					{Message: "one", Edits: []Edit{{Path: a, Start: 0, End: 0, New: "x"}}},
					{Message: "two", Edits: []Edit{{Path: a, Start: 0, End: 0, New: "y"}}},
				}
			},
			applied: []bool{false, false},
			errFile: "a",
			errIs:   ErrConflict,
		},
		{
			name: "two insertions at one offset from one fix keep its order",
			fixes: func(a, b string) []Fix {
				return []Fix{{Message: "one", Edits: []Edit{{Path: a, Start: 0, End: 0, New: "x"}, {Path: a, Start: 0, End: 0, New: "y"}}}}
			},
			wantA:   "xy" + src,
			applied: []bool{true},
		},
		{
			name: "adjacent edits do not conflict",
			fixes: func(a, b string) []Fix {
				return []Fix{
					{Message: "one", Edits: []Edit{{Path: a, Start: 0, End: 5, New: "MODEL"}}},
					{Message: "two", Edits: []Edit{{Path: a, Start: 5, End: 5, New: "!"}}},
				}
			},
			wantA:   "MODEL!" + src[5:],
			applied: []bool{true, true},
		},
		{
			name: "edit outside the file",
			fixes: func(a, b string) []Fix {
				return []Fix{{Message: "far", Edits: []Edit{{Path: a, Start: len(src) + 1, End: len(src) + 3}}}}
			},
			applied:   []bool{false},
			errFile:   "a",
			errSubstr: "outside the file",
		},
		{
			name: "missing file",
			fixes: func(a, b string) []Fix {
				return []Fix{{Message: "gone", Edits: []Edit{{Path: a + ".missing", Start: 0, End: 0, New: "x"}}}}
			},
			applied: []bool{false},
			errIs:   os.ErrNotExist,
		},
		{
			name:    "a fix without edits is not applied",
			fixes:   func(a, b string) []Fix { return []Fix{{Message: "empty"}} },
			applied: []bool{false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tempFile(t, "a.prisma", src)
			b := tempFile(t, "b.prisma", src)
			plan := Prepare(tt.fixes(a, b), Options{})
			if diff := cmp.Diff(tt.applied, plan.Applied); diff != "" {
				t.Errorf("Applied (-want +got):\n%s", diff)
			}
			got := map[string]string{}
			for _, c := range plan.Files {
				got[c.Path] = string(c.New)
			}
			want := map[string]string{}
			if tt.wantA != "" {
				want[a] = tt.wantA
			}
			if tt.wantB != "" {
				want[b] = tt.wantB
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("changed files (-want +got):\n%s", diff)
			}
			wantErr := tt.errFile != "" || tt.errIs != nil || tt.errSubstr != ""
			if err := plan.Err(); (err != nil) != wantErr {
				t.Fatalf("Err() = %v, want error %v", err, wantErr)
			}
			if tt.errIs != nil && !errors.Is(plan.Err(), tt.errIs) {
				t.Errorf("Err() = %v, want %v", plan.Err(), tt.errIs)
			}
			if tt.errSubstr != "" && !strings.Contains(plan.Err().Error(), tt.errSubstr) {
				t.Errorf("Err() = %v, want it to mention %q", plan.Err(), tt.errSubstr)
			}
			if tt.errFile != "" {
				wantPath := map[string]string{"a": a, "b": b}[tt.errFile]
				if len(plan.Errors) != 1 || plan.Errors[0].Path != wantPath {
					t.Errorf("Errors = %v, want one for %s", plan.Errors, wantPath)
				}
			}
			// Prepare writes nothing.
			for _, p := range []string{a, b} {
				if got, _ := os.ReadFile(p); string(got) != src {
					t.Errorf("Prepare modified %s", p)
				}
			}
			if err := plan.Write(); err != nil {
				t.Fatal(err)
			}
			for p, w := range want {
				if got, _ := os.ReadFile(p); string(got) != w {
					t.Errorf("after Write, %s = %q, want %q", p, got, w)
				}
			}
		})
	}
}

func TestBaseline(t *testing.T) {
	const src = "a\nbb\nccc\n"
	tests := []struct {
		name    string
		base    Baseline
		changed bool
	}{
		{"content equal", Baseline{Content: []byte(src)}, false},
		{"content differs", Baseline{Content: []byte("a\nbb\nccd\n")}, true},
		{"size equal", SizeBaseline(len(src), nil), false},
		{"size differs", SizeBaseline(len(src)+1, nil), true},
		{"lines equal", SizeBaseline(len(src), []int{0, 2, 5}), false},
		{"lines moved", SizeBaseline(len(src), []int{0, 3, 5}), true},
		{"fewer lines", SizeBaseline(len(src), []int{0, 2}), true},
		{"sum equal", Baseline{Sum: sum(src)}, false},
		{"sum differs", Baseline{Sum: sum("a\nbb\nccd\n")}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tempFile(t, "s.prisma", src)
			plan := Prepare([]Fix{{Message: "x", Edits: []Edit{{Path: p, Start: 0, End: 1, New: "A"}}}},
				Options{Baselines: map[string]Baseline{CleanPath(p): tt.base}})
			if got := plan.Err() != nil; got != tt.changed {
				t.Errorf("changed = %v (%v), want %v", got, plan.Err(), tt.changed)
			}
			if tt.changed && !errors.Is(plan.Err(), ErrChanged) {
				t.Errorf("Err = %v, want ErrChanged", plan.Err())
			}
			if plan.Applied[0] == tt.changed {
				t.Errorf("Applied = %v, want %v", plan.Applied[0], !tt.changed)
			}
		})
	}
}

func sum(s string) *[sha256.Size]byte {
	h := sha256.Sum256([]byte(s))
	return &h
}

func TestWriteFileKeepsModeAndFollowsLinks(t *testing.T) {
	p := tempFile(t, "s.prisma", "old\n")
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link.prisma")
	if err := os.Symlink(p, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "new\n" {
		t.Errorf("target = %q, want new content", got)
	}
	info, err := os.Lstat(link)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link replaced by a file: %v %v", info.Mode(), err)
	}
	if info, _ := os.Stat(p); info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", info.Mode().Perm())
	}
	assertNoTemps(t, filepath.Dir(p))
}

func TestWriteFileFailureLeavesOriginal(t *testing.T) {
	t.Run("write fails midway", func(t *testing.T) {
		p := tempFile(t, "s.prisma", "original\n")
		old := writeTemp
		t.Cleanup(func() { writeTemp = old })
		writeTemp = func(f *os.File, b []byte) (int, error) {
			n, _ := f.Write(b[:len(b)/2])
			return n, errors.New("disk full")
		}
		err := WriteFile(p, []byte("replacement content\n"))
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Fatalf("WriteFile = %v, want disk full", err)
		}
		if got, _ := os.ReadFile(p); string(got) != "original\n" {
			t.Errorf("original = %q after failed write", got)
		}
		assertNoTemps(t, filepath.Dir(p))
	})
	t.Run("temp file cannot be created", func(t *testing.T) {
		p := tempFile(t, "s.prisma", "original\n")
		old := createTemp
		t.Cleanup(func() { createTemp = old })
		createTemp = func(string, string) (*os.File, error) { return nil, os.ErrPermission }
		if err := WriteFile(p, []byte("x")); !errors.Is(err, os.ErrPermission) {
			t.Fatalf("WriteFile = %v, want permission error", err)
		}
		if got, _ := os.ReadFile(p); string(got) != "original\n" {
			t.Errorf("original = %q after failed write", got)
		}
	})
	t.Run("read-only directory", func(t *testing.T) {
		p := os.Getenv("FIXER_READONLY_FILE")
		if p == "" {
			p = filepath.Join(testuser.TempDir(t), "s.prisma")
			if err := os.WriteFile(p, []byte("original\n"), 0o666); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(filepath.Dir(p), 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(filepath.Dir(p), 0o755) })
		}
		if testuser.Drop(t, "FIXER_READONLY_FILE="+p) {
			return
		}
		plan := Prepare([]Fix{{Message: "x", Edits: []Edit{{Path: p, Start: 0, End: 8, New: "changed"}}}}, Options{})
		if err := plan.Write(); err == nil {
			t.Fatal("Write succeeded in a read-only directory")
		}
		if got, _ := os.ReadFile(p); string(got) != "original\n" {
			t.Errorf("original = %q after failed write", got)
		}
		assertNoTemps(t, filepath.Dir(p))
	})
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".idemlint-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	newPath := filepath.Join(dir, "migrations", "11_require.up.sql")
	existing := tempFile(t, "10_relax.up.sql", "x\n")
	fixes := []Fix{
		{Message: "new migration", Edits: []Edit{Create(newPath, []byte("ALTER TABLE t;\n"))}},
		{Message: "same migration again (test variant)", Edits: []Edit{Create(newPath, []byte("ALTER TABLE t;\n"))}},
		{Message: "clobbers", Edits: []Edit{Create(existing, []byte("y\n"))}},
	}
	plan := Prepare(fixes, Options{Baselines: map[string]Baseline{
		CleanPath(newPath):  {Absent: true},
		CleanPath(existing): {Absent: true},
	}})
	if diff := cmp.Diff([]bool{true, true, false}, plan.Applied); diff != "" {
		t.Errorf("Applied (-want +got):\n%s", diff)
	}
	if len(plan.Errors) != 1 || !strings.Contains(plan.Errors[0].Error(), "already exists") {
		t.Errorf("Errors = %v, want the existing file refused", plan.Errors)
	}
	var buf strings.Builder
	if err := plan.WriteDiffs(&buf, func(p string) string { r, _ := filepath.Rel(dir, p); return r }); err != nil {
		t.Fatal(err)
	}
	want := "--- /dev/null\n+++ b/migrations/11_require.up.sql\n@@ -0,0 +1 @@\n+ALTER TABLE t;\n"
	if buf.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", buf.String(), want)
	}
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(newPath); string(got) != "ALTER TABLE t;\n" {
		t.Errorf("created %q", got)
	}
	if got, _ := os.ReadFile(existing); string(got) != "x\n" {
		t.Errorf("existing file overwritten: %q", got)
	}
	assertNoTemps(t, filepath.Dir(newPath))
	// CreateFile never replaces a file, even one created after Prepare.
	if err := CreateFile(newPath, []byte("other\n")); !errors.Is(err, os.ErrExist) {
		t.Errorf("CreateFile over an existing file = %v, want ErrExist", err)
	}
	if got, _ := os.ReadFile(newPath); string(got) != "ALTER TABLE t;\n" {
		t.Errorf("CreateFile replaced the file: %q", got)
	}
	assertNoTemps(t, filepath.Dir(newPath))
}

func TestCreateWithoutBaselineFails(t *testing.T) {
	p := filepath.Join(t.TempDir(), "new.sql")
	plan := Prepare([]Fix{{Message: "x", Edits: []Edit{Create(p, []byte("x"))}}}, Options{})
	if !errors.Is(plan.Err(), os.ErrNotExist) {
		t.Errorf("Err = %v, want not exist: an edit to a missing file is not a creation unless the baseline says so", plan.Err())
	}
}

// fixFirstByte is a plan that turns the first byte of the file at p into
// "X", prepared against its current content.
func fixFirstByte(t *testing.T, p string) *Plan {
	t.Helper()
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	plan := Prepare([]Fix{{Message: "x", Edits: []Edit{{Path: p, Start: 0, End: 1, New: "X"}}}},
		Options{Baselines: map[string]Baseline{CleanPath(p): {Content: src}}})
	if err := plan.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

func TestWriteDetectsChangeDuringRun(t *testing.T) {
	const theirs = "their edit\n"
	for _, tt := range []struct {
		name     string
		hardLink bool
		inWrite  bool // change the file inside Write, after the new content is ready
	}{
		{name: "between Prepare and Write"},
		{name: "between Prepare and Write, hard-linked file", hardLink: true},
		{name: "inside Write, just before the rename", inWrite: true},
		{name: "inside Write, hard-linked file", hardLink: true, inWrite: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := tempFile(t, "s.sql", "old\n")
			if tt.hardLink {
				if err := os.Link(p, p+".link"); err != nil {
					t.Fatal(err)
				}
			}
			plan := fixFirstByte(t, p)
			change := func(string) {
				if err := os.WriteFile(p, []byte(theirs), 0o640); err != nil {
					t.Fatal(err)
				}
			}
			if tt.inWrite {
				old := beforeCommit
				t.Cleanup(func() { beforeCommit = old })
				beforeCommit = change
			} else {
				change(p)
			}
			err := plan.Write()
			if !errors.Is(err, ErrChanged) {
				t.Fatalf("Write = %v, want ErrChanged", err)
			}
			if want := p + ": changed during the run; run idemlint again"; err.Error() != want {
				t.Errorf("Write = %q, want %q", err, want)
			}
			if got, _ := os.ReadFile(p); string(got) != theirs {
				t.Errorf("file = %q, want the other process's content kept", got)
			}
			if len(plan.Written) != 0 || plan.Applied[0] {
				t.Errorf("Written = %v, Applied = %v: want nothing written or applied", plan.Written, plan.Applied)
			}
			assertNoTemps(t, filepath.Dir(p))
		})
	}
}
