package lsp

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// BenchmarkChange measures what an editor waits for after each keystroke:
// one didChange of the whole document until its publishDiagnostics, over
// the pipes a real client uses. Corpus cases (../shared/corpus beside the
// repository) skip when it is absent.
func BenchmarkChange(b *testing.B) {
	chat, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "chat", "db", "schema.prisma"))
	corpus, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus"))
	cases := []struct{ name, path string }{
		{"chat-prisma", chat},
		{"lago-structure.sql", filepath.Join(corpus, "lago", "structure.sql")},
		{"trigger.dev-prisma+migrations", filepath.Join(corpus, "trigger.dev", "schema.prisma")},
		{"hatchet-last-migration", lastFile(filepath.Join(corpus, "hatchet", "migrations"))},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			text, err := os.ReadFile(c.path)
			if err != nil {
				b.Skipf("%v (the corpus lives beside the repository, never in it)", err)
			}
			cl := startClient(b, defaultOptions())
			cl.initialize(false)
			uri := cl.open(c.path, string(text))
			cl.diagnostics(uri)
			b.SetBytes(int64(len(text)))
			b.ResetTimer()
			for i := range b.N {
				cl.change(uri, i+2, string(text))
				cl.diagnostics(uri)
			}
		})
	}
}

func lastFile(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return filepath.Join(dir, "missing")
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return filepath.Join(dir, names[len(names)-1])
}
