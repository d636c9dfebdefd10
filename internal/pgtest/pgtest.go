// Package pgtest starts a throwaway PostgreSQL server for tests and talks to
// it through psql, so that the real engine can serve as a test oracle
// without a Go driver dependency.
//
// One server is shared by a test binary ([Shared]; stop it with [Main] from
// TestMain) and every test gets a fresh database ([NewDB]):
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	func TestX(t *testing.T) {
//		db := pgtest.NewDB(t) // skips when PostgreSQL is not installed, fails when CI=true
//		db.MustExec(t, "CREATE TABLE t (a int)")
//		n := db.MustQuery(t, "SELECT count(*) FROM t")
//	}
//
// The server runs from initdb's data directory in a temporary folder, listens
// only on a UNIX socket in that folder (no TCP port), runs with fsync off, and
// trusts every local connection as superuser "postgres". Binaries are looked
// up in $PGTEST_BINDIR, on PATH and in /usr/lib/postgresql/*/bin (newest
// version wins). PostgreSQL refuses to run as root: under uid 0 the server
// runs as an unprivileged user ($PGTEST_USER, else "nobody", else a new
// system user "idemlint-pg").
package pgtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// ErrNotFound is returned (wrapped) by [Start] when no PostgreSQL server
// binaries are installed.
var ErrNotFound = errors.New("PostgreSQL binaries (initdb, pg_ctl, postgres) not found")

// A Server is a running throwaway PostgreSQL cluster.
type Server struct {
	BinDir    string // directory of initdb, pg_ctl and postgres
	Psql      string // path of the psql client
	Version   int    // server_version_num, e.g. 150018
	SocketDir string // the UNIX socket's directory (libpq's host)
	Port      int    // names the socket file; no TCP port is opened

	root    string // temporary folder holding data/, sock/ and the log
	dataDir string
	runAs   *account // nil when the current user may run the server
}

const superuser = "postgres"

// DSN returns a libpq connection string for database db.
func (s *Server) DSN(db string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable", s.SocketDir, s.Port, superuser, db)
}

// findBinDir returns the directory holding initdb, pg_ctl and postgres, the
// newest one when several versions are installed.
func findBinDir() (string, error) {
	if d := os.Getenv("PGTEST_BINDIR"); d != "" {
		if hasServer(d) {
			return d, nil
		}
		return "", fmt.Errorf("%w in $PGTEST_BINDIR=%s", ErrNotFound, d)
	}
	var cands []string
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		cands = append(cands, filepath.Dir(p))
	}
	for _, pat := range []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/usr/local/pgsql/bin", "/opt/homebrew/opt/postgresql@*/bin", "/usr/local/opt/postgresql@*/bin"} {
		ms, _ := filepath.Glob(pat)
		cands = append(cands, ms...)
	}
	best, bestV := "", -1
	for _, d := range cands {
		if !hasServer(d) {
			continue
		}
		if v := binVersion(filepath.Join(d, "pg_ctl")); v > bestV {
			best, bestV = d, v
		}
	}
	if best == "" {
		return "", fmt.Errorf("%w on PATH or in /usr/lib/postgresql/*/bin (set PGTEST_BINDIR, or run .ci/install-postgres)", ErrNotFound)
	}
	return best, nil
}

