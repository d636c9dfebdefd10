package lsp

import (
	"testing"
)

// TestApplyChange: incremental changes address UTF-16 positions, as the
// server's diagnostics do; positions past a line's end or the text's end
// clamp, and the old buffer is never written to.
func TestApplyChange(t *testing.T) {
	text := "-- héllo 𝄞 x\r\nCREATE TABLE t (k text);\nlast"
	for off := 0; off <= len(text); off++ {
		p := offsetPosition([]byte(text), off)
		if got := positionOffset([]byte(text), p); got != off && validBoundary(text, off) {
			t.Errorf("offset %d -> %+v -> %d", off, p, got)
		}
	}
	cases := []struct {
		r    Range
		repl string
		want string
	}{
		{Range{Position{0, 12}, Position{0, 13}}, "y", "-- héllo 𝄞 y\r\nCREATE TABLE t (k text);\nlast"},  // after the surrogate pair
		{Range{Position{0, 99}, Position{0, 99}}, "!", "-- héllo 𝄞 x!\r\nCREATE TABLE t (k text);\nlast"}, // past the line's end, before \r\n
		{Range{Position{1, 18}, Position{1, 22}}, "bigint", "-- héllo 𝄞 x\r\nCREATE TABLE t (k bigint);\nlast"},
		{Range{Position{2, 4}, Position{9, 0}}, "\n", "-- héllo 𝄞 x\r\nCREATE TABLE t (k text);\nlast\n"}, // past the end
		{Range{Position{0, 0}, Position{2, 0}}, "", "last"},
	}
	for _, c := range cases {
		buf := []byte(text)
		got, ok := applyChange(buf, c.r, c.repl)
		if !ok || string(got) != c.want {
			t.Errorf("%+v %q: got %q (%v), want %q", c.r, c.repl, got, ok, c.want)
		}
		if string(buf) != text {
			t.Errorf("%+v: the old buffer was written to", c.r)
		}
	}
	if _, ok := applyChange([]byte(text), Range{Position{1, 2}, Position{1, 1}}, ""); ok {
		t.Errorf("a range that ends before it starts was applied")
	}
}

// validBoundary reports whether off is where a character starts, not
// inside a UTF-8 sequence, and not between \r and \n (offsetPosition puts
// both ends of a line break on the same line).
func validBoundary(s string, off int) bool {
	if off < len(s) && s[off]&0xC0 == 0x80 {
		return false
	}
	return off == 0 || off >= len(s) || s[off-1] != '\r'
}

// TestIncrementalSession: a client that sends ranges (as the server asks
// in initialize) gets the diagnostics of the text the ranges make.
func TestIncrementalSession(t *testing.T) {
	c := startClient(t, defaultOptions())
	c.initialize(false)
	if c.sync != 2 {
		t.Fatalf("textDocumentSync.change %d, want incremental (2)", c.sync)
	}
	path := t.TempDir() + "/schema.sql"
	uri := c.open(path, "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text NOT NULL UNIQUE);\n")
	if diags := c.diagnostics(uri); len(diags) != 0 {
		t.Fatalf("NOT NULL key: %+v", diags)
	}
	// Delete " NOT NULL": the key becomes nullable.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{
			map[string]any{"range": Range{Position{0, 62}, Position{0, 71}}, "text": ""},
			map[string]any{"range": Range{Position{1, 0}, Position{1, 0}}, "text": "-- 𝄞\n"},
		}})
	diags := c.diagnostics(uri)
	if len(diags) != 1 || diags[0].Code != "IDEM101" || diags[0].Range.Start != (Position{0, 42}) {
		t.Fatalf("after deleting NOT NULL: %+v", diags)
	}
	c.shutdown()
}
