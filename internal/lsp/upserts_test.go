package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpsertKeyFixes: a schema in a Go module whose code upserts on the
// key gets the fixes the command line gives, no random default (which
// would never match the key the upsert sends), and once the Go file stops
// upserting (reported by the client's watcher) the default comes back.
func TestUpsertKeyFixes(t *testing.T) {
	dir := t.TempDir()
	const schemaText = "CREATE TABLE jobs (\n  id bigint PRIMARY KEY,\n  tenant_id bigint NOT NULL,\n" +
		"  idempotency_key text,\n  UNIQUE (tenant_id, idempotency_key)\n);\n"
	const upsert = "package store\n\nconst InsertJob = `INSERT INTO jobs (id, tenant_id, idempotency_key) VALUES ($1, $2, $3)\n" +
		"ON CONFLICT (tenant_id, idempotency_key) DO NOTHING`\n"
	const plain = "package store\n\nconst InsertJob = `INSERT INTO jobs (id, tenant_id, idempotency_key) VALUES ($1, $2, $3)`\n"
	for path, text := range map[string]string{
		"go.mod":         "module example.com/jobs\n\ngo 1.26\n",
		"schema.sql":     schemaText,
		"store/store.go": upsert,
	} {
		full := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	titles := func(c *client, uri string) []string {
		t.Helper()
		diags := c.diagnostics(uri)
		if len(diags) != 1 || diags[0].Code != "IDEM101" {
			t.Fatalf("diagnostics: %+v", diags)
		}
		var out []string
		for _, a := range c.codeActions(uri, diags[0].Range) {
			out = append(out, a.Title)
		}
		return out
	}
	hasDefault := func(titles []string) bool {
		for _, s := range titles {
			if strings.Contains(s, "with database default") {
				return true
			}
		}
		return false
	}

	c := startClient(t, defaultOptions())
	r := c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}})
	if r.Error != nil {
		t.Fatalf("initialize: %v", r.Error)
	}
	c.notify("initialized", map[string]any{})
	uri := c.open(filepath.Join(dir, "schema.sql"), schemaText)
	got := titles(c, uri)
	if len(got) == 0 || hasDefault(got) || !strings.Contains(got[0], "the upsert at store/store.go") {
		t.Errorf("code actions with the upsert in view: %q", got)
	}

	store := filepath.Join(dir, "store", "store.go")
	if err := os.WriteFile(store, []byte(plain), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": pathURI(store), "type": 2}}})
	if got := titles(c, uri); !hasDefault(got) {
		t.Errorf("code actions after the upsert is gone: %q", got)
	}
	c.shutdown()
}
