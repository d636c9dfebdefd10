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
}
