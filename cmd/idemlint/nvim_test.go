package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// nvimResult is what testdata/lsp/nvim.lua writes.
type nvimResult struct {
	Steps       []string
	Opened      bool
	Diagnostics []struct {
		Lnum, Col             int
		EndLnum               int `json:"end_lnum"`
		EndCol                int `json:"end_col"`
		Severity              int
		Code, Source, Message string
	}
	Actions []struct {
		Title string
		Kind  string
	}
	FixedLine string `json:"fixed_line"`
	Cleared   bool
	Modified  bool
}

// runNvim runs Neovim headless with its built-in LSP client on schema,
// through testdata/lsp/nvim.lua. It skips when nvim is not installed
// (.ci/install-nvim installs Debian's).
func runNvim(t *testing.T, schema string) nvimResult {
	t.Helper()
	script := lspTestdata(t, "nvim.lua")
	var r nvimResult
	nvimJSON(t, filepath.Dir(schema), []string{"IDEMLINT=" + idemlintBinary(t), "SCHEMA=" + schema},
		&r, "-u", "NONE", "-c", "luafile "+script)
	if len(r.Steps) > 0 {
		t.Logf("nvim.lua: %s", strings.Join(r.Steps, "; "))
	}
	return r
}

func lspTestdata(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "lsp", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// nvimJSON runs nvim --headless with args in dir and decodes into v the
// JSON a script wrote to $RESULT. It skips when nvim is not installed.
func nvimJSON(t *testing.T, dir string, env []string, v any, args ...string) {
	t.Helper()
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim not found: install Neovim 0.7 or later (.ci/install-nvim) to test idemlint lsp with a real editor")
	}
	out := filepath.Join(t.TempDir(), "result.json")
	cmd := exec.Command(nvim, append([]string{"--headless", "-i", "NONE", "-n"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), env...), "RESULT="+out,
		"XDG_CONFIG_HOME="+t.TempDir(), "XDG_STATE_HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir())
	done := make(chan []byte, 1)
	go func() {
		b, _ := cmd.CombinedOutput()
		done <- b
	}()
	var output []byte
	select {
	case output = <-done:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("nvim did not finish in 2 minutes")
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("nvim wrote no result: %v\n%s", err, output)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
}

// TestNeovim opens the bundled example's schema in Neovim and reads the
// diagnostics back through the editor's own diagnostic API, then applies
// a code action from the editor and sees them clear.
func TestNeovim(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "chat", "db", "schema.prisma"))
	if err != nil {
		t.Fatal(err)
	}
	schema := filepath.Join(dir, "schema.prisma")
	if err := os.WriteFile(schema, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runNvim(t, schema)
	if !r.Opened || len(r.Diagnostics) != 1 {
		t.Fatalf("diagnostics in nvim: %+v", r)
	}
	d := r.Diagnostics[0]
	// db/schema.prisma:29:3-29:69 in the CLI's 1-based terms.
	if d.Code != "IDEM101" || d.Source != "idemlint" || d.Lnum != 28 || d.Col != 2 || d.EndLnum != 28 || d.EndCol != 68 || d.Severity != 1 {
		t.Errorf("diagnostic in nvim = %+v", d)
	}
	if len(r.Actions) != 2 || r.Actions[0].Kind != "quickfix" {
		t.Errorf("code actions in nvim = %+v", r.Actions)
	}
	if !r.Cleared || !r.Modified || !strings.HasPrefix(r.FixedLine, "  idempotencyKey String      @map") {
		t.Errorf("after applying %q: cleared %v, modified %v, line %q", r.Actions[len(r.Actions)-1].Title, r.Cleared, r.Modified, r.FixedLine)
	}
	if disk, _ := os.ReadFile(schema); string(disk) != string(b) {
		t.Error("the file on disk changed: the fix was to stay in the buffer")
	}
}

// TestNeovimUTF16 checks that Neovim, which turns LSP's UTF-16 characters
// back into byte columns, lands on the key past a name with é and 😀.
func TestNeovimUTF16(t *testing.T) {
	const text = "CREATE TABLE \"café😀\" (id int, idempotency_key text UNIQUE);\n"
	schema := filepath.Join(t.TempDir(), "schema.sql")
	if err := os.WriteFile(schema, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runNvim(t, schema)
	if len(r.Diagnostics) != 1 {
		t.Fatalf("diagnostics in nvim: %+v", r)
	}
	if d, want := r.Diagnostics[0], strings.Index(text, "idempotency_key"); d.Code != "IDEM101" || d.Lnum != 0 || d.Col != want {
		t.Errorf("diagnostic in nvim at %d:%d (byte column from 0), want 0:%d: %+v", d.Lnum, d.Col, want, d)
	}
}

// TestNeovimConfig runs Neovim with testdata/lsp/init.lua, the README's
// configuration, as its init file and idemlint on PATH: opening the
// example's schema shows its IDEM101.
func TestNeovimConfig(t *testing.T) {
	bin := idemlintBinary(t)
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "chat", "db", "schema.prisma"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "schema.prisma"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	var r struct {
		Filetype    string
		Opened      bool
		Diagnostics []struct {
			Lnum, Col int
			Code      string
		}
	}
	path := "PATH=" + filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH")
	nvimJSON(t, dir, []string{path}, &r, "-u", lspTestdata(t, "init.lua"), "schema.prisma", "-c", "luafile "+lspTestdata(t, "wait.lua"))
	if r.Filetype != "prisma" || !r.Opened || len(r.Diagnostics) != 1 || r.Diagnostics[0].Code != "IDEM101" || r.Diagnostics[0].Lnum != 28 {
		t.Errorf("nvim with the README's init.lua: %+v", r)
	}
}
