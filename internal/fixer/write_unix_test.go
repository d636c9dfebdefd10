//go:build unix

package fixer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/internal/testuser"
)

func stat(t *testing.T, p string) *syscall.Stat_t {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t)
}

func TestWriteKeepsOwnerGroupAndMode(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user needs root (CI runs as root)")
	}
	p := tempFile(t, "s.sql", "old\n")
	if err := os.Chown(p, 4321, 4322); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	plan := fixFirstByte(t, p)
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "Xld\n" {
		t.Errorf("content = %q", got)
	}
	st := stat(t, p)
	if st.Uid != 4321 || st.Gid != 4322 || st.Mode&0o7777 != 0o640 {
		t.Errorf("owner %d:%d mode %o, want 4321:4322 640", st.Uid, st.Gid, st.Mode&0o7777)
	}
	if diff := cmp.Diff([]string{p}, plan.Written); diff != "" {
		t.Errorf("Written (-want +got):\n%s", diff)
	}
	assertNoTemps(t, filepath.Dir(p))
}

func TestWriteKeepsHardLinks(t *testing.T) {
	p := tempFile(t, "s.sql", "old\n")
	link := filepath.Join(filepath.Dir(p), "link.sql")
	if err := os.Link(p, link); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)
	plan := fixFirstByte(t, p)
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{p, link} {
		if got, _ := os.ReadFile(name); string(got) != "Xld\n" {
			t.Errorf("%s = %q, want the new content", filepath.Base(name), got)
		}
	}
	after, _ := os.Stat(p)
	if !os.SameFile(before, after) || links(after) != 2 {
		t.Errorf("the file was replaced (same inode %v, %d links), want it written in place", os.SameFile(before, after), links(after))
	}
	if after.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640", after.Mode().Perm())
	}
	assertNoTemps(t, filepath.Dir(p))
}

func TestWriteInPlaceFailureRestoresOriginal(t *testing.T) {
	p := tempFile(t, "s.sql", "original content\n")
	if err := os.Link(p, p+".link"); err != nil {
		t.Fatal(err)
	}
	old := writeInPlace
	t.Cleanup(func() { writeInPlace = old })
	calls := 0
	writeInPlace = func(f *os.File, b []byte) (int, error) {
		calls++
		if calls == 1 {
			n, _ := f.WriteAt(b[:3], 0)
			return n, errors.New("disk full")
		}
		return f.WriteAt(b, 0)
	}
	err := WriteFile(p, []byte("a longer replacement content\n"))
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("WriteFile = %v, want disk full", err)
	}
	if got, _ := os.ReadFile(p + ".link"); string(got) != "original content\n" {
		t.Errorf("after a failed in-place write the file holds %q, want the original", got)
	}
}

// Another user's file that the process may write but not give away (it is
// not root) is written in place, so it keeps its owner.
func TestWriteOtherUsersFileUnprivileged(t *testing.T) {
	p := os.Getenv("FIXER_OTHERS_FILE")
	if p == "" {
		if os.Geteuid() != 0 {
			t.Skip("setting up another user's file needs root (CI runs as root)")
		}
		p = filepath.Join(testuser.TempDir(t), "s.sql")
		if err := os.WriteFile(p, []byte("old\n"), 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, 0o666); err != nil { // past the umask
			t.Fatal(err)
		}
	}
	if testuser.Drop(t, "FIXER_OTHERS_FILE="+p) {
		if st := stat(t, p); st.Uid != 0 || st.Gid != 0 {
			t.Errorf("owner %d:%d, want it kept (0:0)", st.Uid, st.Gid)
		}
		return
	}
	plan := fixFirstByte(t, p)
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "Xld\n" {
		t.Errorf("content = %q", got)
	}
	assertNoTemps(t, filepath.Dir(p))
}
