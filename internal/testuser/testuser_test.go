package testuser

import (
	"os"
	"path/filepath"
	"testing"
)

// The check below runs unprivileged: a chmod 000 file cannot be read.
func TestDropMakesPermissionBitsCount(t *testing.T) {
	p := os.Getenv("TESTUSER_FILE")
	if p == "" {
		p = filepath.Join(TempDir(t), "secret")
		if err := os.WriteFile(p, []byte("x"), 0o000); err != nil {
			t.Fatal(err)
		}
	}
	if Drop(t, "TESTUSER_FILE="+p) {
		return
	}
	if _, err := os.ReadFile(p); !os.IsPermission(err) {
		t.Errorf("ReadFile(%s) = %v, want permission denied", p, err)
	}
	if os.Geteuid() == 0 {
		t.Error("still root")
	}
}

func TestRunPattern(t *testing.T) {
	if got, want := runPattern("TestA/b.c"), `^TestA$/^b\.c$`; got != want {
		t.Errorf("runPattern = %q, want %q", got, want)
	}
}
