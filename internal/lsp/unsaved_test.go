package lsp

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnsavedNewFile: a buffer the editor opened for a file that is not
// on disk yet (File > New, then a name) is checked from the buffer, alone
// in its folder or as the next step of a migration history.
func TestUnsavedNewFile(t *testing.T) {
	t.Run("alone", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "schema.sql")
		c := startClient(t, defaultOptions())
		c.initialize(false)
		uri := c.open(path, nullableMigration)
		if diags := c.diagnostics(uri); len(diags) != 1 || diags[0].Code != "IDEM101" {
			t.Errorf("diagnostics: %+v", diags)
		}
		if _, err := os.Stat(path); err == nil {
			t.Error("the server created the file")
		}
		c.shutdown()
	})
	t.Run("next migration", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "migrations")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, content := range map[string]string{
			"0001_init.up.sql":   "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text NOT NULL);\nCREATE UNIQUE INDEX jobs_key ON jobs (idempotency_key);\n",
			"0001_init.down.sql": "DROP TABLE jobs;\n",
		} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// The new step makes the key nullable: only the history read with
		// the unsaved step knows the unique index that makes it a finding.
		next := filepath.Join(dir, "0002_optional_key.up.sql")
		c := startClient(t, defaultOptions())
		c.initialize(false)
		uri := c.open(next, "ALTER TABLE jobs ALTER COLUMN idempotency_key DROP NOT NULL;\n")
		if diags := c.diagnostics(uri); len(diags) != 0 {
			t.Errorf("diagnostics on the new step: %+v", diags)
		}
		// The key's column is declared in the first step: the finding is
		// there, as idemlint schema reports it once the step is saved.
		init := pathURI(filepath.Join(dir, "0001_init.up.sql"))
		if diags := c.diagnostics(init); len(diags) != 1 || diags[0].Code != "IDEM101" || diags[0].Range.Start != (Position{0, 42}) {
			t.Errorf("diagnostics on 0001_init.up.sql: %+v", diags)
		}
		c.shutdown()
	})
}

// TestMessageOverLimit: a request whose body is over the server's size
// limit gets an error that names the limit, and the session goes on; a
// notification over it (no ID to answer) gets a window/showMessage.
func TestMessageOverLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("sends a message over 64 MiB")
	}
	c := startClient(t, defaultOptions())
	c.initialize(false)
	pad := strings.Repeat("x", maxMessage)
	body := fmt.Sprintf(`{"jsonrpc":"2.0","id":77,"method":"textDocument/codeAction","params":{"pad":%q}}`, pad)
	writeRaw(t, c, body)
	m := c.receive()
	if string(m.ID) != "77" || m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Fatalf("response to an oversized request: %+v", m)
	}
	for _, want := range []string{"67108864 bytes", fmt.Sprint(len(body))} {
		if !strings.Contains(m.Error.Message, want) {
			t.Errorf("error %q does not name %s", m.Error.Message, want)
		}
	}
	note := fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"pad":%q}}`, pad)
	writeRaw(t, c, note)
	m = c.receive()
	var show struct {
		Type    int    `json:"type"`
		Message string `json:"message"`
	}
	if m.Method != "window/showMessage" || json.Unmarshal(m.Params, &show) != nil || show.Type != 1 || !strings.Contains(show.Message, "67108864 bytes") {
		t.Errorf("oversized notification: %+v", m)
	}
	// The stream is still in step: the next request is answered.
	if r := c.call("textDocument/hover", map[string]any{}); r.Error == nil || r.Error.Code != codeMethodNotFound {
		t.Errorf("request after the oversized ones: %+v", r)
	}
	c.shutdown()
}

// writeRaw sends body as one framed message, from a goroutine: a server
// that stops reading must fail the test (receive times out), not hang it.
func writeRaw(t *testing.T, c *client, body string) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.conn.mu.Lock()
		defer c.conn.mu.Unlock()
		fmt.Fprintf(c.conn.w, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}()
	t.Cleanup(func() { <-done })
}
