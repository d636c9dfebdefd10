package schema

import (
	"fmt"
	"github.com/idemlint/idemlint/checks"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Options configure the schema checks.
type Options struct {
	Keys KeyMatcher
	// Checks selects the codes reported; the zero value reports the
	// defaults (IDEM102 is off: event and audit tables record keys
	// without deduplicating on them, so on a schema alone it is mostly
	// noise).
	Checks checks.Selection
}

// Check runs the schema checks over m and returns their findings in file and
// offset order, with suppressed findings removed.
func Check(m *Model, opts Options) []Finding {
	if m.Dialect.nullRule() == nullsNotApplicable {
		return nil
	}
	var out []Finding
	for _, t := range m.Tables {
		if t.Mapped {
			continue // a row mapping: its SQL table is checked where it is declared
		}
		for _, c := range t.Columns {
			isKey, why := opts.Keys.IsKey(t, c)
			if !isKey {
				continue
			}
			out = append(out, checkKey(m, t, c, why, opts)...)
		}
	}
	out = append(out, checkDrift(m, opts)...)
	kept := out[:0]
	used := map[Span]bool{} // the suppression comments that silenced a finding
	for _, f := range out {
		if !opts.Checks.Enabled(f.Code) {
			continue
		}
		if c, ok := suppressor(f.Span, f.Code); ok {
			used[c.Span] = true
			continue
		}
		kept = append(kept, f)
	}
	kept = groupNullableKeys(m, opts, kept)
	kept = append(kept, unusedSuppressions(m, opts, used)...)
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i].Span, kept[j].Span
		if a.File != b.File {
			return fileName(a.File) < fileName(b.File)
		}
		return a.Start < b.Start
	})
	return kept
}

func fileName(f *File) string {
	if f == nil {
		return ""
	}
	return f.Path
}

func checkKey(m *Model, t *Table, key *Column, why string, opts Options) []Finding {
	var out []Finding
	rules := opts.Keys.KeyRules(t, key)
	if offenders := otherKindsLeftOut(t, InRules(NullRepeats(m, t, key), rules), rules, opts.Keys); len(offenders) > 0 && !nulledByDesign(key, rules) {
		out = append(out, nullableKeyFinding(m, t, key, why, offenders, opts.Keys.UpsertTarget(t, offenders)))
	}
	covered := false
	for _, u := range t.Uniques {
		if !u.Mentions(key.Name) {
			continue
		}
		covered = true
		if rules != nil && !slices.Contains(rules, u) {
			continue // a rule that holds the column but is not the one it is a key of
		}
		if !key.Nullable && u.HasColumn(key.Name) {
			out = append(out, checkMembers(m, t, key, why, u, opts.Keys)...)
		}
	}
	if !covered && opts.Checks.Enabled(checks.UncoveredKey) {
		out = append(out, Finding{
			Code:   checks.UncoveredKey,
			Span:   key.Span,
			Table:  t,
			Column: key,
			Message: fmt.Sprintf("idempotency key %s is not covered by any unique constraint, unique index or primary key, so the database deduplicates nothing on it",
				colName(t, key)),
		})
	}
	return out
}

// otherKindsLeftOut drops from offenders, for a key only of rules (a use,
// a rule's comment: KeyRules is not nil), the rules whose NULLs are the
// rows of another kind the code writes (KeyMatcher.OtherKindOfRow): NOT
// NULL, the fix IDEM101 offers, would make those writes fail. A key by
// name or mark keeps them all.
func otherKindsLeftOut(t *Table, offenders, rules []*Unique, keys KeyMatcher) []*Unique {
	if rules == nil {
		return offenders
	}
	return slices.DeleteFunc(slices.Clone(offenders), func(u *Unique) bool { return keys.OtherKindOfRow(t, u) != "" })
}

// nulledByDesign reports whether key, a key only of rules (a use, a rule's
// comment: KeyRules is not nil), is a foreign key column the database
// itself sets NULL when the row it references is deleted (ON DELETE SET
// NULL): its NULLs are the rows that outlived what they pointed at (a
// campaign's list, since deleted), kept on purpose, and NOT NULL, the
// fix IDEM101 offers, would make that delete fail. A key by name or mark
// is still reported: nothing but the key can tell its rows apart.
func nulledByDesign(key *Column, rules []*Unique) bool {
	return rules != nil && key.NulledOnDelete().IsValid()
}

