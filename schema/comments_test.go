package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/checks"
)

// suppressTable has a nullable key (IDEM101, line 2) and a NOT NULL key
// client_token whose nullable tenant_id member gives IDEM103 (line 3).
// keyNote and tenantNote follow those columns on their lines.
func suppressTable(keyNote, tenantNote, header string) string {
	return header + `table payments
  col idempotency_key varchar(64) null ` + keyNote + `
  col tenant_id bigint null ` + tenantNote + `
  col client_token varchar(64)
  unique (idempotency_key) -- idemlint:ignore IDEM101 on a unique, not the column
  index token_uq (tenant_id, client_token)
`
}

func TestSuppression(t *testing.T) {
	idem101 := summary{Code: "IDEM101", Line: 2, Column: "idempotency_key", Related: 1, Fixes: 2}
	idem103 := summary{Code: "IDEM103", Line: 3, Column: "tenant_id", Related: 2}
	cases := []struct {
		name, keyNote, tenantNote, header string
		want                              []summary
	}{
		{name: "nothing suppressed", want: []summary{idem101, idem103}},
		{name: "same line", keyNote: "-- idemlint:ignore IDEM101 keys are optional here", want: []summary{idem103}},
		{name: "same line, no reason", keyNote: "-- idemlint:ignore IDEM101", want: []summary{idem103}},
		{name: "same line, tab before the reason", keyNote: "-- idemlint:ignore\tIDEM101\tkeys are optional", want: []summary{idem103}},
		{name: "same line, lower-case code", keyNote: "-- idemlint:ignore idem101 reason", want: []summary{idem103}},
		{name: "same line, block comment", keyNote: "/* idemlint:ignore IDEM101 reason */", want: []summary{idem103}},
		{name: "comma list", keyNote: "-- idemlint:ignore IDEM103,IDEM101 reason", tenantNote: "-- idemlint:ignore IDEM101,IDEM103 reason"},
		{name: "star", keyNote: "-- idemlint:ignore * reason", want: []summary{idem103}},
		{name: "IDEM103 at the member", tenantNote: "-- idemlint:ignore IDEM103 nullable tenants are global", want: []summary{idem101}},
		{name: "other code", keyNote: "-- idemlint:ignore IDEM103 reason", tenantNote: "-- idemlint:ignore IDEM101 reason", want: []summary{idem101, idem103}},
		{name: "code as a prefix", keyNote: "-- idemlint:ignore IDEM10 reason", want: []summary{idem101, idem103}},
		{name: "code in the reason only", keyNote: "-- idemlint:ignore IDEM102 unlike IDEM101", want: []summary{idem101, idem103}},
		{name: "no code", keyNote: "-- idemlint:ignore", want: []summary{idem101, idem103}},
		{name: "misspelled directive", keyNote: "-- idemlint:ignored IDEM101", want: []summary{idem101, idem103}},
		{name: "file-ignore", header: "-- idemlint:file-ignore IDEM101 legacy table\n",
			want: []summary{{Code: "IDEM103", Line: 4, Column: "tenant_id", Related: 2}}},
		{name: "file-ignore at the end", keyNote: "", tenantNote: "", header: "",
			want: []summary{idem101}},
		{name: "file-ignore comma list", header: "-- idemlint:file-ignore IDEM101,IDEM103 legacy\n"},
		{name: "file-ignore other code", header: "-- idemlint:file-ignore IDEM102 legacy\n",
			want: []summary{{Code: "IDEM101", Line: 3, Column: "idempotency_key", Related: 1, Fixes: 2}, {Code: "IDEM103", Line: 4, Column: "tenant_id", Related: 2}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := suppressTable(tc.keyNote, tc.tenantNote, tc.header)
			if tc.name == "file-ignore at the end" {
				src += "-- idemlint:file-ignore IDEM103 anywhere in the file\n"
			}
			runCheckCases(t, []checkCase{{name: "check", dialect: PostgreSQL, src: src, want: tc.want, opts: withoutUnused(t)}})
		})
	}
}

