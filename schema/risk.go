package schema

import "strings"

// NullRepeats returns the unique rules under which rows holding a NULL in
// key can repeat: key is nullable, NULLs are distinct in them, their
// predicate (if any) does not exclude NULL keys, and no other unique rule
// makes NULL keys collide (NULLS NOT DISTINCT, COALESCE(key, …)). Empty
// when NULL keys are harmless or impossible. IDEM101 reports these for the
// schema; IDEM201 reports inserts that write NULL into them.
func NullRepeats(m *Model, t *Table, key *Column) []*Unique {
	if !key.Nullable || m.Dialect.nullRule() == nullsNotApplicable {
		return nil
	}
	var offenders []*Unique
	for _, u := range t.Uniques {
		if !u.Mentions(key.Name) {
			continue
		}
		if u.NullsNotDistinct || coalescesNull(u, key.Name) {
			return nil // a NULL key collides here, so keyless retries are rejected
		}
		if u.HasColumn(key.Name) && nullsRepeat(m.Dialect, t, u) && !excludesNull(m.Dialect, t, u.Where, key.Name) {
			offenders = append(offenders, u)
		}
	}
	return offenders
}

// NullCollides returns the unique rules under which two rows holding a
// NULL in key collide as two empty keys do: key is a nullable plain part of
// a rule with NULLS NOT DISTINCT (PostgreSQL 15 and later) whose predicate
// (if any) does not exclude NULL keys. The first keyless row is written,
// and every later one is rejected as its duplicate (or dropped by ON
// CONFLICT DO NOTHING). IDEM202 reports inserts that can write NULL into
// them, as it reports an empty key; NullRepeats is empty then.
func NullCollides(m *Model, t *Table, key *Column) []*Unique {
	if !key.Nullable || m.Dialect.nullRule() == nullsNotApplicable {
		return nil
	}
	var out []*Unique
	for _, u := range t.Uniques {
		if u.NullsNotDistinct && u.HasColumn(key.Name) && !excludesNull(m.Dialect, t, u.Where, key.Name) {
			out = append(out, u)
		}
	}
	return out
}

// EmptyCollides returns the unique rules under which two rows holding the
// empty string in key collide: key is a plain part and the predicate (if
// any) does not exclude the empty key. IDEM202 reports inserts that can
// write an empty key into them: unrelated keyless requests then reject each
// other.
//
// A CHECK constraint that rejects the empty key (RejectsEmpty) leaves
// nothing to collide: the insert of an empty key fails loudly, which is
// what the check is for.
//
// So does a key whose type cannot hold the empty string on PostgreSQL or
// CockroachDB (uuid, an integer, a timestamp…): the empty string is no
// valid input there, and the insert fails (invalid input syntax) instead
// of storing a key that collides.
func EmptyCollides(m *Model, t *Table, key *Column) []*Unique {
	if m.Dialect.nullRule() == nullsNotApplicable || RejectsEmpty(m, t, key) != nil || emptyInvalid(m.Dialect, key) {
		return nil
	}
	var out []*Unique
	for _, u := range t.Uniques {
		if u.HasColumn(key.Name) && !excludesEmpty(m.Dialect, t, u.Where, key.Name) {
			out = append(out, u)
		}
	}
	return out
}

// ValueCollides returns the unique rules under which two rows holding the
// same value in key collide: every rule key is a plain part of, on an
// engine that enforces unique rules. IDEM202 reports inserts that can
// write the zero value of a fixed-size ID (the nil UUID, or its text)
// into them: a valid value of any key type, which neither a uuid column
// nor a CHECK against the empty string rejects, and the same for every
// write that has no ID.
func ValueCollides(m *Model, t *Table, key *Column) []*Unique {
	if m.Dialect.nullRule() == nullsNotApplicable {
		return nil
	}
	var out []*Unique
	for _, u := range t.Uniques {
		if u.HasColumn(key.Name) {
			out = append(out, u)
		}
	}
	return out
}

// HoldsText reports whether key can store a text value on dialect d: the
// text of a format whose client-key part is empty ("<tenant>:") is one
// value like any other there, which a unique rule holding key rejects
// for every write after the first, and which a CHECK against the empty
// string does not stop. On PostgreSQL a uuid or integer key rejects it
// as invalid input instead.
func HoldsText(d Dialect, key *Column) bool { return !emptyInvalid(d, key) }

// emptyInvalid reports whether the engine rejects the empty string as a
// value of key's type: on PostgreSQL and CockroachDB every type but the
// textual and binary ones (and those idemlint cannot name) parses its
// input, and the empty string parses as none of uuid, the numbers,
// booleans, dates and times, JSON or network addresses. MySQL converts it
// in non-strict mode, SQL Server to 0 or 1900-01-01, SQLite stores it in
// any column: never there.
func emptyInvalid(d Dialect, key *Column) bool {
	if d != PostgreSQL && d != CockroachDB {
		return false
	}
	typ := key.NativeType() // Prisma's @db.Uuid says more than its String
	if typ == "" {
		typ = key.Type
	}
	typ = strings.ToLower(typ)
	for _, w := range []string{"char", "text", "string", "bytea", "bytes", "blob", "binary", "[]", "array", "enum"} {
		if strings.Contains(typ, w) {
			return false
		}
	}
	for _, w := range []string{"uuid", "int", "serial", "numeric", "decimal", "float", "double", "real", "bool", "date", "time", "json", "inet", "cidr", "macaddr", "money"} {
		if strings.Contains(typ, w) {
			return true
		}
	}
	return false
}

// RejectsEmpty returns a CHECK constraint of t that is false whenever key
// is the empty string, whatever the other columns hold: key differs from
// the empty string, length(key) > 0, btrim(key) differs from the empty
// string, and their spellings, in a top-level AND, or in every branch of
// an OR. Nil when none is.
func RejectsEmpty(m *Model, t *Table, key *Column) *CheckConstraint {
	for _, c := range t.Checks {
		// A predicate that excludes the empty key is false for it, not
		// NULL: each form it accepts compares the key (non-NULL here)
		// with a constant.
		if excludesEmpty(m.Dialect, t, c.Expr, key.Name) {
			return c
		}
	}
	return nil
}

// DescribeUnique names a unique rule for messages: its kind, name and parts.
func DescribeUnique(u *Unique) string { return describeUnique(u) }
