package lsp

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/idemlint/idemlint/config"
)

// A client is the test's side of a session: it speaks to a server run by
// Serve over pipes, as an editor would over stdio.
type client struct {
	t     testing.TB
	conn  *conn
	next  int
	inbox chan *message
	done  chan error // Serve's result
	// notes are the notifications received so far, in order.
	notes []*message
	// sync is the textDocumentSync.change the server asked for.
	sync int
}

func startClient(t testing.TB, opts Options) *client {
	t.Helper()
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	c := &client{t: t, conn: newConn(toClient, fromClient), inbox: make(chan *message, 64), done: make(chan error, 1)}
	go func() {
		err := Serve(toServer, fromServer, opts)
		fromServer.Close()
		c.done <- err
	}()
	go func() {
		for {
			body, err := c.conn.read()
			if err != nil {
				close(c.inbox)
				return
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server sent invalid JSON: %v\n%s", err, body)
				continue
			}
			c.inbox <- &m
		}
	}()
	t.Cleanup(func() { fromClient.Close() })
	return c
}

// receive returns the next message from the server.
func (c *client) receive() *message {
	c.t.Helper()
	select {
	case m, ok := <-c.inbox:
		if !ok {
			c.t.Fatal("server closed the connection")
		}
		return m
	case <-time.After(30 * time.Second):
		c.t.Fatal("no message from the server in 30s")
	}
	return nil
}

// call sends a request and returns its response, keeping the
// notifications that arrive first.
func (c *client) call(method string, params any) *message {
	c.t.Helper()
	c.next++
	id := json.RawMessage(fmt.Sprint(c.next))
	c.send(&message{ID: id, Method: method, Params: marshal(c.t, params)})
	for {
		m := c.receive()
		if m.Method != "" {
			c.notes = append(c.notes, m)
			continue
		}
		if string(m.ID) != string(id) {
			c.t.Fatalf("response for id %s, want %s", m.ID, id)
		}
		return m
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(&message{Method: method, Params: marshal(c.t, params)})
}

func (c *client) send(m *message) {
	c.t.Helper()
	if err := c.conn.write(m); err != nil {
		c.t.Fatal(err)
	}
}

// diagnostics waits for the next publishDiagnostics for uri, skipping
// other notifications (kept in notes).
func (c *client) diagnostics(uri string) []Diagnostic {
	c.t.Helper()
	for i, m := range c.notes {
		if p, ok := publishFor(c.t, m, uri); ok {
			c.notes = append(c.notes[:i:i], c.notes[i+1:]...)
			return p.Diagnostics
		}
	}
	for {
		m := c.receive()
		if p, ok := publishFor(c.t, m, uri); ok {
			return p.Diagnostics
		}
		c.notes = append(c.notes, m)
	}
}

func publishFor(t testing.TB, m *message, uri string) (PublishDiagnosticsParams, bool) {
	var p PublishDiagnosticsParams
	if m.Method != "textDocument/publishDiagnostics" {
		return p, false
	}
	if err := json.Unmarshal(m.Params, &p); err != nil {
		t.Fatal(err)
	}
	return p, p.URI == uri
}

// initialize runs the handshake; create says whether the client applies
// CreateFile operations.
func (c *client) initialize(create bool) {
	c.t.Helper()
	ops := []string{}
	if create {
		ops = []string{"create", "rename", "delete"}
	}
	caps := map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{
		"documentChanges": true, "resourceOperations": ops}}}
	r := c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": caps})
	if r.Error != nil {
		c.t.Fatalf("initialize: %v", r.Error)
	}
	var res struct {
		Capabilities struct {
			TextDocumentSync struct {
				Change int `json:"change"`
			} `json:"textDocumentSync"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(r.Result, &res); err != nil {
		c.t.Fatalf("initialize result: %v", err)
	}
	c.sync = res.Capabilities.TextDocumentSync.Change
	c.notify("initialized", map[string]any{})
}

// shutdown ends the session cleanly and checks Serve's result.
func (c *client) shutdown() {
	c.t.Helper()
	if r := c.call("shutdown", nil); r.Error != nil || string(r.Result) != "null" {
		c.t.Fatalf("shutdown: result %s, error %v", r.Result, r.Error)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			c.t.Fatalf("Serve after shutdown and exit: %v", err)
		}
	case <-time.After(30 * time.Second):
		c.t.Fatal("Serve did not return after exit")
	}
}

func (c *client) open(path, text string) string {
	c.t.Helper()
	uri := pathURI(path)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "prisma", "version": 1, "text": text}})
	return uri
}

func (c *client) change(uri string, version int, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []any{map[string]any{"text": text}}})
}

func (c *client) codeActions(uri string, r Range) []CodeAction {
	c.t.Helper()
	resp := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": r,
		"context": map[string]any{"diagnostics": []any{}}})
	if resp.Error != nil {
		c.t.Fatalf("codeAction: %v", resp.Error)
	}
	var actions []CodeAction
	if err := json.Unmarshal(resp.Result, &actions); err != nil {
		c.t.Fatalf("codeAction result: %v\n%s", err, resp.Result)
	}
	return actions
}

func marshal(t testing.TB, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// applyEdits applies LSP text edits (UTF-16 positions) to text, as an
// editor does: against the original text, last position first.
func applyEdits(t *testing.T, text string, edits []TextEdit) string {
	t.Helper()
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{utf16Offset(t, text, e.Range.Start), utf16Offset(t, text, e.Range.End), e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start > spans[j].start })
	for _, s := range spans {
		text = text[:s.start] + s.text + text[s.end:]
	}
	return text
}

// utf16Offset is the byte offset of an LSP position, computed
// independently of the server's conversion.
func utf16Offset(t *testing.T, text string, p Position) int {
	t.Helper()
	line, off := 0, 0
	for line < p.Line {
		i := indexByte(text[off:], '\n')
		if i < 0 {
			t.Fatalf("position %+v past the last line", p)
		}
		off += i + 1
		line++
	}
	units := 0
	for i, r := range text[off:] {
		if units == p.Character {
			return off + i
		}
		if r == '\n' {
			break
		}
		units++
		if r >= 0x10000 {
			units++
		}
	}
	if units == p.Character {
		return off + len(text[off:])
	}
	t.Fatalf("position %+v is not on a character boundary of its line", p)
	return 0
}

func indexByte(s string, b byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return i
		}
	}
	return -1
}

// copyChat copies the bundled example's schema into a new folder.
func copyChat(t *testing.T) (path, text string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "chat", "db", "schema.prisma"))
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "schema.prisma")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, string(b)
}

func defaultOptions() Options { return Options{Check: config.Options{}, Version: "test"} }
