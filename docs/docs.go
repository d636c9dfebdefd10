// Package docs holds idemlint's user documentation. checks.md, the check
// catalogue's long form, is embedded so that `idemlint help CODE` prints
// the same entry the web page shows.
package docs

import (
	_ "embed"
	"strings"
)

//go:embed checks.md
var checksMD string

// CheckEntry returns the section of docs/checks.md for code ("## CODE" up
// to the next rule line or section), or false when there is none.
func CheckEntry(code string) (string, bool) {
	head := "\n## " + strings.ToUpper(code) + "\n"
	i := strings.Index(checksMD, head)
	if i < 0 {
		return "", false
	}
	body := checksMD[i+1:]
	end := len(body)
	for _, stop := range []string{"\n---\n", "\n## "} {
		if j := strings.Index(body[len(head)-1:], stop); j >= 0 && j+len(head)-1 < end {
			end = j + len(head) - 1
		}
	}
	return strings.TrimSpace(body[:end]) + "\n", true
}
