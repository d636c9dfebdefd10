package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSession is an editor's session on the bundled example's schema:
// the IDEM101 on open at its UTF-16 range, its fixes as code actions,
// an unsaved change that applies the preferred one clearing the
// diagnostics, and a clean shutdown.
func TestSession(t *testing.T) {
	path, text := copyChat(t)
	c := startClient(t, defaultOptions())
	c.initialize(true)
	uri := c.open(path, text)

	diags := c.diagnostics(uri)
	if len(diags) != 1 {
		t.Fatalf("diagnostics on open: %+v", diags)
	}
	d := diags[0]
	// db/schema.prisma:29:3-29:69, as the CLI prints it (byte columns from
	// 1); the line is ASCII, so UTF-16 characters from 0 are one less.
	want := Range{Start: Position{Line: 28, Character: 2}, End: Position{Line: 28, Character: 68}}
	if d.Code != "IDEM101" || d.Range != want || d.Severity != severityError || d.Source != "idemlint" {
		t.Errorf("diagnostic = %+v, want IDEM101 error at %+v", d, want)
	}
	if !strings.HasPrefix(d.Message, "idempotency key Message.idempotencyKey is nullable") {
		t.Errorf("message = %q", d.Message)
	}
	if d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "#idem101") {
		t.Errorf("codeDescription = %+v", d.CodeDescription)
	}
	if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.Range.Start.Line != 31 {
		t.Errorf("related = %+v", d.RelatedInformation)
	}

	// A cursor inside the diagnostic gets its fixes; one elsewhere none.
	actions := c.codeActions(uri, Range{Start: Position{28, 10}, End: Position{28, 10}})
	if len(actions) != 2 || !actions[0].IsPreferred || actions[1].IsPreferred {
		t.Fatalf("code actions: %+v", actions)
	}
	for _, a := range actions {
		if a.Kind != "quickfix" || len(a.Diagnostics) != 1 || a.Edit == nil || len(a.Edit.Changes[uri]) == 0 || a.Edit.DocumentChanges != nil {
			t.Errorf("action %q: %+v", a.Title, a)
		}
	}
	if !strings.HasPrefix(actions[1].Title, "Make idempotencyKey NOT NULL with no default") {
		t.Errorf("second action %q", actions[1].Title)
	}
	if got := c.codeActions(uri, Range{Start: Position{3, 0}, End: Position{3, 0}}); len(got) != 0 {
		t.Errorf("code actions away from the diagnostic: %+v", got)
	}

	// The editor applies the fix without saving: the buffer is what is
	// checked, and the file on disk is untouched.
	fixed := applyEdits(t, text, actions[1].Edit.Changes[uri])
	if !strings.Contains(fixed, "idempotencyKey String      @map") {
		t.Fatalf("fix did not drop the ?:\n%s", fixed)
	}
	c.change(uri, 2, fixed)
	if diags := c.diagnostics(uri); len(diags) != 0 {
		t.Errorf("diagnostics after the fix: %+v", diags)
	}
	// And back: an unsaved edit that breaks it again reports again.
	c.change(uri, 3, text)
	if diags := c.diagnostics(uri); len(diags) != 1 {
		t.Errorf("diagnostics after undoing the fix: %+v", diags)
	}
	if disk, _ := os.ReadFile(path); string(disk) != text {
		t.Error("the server wrote the file")
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if diags := c.diagnostics(uri); len(diags) != 0 {
		t.Errorf("diagnostics after close: %+v", diags)
	}
	c.shutdown()
}

// TestUTF16Ranges checks that ranges count UTF-16 code units: a quoted
// table name with é (2 bytes, 1 unit) and 😀 (4 bytes, 2 units) before
// the key on its line.
func TestUTF16Ranges(t *testing.T) {
	const text = "CREATE TABLE \"café😀\" (id int, idempotency_key text UNIQUE);\n"
	path := filepath.Join(t.TempDir(), "schema.sql")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startClient(t, defaultOptions())
	c.initialize(false)
	uri := c.open(path, text)
	diags := c.diagnostics(uri)
	if len(diags) != 1 {
		t.Fatalf("diagnostics: %+v", diags)
	}
	// The column starts after `CREATE TABLE "café😀" (id int, `: 31 units,
	// 34 bytes.
	start := strings.Index(text, "idempotency_key")
	if got := diags[0].Range.Start; got != (Position{0, start - 3}) {
		t.Errorf("start %+v, want character %d (byte offset %d)", got, start-3, start)
	}
	if off := utf16Offset(t, text, diags[0].Range.Start); off != start {
		t.Errorf("start maps back to byte %d, want %d", off, start)
	}
	c.shutdown()
}

