package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// binDir holds the idemlint binary the end-to-end tests run; TestMain
// removes it.
var (
	binDir    string
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// idemlintBinary builds the command once per test binary.
func idemlintBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "idemlint-test-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "idemlint")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// testEnv is the environment of the go commands the tests run: temporary
// modules have no dependencies, so nothing is downloaded.
func testEnv() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs name with args in dir.
func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = testEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		code = ee.ExitCode()
	}
	return result{code, stdout.String(), stderr.String()}
}

// runCLI runs the command in-process in dir.
func runCLI(dir string, args ...string) result {
	var stdout, stderr bytes.Buffer
	c := &cli{dir: dir, stdout: &stdout, stderr: &stderr}
	code := c.run(args)
	return result{code, stdout.String(), stderr.String()}
}

// writeTree writes files (slash-separated names) under a new temporary
// directory and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The schema of the tests: one nullable key in a composite unique.
const messageSchema = `datasource db {
  provider = "postgresql"
  url      = env("X")
}

model Message {
  id             Int     @id
  sessionId      String
  idempotencyKey String? @db.VarChar(64)

  @@unique([sessionId, idempotencyKey])
}
`

// fixedSchema is messageSchema after the first fix of its IDEM101, laid
// out as prisma format lays it out: the longest type lost its "?", so the
// attribute column moves left by one.
var fixedSchema = strings.NewReplacer(
	"id             Int     @id", "id             Int    @id",
	"idempotencyKey String? @db.VarChar(64)",
	`idempotencyKey String @db.VarChar(64) @default(dbgenerated("gen_random_uuid()"))`).Replace(messageSchema)

const idem101Prefix = "db/schema.prisma:9:3: IDEM101: idempotency key Message.idempotencyKey is nullable"

// goModule returns the files of a module with three packages: db embeds
// the schema (and has a test, so it has a test variant), api imports db,
// util stands alone.
func goModule(schemaText string) map[string]string {
	return map[string]string{
		"go.mod":           "module example.com/shop\n\ngo 1.26\n",
		"db/schema.prisma": schemaText,
		"db/db.go": `package db

import _ "embed"

//go:embed schema.prisma
var Schema string
`,
		"db/db_test.go": `package db

import "testing"

func TestSchema(t *testing.T) {
	if Schema == "" {
		t.Fatal("no schema")
	}
}
`,
		"api/api.go": `package api

import "example.com/shop/db"

// SchemaSize is used so the import is not unused.
func SchemaSize() int { return len(db.Schema) }
`,
		"util/util.go": "package util\n\n// Two returns 2.\nfunc Two() int { return 2 }\n",
	}
}