// nullsRepeat reports whether rows may repeat under u when some of its
// columns are NULL.
func nullsRepeat(d Dialect, t *Table, u *Unique) bool {
	if u.NullsNotDistinct || u.Kind == PrimaryKey {
		return false
	}
	switch d.nullRule() {
	case nullsDistinct:
		return true
	case nullsIgnoredWhenAllNull:
		// Oracle skips rows whose key columns are all NULL but compares
		// partly-NULL keys, so only an all-nullable key lets NULLs repeat.
		for _, p := range u.Parts {
			if c := t.Column(p.Column); p.Column == "" || c == nil || !c.Nullable {
				return false
			}
		}
		return true
	}
	return false
}

// WhyAside is the reason a column is a key (KeyMatcher.IsKey), as an
// aside for a message, when its name alone does not say it: " (used as the
// ON CONFLICT target at store/runs.go:41)".
func WhyAside(why string) string {
	if why == "" || why == "named like an idempotency key" {
		return ""
	}
	return " (" + why + ")"
}

func nullableKeyFinding(m *Model, t *Table, key *Column, why string, offenders []*Unique, upsertAt string) Finding {
	// Where the column is a key only by the code's upsert on the rule,
	// what goes wrong is the upsert's: a row whose key is NULL never meets
	// its conflict target. A key by name keeps the retry's wording.
	harm := "every retry that arrives without a key is inserted again"
	if upsertAt != "" && why != "named like an idempotency key" {
		harm = "an upsert that sends a NULL " + key.Name + " never meets its ON CONFLICT and inserts the row again"
	}
	f := Finding{
		Code:   checks.NullableKey,
		Span:   key.Span,
		Table:  t,
		Column: key,
		Message: fmt.Sprintf("idempotency key %s%s is nullable, but NULLs are distinct in %s %s: %s",
			colName(t, key), WhyAside(why), m.Dialect.Title(), describeUnique(offenders[0]), harm),
	}
	for _, u := range offenders {
		f.Related = append(f.Related, Related{Span: u.Span, Message: describeUnique(u) + " lets rows with a NULL " + key.Name + " repeat"})
	}
	if why != "named like an idempotency key" {
		f.Related = append(f.Related, Related{Span: key.Span, Message: key.Name + " is a key: " + why})
	}
	if key.NullSpan().IsValid() {
		f.Related = append(f.Related, Related{Span: key.NullSpan(), Message: key.Name + " was made nullable here"})
	}
	if key.DefinedBy().IsValid() {
		f.Related = append(f.Related, Related{Span: key.DefinedBy(), Message: key.Name + " is created here"})
	}
	var notes []Related
	f.Fixes, notes = requireFixes(m, key, upsertAt)
	f.Related = append(f.Related, notes...)
	return f
}

