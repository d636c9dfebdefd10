package dbdiff

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"github.com/idemlint/idemlint/internal/pgtest"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// corpusDir is the shared real-world corpus, kept outside the repository.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus folder %s is absent; skipping the real-world corpus", dir)
	}
	return dir
}

func globT(t *testing.T, pattern string) []string {
	t.Helper()
	ps, err := filepath.Glob(pattern)
	if err != nil || len(ps) == 0 {
		t.Fatalf("no files match %s (%v)", pattern, err)
	}
	return ps
}

var leadingNum = regexp.MustCompile(`^\d+`)

// numericOrder sorts migration paths by the number their file (or, failing
// that, their folder) name starts with, then by path: 10_ after 9_. Until
// schema/migrate is used here, tests order files themselves.
func numericOrder(paths []string) {
	num := func(p string) int {
		for _, s := range []string{filepath.Base(p), filepath.Base(filepath.Dir(p))} {
			if m := leadingNum.FindString(s); m != "" {
				n, _ := strconv.Atoi(m)
				return n
			}
		}
		return -1
	}
	sort.SliceStable(paths, func(i, j int) bool {
		a, b := num(paths[i]), num(paths[j])
		if a != b {
			return a < b
		}
		return paths[i] < paths[j]
	})
}

// A pgCorpus is a schema dump or a migration history to build on
// PostgreSQL and replay with sqlddl.
type pgCorpus struct {
	name string
	// files returns the files in the order they apply.
	files func(t *testing.T, dir string) []string
	// setup runs before the files on PostgreSQL (schemas the templates
	// name, for instance).
	setup string
	// setupTables are the tables setup creates ("ns.name", or "ns.*"),
	// left out of the comparison.
	setupTables []string
	// render turns a file into what PostgreSQL runs (templates filled);
	// sqlddl reads the file as it is stored, as idemlint would.
	render func(t *testing.T, path string, src []byte) []byte
}

const bucket = "public"   // formance-ledger's {{.Schema}}
const dbosSchema = "dbos" // dbos's %s

var (
	partmanExt       = regexp.MustCompile(`(?m)^(CREATE EXTENSION IF NOT EXISTS pg_partman WITH SCHEMA partman|COMMENT ON EXTENSION pg_partman IS [^\n]*);`)
	dbosConcurrently = regexp.MustCompile(`INDEX %s IF`)
)