func TestDispatch(t *testing.T) {
	tests := []struct {
		args []string
		want mode
	}{
		{nil, modePackages},
		{[]string{"./..."}, modePackages},
		{[]string{"-json", "./db"}, modePackages},
		{[]string{"-V"}, modePackages},
		{[]string{"-version"}, modePackages},
		{[]string{"./schema"}, modePackages},
		{[]string{"-V=full"}, modeVet},
		{[]string{"--V=full"}, modeVet},
		{[]string{"-flags"}, modeVet},
		{[]string{"/tmp/go-build123/b001/vet.cfg"}, modeVet},
		{[]string{"-idemlint.key=token", "-fix", "vet.cfg"}, modeVet},
		{[]string{"schema"}, modeSchema},
		{[]string{"schema", "-json", "prisma/"}, modeSchema},
		{[]string{"schema", "x.cfg"}, modeSchema},
		{[]string{"help"}, modeHelp},
		{[]string{"help", "IDEM101"}, modeHelp},
		{[]string{"version"}, modeVersion},
		{[]string{"version", "-m"}, modeVersion},
	}
	for _, tt := range tests {
		if got := dispatch(tt.args); got != tt.want {
			t.Errorf("dispatch(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestExitCodes(t *testing.T) {
	clean := "model Note {\n  id Int @id\n  body String?\n}\n"
	tests := []struct {
		name       string
		files      map[string]string
		args       []string
		want       int
		wantStderr string // substring
		wantStdout string // substring
	}{
		{"schema clean", map[string]string{"s.prisma": clean}, []string{"schema", "s.prisma"}, exitClean, "", ""},
		{"schema finding", map[string]string{"db/schema.prisma": messageSchema}, []string{"schema", "db/schema.prisma"}, exitDiagnostics, idem101Prefix, ""},
		{"schema folder", map[string]string{"db/schema.prisma": messageSchema}, []string{"schema", "db"}, exitDiagnostics, idem101Prefix, ""},
		{"schema current folder by default", map[string]string{"db/schema.prisma": messageSchema}, []string{"schema"}, exitDiagnostics, idem101Prefix, ""},
		{"schema key with no schema files", map[string]string{"x.txt": ""}, []string{"schema", "."}, exitClean, "", ""},
		{"schema missing path", nil, []string{"schema", "nope.prisma"}, exitError, "nope.prisma", ""},
		{"schema non-schema file skipped", map[string]string{"m.txt": "x"}, []string{"schema", "m.txt"}, exitClean, "skipping m.txt", ""},
		{"schema unknown dialect", map[string]string{"s.prisma": clean}, []string{"schema", "-dialect", "db2000", "s.prisma"}, exitUsage, "unknown dialect", ""},
		{"schema unknown flag", nil, []string{"schema", "-nope"}, exitUsage, "flag provided but not defined", ""},
		{"schema help", nil, []string{"schema", "-h"}, exitClean, "Usage: idemlint schema", ""},
		{"schema json with fix", nil, []string{"schema", "-json", "-fix"}, exitUsage, "cannot be combined", ""},
		{"schema SQL Server keeps one NULL", map[string]string{"s.prisma": messageSchema}, []string{"schema", "-dialect", "sqlserver", "s.prisma"}, exitClean, "", ""},
		{"schema -key", map[string]string{"s.prisma": "datasource db {\n  provider = \"postgresql\"\n  url = env(\"X\")\n}\n\nmodel Job {\n  id Int @id\n  token String? @unique\n}\n"},
			[]string{"schema", "-key", "Job.token", "s.prisma"}, exitDiagnostics, "IDEM101: idempotency key Job.token", ""},
		{"version", nil, []string{"-V"}, exitClean, "", "idemlint"},
		{"version long", nil, []string{"-version"}, exitClean, "", "idemlint"},
		{"version subcommand", nil, []string{"version"}, exitClean, "", "idemlint "},
		{"version -m", nil, []string{"version", "-m"}, exitClean, "", "\npath\t"},
		{"packages json with diff", nil, []string{"-json", "-diff"}, exitUsage, "cannot be combined", ""},
		{"packages unknown flag", nil, []string{"-nope"}, exitUsage, "flag provided but not defined", ""},
		{"packages help lists analyzer flags", nil, []string{"-h"}, exitClean, "-uncovered", ""},
		{"schema bad -format", nil, []string{"schema", "-format", "xml", "."}, exitUsage, `-format "xml"`, ""},
		{"packages bad -format", nil, []string{"-format=xml"}, exitUsage, `-format "xml"`, ""},
		{"packages unknown check", nil, []string{"-checks", "IDEM999"}, exitUsage, "IDEM999", ""},
		{"schema flag after path", map[string]string{"db/schema.prisma": messageSchema}, []string{"schema", "db/", "-format", "github"}, exitUsage,
			"flags must come before paths: -format follows db/", ""},
		{"packages flag after pattern", nil, []string{"./...", "-fix"}, exitUsage, "flags must come before paths: -fix follows ./...", ""},
		{"subcommand after a flag", nil, []string{"-key", "k", "schema", "db/"}, exitUsage, "schema is a subcommand and comes first: idemlint schema [flags]", ""},
		{"schema path after --", map[string]string{"-odd.prisma": clean}, []string{"schema", "--", "-odd.prisma"}, exitClean, "", ""},
		{"help unknown topic", nil, []string{"help", "nope"}, exitUsage, "no such check or topic", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			r := runCLI(dir, tt.args...)
			if r.code != tt.want {
				t.Errorf("exit code = %d, want %d\nstderr:\n%s", r.code, tt.want, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", r.stderr, tt.wantStderr)
			}
			if !strings.Contains(r.stdout, tt.wantStdout) {
				t.Errorf("stdout = %q, want it to contain %q", r.stdout, tt.wantStdout)
			}
		})
	}
}

func TestLSPUsageError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	c := &cli{dir: t.TempDir(), stdout: &stdout, stderr: &stderr}
	if code := c.runLSP(strings.NewReader(""), []string{"x"}); code != exitUsage || !strings.Contains(stderr.String(), "lsp takes no arguments") {
		t.Errorf("idemlint lsp x: exit %d, stderr %q", code, stderr.String())
	}
}
