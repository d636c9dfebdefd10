package sqlddl

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/idemlint/idemlint/schema"
)

// TestFoldKey checks that foldKey makes two names one exactly when
// strings.EqualFold does, including the runes where lower-casing and case
// folding disagree.
func TestFoldKey(t *testing.T) {
	names := []string{"", "a", "A", "k", "K", "\u212a", "s", "S", "\u017f", "i", "I", "\u0130", "\u0131",
		"ß", "ẞ", "Σ", "σ", "ς", "key", "KEY", "\u212aey", "\xff", "\xfe", "\ufffd", "a\xff", "A\ufffd", "ab", "aB", "abc"}
	for _, a := range names {
		for _, b := range names {
			if got, want := foldKey(a) == foldKey(b), strings.EqualFold(a, b); got != want {
				t.Errorf("foldKey(%q) == foldKey(%q) is %v, strings.EqualFold says %v", a, b, got, want)
			}
		}
	}
}

// TestWideTableColumns checks that a table wide enough for findColumn's
// index reads as a narrow one does: duplicates, case variants, renames and
// drops find the same columns.
func TestWideTableColumns(t *testing.T) {
	for _, d := range []schema.Dialect{schema.PostgreSQL, schema.MySQL, schema.SQLite} {
		q := `"`
		if d == schema.MySQL {
			q = "`"
		}
		cols := []string{`a int`, q + `A` + q + ` int NOT NULL`, `B text`, `b text NOT NULL`, q + `C` + q + ` int`, `c int DEFAULT 1`,
			q + `K` + q + ` int`, `k text`, "\u212a int", `d text`}
		alter := []string{"ALTER TABLE t RENAME COLUMN B TO e", "ALTER TABLE t DROP COLUMN c",
			"ALTER TABLE t ADD COLUMN IF NOT EXISTS D int NOT NULL", "ALTER TABLE t ADD COLUMN d2 int",
			"ALTER TABLE t ALTER COLUMN " + q + "K" + q + " SET NOT NULL", "CREATE UNIQUE INDEX t_u ON t (k, E, d2)"}
		var filler []string
		for i := range wideTable + 8 {
			filler = append(filler, fmt.Sprintf("filler%d int", i))
		}
		build := func(defs []string) string {
			return "CREATE TABLE t (" + strings.Join(defs, ", ") + ");\n" + strings.Join(alter, ";\n") + ";\n"
		}
		narrow := summary(Parse("n.sql", []byte(build(cols)), d))
		wide := summary(Parse("w.sql", []byte(build(append(filler, cols...))), d))
		// Errors name different files and offsets: compare their messages.
		var got []string
		for _, l := range wide {
			if !strings.Contains(l, "filler") {
				got = append(got, stripPos(l))
			}
		}
		for i, l := range narrow {
			narrow[i] = stripPos(l)
		}
		if diff := cmp.Diff(narrow, got); diff != "" {
			t.Errorf("%v: wide table (-narrow +wide):\n%s", d, diff)
		}
		// The index must be the one answering for the wide table.
		if len(filler)+len(cols) < wideTable {
			t.Fatalf("the wide table has too few columns")
		}
		if !strings.Contains(strings.Join(narrow, "\n"), "col e") {
			t.Errorf("%v: the rename of B found nothing:\n%s", d, strings.Join(narrow, "\n"))
		}
	}
}

// stripPos drops the file:line:col of an error line of summary.
func stripPos(l string) string {
	if rest, ok := strings.CutPrefix(l, "error "); ok {
		if _, msg, ok := strings.Cut(rest, ": "); ok {
			return "error " + msg
		}
	}
	return l
}