var pgCorpora = []pgCorpus{
	{name: "lago/structure.sql", files: func(t *testing.T, dir string) []string {
		return []string{filepath.Join(dir, "lago/structure.sql")}
	}, render: func(t *testing.T, path string, src []byte) []byte {
		// pg_partman is not part of PostgreSQL's contrib: the dump only
		// installs it (its partman.template_* table is a plain CREATE
		// TABLE), so leave the extension out.
		out := partmanExt.ReplaceAll(src, nil)
		if bytes.Equal(out, src) {
			t.Fatalf("%s: the pg_partman extension statement moved; update partmanExt", path)
		}
		return out
	}},
	{name: "hatchet/schema", files: func(t *testing.T, dir string) []string {
		ps := globT(t, filepath.Join(dir, "hatchet/schema/*.sql"))
		sort.Strings(ps)
		return ps
	}},
	{name: "river-pgx/main", files: func(t *testing.T, dir string) []string {
		ps := globT(t, filepath.Join(dir, "river-pgx/main/*.up.sql"))
		numericOrder(ps)
		return ps
	}, render: func(t *testing.T, path string, src []byte) []byte {
		// River replaces the marker with "schema." or nothing, also
		// inside strings such as to_regclass('…river_migration').
		return bytes.ReplaceAll(src, []byte("/* TEMPLATE: schema */"), nil)
	}},
	{name: "svix/migrations", files: func(t *testing.T, dir string) []string {
		ps := globT(t, filepath.Join(dir, "svix/migrations/*.up.sql"))
		numericOrder(ps)
		return ps
	}},
	{name: "dbos/migrations", setup: "CREATE SCHEMA " + dbosSchema + ";",
		files: func(t *testing.T, dir string) []string {
			var ps []string
			for _, p := range globT(t, filepath.Join(dir, "dbos/migrations/*.sql")) {
				if !strings.Contains(filepath.Base(p), "_cockroach") {
					ps = append(ps, p)
				}
			}
			numericOrder(ps)
			// Files sharing a number: dbos applies set_*_search_path after
			// the update of the function it configures.
			sort.SliceStable(ps, func(i, j int) bool {
				ni, nj := leadingNum.FindString(filepath.Base(ps[i])), leadingNum.FindString(filepath.Base(ps[j]))
				return ni == nj && !strings.Contains(ps[i], "search_path") && strings.Contains(ps[j], "search_path")
			})
			return ps
		},
		render: func(t *testing.T, path string, src []byte) []byte {
			// dbos formats each file with fmt: "INDEX %s IF" takes
			// CONCURRENTLY, every other %s the schema; %% is a %.
			src = dbosConcurrently.ReplaceAll(src, []byte("INDEX CONCURRENTLY IF"))
			src = bytes.ReplaceAll(src, []byte("%s"), []byte(dbosSchema))
			return bytes.ReplaceAll(src, []byte("%%"), []byte("%"))
		}},
	// formance-ledger's bucket migrations call public.aggregate_objects,
	// public.json_compact (which its own first migration defines in the
	// bucket's schema) and pgcrypto's public.digest: the bucket is "public".
	// Its loops over the system store's _system.ledgers need that table to
	// exist (empty: the loops do nothing), and two backfills read the
	// migration tool's goose_db_version in the bucket.
	{name: "formance-ledger/migrations", setupTables: []string{"_system.*", "public.goose_db_version"},
		setup: `CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE SCHEMA _system;
CREATE TABLE _system.ledgers (id serial, name varchar, bucket varchar, features jsonb, metadata jsonb);
CREATE TABLE public.goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());`,
		files: func(t *testing.T, dir string) []string {
			ps := globT(t, filepath.Join(dir, "formance-ledger/migrations/*/up.sql"))
			numericOrder(ps)
			return ps
		},
		render: func(t *testing.T, path string, src []byte) []byte {
			tm, err := template.New(filepath.Base(filepath.Dir(path))).Parse(string(src))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			var b bytes.Buffer
			if err := tm.Execute(&b, map[string]any{"Schema": bucket, "Transactional": true}); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			return b.Bytes()
		}},
	{name: "trigger.dev/migrations", files: func(t *testing.T, dir string) []string {
		ps := globT(t, filepath.Join(dir, "trigger.dev/migrations/*/migration.sql"))
		sort.Strings(ps) // timestamps
		return ps
	}},
}

// TestPostgresCorpus builds each corpus on PostgreSQL (one psql session per
// corpus, files in order) and compares the catalog with sqlddl's replay of
// the same files.
func TestPostgresCorpus(t *testing.T) {
	dir := corpusDir(t)
	for _, c := range pgCorpora {
		t.Run(c.name, func(t *testing.T) {
			db := pgtest.NewDB(t)
			paths := buildCorpus(t, db, c, dir)
			m := &schema.Model{Dialect: schema.PostgreSQL}
			for _, p := range paths {
				src, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				sqlddl.Apply(m, schema.NewFile(p, src))
			}
			noParseErrors(t, m)
			got := pgSchema(t, db)
			kept := got.Tables[:0]
			for _, tb := range got.Tables {
				if !slices.Contains(c.setupTables, tb.Namespace+".*") && !slices.Contains(c.setupTables, tb.Namespace+"."+tb.Name) {
					kept = append(kept, tb)
				}
			}
			got.Tables = kept
			if d := Diff(got, FromModel(m)); d != "" {
				t.Errorf("%s: PostgreSQL (-) and sqlddl (+) disagree:\n%s", c.name, d)
			}
			logPredicates(t, got, FromModel(m))
		})
	}
}

