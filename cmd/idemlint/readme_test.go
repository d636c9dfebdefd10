package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeCommands returns every idemlint command the README's "CI and
// editors" section shows: lines of its code blocks, `run:` steps and
// inline code that start with "idemlint ".
func readmeCommands(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	start := strings.Index(s, "\n## CI and editors\n")
	if start < 0 {
		t.Fatal("README has no CI and editors section")
	}
	s = s[start+1:]
	if end := strings.Index(s[3:], "\n## "); end >= 0 {
		s = s[:end+3]
	}
	var cmds []string
	add := func(c string) {
		c = strings.TrimSpace(c)
		if strings.HasPrefix(c, "idemlint ") && !strings.HasPrefix(c, "idemlint lsp") {
			cmds = append(cmds, c)
		}
	}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimPrefix(line, "- run: ")
		add(line)
	}
	for _, m := range regexp.MustCompile("`(idemlint [^`]+)`").FindAllStringSubmatch(s, -1) {
		add(m[1])
	}
	if len(cmds) < 4 {
		t.Fatalf("found only %d idemlint commands in the CI section: %q", len(cmds), cmds)
	}
	return cmds
}

// TestREADMECICommands runs each idemlint command of the README's CI
// section, as a shell would, in a copy of the bundled example (with the
// schema also at prisma/ and as a migration under db/migrations, the paths
// the commands name), and checks it runs and prints what its format
// promises. (golangci-lint's commands are run by .ci/golangci-plugin,
// pre-commit's by TestPrecommitHooks, the Neovim configuration by the LSP
// tests.)
func TestREADMECICommands(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	bin := idemlintBinary(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "chat"))); err != nil {
		t.Fatal(err)
	}
	prismaSrc, err := os.ReadFile(filepath.Join(dir, "db", "schema.prisma"))
	if err != nil {
		t.Fatal(err)
	}
	for path, content := range map[string]string{
		"prisma/schema.prisma":       string(prismaSrc),
		"db/migrations/001_init.sql": "CREATE TABLE messages (id bigint PRIMARY KEY, session_id uuid NOT NULL, idempotency_key varchar(64), UNIQUE (session_id, idempotency_key));\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range readmeCommands(t) {
		t.Run(c, func(t *testing.T) {
			cmd := exec.Command("bash", "-c", c)
			cmd.Dir = dir
			cmd.Env = append(testEnv(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
			out, err := cmd.CombinedOutput()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != exitClean && code != exitDiagnostics {
				t.Fatalf("exit %d:\n%s", code, out)
			}
			switch {
			case strings.Contains(c, "-format github"):
				if !strings.Contains(string(out), "::error file=") || !strings.Contains(string(out), "title=IDEM101::") {
					t.Errorf("no IDEM101 annotation:\n%s", out)
				}
			case strings.Contains(c, "> idemlint.sarif"):
				b, err := os.ReadFile(filepath.Join(dir, "idemlint.sarif"))
				var log struct {
					Version string
					Runs    []struct{ Results []json.RawMessage }
				}
				if err != nil || json.Unmarshal(b, &log) != nil || log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
					t.Errorf("idemlint.sarif is not a SARIF log with results (%v):\n%s", err, b)
				}
				os.Remove(filepath.Join(dir, "idemlint.sarif"))
			}
		})
	}
}
