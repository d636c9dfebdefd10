//go:build unix

package readfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/idemlint/idemlint/internal/testuser"
)

// read runs Regular with a guard: a read that blocks fails the test rather
// than hanging it.
func read(t *testing.T, p string) ([]byte, error) {
	t.Helper()
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := Regular(p)
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		return r.b, r.err
	case <-time.After(20 * time.Second):
		t.Fatalf("Regular(%s) blocked", p)
		return nil, nil
	}
}

func TestRegular(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.sql")
	if err := os.WriteFile(file, []byte("CREATE TABLE t (k text);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "p.sql")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	mustSymlink(t, "s.sql", filepath.Join(dir, "link.sql"))
	mustSymlink(t, "p.sql", filepath.Join(dir, "fifolink.sql"))
	mustSymlink(t, "gone.sql", filepath.Join(dir, "broken.sql"))
	tests := []struct {
		name    string
		path    string
		want    string // content, when readable
		errIs   error
		message string // of Error
	}{
		{"regular file", file, "CREATE TABLE t (k text);\n", nil, ""},
		{"link to a regular file", filepath.Join(dir, "link.sql"), "CREATE TABLE t (k text);\n", nil, ""},
		{"named pipe", fifo, "", ErrNotRegular, "cannot read: not a regular file (a named pipe)"},
		{"link to a named pipe", filepath.Join(dir, "fifolink.sql"), "", ErrNotRegular, "cannot read: not a regular file (a named pipe)"},
		{"directory", dir, "", ErrNotRegular, "cannot read: not a regular file (a directory)"},
		{"dangling link", filepath.Join(dir, "broken.sql"), "", nil, "cannot read: dangling symbolic link to gone.sql"},
		{"missing file", filepath.Join(dir, "none.sql"), "", fs.ErrNotExist, "cannot read: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := read(t, tt.path)
			if tt.message == "" {
				if err != nil || string(b) != tt.want {
					t.Fatalf("Regular = %q, %v; want %q", b, err, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Regular = %q, want an error", b)
			}
			if tt.errIs != nil && !errors.Is(err, tt.errIs) {
				t.Errorf("Regular = %v, want %v", err, tt.errIs)
			}
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q does not name the path", err)
			}
			pe := Error(tt.path, err)
			if pe.Pos.Path != tt.path || pe.Msg != tt.message {
				t.Errorf("Error = %q at %q, want %q at the path", pe.Msg, pe.Pos.Path, tt.message)
			}
		})
	}
	if IsRegular(fifo) || IsRegular(dir) || !IsRegular(filepath.Join(dir, "link.sql")) {
		t.Error("IsRegular is wrong about the pipe, the folder or the link")
	}
}

func TestRegularUnreadable(t *testing.T) {
	p := os.Getenv("READFILE_SECRET")
	if p == "" {
		p = filepath.Join(testuser.TempDir(t), "secret.sql")
		if err := os.WriteFile(p, []byte("x"), 0o000); err != nil {
			t.Fatal(err)
		}
	}
	if testuser.Drop(t, "READFILE_SECRET="+p) {
		return
	}
	_, err := read(t, p)
	if !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("Regular = %v, want permission denied", err)
	}
	if pe := Error(p, err); pe.Msg != "cannot read: permission denied" {
		t.Errorf("Error = %q", pe.Msg)
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// A path that becomes a pipe after the Stat is opened without blocking and
// then refused.
func TestOpenNonblockOnPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "p.sql")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := openNonblock(fifo)
		if err == nil {
			info, serr := f.Stat()
			f.Close()
			if serr != nil {
				err = serr
			} else {
				err = regular(fifo, info)
			}
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("open and check = %v, want ErrNotRegular", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("opening a named pipe blocked")
	}
}
