package sqlddl

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/idemlint/idemlint/schema"
)

// lexText renders tokens as "Kind:text" for compact expectations.
func lexText(src string, d schema.Dialect) (toks []string, comments []string, errs []string) {
	f := schema.NewFile("t.sql", []byte(src))
	ts, cs, es := Tokenize(f, d)
	for _, t := range ts {
		toks = append(toks, t.Kind.String()+":"+src[t.Start:t.End])
	}
	for _, c := range cs {
		comments = append(comments, c.Text+"|"+c.Span.Text())
	}
	for _, e := range es {
		errs = append(errs, e.Error())
	}
	return
}

func TestTokenize(t *testing.T) {
	pg, my, lite, ms := schema.PostgreSQL, schema.MySQL, schema.SQLite, schema.SQLServer
	tests := []struct {
		name     string
		d        schema.Dialect
		src      string
		toks     []string
		comments []string
		errs     []string
	}{
		{"pg quoted ident", pg, `"a""b".c`, []string{`QuotedIdent:"a""b"`, "Dot:.", "Ident:c"}, nil, nil},
		{"pg E string", pg, `E'it\'s' 'a''b'`, []string{`String:E'it\'s'`, `String:'a''b'`}, nil, nil},
		{"pg nested comment", pg, "a /* x /* y */ z */ b", []string{"Ident:a", "Ident:b"}, []string{" x /* y */ z |/* x /* y */ z */"}, nil},
		{"pg dollar quotes", pg, "as $f$ select 1; $$ $f$; $1", []string{"Ident:as", "String:$f$ select 1; $$ $f$", "Semi:;", "Param:$1"}, nil, nil},
		{"pg dollar in ident", pg, "a$b", []string{"Ident:a$b"}, nil, nil},
		{"pg line comment", pg, "a -- hi\r\nb", []string{"Ident:a", "Ident:b"}, []string{" hi|-- hi\r"}, nil},
		{"pg operators", pg, "a->>'x'::text", []string{"Ident:a", "Op:->>", "String:'x'", "Op:::", "Ident:text"}, nil, nil},
		{"pg op before comment", pg, "a=--c\nb", []string{"Ident:a", "Op:=", "Ident:b"}, []string{"c|--c"}, nil},
		{"psql meta", pg, "\\connect foo\n\\restrict abc\nselect 1;", []string{"Ident:select", "Number:1", "Semi:;"}, nil, nil},
		{"copy stdin", pg, "COPY t (a) FROM stdin;\n1\t'x\n\\.\nselect;", []string{"Ident:COPY", "Ident:t", "LParen:(", "Ident:a", "RParen:)", "Ident:FROM", "Ident:stdin", "Semi:;", "Ident:select", "Semi:;"}, nil, nil},
		{"template", pg, `"{{.Schema}}".logs {{ .Bucket }}`, []string{`QuotedIdent:"{{.Schema}}"`, "Dot:.", "Ident:logs", "Template:{{ .Bucket }}"}, nil, nil},
		{"printf template", pg, "%s.t", []string{"Template:%s", "Dot:.", "Ident:t"}, nil, nil},
		{"mysql backtick and dq string", my, "`a``b` \"x\\\"y\" 'a\\'b'", []string{"QuotedIdent:`a``b`", `String:"x\"y"`, `String:'a\'b'`}, nil, nil},
		{"mysql hash comment", my, "a # c\nb", []string{"Ident:a", "Ident:b"}, []string{" c|# c"}, nil},
		{"mysql exec comment", my, "/*!40101 SET x=1 */;", []string{"Ident:SET", "Ident:x", "Op:=", "Number:1", "Semi:;"}, nil, nil},
		{"mysql delimiter", my, "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\nDELIMITER ;\nSELECT 2;", []string{"Ident:CREATE", "Ident:PROCEDURE", "Ident:p", "LParen:(", "RParen:)", "Ident:BEGIN", "Ident:SELECT", "Number:1", "Op:;", "Ident:END", "Semi://", "Ident:SELECT", "Number:2", "Semi:;"}, nil, nil},
		{"sqlite brackets", lite, "[a b] `c` \"d\"", []string{"QuotedIdent:[a b]", "QuotedIdent:`c`", `QuotedIdent:"d"`}, nil, nil},
		{"sqlserver GO", ms, "select 1\nGO\nselect [x]\n  go  \n", []string{"Ident:select", "Number:1", "Semi:GO", "Ident:select", "QuotedIdent:[x]", "Semi:go"}, nil, nil},
		{"sqlserver go not alone", ms, "go to", []string{"Ident:go", "Ident:to"}, nil, nil},
		{"numbers", pg, "1.5e-3 .5 0x1F", []string{"Number:1.5e-3", "Number:.5", "Number:0x1F"}, nil, nil},
		{"unterminated string", pg, "a 'b", []string{"Ident:a"}, nil, []string{"t.sql:1:3: unterminated string"}},
		{"unterminated comment", pg, "a /* b", []string{"Ident:a"}, nil, []string{"t.sql:1:3: unterminated comment"}},
		{"unterminated dollar", pg, "a $x$ b", []string{"Ident:a"}, nil, []string{"t.sql:1:3: unterminated dollar-quoted string $x$"}},
		{"invalid utf8", pg, "a \xff b", []string{"Ident:a", "Ident:\xff", "Ident:b"}, nil, []string{"t.sql:1:3: invalid UTF-8"}},
		{"unterminated template", pg, "a {{ b", []string{"Ident:a"}, nil, []string{"t.sql:1:3: unterminated template placeholder {{"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks, comments, errs := lexText(tt.src, tt.d)
			if diff := cmp.Diff(tt.toks, toks); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.comments, comments); diff != "" {
				t.Errorf("comments (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

var fuzzDialects = []schema.Dialect{schema.PostgreSQL, schema.CockroachDB, schema.MySQL, schema.MariaDB, schema.SQLite, schema.SQLServer}

// FuzzTokenize keeps its seeds in testdata/fuzz/FuzzTokenize.
func FuzzTokenize(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string, di uint8) {
		d := fuzzDialects[int(di)%len(fuzzDialects)]
		file := schema.NewFile("f.sql", []byte(src))
		toks, comments, _ := Tokenize(file, d)
		prev := 0
		for _, tk := range toks {
			if tk.Start < prev || tk.End < tk.Start || tk.End > len(src) {
				t.Fatalf("token %v out of order or bounds (prev end %d, len %d)", tk, prev, len(src))
			}
			if tk.End == tk.Start && tk.Kind != EOF {
				t.Fatalf("empty token %v", tk)
			}
			prev = tk.End
		}
		for _, c := range comments {
			if c.Span.Start < 0 || c.Span.End > len(src) || c.Span.Start > c.Span.End || !strings.Contains(c.Span.Text(), c.Text) {
				t.Fatalf("bad comment %+v", c)
			}
		}
	})
}
