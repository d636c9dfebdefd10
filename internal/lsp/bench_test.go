package lsp

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkChange measures what an editor waits for after each keystroke:
// one didChange until the server has published the diagnostics of every
// file the check read, over the pipes a real client uses. The change is
// sent as the server asks in initialize, as editors do: the range typed
// (incremental sync), or the whole document (full sync). Each iteration types one more character into a comment at the
// end of the document (and, every eighth, deletes the comment again), so
// the text really changes from one check to the next. One case per
// schema of the shared corpus (../shared/corpus beside the repository;
// skipped when absent): a Prisma schema with its migrations, a multi-file
// Prisma schema, a pg_dump, a folder of declarative files, and the last
// migration of each history.
func BenchmarkChange(b *testing.B) {
	chat, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "chat", "db", "schema.prisma"))
	corpus, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus"))
	cases := []struct{ name, path string }{
		{"chat-prisma", chat},
		{"lago-structure.sql", filepath.Join(corpus, "lago", "structure.sql")},
		{"trigger.dev-prisma+migrations", filepath.Join(corpus, "trigger.dev", "schema.prisma")},
		{"trigger.dev-last-migration", lastFile(filepath.Join(corpus, "trigger.dev", "migrations"), "migration.sql")},
		{"dub-prisma-folder", filepath.Join(corpus, "dub", "schema", "link.prisma")},
		{"hatchet-schema-folder", filepath.Join(corpus, "hatchet", "schema", "v1-core.sql")},
		{"hatchet-last-migration", lastFile(filepath.Join(corpus, "hatchet", "migrations"), "")},
		{"formance-ledger-last-migration", lastFile(filepath.Join(corpus, "formance-ledger", "migrations"), "up.sql")},
		{"river-pgx-last-migration", lastFile(filepath.Join(corpus, "river-pgx", "main"), "")},
		{"river-sqlite-last-migration", lastFile(filepath.Join(corpus, "river-sqlite", "main"), "")},
		{"svix-last-migration", lastFile(filepath.Join(corpus, "svix", "migrations"), "")},
		{"dbos-last-migration", lastFile(filepath.Join(corpus, "dbos", "migrations"), "")},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			text, err := os.ReadFile(c.path)
			if err != nil {
				b.Skipf("%v (the corpus lives beside the repository, never in it)", err)
			}
			comment := "-- "
			if strings.HasSuffix(c.path, ".prisma") {
				comment = "// "
			}
			cl := startClient(b, defaultOptions())
			cl.initialize(false)
			uri := cl.open(c.path, string(text))
			cl.settle(uri)
			b.SetBytes(int64(len(text)))
			typed := []byte(string(text) + "\n" + comment)
			// The comment is on the document's last line, ASCII: its
			// positions need no scan of the text.
			lastLine := strings.Count(string(text), "\n") + 1
			commentEnd := len(comment)
			if cl.sync == 2 {
				end := offsetPosition(text, len(text))
				cl.notify("textDocument/didChange", map[string]any{
					"textDocument":   map[string]any{"uri": uri, "version": 2},
					"contentChanges": []any{map[string]any{"range": Range{Start: end, End: end}, "text": "\n" + comment}}})
				cl.settle(uri)
			}
			cpu := processCPU()
			b.ResetTimer()
			for i := range b.N {
				if cl.sync != 2 {
					if i%8 == 7 {
						typed = typed[:len(text)+1+len(comment)]
					} else {
						typed = append(typed, 'x')
					}
					cl.change(uri, i+2, string(typed))
					cl.settle(uri)
					continue
				}
				end := Position{Line: lastLine, Character: commentEnd}
				r, repl := Range{Start: end, End: end}, "x"
				if i%8 == 7 {
					r.Start.Character, repl = len(comment), ""
					commentEnd = len(comment)
				} else {
					commentEnd++
				}
				cl.notify("textDocument/didChange", map[string]any{
					"textDocument":   map[string]any{"uri": uri, "version": i + 3},
					"contentChanges": []any{map[string]any{"range": r, "text": repl}}})
				cl.settle(uri)
			}
			// On a shared machine the wall time is mostly other work's:
			// the process's CPU time (server and client) per keystroke
			// says what the server costs.
			b.ReportMetric(float64(processCPU()-cpu)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}

// processCPU is the user and system time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// settle waits until the server has handled everything sent so far (a
// request's answer comes after the notifications of earlier messages),
// checks that uri got its diagnostics, and drops the notifications.
func (c *client) settle(uri string) {
	c.t.Helper()
	c.call("idemlint/settle", nil) // unknown: answered at once with an error
	got := false
	for _, m := range c.notes {
		if _, ok := publishFor(c.t, m, uri); ok {
			got = true
		}
	}
	if !got {
		c.t.Fatalf("no diagnostics published for %s", uri)
	}
	c.notes = c.notes[:0]
}

// lastFile is the last file of a migration folder in name order: a file
// of dir, or the file called name in its last subfolder.
func lastFile(dir, name string) string {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return filepath.Join(dir, "missing")
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if (name != "") == e.IsDir() && !strings.Contains(e.Name(), ".down.") {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return filepath.Join(dir, "missing")
	}
	sort.Strings(names)
	return filepath.Join(dir, names[len(names)-1], name)
}