func TestSuppressionLineAbove(t *testing.T) {
	found := []summary{{Code: "IDEM101", Line: 4, Column: "idempotency_key", Related: 1, Fixes: 2}}
	cases := []struct {
		name  string
		above string // the lines between "col id bigint" and the key
		want  []summary
	}{
		{name: "alone on the line above", above: "  -- idemlint:ignore IDEM101 reason\n"},
		{name: "indented block comment above", above: "      /* idemlint:ignore IDEM101 reason */\n"},
		{name: "run of comment lines", above: "  -- idemlint:ignore IDEM101 reason\n  -- more explanation\n"},
		{name: "two lines above with code between", above: "  -- idemlint:ignore IDEM101 reason\n  col other text\n",
			want: []summary{{Code: "IDEM101", Line: 5, Column: "idempotency_key", Related: 1, Fixes: 2}}},
		{name: "two lines above with a comment line between", above: "  -- idemlint:ignore IDEM101 reason\n  -- more\n"},
		{name: "blank line between", above: "  -- idemlint:ignore IDEM101 reason\n\n",
			want: []summary{{Code: "IDEM101", Line: 5, Column: "idempotency_key", Related: 1, Fixes: 2}}},
		{name: "trailing comment of the line above", above: "  col other text -- idemlint:ignore IDEM101 reason\n",
			want: []summary{{Code: "IDEM101", Line: 4, Column: "idempotency_key", Related: 1, Fixes: 2}}},
		{name: "block comment before code on the line above", above: "  /* idemlint:ignore IDEM101 reason */ col other text\n",
			want: []summary{{Code: "IDEM101", Line: 4, Column: "idempotency_key", Related: 1, Fixes: 2}}},
		{name: "other code above", above: "  -- idemlint:ignore IDEM103 reason\n", want: found},
		{name: "IDEM102 above", above: "  -- idemlint:ignore IDEM102 reason\n", want: found},
	}
	for _, tc := range cases {
		src := "table payments\n  col id bigint\n" + tc.above + "  col idempotency_key varchar(64) null\n  unique (idempotency_key)\n"
		runCheckCases(t, []checkCase{{name: tc.name, dialect: PostgreSQL, src: src, want: tc.want, opts: withoutUnused(t)}})
	}
}

// withoutUnused turns IDEM002 off, for the tests of where a directive
// applies (TestUnusedSuppression tests what is left over).
func withoutUnused(t *testing.T) Options {
	t.Helper()
	sel, err := checks.Select("-IDEM002")
	if err != nil {
		t.Fatal(err)
	}
	return Options{Checks: sel}
}

func TestUnusedSuppression(t *testing.T) {
	idem101 := summary{Code: "IDEM101", Line: 2, Column: "idempotency_key", Related: 1, Fixes: 2}
	idem103 := summary{Code: "IDEM103", Line: 3, Column: "tenant_id", Related: 2}
	unused := func(line int) summary { return summary{Code: "IDEM002", Line: line} }
	only := func(list string) Options {
		sel, err := checks.Select(list)
		if err != nil {
			t.Fatal(err)
		}
		return Options{Checks: sel}
	}
	// suppressTable's own "-- idemlint:ignore IDEM101 on a unique" (line 5)
	// sits where no finding is: it is reported whenever IDEM101 is on.
	for _, tc := range []struct {
		name, keyNote, tenantNote, header string
		opts                              Options
		want                              []summary
		msg                               string
	}{
		{name: "used directives are not reported", keyNote: "-- idemlint:ignore IDEM101 optional", tenantNote: "-- idemlint:ignore IDEM103 global",
			want: []summary{unused(5)}, msg: "idemlint:ignore IDEM101 suppresses nothing: no IDEM101 finding on its line or the next"},
		{name: "wrong code on the line", keyNote: "-- idemlint:ignore IDEM103 wrong line", want: []summary{idem101, unused(2), idem103, unused(5)}},
		{name: "one of two codes used is enough", keyNote: "-- idemlint:ignore IDEM101,IDEM103 reason", want: []summary{idem103, unused(5)}},
		{name: "glob", keyNote: "-- idemlint:ignore IDEM1* reason", want: []summary{idem103, unused(5)}},
		{name: "a directive for a check that is off is not judged", keyNote: "-- idemlint:ignore IDEM102 reason", want: []summary{idem101, idem103, unused(5)}},
		{name: "its checks turned off", opts: only("-IDEM101"), want: []summary{idem103}},
		{name: "IDEM002 turned off", opts: only("-IDEM002"), want: []summary{idem101, idem103}},
		{name: "stale file-ignore", header: "-- idemlint:file-ignore IDEM104 legacy\n",
			want: []summary{unused(1), {Code: "IDEM101", Line: 3, Column: "idempotency_key", Related: 1, Fixes: 2}, {Code: "IDEM103", Line: 4, Column: "tenant_id", Related: 2}, unused(6)},
			msg:  "idemlint:file-ignore IDEM104 suppresses nothing: no IDEM104 finding in this file"},
		{name: "used file-ignore; the line directive it makes moot is not", header: "-- idemlint:file-ignore IDEM101 legacy\n",
			want: []summary{{Code: "IDEM103", Line: 4, Column: "tenant_id", Related: 2}, unused(6)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := suppressTable(tc.keyNote, tc.tenantNote, tc.header)
			m := parseTestSchema(t, PostgreSQL, src)
			m.Files[0].Syntax = &fakeSyntax{}
			got := Check(m, tc.opts)
			if diff := cmp.Diff(tc.want, summarize(got)); diff != "" {
				t.Fatalf("findings (-want +got):\n%s\nmessages:\n%s", diff, messages(got))
			}
			if tc.msg != "" && !strings.Contains(messages(got), tc.msg) {
				t.Errorf("no message %q in:\n%s", tc.msg, messages(got))
			}
		})
	}
}

