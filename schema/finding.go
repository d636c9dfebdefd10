package schema

// A Finding is one problem a schema check found.
type Finding struct {
	Code    string // stable check code, e.g. "IDEM101"
	Span    Span   // where an editor should jump: the offending column
	Message string // one line: what is wrong and why it matters
	Related []Related
	Fixes   []Fix

	Table  *Table
	Column *Column
}

// Related points at another place that explains a finding, such as the
// unique index a nullable key belongs to.
type Related struct {
	Span    Span
	Message string
}

// A Fix is one alternative way to resolve a finding.
type Fix struct {
	Message string
	Edits   []Edit
	Creates []CreateFile // files the fix creates, such as the next migration

	// variant, for a fix that makes a key NOT NULL (requireFixes), is the
	// message before its migration's part and the default it sets ("" for
	// none): group.go writes one migration for several columns from it.
	variant *requireVariant
}

// A requireVariant is one way requireFixes makes a key NOT NULL.
type requireVariant struct{ def, msg string }
