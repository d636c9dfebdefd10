package schema

import (
	"go/token"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLineStarts(t *testing.T) {
	cases := []struct {
		src  string
		want []int
	}{
		{"", []int{0}},
		{"a", []int{0}},
		{"\n", []int{0, 1}},
		{"ab\ncd", []int{0, 3}},
		{"ab\r\ncd\r\n", []int{0, 4, 8}},
		{"\n\n", []int{0, 1, 2}},
	}
	for _, tc := range cases {
		f := NewFile("f", []byte(tc.src))
		if diff := cmp.Diff(tc.want, f.LineStarts()); diff != "" {
			t.Errorf("LineStarts(%q) (-want +got):\n%s", tc.src, diff)
		}
	}
}

func TestPosition(t *testing.T) {
	type pos struct{ Offset, Line, Column int }
	cases := []struct {
		src  string
		off  int
		want pos
	}{
		{"", 0, pos{0, 1, 1}},
		{"", 5, pos{0, 1, 1}},
		{"", -1, pos{0, 1, 1}},
		{"abc", 0, pos{0, 1, 1}},
		{"abc", 2, pos{2, 1, 3}},
		{"abc", 3, pos{3, 1, 4}},      // end of file
		{"abc", 99, pos{3, 1, 4}},     // beyond: clamped
		{"abc", -7, pos{0, 1, 1}},     // before: clamped
		{"ab\ncd", 2, pos{2, 1, 3}},   // the newline ends line 1
		{"ab\ncd", 3, pos{3, 2, 1}},   // first byte of line 2
		{"ab\ncd", 5, pos{5, 2, 3}},   // end of file
		{"ab\r\ncd", 2, pos{2, 1, 3}}, // CR belongs to line 1
		{"ab\r\ncd", 3, pos{3, 1, 4}},
		{"ab\r\ncd", 4, pos{4, 2, 1}},
		{"ab\r\ncd\r\n", 8, pos{8, 3, 1}}, // after the final newline
		{"\n\n\n", 2, pos{2, 3, 1}},
		{"é\nx", 2, pos{2, 1, 3}}, // columns count bytes, as go/token does
		{"é\nx", 3, pos{3, 2, 1}},
	}
	for _, tc := range cases {
		f := NewFile("dir/f.sql", []byte(tc.src))
		p := f.Position(tc.off)
		if p.Path != "dir/f.sql" {
			t.Errorf("Position(%q, %d).Path = %q", tc.src, tc.off, p.Path)
		}
		if got := (pos{p.Offset, p.Line, p.Column}); got != tc.want {
			t.Errorf("Position(%q, %d) = %+v, want %+v", tc.src, tc.off, got, tc.want)
		}
		if got := f.Line(tc.off); got != tc.want.Line {
			t.Errorf("Line(%q, %d) = %d, want %d", tc.src, tc.off, got, tc.want.Line)
		}
	}
}

// TestPositionMatchesGoToken checks that positions agree with go/token for
// every offset inside a file (the analyzer reports schema findings through
// a token.File, the CLI through Position; both must name the same place).
func TestPositionMatchesGoToken(t *testing.T) {
	for _, src := range []string{
		"a", "ab\ncd", "ab\r\ncd\r\n", "\n\n\nx", "CREATE TABLE t (\n  k text\n);\n", "é\n\tx",
	} {
		fset := token.NewFileSet()
		tf := fset.AddFile("f.sql", -1, len(src))
		tf.SetLinesForContent([]byte(src))
		f := NewFile("f.sql", []byte(src))
		for off := 0; off < len(src); off++ {
			want := fset.Position(tf.Pos(off))
			got := f.Position(off)
			if got.Line != want.Line || got.Column != want.Column || got.Offset != want.Offset {
				t.Errorf("%q offset %d: got %d:%d, go/token %d:%d", src, off, got.Line, got.Column, want.Line, want.Column)
			}
		}
	}
}

func TestPositionString(t *testing.T) {
	cases := []struct {
		p    Position
		want string
	}{
		{Position{}, "-"},
		{Position{Path: "a.sql"}, "a.sql"},
		{Position{Path: "a.sql", Line: 3, Column: 7}, "a.sql:3:7"},
	}
	for _, tc := range cases {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestSpan(t *testing.T) {
	f := NewFile("f.sql", []byte("ab\ncdef\n"))
	s := f.Span(3, 6)
	if !s.IsValid() || s.Text() != "cde" || s.String() != "f.sql:2:1" {
		t.Errorf("span %v: valid %v text %q", s, s.IsValid(), s.Text())
	}
	var zero Span
	if zero.IsValid() || zero.Text() != "" || zero.String() != "-" || zero.Position() != (Position{}) {
		t.Errorf("zero span: %v %q %q", zero.IsValid(), zero.Text(), zero.String())
	}
	for _, bad := range []Span{f.Span(-1, 2), f.Span(5, 3), f.Span(0, 99)} {
		if got := bad.Text(); got != "" {
			t.Errorf("Text of %d-%d = %q, want empty", bad.Start, bad.End, got)
		}
	}
	if got := f.Span(8, 8).Text(); got != "" {
		t.Errorf("empty span at EOF: %q", got)
	}
}

func TestErrorf(t *testing.T) {
	f := NewFile("s.prisma", []byte("model A {\n  x Int\n"))
	err := f.Errorf(12, "unexpected %s", "x")
	if got := err.Error(); got != "s.prisma:2:3: unexpected x" {
		t.Errorf("Errorf = %q", got)
	}
}

func TestDialects(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Dialect
		ok   bool
	}{
		{"postgresql", PostgreSQL, true}, {" Postgres ", PostgreSQL, true}, {"pgx", PostgreSQL, true},
		{"cockroachdb", CockroachDB, true}, {"crdb", CockroachDB, true},
		{"mysql", MySQL, true}, {"MariaDB", MariaDB, true},
		{"sqlite3", SQLite, true}, {"sqlserver", SQLServer, true}, {"mssql", SQLServer, true},
		{"oracle", Oracle, true}, {"mongodb", MongoDB, true},
		{"db2", DialectUnknown, false}, {"", DialectUnknown, false},
	} {
		d, ok := ParseDialect(tc.in)
		if d != tc.want || ok != tc.ok {
			t.Errorf("ParseDialect(%q) = %v, %v, want %v, %v", tc.in, d, ok, tc.want, tc.ok)
		}
	}
	for d := DialectUnknown; d <= MongoDB; d++ {
		if back, ok := ParseDialect(d.String()); d != DialectUnknown && (!ok || back != d) {
			t.Errorf("%v does not round-trip through ParseDialect", d)
		}
		if d.Title() == "" {
			t.Errorf("%v has no title", d)
		}
	}
	if Dialect(-1).String() != "unknown" || Dialect(99).String() != "unknown" || Dialect(99).Title() != "the database" {
		t.Error("out-of-range dialects are not unknown")
	}
	wantRules := map[Dialect]nullRule{
		DialectUnknown: nullsDistinct, PostgreSQL: nullsDistinct, CockroachDB: nullsDistinct, MySQL: nullsDistinct,
		MariaDB: nullsDistinct, SQLite: nullsDistinct, SQLServer: nullsOneAllowed, Oracle: nullsIgnoredWhenAllNull,
		MongoDB: nullsNotApplicable,
	}
	for d, want := range wantRules {
		if got := d.nullRule(); got != want {
			t.Errorf("%v.nullRule() = %v, want %v", d, got, want)
		}
	}
}
