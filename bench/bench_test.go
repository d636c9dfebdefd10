package bench

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// genSize is the size of the generated corpus: at least 5 MB.
const genSize = 5 << 20

var generated = sync.OnceValue(func() []byte { return Generate(genSize) })

// corpusDir is the shared real-world corpus, kept outside the repository.
func corpusDir(t testing.TB) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus folder %s is absent; skipping the real-world part", dir)
	}
	return dir
}

func readFiles(t testing.TB, pattern string) (paths []string, srcs [][]byte) {
	paths, _ = filepath.Glob(pattern)
	if len(paths) == 0 {
		t.Skipf("no files match %s; skipping", pattern)
	}
	sort.Strings(paths)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, b)
	}
	return paths, srcs
}

// sqlddlFacts replays files in order with sqlddl.
func sqlddlFacts(t testing.TB, paths []string, srcs [][]byte) Facts {
	var m *schema.Model
	if len(srcs) == 1 {
		m = sqlddl.Parse(paths[0], srcs[0], schema.PostgreSQL)
	} else {
		m = &schema.Model{Dialect: schema.PostgreSQL}
		for i, src := range srcs {
			sqlddl.Apply(m, schema.NewFile(paths[i], src))
		}
	}
	for _, e := range m.Errors {
		t.Errorf("sqlddl: %v", e)
	}
	return FromModel(m)
}

// oracleFacts replays files in order with oliphant, one statement at a time.
func oracleFacts(t testing.TB, srcs [][]byte) Facts {
	var o Oracle
	for _, src := range srcs {
		o.ApplyStatements(Split(string(src)))
	}
	for _, e := range o.Errors {
		t.Errorf("oliphant: %v", e)
	}
	return o.Facts()
}

// agree reports every table on which the two readers differ.
func agree(t *testing.T, got, want Facts) {
	t.Helper()
	byName := func(f Facts) map[string]TableFacts {
		m := map[string]TableFacts{}
		for _, tb := range f.Tables {
			m[tb.Namespace+"."+tb.Name] = tb
		}
		return m
	}
	g, w := byName(got), byName(want)
	var keys []string
	for k := range g {
		keys = append(keys, k)
	}
	for k := range w {
		if _, ok := g[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	n := 0
	for _, k := range keys {
		gt, gok := g[k]
		wt, wok := w[k]
		switch {
		case !gok:
			t.Errorf("table %s: only oliphant has it", k)
		case !wok:
			t.Errorf("table %s: only sqlddl has it", k)
		default:
			d := cmp.Diff(wt, gt)
			if d == "" {
				continue
			}
			t.Errorf("table %s (-oliphant +sqlddl):\n%s", k, d)
		}
		if n++; n >= 20 {
			t.Fatalf("stopping after %d differing tables", n)
		}
	}
	t.Logf("%d tables compared", len(keys))
}

func TestAgreement(t *testing.T) {
	t.Run("generated", func(t *testing.T) {
		src := generated()
		agree(t, sqlddlFacts(t, []string{"generated.sql"}, [][]byte{src}), oracleFacts(t, [][]byte{src}))
	})
	t.Run("generated/whole-file", func(t *testing.T) {
		if testing.Short() {
			t.Skip("whole-file parsing is slow; -short skips it")
		}
		src := generated()
		var o Oracle
		o.ApplyFile(string(StripCopyData(src)))
		for _, e := range o.Errors {
			t.Errorf("oliphant: %v", e)
		}
		agree(t, sqlddlFacts(t, []string{"generated.sql"}, [][]byte{src}), o.Facts())
	})
	dir := filepath.Join("..", "..", "shared", "corpus")
	t.Run("hatchet-schema", func(t *testing.T) {
		corpusDir(t)
		paths, srcs := readFiles(t, filepath.Join(dir, "hatchet", "schema", "*.sql"))
		for i, p := range paths {
			t.Run(filepath.Base(p), func(t *testing.T) {
				one := [][]byte{srcs[i]}
				agree(t, sqlddlFacts(t, []string{p}, one), oracleFacts(t, one))
			})
		}
	})
	t.Run("river-pgx", func(t *testing.T) {
		corpusDir(t)
		paths, srcs := readFiles(t, filepath.Join(dir, "river-pgx", "main", "*.up.sql"))
		agree(t, sqlddlFacts(t, paths, srcs), oracleFacts(t, srcs))
	})
	t.Run("lago", func(t *testing.T) {
		corpusDir(t)
		paths, srcs := readFiles(t, filepath.Join(dir, "lago", "structure.sql"))
		agree(t, sqlddlFacts(t, paths, srcs), oracleFacts(t, srcs))
	})
}

func TestGenerate(t *testing.T) {
	a, b := Generate(1<<20), Generate(1<<20)
	if string(a) != string(b) {
		t.Fatal("Generate is not deterministic")
	}
	src := generated()
	if len(src) < genSize {
		t.Fatalf("generated %d bytes, want at least %d", len(src), genSize)
	}
	s := string(src)
	for _, want := range []string{"UNIQUE NULLS NOT DISTINCT", "WHERE (idempotency_key IS NOT NULL)", "COALESCE(idempotency_key, '')",
		"RENAME COLUMN", "DROP COLUMN", "SET NOT NULL", "DROP NOT NULL", "SET DEFAULT", "$fn$", "FROM stdin;\n", "\n\\.\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("generated corpus lacks %q", want)
		}
	}
	if strings.Count(s, "FROM stdin;") != 1 {
		t.Errorf("want exactly one COPY block")
	}
	if st := StripCopyData(src); strings.Contains(string(st), "tenant; 1 ") || !strings.Contains(string(st), "COPY public.tenants") {
		t.Errorf("StripCopyData left the data rows or removed the statement")
	}
}

func benchCorpora(b *testing.B, run func(b *testing.B, src []byte)) {
	b.Run("generated", func(b *testing.B) { run(b, generated()) })
	b.Run("lago", func(b *testing.B) {
		corpusDir(b)
		_, srcs := readFiles(b, filepath.Join("..", "..", "shared", "corpus", "lago", "structure.sql"))
		run(b, srcs[0])
	})
}

func BenchmarkSQLDDL(b *testing.B) {
	benchCorpora(b, func(b *testing.B, src []byte) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			m := sqlddl.Parse("bench.sql", src, schema.PostgreSQL)
			if len(m.Errors) > 0 {
				b.Fatal(m.Errors[0])
			}
		}
	})
}

// BenchmarkOliphant counts the bytes of the original file, COPY data
// included, so that MB/s compare with BenchmarkSQLDDL on the same input.
func BenchmarkOliphant(b *testing.B) {
	benchCorpora(b, func(b *testing.B, src []byte) {
		b.Run("per-statement", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				var o Oracle
				o.ApplyStatements(Split(string(src)))
				if len(o.Errors) > 0 {
					b.Fatal(o.Errors[0])
				}
			}
		})
		b.Run("whole-file", func(b *testing.B) {
			stripped := string(StripCopyData(src))
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				var o Oracle
				o.ApplyFile(stripped)
				if len(o.Errors) > 0 {
					b.Fatal(o.Errors[0])
				}
			}
		})
	})
}
