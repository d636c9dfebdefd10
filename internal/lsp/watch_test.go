package lsp

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatchedFiles: with a client that watches files for the server, the
// server registers a watcher, and a migration changed in place on disk
// (a git checkout, which leaves its folder's stamp alone) is read again
// when the client reports it: the open documents are checked again.
func TestWatchedFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "migrations")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(dir, "1_init.up.sql")
	second := filepath.Join(dir, "2_more.up.sql")
	const more = "CREATE TABLE notes (id bigint PRIMARY KEY);\n"
	old := time.Now().Add(-time.Hour)
	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		// Older than the cache's window for recent writes, so the
		// history is kept; each write gets its own time.
		old = old.Add(time.Minute)
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
	}
	write(first, "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n")
	write(second, more)
	if err := os.Chtimes(dir, old, old); err != nil {
		t.Fatal(err)
	}

	c := startClient(t, defaultOptions())
	r := c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}})
	if r.Error != nil {
		t.Fatalf("initialize: %v", r.Error)
	}
	c.notify("initialized", map[string]any{})
	uri := c.open(second, more)
	if diags := c.diagnostics(pathURI(first)); len(diags) != 1 || diags[0].Code != "IDEM101" {
		t.Fatalf("1_init.up.sql: %+v", diags)
	}
	registered := false
	for _, m := range c.notes {
		if m.Method == "client/registerCapability" && len(m.ID) > 0 {
			registered = true
		}
	}
	if !registered {
		t.Errorf("no watcher registered")
	}
	c.change(uri, 2, more+"-- x\n") // the history is cached now
	if diags := c.diagnostics(pathURI(first)); len(diags) != 1 {
		t.Fatalf("1_init.up.sql after a keystroke: %+v", diags)
	}
	c.diagnostics(uri)

	write(first, "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text NOT NULL UNIQUE);\n")
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": pathURI(first), "type": 2}}})
	if diags := c.diagnostics(pathURI(first)); len(diags) != 0 {
		t.Errorf("1_init.up.sql after it changed on disk: %+v", diags)
	}
	if diags := c.diagnostics(uri); len(diags) != 0 {
		t.Errorf("2_more.up.sql: %+v", diags)
	}
	c.shutdown()
}