func TestOffsetPosition(t *testing.T) {
	text := []byte("ab\né😀x\n\nlast")
	for _, c := range []struct {
		offset int
		want   Position
	}{
		{0, Position{0, 0}}, {2, Position{0, 2}}, {3, Position{1, 0}},
		{5, Position{1, 1}}, {9, Position{1, 3}}, {10, Position{1, 4}},
		{11, Position{2, 0}}, {12, Position{3, 0}}, {16, Position{3, 4}},
		{-1, Position{0, 0}}, {99, Position{3, 4}}, // clamped
	} {
		if got := offsetPosition(text, c.offset); got != c.want {
			t.Errorf("offsetPosition(%d) = %+v, want %+v", c.offset, got, c.want)
		}
	}
}

const (
	nullableMigration = "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text);\nCREATE UNIQUE INDEX jobs_key ON jobs (idempotency_key);\n"
)

// writeHistory writes a golang-migrate history whose first migration has
// a nullable key.
func writeHistory(t *testing.T) (dir, up string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "migrations")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	up = filepath.Join(dir, "0001_init.up.sql")
	for name, content := range map[string]string{up: nullableMigration, filepath.Join(dir, "0001_init.down.sql"): "DROP TABLE jobs;\n"} {
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, up
}

// TestNextMigrationAction checks "add the next migration": a CreateFile
// and the new file's content for a client that can create files, and no
// such action for one that cannot.
func TestNextMigrationAction(t *testing.T) {
	dir, up := writeHistory(t)
	for _, create := range []bool{true, false} {
		c := startClient(t, defaultOptions())
		c.initialize(create)
		uri := c.open(up, nullableMigration)
		diags := c.diagnostics(uri)
		if len(diags) != 1 || diags[0].Code != "IDEM101" {
			t.Fatalf("diagnostics: %+v", diags)
		}
		actions := c.codeActions(uri, diags[0].Range)
		if !create {
			// Every fix of a migration adds the next one.
			if len(actions) != 0 {
				t.Errorf("client without create: actions %+v", actions)
			}
			c.shutdown()
			continue
		}
		if len(actions) == 0 {
			t.Fatal("no code actions")
		}
		raw, _ := json.Marshal(actions[0].Edit)
		var edit struct {
			Changes         map[string]any `json:"changes"`
			DocumentChanges []struct {
				Kind         string `json:"kind"`
				URI          string `json:"uri"`
				TextDocument *struct {
					URI     string `json:"uri"`
					Version *int   `json:"version"`
				} `json:"textDocument"`
				Edits []TextEdit `json:"edits"`
			} `json:"documentChanges"`
		}
		if err := json.Unmarshal(raw, &edit); err != nil {
			t.Fatal(err)
		}
		wantUp := pathURI(filepath.Join(dir, "0002_require_jobs_idempotency_key.up.sql"))
		var created, filled bool
		for i, dc := range edit.DocumentChanges {
			if dc.Kind == "create" && dc.URI == wantUp {
				created = true
				next := edit.DocumentChanges[i+1]
				filled = next.TextDocument != nil && next.TextDocument.URI == wantUp && next.TextDocument.Version == nil &&
					len(next.Edits) == 1 && strings.Contains(next.Edits[0].NewText, "SET NOT NULL")
			}
		}
		if !created || !filled || edit.Changes != nil {
			t.Errorf("first action %q: want a CreateFile of %s then its content:\n%s", actions[0].Title, wantUp, raw)
		}
		c.shutdown()
	}
}

