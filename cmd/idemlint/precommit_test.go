package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A precommit runs the real pre-commit against a throwaway git
// repository, with this checkout as the hook repository.
type precommit struct {
	t         *testing.T
	bin, repo string
	env       []string
}

// precommitEnv is the environment pre-commit runs in: home is its cache
// (the hook environments it builds, one per hook repository revision).
func precommitEnv(t *testing.T, home string) []string {
	t.Helper()
	var env []string
	// language: golang builds the hook with go install in pre-commit's own
	// GOPATH. Sharing this test's module and build caches, with the proxy
	// off, proves the hooks build offline and spares the downloads.
	for _, v := range []string{"GOMODCACHE", "GOCACHE"} {
		out, err := exec.Command("go", "env", v).Output()
		if err != nil {
			t.Fatal(err)
		}
		env = append(env, v+"="+strings.TrimSpace(string(out)))
	}
	return append(append(os.Environ(), env...), "PRE_COMMIT_HOME="+home,
		"GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
}

func newPrecommit(t *testing.T, bin string, env []string) *precommit {
	t.Helper()
	p := &precommit{t: t, bin: bin, repo: t.TempDir(), env: env}
	p.git("init", "-q")
	p.git("config", "user.email", "test@example.com")
	p.git("config", "user.name", "test")
	p.git("config", "commit.gpgsign", "false")
	return p
}

func (p *precommit) git(args ...string) {
	p.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = p.repo, p.env
	if out, err := cmd.CombinedOutput(); err != nil {
		p.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// write writes files into the repository and stages them.
func (p *precommit) write(files map[string]string) {
	p.t.Helper()
	for name, content := range files {
		path := filepath.Join(p.repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			p.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			p.t.Fatal(err)
		}
		p.git("add", name)
	}
}

// tryRepo runs `pre-commit try-repo <this checkout> hook` on the staged
// files, as the hook would run at commit time.
func (p *precommit) tryRepo(hook string) (int, string) {
	p.t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		p.t.Fatal(err)
	}
	args := []string{"try-repo", root}
	if hook != "" {
		args = append(args, hook) // else every hook of the repository
	}
	cmd := exec.Command(p.bin, args...)
	cmd.Dir, cmd.Env = p.repo, p.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		}
		p.t.Fatalf("pre-commit: %v\n%s", err, out)
	}
	return 0, string(out)
}

const (
	cleanJobs    = "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text NOT NULL);\nCREATE UNIQUE INDEX jobs_key ON jobs (idempotency_key);\n"
	nullablePays = "CREATE TABLE payments (id bigint PRIMARY KEY, idempotency_key text);\nCREATE UNIQUE INDEX payments_key ON payments (idempotency_key);\n"
)

// TestPrecommitHooks runs the shipped hooks (.pre-commit-hooks.yaml) with
// the real pre-commit, from this checkout, in throwaway repositories.
func TestPrecommitHooks(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	if testing.Short() {
		t.Skip("builds idemlint through pre-commit")
	}
	bin, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("pre-commit not found: install it (.ci/install-precommit) to run the shipped hooks with the real tool")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found: pre-commit needs it")
	}
	env := precommitEnv(t, t.TempDir()) // one hook build for both
	t.Run("schema", func(t *testing.T) { testSchemaHook(t, newPrecommit(t, bin, env)) })
	t.Run("go", func(t *testing.T) { testGoHook(t, newPrecommit(t, bin, env)) })
	t.Run("both", func(t *testing.T) { testBothHooks(t, newPrecommit(t, bin, env)) })
}

// testSchemaHook runs the idemlint-schema hook: a commit with a clean
// schema passes, the next commit, which adds a migration with a nullable
// key, fails with the finding.
func testSchemaHook(t *testing.T, p *precommit) {
	p.write(map[string]string{"db/migrations/0001_jobs.up.sql": cleanJobs, "db/migrations/0001_jobs.down.sql": "DROP TABLE jobs;\n", "README.md": "# shop\n"})
	code, out := p.tryRepo("idemlint-schema")
	if code != 0 || !strings.Contains(out, "idemlint schema") || !strings.Contains(out, "Passed") {
		t.Fatalf("clean commit: exit %d, want 0 and Passed:\n%s", code, out)
	}
	p.git("commit", "-q", "-m", "jobs")

	// Only the new migration is staged; the hook replays the history.
	p.write(map[string]string{"db/migrations/0002_payments.up.sql": nullablePays, "db/migrations/0002_payments.down.sql": "DROP TABLE payments;\n"})
	code, out = p.tryRepo("idemlint-schema")
	want := "db/migrations/0002_payments.up.sql:1:47: IDEM101: idempotency key payments.idempotency_key is nullable"
	if code != 1 || !strings.Contains(out, "Failed") || !strings.Contains(out, want) {
		t.Errorf("commit adding a nullable key: exit %d, want 1 and %q:\n%s", code, want, out)
	}
}

// testBothHooks runs both hooks on a copy of the bundled example, whose
// schema both the Go hook (through //go:embed) and the schema hook (a
// staged .prisma file) check: each finding is reported once.
func testBothHooks(t *testing.T, p *precommit) {
	p.write(chatFiles(t))
	code, out := p.tryRepo("")
	if code != 1 || strings.Count(out, "IDEM101: ") != 1 || strings.Count(out, "IDEM201: ") != 2 {
		t.Errorf("exit %d, want 1 with one IDEM101 and two IDEM201:\n%s", code, out)
	}
	// The hook that ran second found only what the first reported: it passes.
	if !strings.Contains(out, "Failed") || !strings.Contains(out, "Passed") {
		t.Errorf("want one hook failed (the first) and one passed:\n%s", out)
	}
}

// chatFiles returns the bundled example's files.
func chatFiles(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	chat := filepath.Join("..", "..", "testdata", "chat")
	err := filepath.WalkDir(chat, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(chat, path)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// testGoHook runs the idemlint hook (idemlint ./...) on a copy of the
// bundled example: both the schema and the Go finding fail it.
func testGoHook(t *testing.T, p *precommit) {
	p.write(chatFiles(t))
	code, out := p.tryRepo("idemlint")
	for _, want := range []string{"db/schema.prisma:29:3: IDEM101", "store/store.go:30:26: IDEM201"} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("exit %d, want 1 and %q:\n%s", code, want, out)
		}
	}
}
