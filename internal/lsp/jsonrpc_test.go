package lsp

import (
	"encoding/json"
	"errors"
	"io"
	"reflect"
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

// parseSeeds are message bodies parseMessage must read as json.Unmarshal
// does: the common shapes, and the odd ones its shortcut hands back.
var parseSeeds = []string{
	`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.sql","version":2},"contentChanges":[{"text":"CREATE TABLE t (k text);\n-- \u00e9\"\\"}]}}`,
	`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.sql","languageId":"sql","version":1,"text":"x"}}}`,
	`{"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":{"uri":"file:///a.sql"},"text":null}}`,
	`{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"capabilities":{}}}`,
	`{"jsonrpc":"2.0","id":"a","result":null}`,
	`{"jsonrpc":"2.0","id":1,"error":{"code":-1,"message":"m"}}`,
	`{"params":{"textDocument":{"uri":"file:///a.sql","version":2},"contentChanges":[]},"method":"textDocument/didChange"}`,
	`{"method":"textDocument/didChange","params":{"textDocument":{"uri":5}}}`,
	`{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a"}},"method":"initialize"}`,
	`{"method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a"}},"params":{"contentChanges":[{"text":"y"}]}}`,
	`{"Method":"textDocument/didChange","params":{}}`,
	`{"method":"textDocument/didChange","params":{"textDocument":}}`,
	`{"method":"textDocument/didChange","params":{}} x`,
	`{"method":"textDocument/didChange","params":null}`,
	`{"method":"textDocument/didChange"}`,
	`[1]`, `null`, ``, `{`, `{"id":1,}`,
}

// checkParse compares parseMessage with json.Unmarshal followed by the
// handlers' decode of the params.
func checkParse(t *testing.T, body string) {
	var want message
	wantErr := json.Unmarshal([]byte(body), &want)
	got, gotErr := parseMessage([]byte(body))
	if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
		t.Fatalf("%q: error %v, want %v", body, gotErr, wantErr)
	}
	if wantErr != nil {
		return
	}
	if got.JSONRPC != want.JSONRPC || string(got.ID) != string(want.ID) || got.Method != want.Method ||
		string(got.Result) != string(want.Result) || !reflect.DeepEqual(got.Error, want.Error) {
		t.Fatalf("%q: message %+v, want %+v", body, got, want)
	}
	if got.typed == nil {
		if string(got.Params) != string(want.Params) {
			t.Fatalf("%q: params %s, want %s", body, got.Params, want.Params)
		}
		return
	}
	check := func(gotV any, gotE *rpcError, wantV any, wantE *rpcError) {
		if !reflect.DeepEqual(gotE, wantE) || wantE == nil && !reflect.DeepEqual(gotV, wantV) {
			t.Fatalf("%q: params %+v (%v), want %+v (%v)", body, gotV, gotE, wantV, wantE)
		}
	}
	switch got.typed.(type) {
	case *didOpenParams:
		g, ge := paramsOf[didOpenParams](&got)
		w, we := paramsOf[didOpenParams](&want)
		check(g, ge, w, we)
	case *didChangeParams:
		g, ge := paramsOf[didChangeParams](&got)
		w, we := paramsOf[didChangeParams](&want)
		check(g, ge, w, we)
	case *didSaveParams:
		g, ge := paramsOf[didSaveParams](&got)
		w, we := paramsOf[didSaveParams](&want)
		check(g, ge, w, we)
	default:
		t.Fatalf("%q: params decoded as %T", body, got.typed)
	}
}

func TestParseMessage(t *testing.T) {
	for _, body := range parseSeeds {
		checkParse(t, body)
	}
}

// FuzzParseMessage: whatever the body, parseMessage reads it as
// json.Unmarshal and the handlers' decode would.
func FuzzParseMessage(f *testing.F) {
	for _, body := range parseSeeds {
		f.Add(body)
	}
	f.Fuzz(checkParse)
}
