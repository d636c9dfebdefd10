package testuser

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// childEnv marks the child process, so that it does not recurse.
const childEnv = "IDEMLINT_TESTUSER_CHILD"

// Drop makes the rest of the calling test run unprivileged. In a root
// process it runs the current test again, as nobody, in a child process
// that sees env ("NAME=value" entries) and fails t with the child's output
// if the child fails; it then returns true and the caller must return. In
// any other process (not root, or the child itself) it returns false and
// the caller goes on with its checks, which now run unprivileged.
//
// The caller passes everything the child needs in env: paths it set up as
// root, typically under [TempDir] so that nobody can reach them.
func Drop(t *testing.T, env ...string) bool {
	t.Helper()
	if os.Getenv(childEnv) == "1" || os.Geteuid() != 0 {
		return false
	}
	uid, gid, err := lookupNobody()
	if err != nil {
		t.Skipf("running as root and no unprivileged user to drop to: %v", err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary lives in a root-only build folder: copy it out.
	bin := filepath.Join(TempDir(t), filepath.Base(exe))
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run="+runPattern(t.Name()), "-test.v", "-test.count=1")
	cmd.Dir = filepath.Dir(bin)
	cmd.Env = append(os.Environ(), childEnv+"=1", "HOME=/")
	cmd.Env = append(cmd.Env, env...)
	setUser(cmd, uid, gid)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("as uid %d: %v\n%s", uid, err, out)
	} else if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Errorf("as uid %d: the test did not run:\n%s", uid, out)
	}
	return true
}

// runPattern is the -test.run pattern that selects exactly the test name
// (subtests included).
func runPattern(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return strings.Join(parts, "/")
}

// TempDir returns a new temporary folder that every user may enter and
// write to, as may the child that [Drop] starts.
func TempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
