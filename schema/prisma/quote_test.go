package prisma

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestMessagesQuoteInvalidBytes: tokens and names with invalid UTF-8 or
// control characters are quoted in messages, never echoed raw, and long
// tokens are cut on a character boundary.
func TestMessagesQuoteInvalidBytes(t *testing.T) {
	long := strings.Repeat("é", 16) // 32 bytes: a cut at 32 would split nothing, at 33 it would
	tests := []struct {
		src  string
		want string // a part of a message
	}{
		{"model A {\n  id Int @id\n  \xff Int\n}\n", `byte 0xff`},
		{"datasource db {\n  provider \"a\xffb\"\n}\n", `"\"a\xffb\""`},
		{"datasource db {\n  provider \"a\x1bb\"\n}\n", `\x1b`},
		{"datasource db {\n  provider \"x" + long + "\"\n}\n", "…"},
		{"model A {\n  id Int @id\n  k String\n  k String\n}\n", `field "k"`},
	}
	for _, tt := range tests {
		m := Parse("f.prisma", []byte(tt.src))
		found := false
		for _, e := range m.Errors {
			msg := e.Error()
			if !utf8.ValidString(msg) || strings.ContainsFunc(msg, func(r rune) bool { return !unicode.IsPrint(r) }) {
				t.Errorf("%q: message %q holds raw bytes", tt.src, msg)
			}
			found = found || strings.Contains(msg, tt.want)
		}
		if !found {
			t.Errorf("%q: no message holds %s; got %v", tt.src, tt.want, m.Errors)
		}
	}
}
