package migrate

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixedClock pins the timestamp versions NextMigration writes.
func fixedClock(t *testing.T, s string) {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	old := now
	// A non-UTC zone checks that versions are written in UTC.
	now = func() time.Time { return at.In(time.FixedZone("X", 5*3600)) }
	t.Cleanup(func() { now = old })
}

const (
	upSQL   = "ALTER TABLE orders ALTER COLUMN idempotency_key SET NOT NULL;"
	downSQL = "ALTER TABLE orders ALTER COLUMN idempotency_key DROP NOT NULL;"
)

func TestNextMigration(t *testing.T) {
	fixedClock(t, "2025-03-04T05:06:07Z")
	for _, c := range []struct {
		name  string
		files map[string]string
		down  string
		want  string // "path:\ncontent" blocks joined by "====\n"
	}{
		{
			name:  "goose timestamps",
			files: map[string]string{"20240115180414_init.sql": "-- +goose Up\n"},
			down:  downSQL,
			want: "20250304050607_require_idempotency_key.sql:\n" +
				"-- +goose Up\n" + upSQL + "\n\n-- +goose Down\n" + downSQL + "\n",
		},
		{
			name:  "goose sequential",
			files: map[string]string{"00001_init.sql": "-- +goose Up\n", "00009_more.sql": "-- +goose Up\n"},
			want: "00010_require_idempotency_key.sql:\n" +
				"-- +goose Up\n" + upSQL + "\n\n-- +goose Down\n",
		},
		{
			name:  "goose: after a Go migration that is not replayed",
			files: map[string]string{"00001_init.sql": "-- +goose Up\n", "00002_backfill.go": "package m"},
			want: "00003_require_idempotency_key.sql:\n" +
				"-- +goose Up\n" + upSQL + "\n\n-- +goose Down\n",
		},
		{
			name:  "golang-migrate sequential, up and down files",
			files: map[string]string{"006_bulk_unique.up.sql": "", "006_bulk_unique.down.sql": "", "007_x.up.sql": ""},
			down:  downSQL,
			want: "008_require_idempotency_key.up.sql:\n" + upSQL + "\n" +
				"====\n008_require_idempotency_key.down.sql:\n" + downSQL + "\n",
		},
		{
			name:  "sqlx timestamps, clock behind the last version",
			files: map[string]string{"20991231235959_future.up.sql": ""},
			want:  "21000101000000_require_idempotency_key.up.sql:\n" + upSQL + "\n",
		},
		{
			name:  "dbmate",
			files: map[string]string{"20230101000000_a.sql": "-- migrate:up\n"},
			down:  downSQL,
			want: "20250304050607_require_idempotency_key.sql:\n" +
				"-- migrate:up\n" + upSQL + "\n\n-- migrate:down\n" + downSQL + "\n",
		},
		{
			name:  "flyway dotted",
			files: map[string]string{"V1__init.sql": "", "V1.9__x.sql": ""},
			want:  "V1.10__require_idempotency_key.sql:\n" + upSQL + "\n",
		},
		{
			name:  "flyway undo when the folder keeps undo files",
			files: map[string]string{"V1__init.sql": "", "U1__init.sql": ""},
			down:  downSQL,
			want: "V2__require_idempotency_key.sql:\n" + upSQL + "\n" +
				"====\nU2__require_idempotency_key.sql:\n" + downSQL + "\n",
		},
		{
			name: "prisma migrate",
			files: map[string]string{
				"20240418092931_make_idempotency_key_optional/migration.sql": "",
				"migration_lock.toml": "provider = \"postgresql\"\n",
			},
			down: downSQL, // Prisma Migrate has no down migrations
			want: "20250304050607_require_idempotency_key/migration.sql:\n" + upSQL + "\n",
		},
		{
			name:  "directory per migration, kebab case",
			files: map[string]string{"8-ik-ledger-unique-index/up.sql": "", "53-fix-logs/up.sql": ""},
			want:  "54-require-idempotency-key/up.sql:\n" + upSQL + "\n",
		},
		{
			name:  "numbered (dbos): after the largest number, not the last name",
			files: map[string]string{"9_b.sql": "", "107_x.sql": "", "105_a.sql": "", "105_b.sql": ""},
			down:  downSQL, // no place for it
			want:  "108_require_idempotency_key.sql:\n" + upSQL + "\n",
		},
		{
			name:  "sql-migrate",
			files: map[string]string{"1_a.sql": "-- +migrate Up\n"},
			down:  downSQL,
			want: "2_require_idempotency_key.sql:\n" +
				"-- +migrate Up\n" + upSQL + "\n\n-- +migrate Down\n" + downSQL + "\n",
		},
		{
			name:  "tern",
			files: map[string]string{"001_a.sql": "x;\n---- create above / drop below ----\n"},
			down:  downSQL,
			want: "002_require_idempotency_key.sql:\n" +
				upSQL + "\n\n---- create above / drop below ----\n\n" + downSQL + "\n",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := discover(t, writeTree(t, c.files))
			got := render(t, h.Dir, NextMigration(h, "Require idempotency_key!", upSQL, c.down))
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func render(t *testing.T, dir string, files []NewFile) string {
	t.Helper()
	var parts []string
	for _, f := range files {
		rel, err := filepath.Rel(dir, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, filepath.ToSlash(rel)+":\n"+string(f.Content))
	}
	return strings.Join(parts, "====\n")
}

func TestNextMigrationGooseStatementBlock(t *testing.T) {
	h := discover(t, writeTree(t, map[string]string{"1_a.sql": "-- +goose Up\n"}))
	fn := "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;"
	got := string(NextMigration(h, "f", fn, "")[0].Content)
	want := "-- +goose Up\n-- +goose StatementBegin\n" + fn + "\n-- +goose StatementEnd\n\n-- +goose Down\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// The new atlas.sum must be what Atlas computes, or `atlas migrate apply`
// refuses the folder. The expected value is built independently of the
// code under test, following Atlas's documented scheme.
func TestNextMigrationAtlasSum(t *testing.T) {
	fixedClock(t, "2025-03-04T05:06:07Z")
	a := "CREATE TABLE a (k text);\n"
	dir := writeTree(t, map[string]string{"20230101000000_a.sql": a, "atlas.sum": "h1:old\n"})
	h := discover(t, dir)
	files := NextMigration(h, "b", upSQL, "")
	if len(files) != 2 || filepath.Base(files[1].Path) != "atlas.sum" {
		t.Fatalf("files = %v", files)
	}
	newName := "20250304050607_b.sql"
	if filepath.Base(files[0].Path) != newName {
		t.Fatalf("new file %s", files[0].Path)
	}
	run := sha256.New()
	run.Write([]byte("20230101000000_a.sql"))
	run.Write([]byte(a))
	h1 := base64.StdEncoding.EncodeToString(run.Sum(nil))
	run.Write([]byte(newName))
	run.Write(files[0].Content)
	h2 := base64.StdEncoding.EncodeToString(run.Sum(nil))
	total := sha256.Sum256([]byte("20230101000000_a.sql" + h1 + newName + h2))
	want := "h1:" + base64.StdEncoding.EncodeToString(total[:]) + "\n" +
		"20230101000000_a.sql h1:" + h1 + "\n" + newName + " h1:" + h2 + "\n"
	if got := string(files[1].Content); got != want {
		t.Errorf("atlas.sum =\n%s\nwant\n%s", got, want)
	}
}

// An Atlas folder in golang-migrate format hashes both new files.
func TestNextMigrationAtlasSumUpDown(t *testing.T) {
	dir := writeTree(t, map[string]string{"1_a.up.sql": "x;\n", "1_a.down.sql": "y;\n", "atlas.sum": "h1:old\n"})
	h := discover(t, dir)
	files := NextMigration(h, "b", upSQL, downSQL)
	if len(files) != 3 {
		t.Fatalf("files = %v", files)
	}
	sum := string(files[2].Content)
	for _, n := range []string{"1_a.down.sql h1:", "1_a.up.sql h1:", "2_b.down.sql h1:", "2_b.up.sql h1:"} {
		if !strings.Contains(sum, "\n"+n) {
			t.Errorf("atlas.sum lacks %q:\n%s", n, sum)
		}
	}
}

// A file NextMigration writes is read back as the history's next step.
func TestNextMigrationRoundTrip(t *testing.T) {
	for _, files := range []map[string]string{
		{"00001_a.sql": "-- +goose Up\nCREATE TABLE orders (idempotency_key text);\n-- +goose Down\nDROP TABLE orders;\n"},
		{"001_a.up.sql": "CREATE TABLE orders (idempotency_key text);", "001_a.down.sql": "DROP TABLE orders;"},
		{"20230101000000_a.sql": "-- migrate:up\nCREATE TABLE orders (idempotency_key text);\n-- migrate:down\nDROP TABLE orders;\n"},
		{"0-init/up.sql": "CREATE TABLE orders (idempotency_key text);"},
		{"V1__init.sql": "CREATE TABLE orders (idempotency_key text);"},
	} {
		dir := writeTree(t, files)
		h := discover(t, dir)
		for _, f := range NextMigration(h, "require key", upSQL, downSQL) {
			if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f.Path, f.Content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		h2 := discover(t, dir)
		if len(h2.Steps) != len(h.Steps)+1 {
			t.Fatalf("%v: %d steps after adding one, had %d", h.Convention, len(h2.Steps), len(h.Steps))
		}
		m := h2.Replay(0)
		if len(m.Errors) > 0 {
			t.Fatalf("%v: %v", h.Convention, m.Errors)
		}
		if c := m.Table("orders").Column("idempotency_key"); c.Nullable {
			t.Errorf("%v: the new migration did not make the key NOT NULL (down part applied?)", h.Convention)
		}
	}
}
