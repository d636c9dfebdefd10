package dbdiff

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/idemlint/idemlint/internal/pgtest"
)

// gofixChatDDL is what `prisma migrate` generates for the bundled example's
// schema (testdata/chat/db/schema.prisma), left as it is: idempotency_key is
// still nullable, so these tests isolate idemlint's Go fix (IDEM201) from
// its schema fix (IDEM101, shown in TestChatExampleOnPostgres).
const gofixChatDDL = `CREATE TABLE "chat_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "chat_sessions_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "messages" (
    "id" BIGSERIAL NOT NULL,
    "session_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "idempotency_key" VARCHAR(64),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "messages_session_id_idempotency_key_key" ON "messages"("session_id", "idempotency_key");
ALTER TABLE "messages" ADD CONSTRAINT "messages_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "chat_sessions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`

// gofixOtherBody is the body of a second, different message. Its quote,
// backslash and double quotes also exercise the driver's quoting.
const gofixOtherBody = `it's a \"different\" message \ 100%`

// TestGoFixOnPostgres runs the bundled example's repository layer
// (store.CreateMessage, reported because its *string key parameter lets
// every caller pass nil), as written and with each of idemlint's two Go
// fixes for that IDEM201 applied at its top, against a real PostgreSQL. The
// calls go through the example's real handler, api.PostMessage, with
// httptest: the same JSON body without an idempotencyKey posted twice (a
// client retry):
//
//   - as written, the key is NULL and both posts land: the bug;
//   - with the derived-key fix the retry gets the same key and the INSERT's
//     ON CONFLICT DO NOTHING drops it, while a different body still lands;
//   - with the random-key fix every row has a key, but each retry gets a
//     new one and lands too: that fix is honestly not a dedupe, which is why
//     the derived one exists.
//
// The example is built and run in a copy with a generated database/sql
// driver that runs each statement through psql, so nothing is downloaded.
func TestGoFixOnPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds idemlint and runs the example with go run")
	}
	srv := pgtest.Shared(t) // skips without PostgreSQL, fails when CI=true
	diag := gofixIDEM201(t, gofixBuildIdemlint(t))

	for _, v := range []struct {
		name   string
		fix    string   // prefix of the suggested fix's message; "" for none
		bodies []string // posted in order, all without an Idempotency-Key
		want   map[string]int
	}{
		{name: "original", bodies: []string{"hello", "hello"}, want: map[string]int{"hello": 2}},
		{name: "derived", fix: "Derive the key from the request",
			bodies: []string{"hello", "hello", gofixOtherBody}, want: map[string]int{"hello": 1, gofixOtherBody: 1}},
		{name: "random", fix: "Generate a random key", bodies: []string{"hello", "hello"}, want: map[string]int{"hello": 2}},
	} {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "chat"))); err != nil {
				t.Fatal(err)
			}
			goFile := filepath.Join(dir, "store", "store.go")
			if v.fix != "" {
				gofixApply(t, goFile, diag, v.fix)
			}
			gofixWrite(t, filepath.Join(dir, "psqldriver", "driver.go"), gofixDriverSrc)
			gofixWrite(t, filepath.Join(dir, "cmd", "retry", "main.go"), gofixRetrySrc)

			db := pgtest.NewDB(t)
			db.MustExec(t, gofixChatDDL)
			session := db.MustQuery(t, `INSERT INTO chat_sessions (user_id) VALUES ('u1') RETURNING id`)

			start := time.Now()
			cmd := exec.CommandContext(t.Context(), "go", append([]string{"run", "./cmd/retry", session}, v.bodies...)...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off",
				"CHAT_DSN="+db.DSN(), "PSQL="+srv.Psql)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go run ./cmd/retry: %v\n%s", err, out)
			}
			t.Logf("go run ./cmd/retry (build and %d posts): %v", len(v.bodies), time.Since(start).Round(time.Millisecond))

			var rows []struct {
				Body string  `json:"body"`
				Key  *string `json:"idempotency_key"`
			}
			if err := db.QueryJSON(`SELECT coalesce(json_agg(json_build_object('body', body, 'idempotency_key', idempotency_key) ORDER BY id), '[]') FROM messages`, &rows); err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			keys := map[string]bool{}
			for _, r := range rows {
				got[r.Body]++
				switch {
				case v.fix == "" && r.Key != nil:
					t.Errorf("original code stored key %q for %q, want NULL", *r.Key, r.Body)
				case v.fix != "" && r.Key == nil:
					t.Errorf("%s fix stored a NULL key for %q", v.name, r.Body)
				case v.fix != "":
					if keys[*r.Key] {
						t.Errorf("%s fix: key %q stored twice", v.name, *r.Key)
					}
					keys[*r.Key] = true
				}
				if v.name == "derived" && r.Key != nil {
					sum := sha256.Sum256([]byte(session + "\x00" + r.Body))
					if want := hex.EncodeToString(sum[:]); *r.Key != want {
						t.Errorf("derived key for %q = %s, want SHA-256(session, NUL, body) = %s", r.Body, *r.Key, want)
					}
				}
			}
			t.Logf("%s: posted %q without a key; rows: %d %v", v.name, v.bodies, len(rows), got)
			if !gofixSameCounts(got, v.want) {
				t.Errorf("%s: rows per body = %v, want %v", v.name, got, v.want)
			}
		})
	}
}

