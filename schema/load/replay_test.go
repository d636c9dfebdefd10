package load

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// modelOptions compare two models field by field, unexported fields
// included (a column's rare fields), files by path, text and comments:
// a file's Syntax leads back into its model.
var modelOptions = cmp.Options{
	cmp.Exporter(func(reflect.Type) bool { return true }),
	cmp.Comparer(func(a, b *schema.File) bool {
		if a == nil || b == nil {
			return a == b
		}
		if a.Path != b.Path || !bytes.Equal(a.Src, b.Src) || len(a.Comments) != len(b.Comments) {
			return false
		}
		for i, c := range a.Comments {
			d := b.Comments[i]
			if c.Text != d.Text || c.Span.Start != d.Span.Start || c.Span.End != d.Span.End || (c.Span.File == nil) != (d.Span.File == nil) {
				return false
			}
		}
		return true
	}),
}

// changedBy lists, per column of m, the statement sqlddl recorded as
// changing its nullability after its definition: what a file's Syntax
// knows of the model, which modelOptions leave out.
func changedBy(m *schema.Model) []string {
	var out []string
	for _, t := range m.Tables {
		for _, c := range t.Columns {
			if s := sqlddl.NullabilityChangedBy(c); s.IsValid() {
				out = append(out, t.Name+"."+c.Name+" "+s.String())
			}
		}
	}
	return out
}

// foreignSpans counts the spans of m's tables that point into a file that
// is not one of m's (a copy's span left in the file it was copied from).
func foreignSpans(m *schema.Model) int {
	files := map[*schema.File]bool{}
	for _, f := range m.Files {
		files[f] = true
	}
	n := 0
	count := func(spans ...schema.Span) {
		for _, s := range spans {
			if s.File != nil && !files[s.File] {
				n++
			}
		}
	}
	for _, t := range m.Tables {
		count(t.Span, t.NameSpan)
		for _, c := range t.Columns {
			count(c.Span, c.NameSpan(), c.TypeSpan(), c.NullSpan(), sqlddl.NullabilityChangedBy(c))
		}
		for _, u := range t.Uniques {
			count(u.Span)
		}
	}
	return n
}

// TestCacheReplayModels edits migrations of each corpus history as the
// language server sees them, the last one and one in the middle, in turn,
// and checks that the models the cache replays from its checkpoints are
// those a fresh load without a cache replays.
func TestCacheReplayModels(t *testing.T) {
	corpus := corpusDir(t)
	for _, h := range []struct{ dir, name string }{
		{"trigger.dev/migrations", "migration.sql"},
		{"hatchet/migrations", ""},
		{"formance-ledger/migrations", "up.sql"},
		{"river-pgx/main", ""},
		{"river-sqlite/main", ""},
		{"svix/migrations", ""},
		{"dbos/migrations", ""},
	} {
		t.Run(h.dir, func(t *testing.T) {
			dir := filepath.Join(corpus, filepath.FromSlash(h.dir))
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Skip(err)
			}
			var steps []string
			for _, e := range entries {
				if (h.name != "") == e.IsDir() && !strings.Contains(e.Name(), ".down.") && !strings.HasSuffix(e.Name(), ".toml") {
					steps = append(steps, filepath.Join(dir, e.Name(), h.name))
				}
			}
			slices.Sort(steps)
			if len(steps) < 2 {
				t.Skip("fewer than two steps")
			}
			last, middle := steps[len(steps)-1], steps[len(steps)/2]
			text := func(p string) string {
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
			probe := "\nCREATE TABLE cache_probe (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n" +
				"ALTER TABLE cache_probe ALTER COLUMN idempotency_key SET NOT NULL;\n"
			edits := []struct {
				doc  string
				text string
			}{
				{last, text(last) + "\n-- x"},
				{last, text(last) + "\n-- xy"},
				{last, text(last) + probe},
				{middle, text(middle) + probe},
				{middle, text(middle) + "\n-- x"},
				{last, text(last) + "\n-- xyz"},
				{last, ""},
			}
			cache := NewCache()
			for i, e := range edits {
				cfg := Config{Options: Options{Overlay: Overlay{e.doc: []byte(e.text)}}}
				fresh := Check([]string{e.doc}, cfg)
				cfg.Cache = cache
				// Twice: the second hands out the kept replay again.
				for range 2 {
					cached := Check([]string{e.doc}, cfg)
					if len(cached.Models) != len(fresh.Models) {
						t.Fatalf("edit %d: %d models cached, %d fresh", i, len(cached.Models), len(fresh.Models))
					}
					for j := range fresh.Models {
						if diff := cmp.Diff(fresh.Models[j], cached.Models[j], modelOptions); diff != "" {
							t.Fatalf("edit %d of %s, model %d (-fresh +cached):\n%s", i, filepath.Base(filepath.Dir(e.doc))+"/"+filepath.Base(e.doc), j, diff)
						}
						if n := foreignSpans(cached.Models[j]); n > 0 {
							t.Fatalf("edit %d, model %d: %d spans point outside the model's files", i, j, n)
						}
						if diff := cmp.Diff(changedBy(fresh.Models[j]), changedBy(cached.Models[j])); diff != "" {
							t.Fatalf("edit %d, model %d: nullability changes (-fresh +cached):\n%s", i, j, diff)
						}
					}
				}
			}
			for _, f := range cache.folders {
				if len(f.checkpoints) == 0 {
					t.Errorf("%s: no checkpoint kept", f.h.Dir)
				}
			}
		})
	}
}