func hasServer(dir string) bool {
	for _, b := range []string{"initdb", "pg_ctl", "postgres"} {
		if fi, err := os.Stat(filepath.Join(dir, b)); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

var versionRE = regexp.MustCompile(`(\d+)(?:\.(\d+))?`)

// binVersion returns the version a binary reports as major*10000+minor
// (150018 for 15.18), or 0.
func binVersion(bin string) int {
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		return 0
	}
	m := versionRE.FindStringSubmatch(string(out))
	if m == nil {
		return 0
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	return major*10000 + minor
}

func findPsql(binDir string) (string, error) {
	if p := filepath.Join(binDir, "psql"); hasExec(p) {
		return p, nil
	}
	p, err := exec.LookPath("psql")
	if err != nil {
		return "", fmt.Errorf("%w: psql client not found next to %s or on PATH", ErrNotFound, binDir)
	}
	return p, nil
}

func hasExec(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// Start initialises a new cluster in a temporary folder and starts it.
// The caller must Stop it.
func Start() (*Server, error) {
	binDir, err := findBinDir()
	if err != nil {
		return nil, err
	}
	psql, err := findPsql(binDir)
	if err != nil {
		return nil, err
	}
	acct, err := serverAccount()
	if err != nil {
		return nil, err
	}
	// Short paths: a UNIX socket path must fit in ~107 bytes.
	base := os.TempDir()
	if len(base) > 60 {
		base = "/tmp"
	}
	root, err := os.MkdirTemp(base, "idemlint-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{BinDir: binDir, Psql: psql, Port: 5432, root: root, runAs: acct,
		dataDir: filepath.Join(root, "data"), SocketDir: filepath.Join(root, "sock")}
	fail := func(err error) (*Server, error) {
		os.RemoveAll(root)
		return nil, err
	}
	if err := os.Chmod(root, 0o755); err != nil {
		return fail(err)
	}
	for _, d := range []string{s.dataDir, s.SocketDir} {
		if err := os.Mkdir(d, 0o700); err != nil {
			return fail(err)
		}
	}
	if acct != nil {
		for _, p := range []string{root, s.dataDir, s.SocketDir} {
			if err := os.Chown(p, acct.uid, acct.gid); err != nil {
				return fail(fmt.Errorf("chown %s to %s: %w", p, acct.name, err))
			}
		}
	}
	if out, err := s.run(filepath.Join(binDir, "initdb"), "-D", s.dataDir, "-U", superuser,
		"--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C"); err != nil {
		return fail(fmt.Errorf("initdb: %v\n%s", err, out))
	}
	opts := fmt.Sprintf("-k %s -c listen_addresses='' -p %d -F -c full_page_writes=off -c synchronous_commit=off"+
		" -c max_connections=40 -c log_min_messages=warning", s.SocketDir, s.Port)
	logFile := filepath.Join(root, "postgres.log")
	if out, err := s.run(filepath.Join(binDir, "pg_ctl"), "-D", s.dataDir, "-l", logFile, "-w", "-t", "60",
		"-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(logFile)
		return fail(fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, log))
	}
	v, err := s.Query("postgres", "SELECT current_setting('server_version_num')")
	if err != nil {
		s.Stop()
		return nil, err
	}
	s.Version, _ = strconv.Atoi(v)
	return s, nil
}

// run runs a server binary, as the unprivileged account when there is one.
func (s *Server) run(bin string, args ...string) ([]byte, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = s.root
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	if s.runAs != nil {
		s.runAs.apply(cmd)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.Bytes(), err
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		return out.Bytes(), fmt.Errorf("%s timed out", filepath.Base(bin))
	}
}

// Stop stops the server immediately and removes its files.
func (s *Server) Stop() error {
	_, err := s.run(filepath.Join(s.BinDir, "pg_ctl"), "-D", s.dataDir, "-m", "immediate", "-w", "stop")
	if rerr := os.RemoveAll(s.root); err == nil {
		err = rerr
	}
	return err
}

// An Error is a failed psql run. SQLState is the error's SQLSTATE code
// ("23505" for a unique violation) when the server reported one.
type Error struct {
	SQLState string
	Stderr   string
	Err      error
}

func (e *Error) Error() string {
	return fmt.Sprintf("psql: %v: %s", e.Err, strings.TrimSpace(e.Stderr))
}
func (e *Error) Unwrap() error { return e.Err }

var sqlStateRE = regexp.MustCompile(`(?m)^(?:psql:[^\n]*?)?ERROR:  ([0-9A-Z]{5}): `)

// UniqueViolation is the SQLSTATE of a duplicate key.
const UniqueViolation = "23505"

// psql runs psql on database db with stdin as its script, plus args; it
// returns stdout. Output is unaligned, tuples only; the first error stops
// the script and is returned as an *Error.
func (s *Server) psql(db, stdin string, args ...string) (string, error) {
	all := append([]string{"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose",
		"-h", s.SocketDir, "-p", strconv.Itoa(s.Port), "-U", superuser, "-d", db}, args...)
	cmd := exec.Command(s.Psql, all...)
	cmd.Env = append(os.Environ(), "PGOPTIONS=-c client_min_messages=warning", "PGCONNECT_TIMEOUT=30")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		e := &Error{Stderr: errb.String(), Err: err}
		if m := sqlStateRE.FindStringSubmatch(e.Stderr); m != nil {
			e.SQLState = m[1]
		}
		return out.String(), e
	}
	return out.String(), nil
}

// Exec runs an SQL script (several statements allowed) on database db.
func (s *Server) Exec(db, script string) error {
	_, err := s.psql(db, script)
	return err
}

// Query runs script on database db and returns its output, trimmed: one
// row per line, columns separated by "|".
func (s *Server) Query(db, script string) (string, error) {
	out, err := s.psql(db, script)
	return strings.TrimSpace(out), err
}

// ExecFiles runs the files in order in one psql session on database db:
// session settings (search_path) carry over from one file to the next.
func (s *Server) ExecFiles(db string, paths ...string) error {
	args := make([]string, 0, 2*len(paths))
	for _, p := range paths {
		args = append(args, "-f", p)
	}
	_, err := s.psql(db, "", args...)
	return err
}

// QueryJSON runs a query that returns a single JSON value (json_agg, say)
// and decodes it into v.
func (s *Server) QueryJSON(db, query string, v any) error {
	out, err := s.Query(db, query)
	if err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		return fmt.Errorf("decoding %.200q: %w", out, err)
	}
	return nil
}

