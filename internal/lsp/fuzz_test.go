package lsp

import (
	"bytes"
	"io"
	"testing"
)

// FuzzServe feeds arbitrary client streams to the server: whatever
// arrives, Serve returns (an error or nil) and never panics. The seeds in
// testdata/fuzz/FuzzServe are a whole session and broken framing.
func FuzzServe(f *testing.F) {
	f.Fuzz(func(t *testing.T, stream []byte) {
		_ = Serve(bytes.NewReader(stream), io.Discard, defaultOptions())
	})
}
