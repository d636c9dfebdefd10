package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// requireCgo skips t when the go command cannot build cgo packages here.
func requireCgo(t *testing.T) {
	t.Helper()
	out, err := exec.Command("go", "env", "CC", "CGO_ENABLED").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	f := strings.Fields(string(out))
	if len(f) != 2 || f[1] != "1" {
		t.Skipf("cgo is disabled (go env CC CGO_ENABLED = %q); .ci/install-cc installs a C compiler", out)
	}
	if _, err := exec.LookPath(f[0]); err != nil {
		t.Skipf("no C compiler: go env CC = %s is not on PATH (.ci/install-cc installs one)", f[0])
	}
}

// cgoSchema has one nullable key in a unique constraint (IDEM101 at 4:3).
const cgoSchema = `CREATE TABLE messages (
  id bigserial PRIMARY KEY,
  body text NOT NULL,
  idempotency_key text UNIQUE
);
`

// cgoPackage is a cgo package that inserts a nil *string key (IDEM201 at
// 21:102) and, when embed is set, embeds schema.sql.
func cgoPackage(name string, embed bool) string {
	embedLine, embedVar := `	_ "embed"`, "//go:embed schema.sql\nvar schema string"
	if !embed {
		embedLine, embedVar = "", "// schema is passed with -schema.\nvar schema string"
	}
	return `package ` + name + `

// static int two(void) { return 2; }
import "C"

import (
	"context"
	"database/sql"
` + embedLine + `
)

` + embedVar + `

// Two comes from C.
func Two() int { return int(C.two()) }

// Insert writes a message with no key.
func Insert(ctx context.Context, db *sql.DB, body string) error {
	var key *string
	_, err := db.ExecContext(ctx, ` + "`INSERT INTO messages (body, idempotency_key) VALUES ($1, $2)`" + `, body, key)
	return err
}
`
}

// Before packageDir followed the //line directive of cgo's output, a cgo
// package was looked up in the build cache: no schema, no finding, and no
// -schema owner, standalone and under go vet alike.
func TestCgoPackage(t *testing.T) {
	t.Parallel() // an end-to-end run of its own: the other end-to-end tests overlap it
	requireCgo(t)
	bin := idemlintBinary(t)
	const (
		idem101 = "db/schema.sql:4:3: IDEM101: "
		idem201 = "db/db.go:21:102: IDEM201: "
	)
	embedded := writeTree(t, map[string]string{
		"go.mod":        "module example.com/cgoshop\n\ngo 1.26\n",
		"db/schema.sql": cgoSchema,
		"db/db.go":      cgoPackage("db", true),
	})
	// The cgo package is the module's first package, so it owns -schema.
	flagged := writeTree(t, map[string]string{
		"go.mod":        "module example.com/cgoshop\n\ngo 1.26\n",
		"db/schema.sql": cgoSchema,
		"db/db.go":      cgoPackage("db", false),
		"z/z.go":        "package z\n\n// Z is after db.\nconst Z = 1\n",
	})
	for _, tt := range []struct {
		name string
		dir  string
		cmd  []string
	}{
		{"standalone, embedded schema", embedded, []string{bin, "./..."}},
		{"go vet, embedded schema", embedded, []string{"go", "vet", "-vettool=" + bin, "./..."}},
		{"standalone, -schema", flagged, []string{bin, "-schema", "db/schema.sql", "./..."}},
		{"go vet, -schema", flagged, []string{"go", "vet", "-vettool=" + bin, "-idemlint.schema", "db/schema.sql", "./..."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, tt.dir, tt.cmd[0], tt.cmd[1:]...)
			if r.code == exitClean || strings.Count(r.stderr, "IDEM101") != 1 || strings.Count(r.stderr, "IDEM201") != 1 ||
				!strings.Contains(r.stderr, idem101) || !strings.Contains(r.stderr, idem201) {
				t.Errorf("exit %d, want one %q and one %q; stderr:\n%s", r.code, idem101, idem201, r.stderr)
			}
		})
	}
}

// TestCgoContract: the contract rule (a function that takes the key as a
// *string and inserts it unchecked) reports the same IDEM201 in a package
// that uses cgo as in one that does not. The type checker sees cmd/cgo's
// rewrite of each file, which cmd/cgo marks "Code generated", and the
// rule, which never reports generated code, took it for generated.
func TestCgoContract(t *testing.T) {
	requireCgo(t)
	bin := idemlintBinary(t)
	for _, cgo := range []bool{false, true} {
		dir := t.TempDir()
		copyChat(t, dir)
		if cgo {
			// The file with the insert itself imports "C": cmd/cgo
			// rewrites only the files that do.
			p := filepath.Join(dir, "store", "store.go")
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			src = []byte(strings.Replace(string(src), "\n)\n", "\n)\n\n// static int two(void) { return 2; }\nimport \"C\"\n", 1))
			src = append(src, "\n// Two comes from C.\nfunc Two() int { return int(C.two()) }\n"...)
			if err := os.WriteFile(p, src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		r := run(t, dir, bin, "./...")
		want := "store/store.go:30:26: IDEM201: idempotency key messages.idempotency_key can be NULL here: CreateMessage's parameter field in.IdempotencyKey is a *string"
		if cgo {
			want = strings.Replace(want, ":30:", ":33:", 1) // three lines for import "C"
		}
		if r.code != exitDiagnostics || !strings.Contains(r.stderr, want) {
			t.Errorf("cgo %v: exit %d, want %q; stderr:\n%s", cgo, r.code, want, r.stderr)
		}
	}
}