// requireFixes offers the two ways to make a nullable key column required:
// with a random database default (a key always exists) and without one
// (every writer must send or derive a key, which is what dedupes retries).
// The random default comes first where the database fills it (a Go insert
// that sends NULL still fails), second where Go fills it (ent's
// DefaultFunc: nothing keyless fails any more).
// Where the code upserts on the rules that let the key's NULLs repeat
// (upsertAt, see KeyMatcher.UpsertTarget), a random default cannot help
// and only the second is offered, saying why.
// Where the column cannot be edited in place (a migration that may have
// run), the fix is the next migration; where the engine cannot alter it at
// all, the recipe goes into related information.
func requireFixes(m *Model, key *Column, upsertAt string) ([]Fix, []Related) {
	syn := key.Span.File.syntax()
	if syn == nil {
		return nil, nil
	}
	name := key.Name
	if fn := key.FieldName(); fn != "" {
		name = fn // the Prisma field, as users write it
	}
	type variant = requireVariant
	var variants []variant
	kept := false
	if ks, ok := syn.(KeptDefaultSyntax); ok {
		kept = ks.KeepsDefault(key)
	}
	if upsertAt == "" && (key.Default == nil || !key.Default.InDatabase) && !kept {
		if def := randomKeyDefault(m.Dialect, key); def != "" {
			variants = append(variants, variant{def, fmt.Sprintf("Make %s NOT NULL with database default %s (backfill existing NULL rows first; a random default fills only the inserts that leave the column out (one that sends NULL fails instead) and does not dedupe a client's retries)", name, def)})
		}
	}
	noDefault := fmt.Sprintf("Make %s NOT NULL with no default (backfill existing NULL rows first; every insert must then send the client's key or one derived from the request, which is what dedupes retries)", name)
	if upsertAt != "" {
		noDefault = fmt.Sprintf("Make %s NOT NULL with no default (backfill existing NULL rows first; every insert must then send the client's key or one derived from the request, which is what dedupes retries; a random default would not help: the upsert at %s matches rows on the %s it sends, and a value the database made up never matches)", name, upsertAt, name)
	}
	if key.Default != nil {
		noDefault = fmt.Sprintf("Make %s NOT NULL, keeping its default %s (backfill existing NULL rows first)", name, key.Default.Expr)
		if kept && !key.Default.InDatabase {
			noDefault = fmt.Sprintf("Make %s NOT NULL, keeping its default %s, which the database does not fill: an insert that leaves %s out (another service's, a raw SQL one) then fails instead of storing NULL (backfill existing NULL rows first)", name, key.Default.Expr, key.Name)
		}
	}
	variants = append(variants, variant{"", noDefault})
	if gs, ok := syn.(GoDefaultSyntax); ok && len(variants) == 2 && gs.GoDefault(key, variants[0].def) != "" {
		// A random key filled in Go (ent's DefaultFunc) fills every create
		// that sets none, a nil from SetNillableX included: no keyless
		// create ever fails, so retries without a key land again, one
		// random key each. Requiring the key comes first; the random
		// default is the second fix.
		variants[0], variants[1] = variants[1], variants[0]
	}

	var fixes []Fix
	var notes []Related
	for _, v := range variants {
		edits, err := syn.RequireColumn(key, v.def)
		if err == nil && len(edits) > 0 {
			msg := v.msg
			if gs, ok := syn.(GoDefaultSyntax); ok && v.def != "" {
				if fill := gs.GoDefault(key, v.def); fill != "" {
					// The edit fills the key in Go: say so, and not that the
					// database gets a default (it gets none).
					msg = fmt.Sprintf("Make %s NOT NULL with a random key filled in Go by %s, not a database default (backfill existing NULL rows first; it fills every create that sets no key, so a retry without one gets a new random key and lands again: it does not dedupe a client's retries, and it does not fill rows other clients insert)", name, fill)
				}
			}
			if ds, ok := syn.(DeclarationSyntax); ok {
				msg += ", " + ds.FixNote(key, v.def)
			}
			fixes = append(fixes, Fix{Message: msg, Edits: edits})
			continue
		}
		ms, ok := syn.(MigrationSyntax)
		if !ok {
			continue
		}
		files, sql, merr := ms.RequireColumnMigration(key, v.def)
		if merr != nil {
			if len(notes) == 0 {
				notes = append(notes, Related{Span: key.Span, Message: merr.Error()})
			}
			continue
		}
		if len(files) > 0 {
			fixes = append(fixes, Fix{
				Message: fmt.Sprintf("%s, in a new migration %s: %s", v.msg, files[0].Path, oneLine(sql)),
				Creates: files,
				variant: &requireVariant{def: v.def, msg: v.msg},
			})
		}
	}
	return fixes, notes
}

// oneLine folds SQL into one line for a message, dropping comments.
func oneLine(sql string) string {
	var parts []string
	for _, line := range strings.Split(sql, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "--") {
			parts = append(parts, line)
		}
	}
	return strings.Join(parts, " ")
}

func (f *File) syntax() Syntax {
	if f == nil {
		return nil
	}
	return f.Syntax
}

// randomKeyDefault returns a database expression that fills key with a
// random value, or "" when the dialect or the column type has none that fits.
func randomKeyDefault(d Dialect, key *Column) string {
	typ := strings.ToLower(key.Type + " " + key.NativeType())
	var expr string
	var length int
	switch d {
	case PostgreSQL, CockroachDB:
		expr, length = "gen_random_uuid()", 36
	case MySQL, MariaDB:
		expr, length = "(uuid())", 36
	case SQLite:
		expr, length = "(lower(hex(randomblob(16))))", 32
	case SQLServer:
		expr, length = "newid()", 36
	default:
		return ""
	}
	if !strings.Contains(typ, "char") && !strings.Contains(typ, "text") &&
		!strings.Contains(typ, "string") && !strings.Contains(typ, "uuid") {
		return "" // a random string does not fit an integer or binary key
	}
	if n, ok := typeLength(typ); ok && n < length && !strings.Contains(typ, "uuid") {
		return ""
	}
	if d == CockroachDB && !strings.Contains(typ, "uuid") {
		// CockroachDB types a default strictly: a UUID's text for a
		// STRING column is written as one.
		expr += "::STRING"
	}
	return expr
}