// TestSQLiteCorpus builds the SQLite migration histories with SQLite and
// compares them with sqlddl's replay.
func TestSQLiteCorpus(t *testing.T) {
	dir := corpusDir(t)
	for _, c := range []struct{ name, pattern string }{
		{"river-sqlite/main", "river-sqlite/main/*.up.sql"},
		{"dbos/migrations/sqlite", "dbos/migrations/sqlite/*.sql"},
	} {
		t.Run(c.name, func(t *testing.T) {
			paths := globT(t, filepath.Join(dir, c.pattern))
			numericOrder(paths)
			db := openSQLite(t)
			m := &schema.Model{Dialect: schema.SQLite}
			for _, p := range paths {
				src, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				// River's schema marker is a comment; SQLite ignores it.
				if _, err := db.Exec(string(src)); err != nil {
					t.Fatalf("SQLite could not run %s: %v", p, err)
				}
				sqlddl.Apply(m, schema.NewFile(p, src))
			}
			noParseErrors(t, m)
			got := sqliteSchema(t, db)
			if d := Diff(got, FromModel(m)); d != "" {
				t.Errorf("%s: SQLite (-) and sqlddl (+) disagree:\n%s", c.name, d)
			}
			logPredicates(t, got, FromModel(m))
		})
	}
}

// buildCorpus builds c on db, for TestPostgresCorpus and the proofs: the
// setup, then every file rendered, in order, in one psql session. It
// returns the corpus files as they are on disk.
func buildCorpus(t *testing.T, db *pgtest.DB, c pgCorpus, dir string) []string {
	t.Helper()
	paths := c.files(t, dir)
	run := paths
	if c.render != nil || c.setup != "" {
		tmp := t.TempDir()
		run = nil
		if c.setup != "" {
			p := filepath.Join(tmp, "0000_setup.sql")
			if err := os.WriteFile(p, []byte(c.setup), 0o644); err != nil {
				t.Fatal(err)
			}
			run = append(run, p)
		}
		for i, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if c.render != nil {
				src = c.render(t, p, src)
			}
			q := filepath.Join(tmp, strconv.Itoa(i+1)+"_"+filepath.Base(p))
			if err := os.WriteFile(q, src, 0o644); err != nil {
				t.Fatal(err)
			}
			run = append(run, q)
		}
	}
	if err := db.ExecFiles(run...); err != nil {
		t.Fatalf("PostgreSQL could not build %s: %v", c.name, err)
	}
	return paths
}

// logPredicates logs how many partial uniques and predicate columns the
// engine probed, and each column the engine shows excluded that idemlint
// does not prove (conservative, allowed by Diff): candidates for
// TestExcludesNullMerged.
func logPredicates(t *testing.T, db, model *Schema) {
	t.Helper()
	partial, cols := 0, 0
	for _, tb := range db.Tables {
		mt := model.Table(tb.Name)
		for _, u := range tb.Uniques {
			if u.Where == nil {
				continue
			}
			partial++
			cols += len(u.Where.Columns)
			var mw *Predicate
			if mt != nil {
				for _, mu := range mt.Uniques {
					if mu.Name == u.Name || mu.Name == "" && contentKey(mu) == contentKey(u) {
						mw = mu.Where
					}
				}
			}
			for _, c := range u.Where.ExcludesNull {
				if mw != nil && !slices.Contains(mw.ExcludesNull, c) {
					t.Logf("conservative: %s.%s WHERE %s: the engine keeps no row with %s NULL; idemlint does not prove it", tb.Name, u.Name, mw.Text, c)
				}
			}
		}
	}
	t.Logf("%d partial uniques, %d predicate columns probed", partial, cols)
}
