package load

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// describe is everything a check reports, as text: findings with their
// positions, related places and fixes (edits and created files), the
// models' tables, drift, errors and notes. Two loads that describe alike
// would look alike to every driver.
// migrationStamp matches a UTC timestamp version at the start of a
// migration's file or folder name.
var migrationStamp = regexp.MustCompile(`(^|/)20\d{12}`)

func describe(res Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s %s %s", f.Code, f.Span, f.Message))
		for _, r := range f.Related {
			out = append(out, fmt.Sprintf("  related %s %s", r.Span, r.Message))
		}
		for _, fx := range f.Fixes {
			out = append(out, "  fix "+migrationStamp.ReplaceAllString(fx.Message, "${1}<timestamp>"))
			for _, e := range fx.Edits {
				out = append(out, fmt.Sprintf("    edit %s:%d-%d %q", e.File.Path, e.Start, e.End, e.New))
			}
			for _, c := range fx.Creates {
				// A new migration's timestamp version is the clock's: two
				// loads a second apart name it differently, and that is
				// not what the comparisons here are about.
				out = append(out, fmt.Sprintf("    create %s %q", migrationStamp.ReplaceAllString(c.Path, "${1}<timestamp>"), c.Content))
			}
		}
	}
	for _, m := range res.Models {
		out = append(out, fmt.Sprintf("model %s (%s), %d files", m.Dialect, m.DialectFrom, len(m.Files)))
		for _, t := range m.Tables {
			out = append(out, fmt.Sprintf("  table %s %s %s", t.Name, t.ModelName, t.Span))
			for _, c := range t.Columns {
				out = append(out, fmt.Sprintf("    column %s %s %s null=%v %s defined %s", c.Name, c.FieldName(), c.Type, c.Nullable, c.Span, c.DefinedBy()))
			}
			for _, u := range t.Uniques {
				out = append(out, fmt.Sprintf("    unique %s %v %s", u.Name, u.Columns(), u.Span))
			}
		}
		for _, d := range m.Drift {
			out = append(out, fmt.Sprintf("  drift %s %s", d.Span, d.Message))
		}
		for _, e := range m.Errors {
			out = append(out, "  error "+e.Error())
		}
		for _, n := range m.Notes {
			out = append(out, "  note "+n.Path+" "+n.Message)
		}
	}
	return out
}

// TestCacheAgrees checks each corpus schema as the language server does,
// the document being edited several times in a row, with and without a
// Cache: every check must say exactly what a fresh load says, the first
// (which fills the cache), the ones that reuse a replay, and the ones
// after an edit of a migration.
func TestCacheAgrees(t *testing.T) {
	corpus := corpusDir(t)
	last := func(dir, name string) string {
		entries, err := os.ReadDir(filepath.Join(corpus, dir))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			if (name != "") == e.IsDir() && !strings.Contains(e.Name(), ".down.") {
				names = append(names, e.Name())
			}
		}
		return filepath.Join(corpus, dir, names[len(names)-1], name)
	}
	for _, doc := range []string{
		filepath.Join(corpus, "trigger.dev", "schema.prisma"),
		last(filepath.Join("trigger.dev", "migrations"), "migration.sql"),
		filepath.Join(corpus, "dub", "schema", "link.prisma"),
		last(filepath.Join("hatchet", "migrations"), ""),
		last(filepath.Join("formance-ledger", "migrations"), "up.sql"),
		last(filepath.Join("river-pgx", "main"), ""),
		last(filepath.Join("svix", "migrations"), ""),
		last(filepath.Join("dbos", "migrations"), ""),
	} {
		t.Run(strings.TrimPrefix(doc, corpus), func(t *testing.T) {
			src, err := os.ReadFile(doc)
			if err != nil {
				t.Fatal(err)
			}
			comment := "-- "
			if strings.HasSuffix(doc, ".prisma") {
				comment = "// "
			}
			cache := NewCache()
			edits := []string{
				string(src),
				string(src), // the same text again: a replay handed out again
				string(src) + "\n" + comment + "x",
				string(src) + "\n" + comment + "xy",
				// A change that matters: a nullable key with a unique rule.
				string(src) + "\n" + map[bool]string{
					true:  "model CacheProbe {\n  id Int @id\n  idempotencyKey String? @unique\n}\n",
					false: "CREATE TABLE cache_probe (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n",
				}[comment == "// "],
				string(src),
			}
			var replays []*cachedReplay
			for i, text := range edits {
				cfg := Config{Options: Options{Overlay: Overlay{doc: []byte(text)}}}
				want := describe(Check([]string{doc}, cfg))
				cfg.Cache = cache
				got := describe(Check([]string{doc}, cfg))
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("edit %d: with a cache (-fresh +cached):\n%s", i, diff)
				}
				for _, e := range cache.folders {
					replays = append(replays, e.last)
				}
			}
			if strings.Contains(doc, "dub") {
				return // no migrations
			}
			if len(replays) != len(edits) {
				t.Fatalf("the cache kept %d replays over %d loads, want one folder", len(replays), len(edits))
			}
			if replays[1] != replays[0] {
				t.Errorf("the same text again was replayed again")
			}
			if strings.HasSuffix(doc, ".prisma") && replays[len(edits)-1] != replays[0] {
				t.Errorf("an edit of the Prisma schema replayed its migrations again")
			}
		})
	}
}

