package sqlinsert

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/idemlint/idemlint/schema"
)

// TestErrorsQuoteInvalidBytes: an error about user text (here a dollar tag
// the tokenizer cannot close) quotes it rather than echo raw bytes.
func TestErrorsQuoteInvalidBytes(t *testing.T) {
	for _, q := range []string{
		"INSERT INTO t (k) VALUES ($\xff$abc)",
		"INSERT INTO t (k) VALUES ($\u0085$abc)", // a C1 control character, valid UTF-8
		"INSERT INTO t\xff (k) VALUES ($\x01",
		"INSERT INTO \"t\xfe",
	} {
		_, err := Parse(q, schema.PostgreSQL)
		if err == nil {
			t.Errorf("%q: no error", q)
			continue
		}
		msg := err.Error()
		if !utf8.ValidString(msg) || strings.ContainsFunc(msg, func(r rune) bool { return !unicode.IsPrint(r) }) {
			t.Errorf("%q: error %q holds raw bytes", q, msg)
		}
	}
}