// typeLength extracts N from a type such as varchar(N).
func typeLength(typ string) (int, bool) {
	open := strings.IndexByte(typ, '(')
	end := strings.IndexByte(typ, ')')
	if open < 0 || end < open {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(typ[open+1 : end]))
	return n, err == nil
}

// checkMembers implements IDEM103: the key itself is NOT NULL, but another
// member of its composite unique is nullable, so rows where that member is
// NULL are never deduplicated.
func checkMembers(m *Model, t *Table, key *Column, why string, u *Unique, keys KeyMatcher) []Finding {
	if !nullsRepeat(m.Dialect, t, u) {
		return nil
	}
	var out []Finding
	for _, p := range u.Parts {
		c := t.Column(p.Column)
		if c == nil || c == key || !c.Nullable || excludesNull(m.Dialect, t, u.Where, c.Name) {
			continue
		}
		if isKey, _ := keys.IsKey(t, c); isKey {
			continue // a key itself: its IDEM101 says it
		}
		out = append(out, Finding{
			Code:   checks.NullableMember,
			Span:   c.Span,
			Table:  t,
			Column: c,
			Message: fmt.Sprintf("%s is nullable and part of %s with idempotency key %s%s: NULLs are distinct in %s, so rows where %s is NULL are never deduplicated",
				colName(t, c), describeUnique(u), key.Name, WhyAside(why), m.Dialect.Title(), c.Name),
			Related: []Related{
				{Span: u.Span, Message: describeUnique(u)},
				{Span: key.Span, Message: "idempotency key " + key.Name},
			},
		})
	}
	return out
}

func colName(t *Table, c *Column) string {
	tn, cn := t.Name, c.Name
	if t.ModelName != "" {
		tn = t.ModelName
	}
	if fn := c.FieldName(); fn != "" {
		cn = fn
	}
	return tn + "." + cn
}

func describeUnique(u *Unique) string {
	var parts []string
	for _, p := range u.Parts {
		if p.Column != "" {
			parts = append(parts, p.Column)
		} else {
			parts = append(parts, p.Expr)
		}
	}
	s := u.Kind.String()
	if u.Name != "" {
		s += " " + u.Name
	}
	return s + " (" + strings.Join(parts, ", ") + ")"
}

// coalescesNull reports whether u indexes col through an expression that
// turns NULL into a value (COALESCE(col, the empty string)), so NULL keys collide.
func coalescesNull(u *Unique, col string) bool {
	for _, p := range u.Parts {
		if p.Expr == "" {
			continue
		}
		mentions := false
		for _, r := range p.Refs {
			mentions = mentions || r == col
		}
		e := strings.ToLower(p.Expr)
		if mentions && (strings.Contains(e, "coalesce") || strings.Contains(e, "ifnull") || strings.Contains(e, "nvl")) {
			return true
		}
	}
	return false
}

// checkDrift implements IDEM104: a Prisma schema and its migrations disagree
// about a key column's nullability, or about a unique rule over a key. The
// checks follow the migrations (the database's truth); the schema is what
// people read and what generates the next migration, so the drift matters.
func checkDrift(m *Model, opts Options) []Finding {
	var out []Finding
	for _, d := range m.Drift {
		relevant := false
		if d.Column != nil {
			relevant, _ = opts.Keys.IsKey(d.Table, d.Column)
		} else {
			for _, name := range d.Columns {
				if c := d.Table.Column(name); c != nil {
					if k, _ := opts.Keys.IsKey(d.Table, c); k {
						relevant = true
					}
				}
			}
		}
		if !relevant {
			continue
		}
		msg := d.Message + "; idemlint checks what the migrations built"
		if d.Table.Mapped {
			msg = d.Message // a row mapping is checked only against its table
		} else if _, declared := d.Span.File.syntax().(DeclarationSyntax); declared {
			msg = d.Message + "; idemlint checks each as written" // a Go model is checked on its own too
		}
		f := Finding{Code: checks.PrismaDrift, Span: d.Span, Table: d.Table, Column: d.Column, Message: msg}
		if d.Truth.IsValid() {
			f.Related = []Related{{Span: d.Truth, Message: "the migration that decides it"}}
		}
		out = append(out, f)
	}
	return out
}