// gofixBuildIdemlint builds the idemlint command into a temporary folder.
func gofixBuildIdemlint(t *testing.T) string {
	t.Helper()
	start := time.Now()
	bin := filepath.Join(t.TempDir(), "idemlint")
	if out, err := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "github.com/idemlint/idemlint/cmd/idemlint").CombinedOutput(); err != nil {
		t.Fatalf("go build idemlint: %v\n%s", err, out)
	}
	t.Logf("go build idemlint: %v", time.Since(start).Round(time.Millisecond))
	return bin
}

// A gofixDiag is a diagnostic in go vet's JSON shape.
type gofixDiag struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string      `json:"message"`
		Edits   []gofixEdit `json:"edits"`
	} `json:"suggested_fixes"`
}

type gofixEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// gofixIDEM201 runs idemlint -json on a copy of the bundled example and
// returns its IDEM201 diagnostic in store/store.go (the repository layer).
func gofixIDEM201(t *testing.T, bin string) gofixDiag {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "chat"))); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cmd := exec.CommandContext(t.Context(), bin, "-C", dir, "-json", "./...")
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 3) {
		t.Fatalf("idemlint -json: %v\n%s", err, stderr.Bytes())
	}
	t.Logf("idemlint -json: %v", time.Since(start).Round(time.Millisecond))

	var out map[string]map[string]json.RawMessage
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("decoding idemlint -json: %v\n%s", err, stdout.Bytes())
	}
	var diags []gofixDiag
	for pkg, byAnalyzer := range out {
		for name, raw := range byAnalyzer {
			var ds []gofixDiag
			if err := json.Unmarshal(raw, &ds); err != nil {
				t.Fatalf("%s: analyzer %s: %s", pkg, name, raw)
			}
			for _, d := range ds {
				if d.Category == "IDEM201" && strings.Contains(filepath.ToSlash(d.Posn), "/store/store.go:") {
					diags = append(diags, d)
				}
			}
		}
	}
	if len(diags) != 1 {
		t.Fatalf("idemlint -json reports %d IDEM201 diagnostics in store/store.go, want 1:\n%s", len(diags), stdout.Bytes())
	}
	return diags[0]
}

