package checks

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestSelect(t *testing.T) {
	for _, tc := range []struct {
		list string
		want string
	}{
		{"", "IDEM001,IDEM002,IDEM003,IDEM101,IDEM103,IDEM104,IDEM201,IDEM202"},
		{"IDEM102", "IDEM001,IDEM002,IDEM003,IDEM101,IDEM102,IDEM103,IDEM104,IDEM201,IDEM202"},
		{"-IDEM202", "IDEM001,IDEM002,IDEM003,IDEM101,IDEM103,IDEM104,IDEM201"},
		{"IDEM101,-IDEM202", "IDEM001,IDEM002,IDEM003,IDEM101,IDEM103,IDEM104,IDEM201"},
		{"-all,IDEM101", "IDEM101"},
		{"-all,idem2*", "IDEM201,IDEM202"},
		{"all,-IDEM1*", "IDEM001,IDEM002,IDEM003,IDEM201,IDEM202"},
		{"-default,IDEM102", "IDEM102"},
		{"-*", ""},
	} {
		s, err := Select(tc.list)
		if err != nil {
			t.Errorf("Select(%q): %v", tc.list, err)
			continue
		}
		if got := s.String(); got != tc.want {
			t.Errorf("Select(%q) = %s, want %s", tc.list, got, tc.want)
		}
	}
	for _, bad := range []string{"IDEM999", "SA1000", "-nope", "IDEM["} {
		if _, err := Select(bad); err == nil {
			t.Errorf("Select(%q): no error", bad)
		}
	}
}

func TestZeroSelectionIsDefaults(t *testing.T) {
	var s Selection
	for _, c := range All {
		if s.Enabled(c.Code) != c.Default {
			t.Errorf("zero Selection: %s enabled = %v, want its default %v", c.Code, !c.Default, c.Default)
		}
	}
}

// TestDocsCoverCatalogue keeps the docs and the catalogue in step: every
// code has an entry in docs/checks.md and a row in its table and in the
// README's, with the catalogue's title and default; no document names a
// code the catalogue lacks.
func TestDocsCoverCatalogue(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	docs, readme := read("docs/checks.md"), read("README.md")
	row := regexp.MustCompile(`(?m)^\| \[(IDEM\d{3})\]\(([^)]*)\) \| (on|off)[^|]*\|(.*)\|\s*$`)
	rows := func(doc string) map[string][]string {
		out := map[string][]string{}
		for _, m := range row.FindAllStringSubmatch(doc, -1) {
			out[m[1]] = m
		}
		return out
	}
	docRows, readmeRows := rows(docs), rows(readme)
	for _, c := range All {
		if !strings.Contains(docs, "\n## "+c.Code+"\n") {
			t.Errorf("docs/checks.md has no section ## %s", c.Code)
		}
		for name, rs := range map[string]map[string][]string{"docs/checks.md": docRows, "README.md": readmeRows} {
			m, ok := rs[c.Code]
			if !ok {
				t.Errorf("%s: no table row for %s", name, c.Code)
				continue
			}
			if on := m[3] == "on"; on != c.Default {
				t.Errorf("%s: %s default %q, catalogue says on=%v", name, c.Code, m[3], c.Default)
			}
		}
		if m, ok := docRows[c.Code]; ok && !strings.Contains(m[4], c.Title) {
			t.Errorf("docs/checks.md: %s row %q lacks the catalogue's title %q", c.Code, m[4], c.Title)
		}
		if m, ok := docRows[c.Code]; ok && !strings.Contains(m[4], c.Category) {
			t.Errorf("docs/checks.md: %s row %q lacks the category %q", c.Code, m[4], c.Category)
		}
	}
	for _, doc := range []map[string][]string{docRows, readmeRows} {
		for code := range doc {
			if _, ok := Lookup(code); !ok {
				t.Errorf("a table names %s, which the catalogue lacks", code)
			}
		}
	}
}

func TestCataloguePerCode(t *testing.T) {
	seen := map[Code]bool{}
	for _, c := range All {
		if seen[c.Code] {
			t.Errorf("duplicate code %s", c.Code)
		}
		seen[c.Code] = true
		if got, ok := Lookup(strings.ToLower(c.Code)); !ok || got != c {
			t.Errorf("Lookup(%s) = %+v, %v", c.Code, got, ok)
		}
		if c.Title == "" || c.Category == "" || (c.Level != "error" && c.Level != "warning") {
			t.Errorf("%s: incomplete entry %+v", c.Code, c)
		}
	}
}