// TestCacheSeesDisk checks that a cached history follows the folder on
// disk: a migration edited, one added, one removed, and the lock file's
// provider changed are all read on the next load.
func TestCacheSeesDisk(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"schema.prisma":                                "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DB\")\n}\n\nmodel Job {\n  id Int @id\n  idempotencyKey String? @unique\n}\n",
		"migrations/migration_lock.toml":               "provider = \"postgresql\"\n",
		"migrations/20240101000000_init/migration.sql": "CREATE TABLE \"Job\" (\"id\" INTEGER NOT NULL, \"idempotencyKey\" TEXT, CONSTRAINT \"Job_pkey\" PRIMARY KEY (\"id\"));\nCREATE UNIQUE INDEX \"Job_idempotencyKey_key\" ON \"Job\"(\"idempotencyKey\");\n",
	})
	old := time.Now().Add(-time.Hour)
	settle := func() {
		// Files older than the cache's window for recent writes, so the
		// folder is kept; each change gets its own time.
		old = old.Add(time.Minute)
		_ = filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
			if err == nil {
				err = os.Chtimes(p, old, old)
			}
			return err
		})
	}
	settle()
	cache := NewCache()
	doc := filepath.Join(dir, "schema.prisma")
	check := func(step string) {
		t.Helper()
		want := describe(Check([]string{doc}, Config{}))
		got := describe(Check([]string{doc}, Config{Options: Options{Cache: cache}}))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s: with a cache (-fresh +cached):\n%s", step, diff)
		}
		if len(cache.folders) != 1 {
			t.Fatalf("%s: the cache holds %d folders, want the migrations", step, len(cache.folders))
		}
	}
	check("first load")
	check("again")
	write := func(name, src string) {
		t.Helper()
		p := filepath.Join(dir, "migrations", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		settle()
	}
	before := describe(Check([]string{doc}, Config{Options: Options{Cache: cache}}))
	write("20240102000000_key/migration.sql", "ALTER TABLE \"Job\" ALTER COLUMN \"idempotencyKey\" SET NOT NULL;\n")
	check("a migration added")
	if cmp.Equal(before, describe(Check([]string{doc}, Config{Options: Options{Cache: cache}}))) {
		t.Fatal("a migration added: the cached load did not change")
	}
	write("20240102000000_key/migration.sql", "ALTER TABLE \"Job\" ALTER COLUMN \"idempotencyKey\" DROP NOT NULL;\n")
	check("a migration edited")
	write("migration_lock.toml", "provider = \"mysql\"\n")
	check("the lock file edited")
	if err := os.RemoveAll(filepath.Join(dir, "migrations", "20240102000000_key")); err != nil {
		t.Fatal(err)
	}
	settle()
	check("a migration removed")
}