// TestProtocolErrors checks the answers to a client that breaks the
// protocol: a request before initialize, an unknown method, a body that
// is not JSON, and exit without shutdown.
func TestProtocolErrors(t *testing.T) {
	c := startClient(t, defaultOptions())
	if r := c.call("textDocument/codeAction", map[string]any{}); r.Error == nil || r.Error.Code != codeServerNotInitialized {
		t.Errorf("before initialize: %+v", r)
	}
	c.initialize(false)
	if r := c.call("textDocument/hover", map[string]any{}); r.Error == nil || r.Error.Code != codeMethodNotFound {
		t.Errorf("unknown method: %+v", r)
	}
	if r := c.call("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "untitled:1"}}); r.Error == nil || r.Error.Code != codeInvalidParams {
		t.Errorf("non-file URI: %+v", r)
	}
	c.conn.mu.Lock()
	_, err := c.conn.w.Write([]byte("Content-Length: 5\r\n\r\n{nope"))
	c.conn.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if m := c.receive(); m.Error == nil || m.Error.Code != codeParseError || string(m.ID) != "null" {
		t.Errorf("invalid JSON: %+v", m)
	}
	c.notify("exit", nil)
	if err := <-c.done; err != ErrNoShutdown {
		t.Errorf("exit without shutdown: %v, want ErrNoShutdown", err)
	}
}

// TestOtherFiles checks diagnostics that belong to another file of the
// document's schema: in a folder of declarative SQL the key's table is in
// a_tables.sql and its unique index in b_indexes.sql (files apply in name
// order). Opening b_indexes.sql publishes the finding on a_tables.sql,
// which `idemlint schema b_indexes.sql` alone would not see, and an
// unsaved edit that drops the index clears it there.
func TestOtherFiles(t *testing.T) {
	dir := t.TempDir()
	tables := filepath.Join(dir, "a_tables.sql")
	indexes := filepath.Join(dir, "b_indexes.sql")
	const index = "CREATE UNIQUE INDEX jobs_key ON jobs (idempotency_key);\n"
	for path, text := range map[string]string{tables: "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text);\n", indexes: index} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := startClient(t, defaultOptions())
	c.initialize(false)
	uri := c.open(indexes, index)
	if diags := c.diagnostics(pathURI(tables)); len(diags) != 1 || diags[0].Code != "IDEM101" || diags[0].Range.Start != (Position{0, 42}) {
		t.Errorf("a_tables.sql: %+v", diags)
	}
	if diags := c.diagnostics(uri); len(diags) != 0 {
		t.Errorf("b_indexes.sql: %+v", diags)
	}
	c.change(uri, 2, "-- no unique index yet\n")
	if diags := c.diagnostics(pathURI(tables)); len(diags) != 0 {
		t.Errorf("a_tables.sql after dropping the index: %+v", diags)
	}
	c.shutdown()
}

// TestConfigFile: the language server reads the .idemlint.yaml of the
// document's module, as every driver does, and reads it again when it
// changes; flags win over it.
func TestConfigFile(t *testing.T) {
	path, text := copyChat(t)
	dir := filepath.Dir(path)
	cfg := filepath.Join(dir, ".idemlint.yaml")
	for name, content := range map[string]string{"go.mod": "module m\n", ".idemlint.yaml": "checks: -IDEM101\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := startClient(t, defaultOptions())
	c.initialize(false)
	uri := c.open(path, text)
	if diags := c.diagnostics(uri); len(diags) != 0 {
		t.Errorf("with checks: -IDEM101 in the file: %+v", diags)
	}
	if err := os.WriteFile(cfg, []byte("# IDEM101 on again\nchecks: default\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.change(uri, 2, text)
	if diags := c.diagnostics(uri); len(diags) != 1 || diags[0].Code != "IDEM101" {
		t.Errorf("after the file changed: %+v", diags)
	}
	c.shutdown()

	opts := defaultOptions()
	opts.Check.Checks = "-IDEM101"
	opts.Check.MarkSet("checks") // as the -checks flag does
	c = startClient(t, opts)
	c.initialize(false)
	uri = c.open(path, text)
	if diags := c.diagnostics(uri); len(diags) != 0 {
		t.Errorf("-checks=-IDEM101 over the file's checks: default: %+v", diags)
	}
	c.shutdown()
}
