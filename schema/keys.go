package schema

import (
	"slices"
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
	// Conflicts are the ON CONFLICT targets the module's code uses (see
	// ConflictTarget): a column of one is a key when a unique rule over
	// exactly the target's columns covers it.
	Conflicts []ConflictTarget
}

// A ConflictTarget is the column list of an INSERT … ON CONFLICT (…) that
// code sends to a table: the code says that a row is the same row when
// those columns agree, which is what an idempotency key is.
type ConflictTarget struct {
	// Table is unqualified, as the statement names it; empty when the code
	// names its table only through a Go type (GORM's clause.OnConflict):
	// then any table with a unique rule over exactly Columns matches.
	Table   string
	Columns []string // as the statement names them
	// Constraint is the name in ON CONFLICT ON CONSTRAINT name, instead of
	// Columns.
	Constraint string
	At         string // where the code uses it, for messages: "store/runs.go:41"
	// Written, set instead of Columns and Constraint, lists the columns an
	// INSERT … ON CONFLICT (with any target, or none) names: a write that
	// dedupes rows of its own. One that names none of the columns of a
	// rule another upsert targets writes another kind of row, whose NULLs
	// in that rule are by design (OtherKindOfRow). WrittenTarget and
	// WrittenConstraint are that INSERT's own ON CONFLICT target, empty
	// when it names none.
	Written           []string
	WrittenTarget     []string
	WrittenConstraint string
}

// IsKey reports whether column c of table t is an idempotency key, and why.
func (k KeyMatcher) IsKey(t *Table, c *Column) (bool, string) {
	ok, why := k.namedKey(t, c)
	switch {
	case ok:
		return true, why
	case why != "":
		return false, "" // no key, whatever its use
	}
	return k.isKeyByUse(t, c)
}

// IsNamedKey reports whether c is a key by what it is called or marked
// (the annotation, -key, a key's name), not only by how the code uses it.
// In a unique rule that holds such a column, the other columns are its
// scope (a tenant, a session): an empty scope is a value like any other,
// so only the named key's emptiness makes keyless requests collide.
func (k KeyMatcher) IsNamedKey(t *Table, c *Column) bool {
	ok, _ := k.namedKey(t, c)
	return ok
}

