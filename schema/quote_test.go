package schema

import (
	"testing"
	"unicode/utf8"
)

func TestQuoteText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"users", "users"},
		{"café ключ", "café ключ"},
		{"t\xff", `"t\xff"`},
		{"a\nb", `"a\nb"`},
		{"\x1b[31m", `"\x1b[31m"`},
		{"a\u200bb", `"a\u200bb"`},
		{"", ""},
	} {
		got := QuoteText(tt.in)
		if got != tt.want {
			t.Errorf("QuoteText(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("QuoteText(%q) = %q is not valid UTF-8", tt.in, got)
		}
	}
}
