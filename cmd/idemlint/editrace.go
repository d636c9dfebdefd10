package main

import (
	"regexp"
	"strings"
	"sync"

	"github.com/idemlint/idemlint/internal/fixer"
)

// importRace matches the error go vet's tool prints for an import that go
// list did not see: "db/db.go:9:2: could not import crypto/rand (can't
// resolve import "crypto/rand")". go list reports real import errors
// itself, before any tool runs, so this one means the file changed after
// go list read it: another idemlint -fix or an editor added the import.
//
// It is compiled on first use, by the driver only: go vet runs this binary
// once per package, and those runs never need it.
var importRace = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(.+?):\d+:\d+: could not import \S+ \(can't resolve import "[^"]*"\)$`)
})

// explainEditRaces replaces each such error with one line per file saying
// that it changed during the run, and keeps the other lines.
func explainEditRaces(lines []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lines {
		m := importRace().FindStringSubmatch(strings.TrimPrefix(l, "vet: "))
		if m == nil {
			out = append(out, l)
			continue
		}
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1]+": "+fixer.ErrChanged.Error())
		}
	}
	return out
}