// namedKey is the part of IsKey that reads names and marks. A why with
// ok false means c is no key whatever its use (a flag named like a key).
func (k KeyMatcher) namedKey(t *Table, c *Column) (ok bool, why string) {
	if hasAnnotation(c.Span, KeyAnnotation) {
		return true, "annotated " + KeyAnnotation
	}
	names := []string{normalizeName(c.Name)}
	if fn := c.FieldName(); fn != "" && fn != c.Name {
		names = append(names, normalizeName(fn))
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
		return false, "not a key's type" // userProvidedIdempotencyKey Boolean is a flag, not a key
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

// isKeyByUse is the part of IsKey that reads the code's use, the table's
// name and comments.
func (k KeyMatcher) isKeyByUse(t *Table, c *Column) (bool, string) {
	// By use: the rules below only make a key of a column some unique rule
	// covers, since a key nothing enforces is a design, not a bug, unless
	// its name says it is one.
	if !uniqueCovers(t, c) || FilledByDatabase(c) || c.Generated() {
		return false, "" // a generated column is computed from the row, sent by no write
	}
	if at := k.conflictUse(t, c); at != "" {
		return true, "used as the ON CONFLICT target at " + at
	}
	if keyTableName(t) {
		return true, "its table " + t.Name + " holds idempotency keys, by its name"
	}
	if text := keyComment(t, c); text != "" {
		return true, "its comment says so: " + text
	}
	if us, text := k.commentedRules(t, c); len(us) > 0 {
		return true, "the comment on " + us[0].Kind.String() + " " + ruleName(us[0]) + " says so: " + text
	}
	if u := closingKeyName(t, c); u != nil {
		return true, "named like a key and closing " + u.Kind.String() + " (" + strings.Join(u.Columns(), ", ") + ") with its NULLs let in"
	}
	return false, ""
}

// notKeyWords are name endings in "key" that name a secret, a handle or a
// reference, not a value a writer repeats on a retry.
var notKeyWords = []string{"apikey", "publickey", "privatekey", "secretkey", "publishablekey", "accesskey",
	"signingkey", "encryptionkey", "sshkey", "licensekey", "primarykey", "foreignkey", "sortkey",
	"partitionkey", "cachekey", "lookupkey"}

// KeyRules returns the unique rules of t in which c is a key: nil when c
// is a key wherever it appears (its name, a mark, its table's name or its
// comment says so), else the rules its use names. A column that is a key
// only because an ON CONFLICT target holds it is a key of the rule that
// target matches, not of every other rule that happens to contain it
// (paladin upserts reg_entries on its primary key (registry, id); the
// index (registry, name, parent_id) is no key of registry's), and a
// column that is a key by closing a rule, of that rule.
func (k KeyMatcher) KeyRules(t *Table, c *Column) []*Unique {
	if ok, why := k.namedKey(t, c); ok || why != "" {
		return nil
	}
	if !uniqueCovers(t, c) || FilledByDatabase(c) || c.Generated() || k.conflictUse(t, c) == "" {
		if keyTableName(t) || keyComment(t, c) != "" {
			return nil
		}
		if us, _ := k.commentedRules(t, c); len(us) > 0 {
			return us
		}
		if u := closingKeyName(t, c); u != nil {
			return []*Unique{u}
		}
		return nil
	}
	rules, _ := k.commentedRules(t, c)
	for _, ct := range k.Conflicts {
		if ct.Table != "" && !tableNamed(t, ct.Table) {
			continue
		}
		for _, u := range t.Uniques {
			if k.holdsOtherNamedKey(t, u, c) {
				continue
			}
			switch {
			case ct.Constraint != "":
				if u.Name != "" && normalizeName(u.Name) == normalizeName(ct.Constraint) && u.HasColumn(c.Name) && !slices.Contains(rules, u) {
					rules = append(rules, u)
				}
			case containsName(ct.Columns, c.Name) && sameColumns(u, ct.Columns) && !slices.Contains(rules, u):
				rules = append(rules, u)
			}
		}
	}
	return rules
}

// InRules keeps the rules of us that KeyRules allows (all when rules is
// nil).
func InRules(us, rules []*Unique) []*Unique {
	if rules == nil {
		return us
	}
	var out []*Unique
	for _, u := range us {
		if slices.Contains(rules, u) {
			out = append(out, u)
		}
	}
	return out
}

// commentedRules returns the unique rules of t holding c whose own
// comment (a -- comment on the line of the constraint or index, or alone
// on the lines above it) says they are there for idempotency or
// deduplication: blnk's "-- Unique index on transaction reference to
// enforce idempotency" above CREATE UNIQUE INDEX … (reference). Every
// column of such a rule is a key of that rule, as with an ON CONFLICT
// target, unless the rule also holds a column named or marked as the key
// (then the comment is about that one, and the others are its scope). The
// first such comment is returned, quoted for a message.
func (k KeyMatcher) commentedRules(t *Table, c *Column) ([]*Unique, string) {
	var rules []*Unique
	var text string
	for _, u := range t.Uniques {
		if !u.HasColumn(c.Name) || u.Kind == PrimaryKey && len(u.Parts) < 2 {
			continue
		}
		said := ""
		for _, cm := range commentsFor(u.Span) {
			if !isDirectiveOrWant(cm.Text) && !mentionsOtherKey(t, c, cm.Text) && mentionsKeyWord(cm.Text) {
				said = quoteComment(cm.Text)
				break
			}
		}
		if said == "" || slices.ContainsFunc(u.Columns(), func(name string) bool {
			o := t.Column(name)
			return o != nil && o != c && k.IsNamedKey(t, o)
		}) {
			continue
		}
		if text == "" {
			text = said
		}
		rules = append(rules, u)
	}
	return rules, text
}

// KeyOnlyByRule reports whether c is a key of t only because a unique
// rule holding it is used as an ON CONFLICT target or commented as there
// for idempotency: no name, mark, table name or column comment makes it
// one. In such a rule of several columns nothing says which one carries
// the key: an empty value is then a value like any other (an empty
// environment is a scope, an empty user agent part of a device's
// fingerprint, the empty reference of a root run), and only a NULL, which makes
// the row distinct whichever column holds it, defeats the rule.
func (k KeyMatcher) KeyOnlyByRule(t *Table, c *Column) bool {
	_, why := k.IsKey(t, c)
	return strings.HasPrefix(why, "the comment on ") || strings.HasPrefix(why, "used as the ON CONFLICT target ")
}

// ruleName names u for a message: its name, else its columns.
func ruleName(u *Unique) string {
	if u.Name != "" {
		return u.Name
	}
	return "(" + strings.Join(u.Columns(), ", ") + ")"
}

// closingKeyName returns the composite unique rule of t that c closes when
// c is nullable, named like a key (childKey, unique_key) and the rule lets
// its NULLs in (no partial-index predicate, no NULLS NOT DISTINCT):
// hatchet's (parentId, parentStepRunId, childKey). The shape is weak
// evidence, so it counts only where it is the bug itself: a NOT NULL
// column of that shape (a reference such as rateLimitKey) is not made a
// key, and a predicate that leaves NULLs out (flexprice's lookup_key IS
// NOT NULL) says the column is optional on purpose. docs/keys.md has the
// precision of this rule on the corpus and real repositories.
func closingKeyName(t *Table, c *Column) *Unique {
	if !c.Nullable {
		return nil
	}
	n := normalizeName(c.Name)
	if !strings.HasSuffix(n, "key") || n == "key" || slices.ContainsFunc(notKeyWords, func(w string) bool { return strings.HasSuffix(n, w) }) {
		return nil
	}
	for _, u := range t.Uniques {
		if u.Kind == PrimaryKey || len(u.Parts) < 2 || u.Where != "" || u.NullsNotDistinct {
			continue
		}
		if last := u.Parts[len(u.Parts)-1]; last.Column == c.Name && len(u.Columns()) == len(u.Parts) {
			return u
		}
	}
	return nil
}

// uniqueCovers reports whether some unique rule of t other than a
// single-column primary key has c as a plain part (a surrogate id is no
// key).
func uniqueCovers(t *Table, c *Column) bool {
	for _, u := range t.Uniques {
		if u.HasColumn(c.Name) && (u.Kind != PrimaryKey || len(u.Parts) > 1) {
			return true
		}
	}
	return false
}

// FilledByDatabase reports whether the database fills c itself (a
// sequence, an identity, a random UUID, the time): such a column
// identifies a row, not a retry, so it is neither a key by use nor an
// input of a key derived from the request.
func FilledByDatabase(c *Column) bool {
	if strings.Contains(strings.ToLower(c.Type), "serial") {
		return true
	}
	if c.Default == nil {
		return false
	}
	e := strings.ToLower(c.Default.Expr)
	for _, w := range []string{"nextval", "identity", "auto_increment", "autoincrement", "uuid", "random", "newid", "now", "current_timestamp"} {
		if strings.Contains(e, w) {
			return true
		}
	}
	return false
}

// conflictUse returns where the code uses an ON CONFLICT target of t that
// holds c and that a unique rule over exactly its columns backs, or "".
func (k KeyMatcher) conflictUse(t *Table, c *Column) string {
	for _, ct := range k.Conflicts {
		if ct.Table != "" && !tableNamed(t, ct.Table) {
			continue
		}
		for _, u := range t.Uniques {
			if k.holdsOtherNamedKey(t, u, c) {
				continue // c is the scope of the key the rule holds
			}
			switch {
			case ct.Constraint != "":
				if u.Name != "" && normalizeName(u.Name) == normalizeName(ct.Constraint) && u.HasColumn(c.Name) {
					return ct.At
				}
			case containsName(ct.Columns, c.Name) && sameColumns(u, ct.Columns):
				return ct.At
			}
		}
	}
	return ""
}

// OtherKindOfRow returns where the code writes t with an INSERT that names
// none of u's columns and has an ON CONFLICT of its own, with no target or
// a target some other unique rule of t backs (listmonk's
// INSERT INTO roles (type, name, permissions) … ON CONFLICT DO NOTHING
// beside the upsert ON CONFLICT (parent_id, list_id)), or "". Such rows
// are another kind, told apart by another rule, and leave every column of
// u NULL by design: u's NULLs are theirs.
func (k KeyMatcher) OtherKindOfRow(t *Table, u *Unique) string {
	for _, ct := range k.Conflicts {
		if ct.Written == nil || ct.Table == "" || !tableNamed(t, ct.Table) {
			continue
		}
		if slices.ContainsFunc(u.Columns(), func(name string) bool { return containsName(ct.Written, name) }) {
			continue
		}
		if ct.WrittenTarget == nil && ct.WrittenConstraint == "" {
			return ct.At // ON CONFLICT DO NOTHING: any rule of the table
		}
		for _, v := range t.Uniques {
			own := ct.WrittenConstraint != "" && v.Name != "" && normalizeName(v.Name) == normalizeName(ct.WrittenConstraint) ||
				ct.WrittenConstraint == "" && sameColumns(v, ct.WrittenTarget)
			if own && v != u && !slices.ContainsFunc(u.Columns(), v.HasColumn) {
				return ct.At // deduplicated by a rule of its own, apart from u
			}
		}
	}
	return ""
}

// holdsOtherNamedKey reports whether unique rule u of t holds a column
// other than c that is a key by its name or mark (IsNamedKey): in an ON
// CONFLICT (account_id, idempotency_key) target, account_id is the key's
// scope, not a key by that use (a nullable scope is IDEM103's).
func (k KeyMatcher) holdsOtherNamedKey(t *Table, u *Unique, c *Column) bool {
	return slices.ContainsFunc(u.Columns(), func(name string) bool {
		o := t.Column(name)
		return o != nil && o != c && k.IsNamedKey(t, o)
	})
}

// UpsertTarget returns where the code upserts on a rule of us when every
// rule in us backs an ON CONFLICT target the code uses (by its columns or
// its constraint name), or "" when some rule backs none. An upsert on a
// rule is what a random database default cannot help: the upsert matches
// rows on the value it sends, and a value the database made up never
// matches one, so every keyless upsert would still insert a row.
func (k KeyMatcher) UpsertTarget(t *Table, us []*Unique) string {
	at := ""
	for _, u := range us {
		found := ""
		for _, ct := range k.Conflicts {
			if ct.Table != "" && !tableNamed(t, ct.Table) {
				continue
			}
			if ct.Constraint != "" && u.Name != "" && normalizeName(u.Name) == normalizeName(ct.Constraint) ||
				ct.Constraint == "" && sameColumns(u, ct.Columns) {
				found = ct.At
				break
			}
		}
		if found == "" {
			return ""
		}
		if at == "" {
			at = found
		}
	}
	return at
}

func containsName(list []string, name string) bool {
	n := normalizeName(name)
	for _, s := range list {
		if normalizeName(s) == n {
			return true
		}
	}
	return false
}

// sameColumns reports whether u's parts are plain columns and, in any
// order, exactly cols: the unique index PostgreSQL infers for ON CONFLICT
// (cols).
func sameColumns(u *Unique, cols []string) bool {
	if len(u.Parts) != len(cols) {
		return false
	}
	for _, p := range u.Parts {
		if p.Column == "" || !containsName(cols, p.Column) {
			return false
		}
	}
	return true
}

// keyWords are the words that, in a table's name or a column's comment,
// say it is about idempotency or deduplication.
var keyWords = []string{"idempoten", "dedup", "deduplicat"}

func mentionsKeyWord(s string) bool {
	s = strings.ToLower(s)
	for _, w := range keyWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// keyTableName reports whether t's name says it holds idempotency keys:
// idempotency_keys, v1_idempotency_key, dedup_entries, request_dedupe.
func keyTableName(t *Table) bool {
	return mentionsKeyWord(normalizeName(t.Name)) || t.ModelName != "" && mentionsKeyWord(normalizeName(t.ModelName))
}

// mentionsOtherKey reports whether text names another column of t that is
// named like an idempotency key: then the comment is about that column.
func mentionsOtherKey(t *Table, c *Column, text string) bool {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' })
	for _, other := range t.Columns {
		if other == c {
			continue
		}
		for _, name := range []string{other.Name, other.FieldName()} {
			n := normalizeName(name)
			if n == "" || !namedLikeKey(n) {
				continue
			}
			for _, w := range words {
				if normalizeName(w) == n {
					return true
				}
			}
		}
	}
	return false
}

func namedLikeKey(n string) bool {
	for _, b := range builtinKeyNames {
		if strings.HasSuffix(n, b) {
			return true
		}
	}
	return false
}

// keyComment returns, shortened for a message, the comment that describes
// c as an idempotency or deduplication key: COMMENT ON COLUMN, MySQL's
// COMMENT '…', a Prisma /// doc comment or a -- comment on the column's
// line or alone on the lines above it. Empty when none says so.
func keyComment(tbl *Table, c *Column) string {
	texts := []string{c.Comment()}
	for _, cm := range commentsFor(c.Span) {
		texts = append(texts, cm.Text)
	}
	for _, t := range texts {
		if mentionsOtherKey(tbl, c, t) {
			continue // "a signature used with IdempotencyKey" is about that column
		}
		if isDirectiveOrWant(t) {
			continue // "idemlint:ignore IDEM101 …" or a quoted expected message describes nothing
		}
		if mentionsKeyWord(t) {
			return quoteComment(t)
		}
	}
	return ""
}

// NullIntended returns, quoted and shortened for a message, the comment on
// c that says NULL keys are meant for some writers ("nullable for
// Frontier's internal calls", "NULL when the row is created by a job"),
// or "" when none does. Such a key is optional by design for those
// writers: the Go side then does not report code that writes NULL itself
// on every path; keys that come from input are still checked, and the
// schema finding (IDEM101) still stands, since nothing makes the database
// tell the two kinds of writer apart.
func NullIntended(tbl *Table, c *Column) string {
	texts := []string{c.Comment()}
	for _, cm := range commentsFor(c.Span) {
		texts = append(texts, cm.Text)
	}
	for _, t := range texts {
		if mentionsOtherKey(tbl, c, t) || isDirectiveOrWant(t) {
			continue
		}
		if saysNullFor(t) {
			return quoteComment(t)
		}
	}
	return ""
}

// saysNullFor reports whether text says for whom or when a NULL is
// written: "null" or "nullable" followed within three words by for, when,
// if, unless, except, during, from or by, and not after "not". "optional:
// old clients send none" says nothing about who writes NULL and does not
// count.
func saysNullFor(text string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	for i, w := range words {
		if w != "null" && w != "nullable" || i > 0 && words[i-1] == "not" {
			continue
		}
		for _, next := range words[i+1 : min(i+4, len(words))] {
			switch next {
			case "for", "when", "if", "unless", "except", "during", "from", "by":
				return true
			}
		}
	}
	return false
}

// isDirectiveOrWant reports whether a comment is an idemlint directive or
// an analysistest expectation: neither describes the column.
func isDirectiveOrWant(t string) bool {
	if _, directive := directiveArgs(t, IgnoreDirective); directive {
		return true
	}
	return strings.HasPrefix(strings.TrimLeft(t, " \t-/#*"), "want \"")
}

// quoteComment shortens a comment to one quoted line of at most 80 runes.
func quoteComment(t string) string {
	t = strings.Join(strings.Fields(strings.Trim(strings.TrimSpace(t), "'\"")), " ")
	if r := []rune(t); len(r) > 80 {
		t = string(r[:77]) + "..."
	}
	return "\"" + t + "\""
}

// NamedLikeKey reports whether a column named name is an idempotency key
// by its name alone (the built-in names IsKey matches, whatever the type).
func NamedLikeKey(name string) bool {
	n := normalizeName(name)
	for _, b := range builtinKeyNames {
		if strings.HasSuffix(n, b) {
			return true
		}
	}
	return false
}

func tableNamed(t *Table, name string) bool {
	n := normalizeName(name)
	return normalizeName(t.Name) == n || (t.ModelName != "" && normalizeName(t.ModelName) == n)
}

// keyLikeType reports whether c's type can hold a key. Name matching alone
// would take flags and timestamps about a key (idempotencyKeyExpiresAt is
// excluded by name; hasIdempotencyKey Boolean by type) for the key itself.
func keyLikeType(c *Column) bool {
	t := strings.ToLower(c.Type + " " + c.NativeType())
	for _, w := range []string{"bool", "date", "time", "json", "float", "double", "decimal", "real", "interval", "bit"} {
		if strings.Contains(t, w) {
			return false
		}
	}
	return true
}
