package schema

import (
	"strings"
	"unicode"
)

// KeyAnnotation is the comment that marks any column as an idempotency key,
// whatever its name: `/// idemlint:key` in Prisma, `-- idemlint:key` in SQL,
// on the column's line or alone on the line above it.
const KeyAnnotation = "idemlint:key"

// builtinKeyNames are the normalised names (lower case, no '_' or '-')
// whose columns are idempotency keys. A column matches when its normalised
// name is one of these or ends with one (stripe_idempotency_key).
var builtinKeyNames = []string{
	"idempotencykey",
	"idempotencytoken",
	"idempotencyid",
	"idemkey",
	"dedupkey",
	"dedupekey",
	"deduplicationkey",
	"dedupid",
	"dedupeid",
	"deduplicationid",
	"clienttoken",
	"clientrequestid",
}

// normalizeName folds a column name for key matching: lower case, without
// separators, so idempotencyKey, idempotency_key and IDEMPOTENCY-KEY agree.
func normalizeName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '_', '-', ' ', '.':
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// A KeyMatcher decides which columns are idempotency keys.
type KeyMatcher struct {
	// Extra holds user-declared key columns: "column" matches that column in
	// any table, "table.column" only in that table. Names are compared
	// normalised, so either spelling works.
	Extra []string
}

// IsKey reports whether column c of table t is an idempotency key, and why.
func (k KeyMatcher) IsKey(t *Table, c *Column) (bool, string) {
	if hasAnnotation(c.Span, KeyAnnotation) {
		return true, "annotated " + KeyAnnotation
	}
	names := []string{normalizeName(c.Name)}
	if c.FieldName != "" && c.FieldName != c.Name {
		names = append(names, normalizeName(c.FieldName))
	}
	for _, extra := range k.Extra {
		tbl, col, qualified := strings.Cut(extra, ".")
		if !qualified {
			col, tbl = tbl, ""
		}
		if tbl != "" && !tableNamed(t, tbl) {
			continue
		}
		want := normalizeName(col)
		for _, n := range names {
			if n == want {
				return true, "declared a key by -key " + extra
			}
		}
	}
	if !keyLikeType(c) {
		return false, "" // userProvidedIdempotencyKey Boolean is a flag, not a key
	}
	for _, n := range names {
		for _, b := range builtinKeyNames {
			if strings.HasSuffix(n, b) {
				return true, "named like an idempotency key"
			}
		}
	}
	return false, ""
}

func tableNamed(t *Table, name string) bool {
	n := normalizeName(name)
	return normalizeName(t.Name) == n || (t.ModelName != "" && normalizeName(t.ModelName) == n)
}

// keyLikeType reports whether c's type can hold a key. Name matching alone
// would take flags and timestamps about a key (idempotencyKeyExpiresAt is
// excluded by name; hasIdempotencyKey Boolean by type) for the key itself.
func keyLikeType(c *Column) bool {
	t := strings.ToLower(c.Type + " " + c.NativeType)
	for _, w := range []string{"bool", "date", "time", "json", "float", "double", "decimal", "real", "interval", "bit"} {
		if strings.Contains(t, w) {
			return false
		}
	}
	return true
}
