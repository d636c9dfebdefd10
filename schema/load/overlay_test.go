package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// codes lists "CODE path-base:offset" per finding of Check.
func codes(res Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Code+" "+filepath.Base(spanPath(f.Span)))
	}
	return out
}

func writeFiles(t *testing.T, files map[string]string) string {
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

// TestOverlay checks that an overlay's content, not the disk's, is what
// each kind of schema file is checked as: a Prisma schema, a declarative
// SQL file, a step of a golang-migrate history and a goose step whose
// markers the overlay moves.
func TestOverlay(t *testing.T) {
	const (
		nullableSQL = "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text);\nCREATE UNIQUE INDEX jobs_key ON jobs (idempotency_key);\n"
		notNullSQL  = "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text NOT NULL);\nCREATE UNIQUE INDEX jobs_key ON jobs (idempotency_key);\n"
		prismaHead  = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DB\")\n}\nmodel Job {\n  id Int @id\n"
	)
	dir := writeFiles(t, map[string]string{
		"prisma/schema.prisma":       prismaHead + "  idempotencyKey String? @unique\n}\n",
		"ddl/schema.sql":             nullableSQL,
		"migrate/0001_init.up.sql":   nullableSQL,
		"migrate/0001_init.down.sql": "DROP TABLE jobs;\n",
		"goose/00001_init.sql":       "-- +goose Up\n" + nullableSQL + "-- +goose Down\nDROP TABLE jobs;\n",
		"goose/00002_noop.sql":       "-- +goose Up\nSELECT 1;\n",
		"clean/schema.sql":           notNullSQL,
	})
	cases := []struct {
		path, buffer  string
		before, after int // IDEM101 findings without and with the overlay
	}{
		{"prisma/schema.prisma", prismaHead + "  idempotencyKey String @unique\n}\n", 1, 0},
		{"ddl/schema.sql", notNullSQL, 1, 0},
		{"migrate/0001_init.up.sql", notNullSQL, 1, 0},
		// The key stays nullable but moves into the Down section.
		{"goose/00001_init.sql", "-- +goose Up\nSELECT 1;\n-- +goose Down\n" + nullableSQL, 1, 0},
		// And the other way round: a clean file made dirty in the buffer.
		{"clean/schema.sql", nullableSQL, 0, 1},
	}
	for _, c := range cases {
		p := filepath.Join(dir, filepath.FromSlash(c.path))
		count := func(cfg Config) int {
			n := 0
			for _, code := range codes(Check([]string{p}, cfg)) {
				if strings.HasPrefix(code, "IDEM101 ") {
					n++
				}
			}
			return n
		}
		if got := count(Config{}); got != c.before {
			t.Errorf("%s on disk: %d IDEM101, want %d", c.path, got, c.before)
		}
		cfg := Config{Options: Options{Overlay: Overlay{p: []byte(c.buffer)}}}
		if got := count(cfg); got != c.after {
			t.Errorf("%s with overlay: %d IDEM101, want %d", c.path, got, c.after)
		}
	}
}

// TestOverlayPositions checks that findings are positioned in the
// overlay's content: the buffer's extra line moves the finding down.
func TestOverlayPositions(t *testing.T) {
	dir := writeFiles(t, map[string]string{"schema.sql": "CREATE TABLE t (id int, idempotency_key text UNIQUE);\n"})
	p := filepath.Join(dir, "schema.sql")
	res := Check([]string{p}, Config{Options: Options{Overlay: Overlay{p: []byte("-- a comment\n\nCREATE TABLE t (id int, idempotency_key text UNIQUE);\n")}}})
	if len(res.Findings) != 1 {
		t.Fatalf("findings %v", codes(res))
	}
	if pos := res.Findings[0].Span.Position(); pos.Line != 3 {
		t.Errorf("finding at %v, want line 3", pos)
	}
}
