package schema

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// QuoteText returns s as it is when it is valid UTF-8 made of printable
// characters, and Go-quoted (strconv.Quote: "t\xff") otherwise. Readers pass
// the user text they put in a message (names, tokens, dollar tags) through
// it, so a message never writes invalid bytes or control characters to a
// terminal.
func QuoteText(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f {
				return strconv.Quote(s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || !unicode.IsPrint(r) {
			return strconv.Quote(s)
		}
		i += n
	}
	return s
}
