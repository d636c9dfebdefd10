package docs

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/checks"
)

func TestEveryCheckHasAnEntry(t *testing.T) {
	for _, c := range checks.All {
		e, ok := CheckEntry(c.Code)
		if !ok {
			t.Errorf("no entry for %s", c.Code)
			continue
		}
		if !strings.HasPrefix(e, "## "+c.Code+"\n") || strings.Contains(e, "\n## IDEM") || strings.Contains(e, "\n---\n") {
			t.Errorf("%s: entry is cut wrong:\n%s", c.Code, e)
		}
		if len(e) < 200 {
			t.Errorf("%s: entry is suspiciously short:\n%s", c.Code, e)
		}
	}
	if _, ok := CheckEntry("IDEM999"); ok {
		t.Error("IDEM999 has an entry")
	}
}