// QuoteIdent quotes an SQL identifier.
func QuoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// ---- sharing one server per test binary ----

var shared struct {
	once sync.Once
	s    *Server
	err  error
	n    int
	mu   sync.Mutex
}

// Shared returns the test binary's server, starting it on first use. When
// PostgreSQL is not installed the test is skipped, unless the environment
// variable CI is "true": then it fails.
func Shared(t testing.TB) *Server {
	t.Helper()
	shared.once.Do(func() { shared.s, shared.err = Start() })
	if shared.err != nil {
		if errors.Is(shared.err, ErrNotFound) && os.Getenv("CI") != "true" {
			t.Skipf("skipping: %v", shared.err)
		}
		t.Fatalf("starting PostgreSQL: %v", shared.err)
	}
	return shared.s
}

// Main runs the tests and then stops the shared server, if one was
// started. Call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if shared.s != nil {
		if err := shared.s.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest: stopping PostgreSQL:", err)
		}
	}
	os.Exit(code)
}

// A DB is a fresh database on the shared server, dropped when its test ends.
type DB struct {
	*Server
	Name string
}

var nonWord = regexp.MustCompile(`[^a-z0-9_]+`)

// NewDB creates an empty database for t on the shared server.
func NewDB(t testing.TB) *DB {
	t.Helper()
	s := Shared(t)
	shared.mu.Lock()
	shared.n++
	n := shared.n
	shared.mu.Unlock()
	name := fmt.Sprintf("t%d_%s", n, nonWord.ReplaceAllString(strings.ToLower(t.Name()), "_"))
	if len(name) > 63 {
		name = name[:63]
	}
	if err := s.Exec("postgres", "CREATE DATABASE "+QuoteIdent(name)); err != nil {
		t.Fatalf("creating database: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Exec("postgres", "DROP DATABASE IF EXISTS "+QuoteIdent(name)+" WITH (FORCE)"); err != nil {
			t.Errorf("dropping database %s: %v", name, err)
		}
	})
	return &DB{Server: s, Name: name}
}

// DSN returns the database's libpq connection string.
func (d *DB) DSN() string { return d.Server.DSN(d.Name) }

// Exec runs an SQL script on the database.
func (d *DB) Exec(script string) error { return d.Server.Exec(d.Name, script) }

// Query runs a script on the database and returns its trimmed output.
func (d *DB) Query(script string) (string, error) { return d.Server.Query(d.Name, script) }

// QueryJSON runs a query returning one JSON value and decodes it into v.
func (d *DB) QueryJSON(query string, v any) error { return d.Server.QueryJSON(d.Name, query, v) }

// ExecFiles runs files in order in one psql session on the database.
func (d *DB) ExecFiles(paths ...string) error { return d.Server.ExecFiles(d.Name, paths...) }

// MustExec is Exec that fails t on error.
func (d *DB) MustExec(t testing.TB, script string) {
	t.Helper()
	if err := d.Exec(script); err != nil {
		t.Fatal(err)
	}
}

// MustQuery is Query that fails t on error.
func (d *DB) MustQuery(t testing.TB, script string) string {
	t.Helper()
	out, err := d.Query(script)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
