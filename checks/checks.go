package checks

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// A Code is a stable check code such as "IDEM101". A retired check keeps
// its code; codes are never reused.
type Code = string

// The codes, by what they report.
const (
	ReadError         Code = "IDEM001" // a schema file idemlint could not fully read
	UnusedIgnore      Code = "IDEM002" // a suppression comment that suppresses nothing
	BadIgnore         Code = "IDEM003" // a suppression comment that cannot apply (no code, or no reason where one is required)
	NullableKey       Code = "IDEM101" // nullable key in a unique constraint whose NULLs repeat
	UncoveredKey      Code = "IDEM102" // key covered by no unique constraint
	NullableMember    Code = "IDEM103" // NOT NULL key, nullable partner in its composite unique
	PrismaDrift       Code = "IDEM104" // a Prisma schema or Go model and its migrations disagree about a key
	GoNullKey         Code = "IDEM201" // a Go insert path can write NULL into the key
	GoEmptyKey        Code = "IDEM202" // a Go insert path can write "" into the key
	docBase                = "https://github.com/idemlint/idemlint/blob/main/docs/checks.md"
	categorySchema         = "schema"
	categoryGo             = "Go code"
	categoryDirective      = "suppression"
	levelError             = "error"
	levelWarning           = "warning"
)

// The categories of the schema checks (IDEM0xx/1xx) and of the checks of
// Go code (IDEM2xx).
const (
	CategorySchema = categorySchema
	CategoryGo     = categoryGo
)

// A Check describes one diagnostic code.
type Check struct {
	Code     Code
	Title    string // one line, lower case, as in the docs' table
	Category string // "schema" or "Go code"
	Default  bool   // reported unless -checks turns it off
	Level    string // SARIF level: "error" or "warning"
}

// URL is the check's entry in docs/checks.md.
func (c Check) URL() string { return docBase + "#" + strings.ToLower(c.Code) }

// All is the catalogue, in code order.
var All = []Check{
	{ReadError, "a schema file idemlint could not fully read", categorySchema, true, levelError},
	{UnusedIgnore, "a suppression comment that suppresses nothing", categoryDirective, true, levelWarning},
	{BadIgnore, "a suppression comment that cannot apply: no check named, or no reason where one is required", categoryDirective, true, levelWarning},
	{NullableKey, "nullable idempotency key in a unique constraint where NULLs are distinct", categorySchema, true, levelError},
	{UncoveredKey, "idempotency key covered by no unique constraint", categorySchema, false, levelWarning},
	{NullableMember, "nullable member of an idempotency key's composite unique", categorySchema, true, levelWarning},
	{PrismaDrift, "a declared schema (Prisma, a Go model) and its migrations disagree about an idempotency key", categorySchema, true, levelWarning},
	{GoNullKey, "an insert path can write NULL into a key column whose NULLs repeat", categoryGo, true, levelError},
	{GoEmptyKey, "an insert path can write an empty string into a key column", categoryGo, true, levelError},
}

// Lookup returns the catalogue entry for code (in any case).
func Lookup(code string) (Check, bool) {
	i := slices.IndexFunc(All, func(c Check) bool { return strings.EqualFold(c.Code, code) })
	if i < 0 {
		return Check{}, false
	}
	return All[i], true
}

// URL returns the docs entry of code, or the catalogue's page for a code
// it does not know.
func URL(code string) string {
	if c, ok := Lookup(code); ok {
		return c.URL()
	}
	return docBase
}

// A Selection is the set of codes a run reports. The zero Selection
// reports the defaults.
type Selection struct {
	set map[Code]bool // nil: the defaults
}

// Enabled reports whether code is reported.
func (s Selection) Enabled(code Code) bool {
	if s.set == nil {
		c, ok := Lookup(code)
		return !ok || c.Default // an unknown code is never silenced by default
	}
	return s.set[code]
}

// String lists the enabled codes, comma-separated.
func (s Selection) String() string {
	var on []string
	for _, c := range All {
		if s.Enabled(c.Code) {
			on = append(on, c.Code)
		}
	}
	return strings.Join(on, ",")
}

// With returns s with code turned on or off.
func (s Selection) With(code Code, on bool) Selection {
	set := map[Code]bool{}
	for _, c := range All {
		set[c.Code] = s.Enabled(c.Code)
	}
	set[code] = on
	return Selection{set: set}
}

// Select reads a -checks list: comma-separated items applied left to right
// to the defaults. An item is a code, a glob over codes ("IDEM1*"), "all"
// or "default"; a leading "-" turns the matched codes off. So
// "IDEM102" adds IDEM102 to the defaults, "-IDEM202" drops IDEM202, and
// "-all,IDEM101" reports IDEM101 alone.
func Select(list string) (Selection, error) {
	s := Selection{}
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		pattern, on := strings.CutPrefix(item, "-")
		on = !on
		matched := false
		for _, c := range All {
			if matches(pattern, c) {
				s = s.With(c.Code, on)
				matched = true
			}
		}
		if !matched {
			return Selection{}, fmt.Errorf("-checks: %q matches no check (the codes are IDEM001 … IDEM202; see idemlint help)", item)
		}
	}
	return s, nil
}

// Matches reports whether a code pattern of a suppression comment or a
// -checks list ("IDEM101", "idem2*", "*", "all") names code.
func Matches(pattern string, code Code) bool {
	c, ok := Lookup(code)
	return ok && matches(pattern, c)
}

func matches(pattern string, c Check) bool {
	switch strings.ToLower(pattern) {
	case "all", "*":
		return true
	case "default", "defaults":
		return c.Default
	}
	ok, err := path.Match(strings.ToUpper(pattern), c.Code)
	return err == nil && ok
}