// gofixApply applies to file the edits of d's suggested fix whose message
// starts with prefix, as go vet -fix would: edits sorted by offset, those
// at the same offset in their order. The fix must edit only that file.
func gofixApply(t *testing.T, file string, d gofixDiag, prefix string) {
	t.Helper()
	var edits []gofixEdit
	found := 0
	for _, f := range d.SuggestedFixes {
		if !strings.HasPrefix(f.Message, prefix) {
			continue
		}
		found++
		t.Logf("applying fix: %s", f.Message)
		for _, e := range f.Edits {
			if !strings.HasSuffix(filepath.ToSlash(e.Filename), "/store/store.go") {
				t.Fatalf("fix %q also edits %s; want a fix of store.go only", f.Message, e.Filename)
			}
			edits = append(edits, e)
		}
	}
	if found != 1 {
		t.Fatalf("%d suggested fixes start with %q, want 1", found, prefix)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortStableFunc(edits, func(a, b gofixEdit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	var out []byte
	last := 0
	for _, e := range edits {
		if e.Start < last || e.End < e.Start || e.End > len(src) {
			t.Fatalf("edit [%d,%d) overlaps a previous one or lies outside the %d-byte file", e.Start, e.End, len(src))
		}
		out = append(append(out, src[last:e.Start]...), e.New...)
		last = e.End
	}
	out = append(out, src[last:]...)
	if formatted, err := format.Source(out); err != nil {
		t.Errorf("fixed store.go does not parse: %v\n%s", err, out)
	} else if !bytes.Equal(formatted, out) {
		t.Errorf("fixed store.go is not gofmt-formatted:\n%s", out)
	}
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gofixWrite(t *testing.T, path, src string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func gofixSameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, n := range a {
		if b[k] != n {
			return false
		}
	}
	return true
}

// gofixRetrySrc is the example module's cmd/retry: it posts the bodies in
// its arguments to session os.Args[1] through the example's handler
// (api.Handler.PostMessage over store.Store), each as a JSON body without an
// idempotencyKey, as a client retrying without a key does. It prints
// nothing unless a post fails.
const gofixRetrySrc = `// Command retry posts messages through the chat API's handler without an
// idempotencyKey: retry SESSION BODY...
package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"

	"example.com/chat/api"
	_ "example.com/chat/psqldriver"
	"example.com/chat/store"
)

func main() {
	if err := run(os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "retry:", err)
		os.Exit(1)
	}
}

func run(session string, bodies []string) error {
	db, err := sql.Open("psql", os.Getenv("CHAT_DSN"))
	if err != nil {
		return err
	}
	defer db.Close()
	h := &api.Handler{Store: &store.Store{DB: db}}
	for _, body := range bodies {
		js, err := json.Marshal(map[string]string{"sessionId": session, "body": body})
		if err != nil {
			return err
		}
		r := httptest.NewRequest(http.MethodPost, "/messages", bytes.NewReader(js))
		w := httptest.NewRecorder()
		h.PostMessage(w, r)
		if w.Code != http.StatusNoContent {
			return fmt.Errorf("PostMessage(%s): %d %s", js, w.Code, w.Body)
		}
	}
	return nil
}
`

// gofixDriverSrc is the example module's psqldriver: a minimal
// database/sql driver (Exec only) that substitutes quoted literals for the
// $n parameters and runs each statement with psql ($PSQL, else psql on
// PATH) on the libpq connection string given to sql.Open.
var gofixDriverSrc = strings.ReplaceAll(`// Package psqldriver is a minimal database/sql driver, "psql", that runs
// each statement through the psql client. It supports Exec only.
package psqldriver

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

func init() { sql.Register("psql", Driver{}) }

// Driver opens connections to the libpq connection string it is given.
type Driver struct{}

// Open implements driver.Driver.
func (Driver) Open(dsn string) (driver.Conn, error) { return &conn{dsn: dsn}, nil }

type conn struct{ dsn string }

func (c *conn) Prepare(query string) (driver.Stmt, error) { return &stmt{c, query}, nil }
func (c *conn) Close() error                              { return nil }
func (c *conn) Begin() (driver.Tx, error) {
	return nil, errors.New("psqldriver: transactions are not supported")
}

// ExecContext implements driver.ExecerContext.
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	q, err := Bind(query, args)
	if err != nil {
		return nil, err
	}
	return c.run(ctx, q)
}

type stmt struct {
	c     *conn
	query string
}

func (s *stmt) Close() error  { return nil }
func (s *stmt) NumInput() int { return -1 }
func (s *stmt) Exec(args []driver.Value) (driver.Result, error) {
	named := make([]driver.NamedValue, len(args))
	for i, v := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return s.c.ExecContext(context.Background(), s.query, named)
}
func (s *stmt) Query([]driver.Value) (driver.Rows, error) {
	return nil, errors.New("psqldriver: queries are not supported")
}

// An Error is a failed statement: psql's error output, which includes the
// SQLSTATE ("ERROR:  23505: duplicate key value violates ...").
type Error struct {
	SQLState string
	Message  string
}

func (e *Error) Error() string { return "psqldriver: " + e.Message }

var (
	sqlStateRE = regexp.MustCompile(°(?m)^(?:psql:[^\n]*?)?ERROR:  ([0-9A-Z]{5}): °)
	tagRE      = regexp.MustCompile(°(?m)^[A-Z]+(?: [0-9]+)? ([0-9]+)$°)
)

func (c *conn) run(ctx context.Context, query string) (driver.Result, error) {
	psql := os.Getenv("PSQL")
	if psql == "" {
		psql = "psql"
	}
	cmd := exec.CommandContext(ctx, psql, "-X", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose",
		"-d", c.dsn, "-c", query)
	cmd.Env = append(os.Environ(), "PGOPTIONS=-c client_min_messages=warning", "PGCONNECT_TIMEOUT=30")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		e := &Error{Message: strings.TrimSpace(errb.String())}
		if e.Message == "" {
			e.Message = err.Error()
		}
		if m := sqlStateRE.FindStringSubmatch(e.Message); m != nil {
			e.SQLState = m[1]
		}
		return nil, e
	}
	// The command tag ("INSERT 0 1", "UPDATE 3") is the last line.
	ms := tagRE.FindAllStringSubmatch(out.String(), -1)
	if ms == nil {
		return driver.RowsAffected(0), nil
	}
	n, err := strconv.ParseInt(ms[len(ms)-1][1], 10, 64)
	return driver.RowsAffected(n), err
}

// Bind replaces the $n parameters of query, outside literals, quoted
// identifiers and comments, with SQL literals of their values.
func Bind(query string, args []driver.NamedValue) (string, error) {
	lits := map[int]string{}
	for _, a := range args {
		if a.Name != "" {
			return "", fmt.Errorf("psqldriver: named parameter %s is not supported", a.Name)
		}
		l, err := Literal(a.Value)
		if err != nil {
			return "", fmt.Errorf("psqldriver: $%d: %w", a.Ordinal, err)
		}
		lits[a.Ordinal] = l
	}
	used := map[int]bool{}
	var b strings.Builder
	for i := 0; i < len(query); {
		c := query[i]
		j := i + 1
		switch {
		case c == '\'' || c == '"':
			esc := c == '\'' && i > 0 && (query[i-1] == 'E' || query[i-1] == 'e') && (i < 2 || !identChar(query[i-2]))
			for j < len(query) {
				if esc && query[j] == '\\' {
					j += 2
					continue
				}
				if query[j] == c {
					if j+1 < len(query) && query[j+1] == c {
						j += 2
						continue
					}
					j++
					break
				}
				j++
			}
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			if k := strings.IndexByte(query[i:], '\n'); k >= 0 {
				j = i + k
			} else {
				j = len(query)
			}
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			if k := strings.Index(query[i+2:], "*/"); k >= 0 {
				j = i + 2 + k + 2
			} else {
				j = len(query)
			}
		case c == '$' && (i == 0 || !identChar(query[i-1])):
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			if j > i+1 { // $n
				n, _ := strconv.Atoi(query[i+1 : j])
				l, ok := lits[n]
				if !ok {
					return "", fmt.Errorf("psqldriver: no value for $%d", n)
				}
				used[n] = true
				b.WriteString(l)
				i = j
				continue
			}
			for j < len(query) && identChar(query[j]) && query[j] != '$' {
				j++
			}
			if j < len(query) && query[j] == '$' { // $tag$ ... $tag$
				tag := query[i : j+1]
				if k := strings.Index(query[j+1:], tag); k >= 0 {
					j = j + 1 + k + len(tag)
				} else {
					j = len(query)
				}
			} else {
				j = i + 1
			}
		}
		if j > len(query) {
			j = len(query)
		}
		b.WriteString(query[i:j])
		i = j
	}
	if len(used) != len(lits) {
		return "", fmt.Errorf("psqldriver: %d arguments for %d parameters", len(lits), len(used))
	}
	return b.String(), nil
}

func identChar(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// Literal returns v, a driver.Value, as an SQL literal.
func Literal(v driver.Value) (string, error) {
	switch v := v.(type) {
	case nil:
		return "NULL", nil
	case string:
		if strings.IndexByte(v, 0) >= 0 {
			return "", errors.New("PostgreSQL text cannot hold a NUL byte")
		}
		q := "'" + strings.ReplaceAll(v, "'", "''") + "'"
		if strings.Contains(v, "\\") { // E'' means the same whatever standard_conforming_strings says
			q = "E" + strings.ReplaceAll(q, "\\", "\\\\")
		}
		return q, nil
	case []byte:
		return "decode('" + hex.EncodeToString(v) + "', 'hex')", nil
	case int64:
		return "(" + strconv.FormatInt(v, 10) + ")", nil // "x -$1" must not become "x --1"
	case float64:
		f := strconv.FormatFloat(v, 'g', -1, 64)
		switch {
		case math.IsNaN(v):
			f = "NaN"
		case math.IsInf(v, 1):
			f = "Infinity"
		case math.IsInf(v, -1):
			f = "-Infinity"
		}
		return "'" + f + "'::float8", nil
	case bool:
		if v {
			return "TRUE", nil
		}
		return "FALSE", nil
	case time.Time:
		return "'" + v.Format("2006-01-02 15:04:05.999999999Z07:00") + "'::timestamptz", nil
	}
	return "", fmt.Errorf("unsupported type %T", v)
}
`, "°", "`")