// TestCacheRecent checks that a folder written a moment ago is read again
// on the next load instead of kept: its files may still change within
// their modification time's tick.
func TestCacheRecent(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"migrations/1_init.up.sql": "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n",
	})
	cache := NewCache()
	res := Check([]string{filepath.Join(dir, "migrations")}, Config{Options: Options{Cache: cache}})
	if len(res.Findings) != 1 || res.Findings[0].Code != "IDEM101" {
		t.Fatalf("findings %q", codes(res))
	}
	if len(cache.folders) != 0 {
		t.Errorf("a folder written just now was kept")
	}
	cache.now = func() time.Time { return time.Now().Add(time.Hour) }
	Check([]string{filepath.Join(dir, "migrations")}, Config{Options: Options{Cache: cache}})
	if len(cache.folders) != 1 {
		t.Errorf("a settled folder was not kept")
	}
}

// TestCacheRevalidate checks a cache that compares every stamp only once
// per period (the language server's, told of changes by the editor's file
// watcher): a migration added or removed is read on the next load, since
// the folder's own stamp changes; one edited in place is read once
// Invalidate names it or the period has passed, and not before.
func TestCacheRevalidate(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"schema.prisma":                                "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DB\")\n}\n\nmodel Job {\n  id Int @id\n  idempotencyKey String? @unique\n}\n",
		"migrations/migration_lock.toml":               "provider = \"postgresql\"\n",
		"migrations/20240101000000_init/migration.sql": "CREATE TABLE \"Job\" (\"id\" INTEGER NOT NULL, \"idempotencyKey\" TEXT, CONSTRAINT \"Job_pkey\" PRIMARY KEY (\"id\"));\nCREATE UNIQUE INDEX \"Job_idempotencyKey_key\" ON \"Job\"(\"idempotencyKey\");\n",
	})
	old := time.Now().Add(-time.Hour)
	touch := func(paths ...string) {
		t.Helper()
		old = old.Add(time.Minute)
		for _, p := range paths {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	migrations := filepath.Join(dir, "migrations")
	var all []string
	_ = filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		all = append(all, p)
		return err
	})
	touch(all...)
	cache := NewCache()
	cache.Revalidate(time.Minute)
	clock := time.Now()
	cache.now = func() time.Time { return clock }
	doc := filepath.Join(dir, "schema.prisma")
	fresh := func() []string { return describe(Check([]string{doc}, Config{})) }
	cached := func() []string { return describe(Check([]string{doc}, Config{Options: Options{Cache: cache}})) }
	same := func(step string, want, got []string) {
		t.Helper()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s (-want +cached):\n%s", step, diff)
		}
	}
	same("first load", fresh(), cached())

	// A new migration: a new entry of the folder.
	added := filepath.Join(migrations, "20240102000000_key", "migration.sql")
	if err := os.MkdirAll(filepath.Dir(added), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(added, []byte("ALTER TABLE \"Job\" ALTER COLUMN \"idempotencyKey\" SET NOT NULL;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	touch(added, filepath.Dir(added), migrations)
	same("a migration added", fresh(), cached())

	// The same migration edited in place: the folders' stamps stay.
	stale := cached()
	if err := os.WriteFile(added, []byte("ALTER TABLE \"Job\" ALTER COLUMN \"idempotencyKey\" DROP NOT NULL;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	touch(added)
	if cmp.Equal(stale, fresh()) {
		t.Fatal("the edit in place changes nothing a check says; the test needs one that does")
	}
	same("an edit in place, not told", stale, cached())
	cache.Invalidate(added)
	told := fresh()
	same("an edit in place, invalidated", told, cached())

	// Edited in place again, and the period passes.
	if err := os.WriteFile(added, []byte("ALTER TABLE \"Job\" ALTER COLUMN \"idempotencyKey\" SET NOT NULL;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	touch(added)
	same("an edit in place, within the period", told, cached())
	clock = clock.Add(2 * time.Minute)
	same("an edit in place, the period passed", fresh(), cached())

	// A migration removed.
	if err := os.RemoveAll(filepath.Dir(added)); err != nil {
		t.Fatal(err)
	}
	touch(migrations)
	same("a migration removed", fresh(), cached())
}
