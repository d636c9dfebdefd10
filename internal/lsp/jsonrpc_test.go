package lsp

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestReadFraming checks the header reader that replaced net/textproto:
// names are case-insensitive, other headers are skipped, and a stream
// that ends or misbehaves gives a framing error, not a hang or a huge
// allocation.
func TestReadFraming(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		body     string // "" when an error is expected
		eof      bool   // the error is io.EOF: closed between messages
	}{
		{name: "plain", in: "Content-Length: 2\r\n\r\n{}", body: "{}"},
		{name: "lower case, extra header", in: "content-type: application/vscode-jsonrpc\r\ncontent-length:  2 \r\n\r\n{}", body: "{}"},
		{name: "bare newlines", in: "Content-Length: 2\n\n{}", body: "{}"},
		{name: "closed between messages", in: "", eof: true},
		{name: "closed in the header", in: "Content-Length: 2\r\n"},
		{name: "no length", in: "Content-Type: x\r\n\r\n{}"},
		{name: "bad length", in: "Content-Length: two\r\n\r\n{}"},
		{name: "negative length", in: "Content-Length: -1\r\n\r\n"},
		{name: "too long a message", in: "Content-Length: 999999999999\r\n\r\n"},
		{name: "malformed line", in: "Content-Length 2\r\n\r\n{}"},
		{name: "endless header", in: strings.Repeat("X-Pad: aaaaaaaaaaaaaaaaaaaaaaaa\r\n", 1000)},
		{name: "short body", in: "Content-Length: 10\r\n\r\n{}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newConn(strings.NewReader(tc.in), io.Discard)
			body, err := c.read()
			switch {
			case tc.body != "":
				if err != nil || string(body) != tc.body {
					t.Fatalf("read = %q, %v; want %q", body, err, tc.body)
				}
			case tc.eof:
				if err != io.EOF {
					t.Fatalf("read error = %v; want io.EOF", err)
				}
			default:
				if !errors.Is(err, errFraming) {
					t.Fatalf("read = %q, %v; want a framing error", body, err)
				}
			}
		})
	}
}
