package sqlddl

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/idemlint/idemlint/schema"
)

// safeMessage reports whether msg may be written to a terminal: valid
// UTF-8 without control characters.
func safeMessage(msg string) bool {
	return utf8.ValidString(msg) && !strings.ContainsFunc(msg, func(r rune) bool { return !unicode.IsPrint(r) })
}

// TestMessagesQuoteInvalidBytes: names, tokens and dollar tags with invalid
// UTF-8 or control characters are quoted in messages, never echoed raw.
func TestMessagesQuoteInvalidBytes(t *testing.T) {
	tests := []struct {
		src  string
		want string // a part of the message
	}{
		{"CREATE TABLE t\xff;", `CREATE TABLE "t\xff"`},
		{"CREATE TABLE t\xff (a int", `table "t\xff"`},
		{"CREATE TABLE t (a int);\nCREATE UNIQUE INDEX i\xff ON t (a", `index "i\xff"`},
		{"CREATE TABLE \"t\xfe\" (a int);\nCREATE UNIQUE INDEX i ON \"t\xfe\";", `ON "t\xfe"`},
		{"CREATE TABLE t (a int);\nCREATE UNIQUE INDEX i\x1b ON t (a", `found "\x1b"`},
		{"CREATE TABLE t (a int, UNIQUE KEY);", `expected ( in key of table t`},
		{"SELECT $\xff$ x", `string "$\xff$"`},
		{"CREATE TABLE \"a\xff\" (k\xfe int, k\xfe int);", `column "k\xfe" specified more than once in table "a\xff"`},
	}
	for _, tt := range tests {
		m := Parse("f.sql", []byte(tt.src), schema.PostgreSQL)
		found := false
		for _, e := range m.Errors {
			if !safeMessage(e.Error()) {
				t.Errorf("%q: message %q holds raw bytes", tt.src, e.Error())
			}
			found = found || strings.Contains(e.Msg, tt.want)
		}
		if !found {
			t.Errorf("%q: no message holds %s; got %v", tt.src, tt.want, m.Errors)
		}
	}
	// A fix refused for a migration names the column.
	m := &schema.Model{Dialect: schema.PostgreSQL}
	f := schema.NewFile("m.sql", []byte("CREATE TABLE \"t\xff\" (\"k\x07\" text);"))
	Apply(m, f)
	_, err := f.Syntax.RequireColumn(m.Tables[0].Columns[0], "")
	if err == nil || !safeMessage(err.Error()) || !strings.Contains(err.Error(), `"t\xff"."k\a"`) {
		t.Errorf("RequireColumn error %q", err)
	}
}