func TestSuppressedDirect(t *testing.T) {
	f := NewFile("x.sql", []byte("a -- idemlint:ignore IDEM101 r\nb\n"))
	f.Comments = []Comment{{Span: f.Span(2, 30), Text: " idemlint:ignore IDEM101 r"}}
	if !Suppressed(f.Span(0, 1), "IDEM101") {
		t.Error("same-line directive does not suppress")
	}
	if Suppressed(f.Span(31, 32), "IDEM101") {
		t.Error("a trailing directive suppresses the next line")
	}
	if Suppressed(Span{}, "IDEM101") {
		t.Error("a span without a file is suppressed")
	}
	if Suppressed(f.Span(0, 1), "IDEM103") {
		t.Error("directive suppresses another code")
	}
}

func TestDirectiveArgs(t *testing.T) {
	cases := []struct {
		text, directive string
		args            string
		ok              bool
	}{
		{" idemlint:key", KeyAnnotation, "", true},
		{"idemlint:key", KeyAnnotation, "", true},
		{"/ idemlint:key", KeyAnnotation, "", true}, // a Prisma /// comment seen as //
		{"* idemlint:key", KeyAnnotation, "", true}, // a /** block */ comment
		{"\tidemlint:key why", KeyAnnotation, "why", true},
		{" idemlint:keyed", KeyAnnotation, "", false},
		{" idemlint:key:x", KeyAnnotation, "", false},
		{" nolint idemlint:key", KeyAnnotation, "", false},
		{" idemlint:ignore IDEM101 reason ", IgnoreDirective, "IDEM101 reason", true},
		{" idemlint:file-ignore IDEM101", IgnoreDirective, "", false},
		{" idemlint:file-ignore IDEM101", FileIgnoreDirective, "IDEM101", true},
	}
	for _, tc := range cases {
		args, ok := directiveArgs(tc.text, tc.directive)
		if args != tc.args || ok != tc.ok {
			t.Errorf("directiveArgs(%q, %q) = %q, %v, want %q, %v", tc.text, tc.directive, args, ok, tc.args, tc.ok)
		}
	}
}

func TestCodesMatch(t *testing.T) {
	cases := []struct {
		args, code string
		want       bool
	}{
		{"IDEM101", "IDEM101", true},
		{"IDEM101 reason", "IDEM101", true},
		{"IDEM101\treason", "IDEM101", true},
		{"idem101 reason", "IDEM101", true},
		{"IDEM101,IDEM103 reason", "IDEM103", true},
		{"* reason", "IDEM102", true},
		{"IDEM103 reason IDEM101", "IDEM101", false},
		{"IDEM1010", "IDEM101", false},
		{"", "IDEM101", false},
	}
	for _, tc := range cases {
		if got := codesMatch(tc.args, tc.code); got != tc.want {
			t.Errorf("codesMatch(%q, %q) = %v, want %v", tc.args, tc.code, got, tc.want)
		}
	}
}

func TestCommentsFor(t *testing.T) {
	src := "-- one\n-- two\ncol a text -- three\n-- four\ncol b text\n"
	m := parseTestSchema(t, PostgreSQL, "table t\n"+src)
	f := m.Files[0]
	var texts []string
	for _, c := range commentsFor(m.Tables[0].Column("a").Span) {
		texts = append(texts, strings.TrimSpace(c.Text))
	}
	if got := strings.Join(texts, ","); got != "three,two,one" {
		t.Errorf("comments for a = %s", got)
	}
	texts = nil
	for _, c := range commentsFor(m.Tables[0].Column("b").Span) {
		texts = append(texts, strings.TrimSpace(c.Text))
	}
	if got := strings.Join(texts, ","); got != "four" {
		t.Errorf("comments for b = %s", got)
	}
	if got := commentsFor(Span{}); got != nil {
		t.Errorf("comments for an invalid span = %v", got)
	}
	_ = f
}
