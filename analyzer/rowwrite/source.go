package rowwrite

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/internal/pkgpath"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/gomodel"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// A Source says where the value a site writes into one column comes from.
// Exactly one of four answers holds:
//
//   - Expr is set: this Go expression is the value (a bind argument, a
//     field value inside a composite literal, a builder setter's argument);
//   - Zero is set: the value is left out of the Go value the API reads
//     (a field missing from a struct literal, a key missing from a
//     pgx.NamedArgs literal), so the API writes Zero's zero value;
//   - Converted is set: the value is a field of an argument that a
//     converter function copies into the row;
//   - none: not known.
type Source struct {
	Expr ast.Expr

	// Converted is set instead of Expr when the value is a field of an
	// argument that a converter function copies into the row (see
	// converter.go): the inserting function holds the argument.
	Converted *Converted

	// Field is set instead of Expr when the value is a field of a Go value
	// the inserting function holds: a row variable it fills
	// (rec := row{Key: in.Key}; rec.Body = b; Create(&rec)), or a value a
	// row literal embeds (Model(&entryRow{Entry: e})).
	Field *FieldOf

	Zero types.Type
	// At is where a left-out value shows: the literal, or the variable
	// passed when its literal is elsewhere in the function.
	At ast.Expr
	// What says what is left out, for messages: "the IdempotencyKey field
	// is left out of the Message literal".
	What string

	// Call, when set with Expr, is the call that hands Expr to the row
	// before the insert (ent's b.SetX(x), perhaps in a branch): the value
	// is judged as it is there, not at the insert.
	Call *ast.CallExpr

	// Test, when set with Expr, is a test that Expr is not empty (x.Key
	// != "") under which alone the value is written (ZeroAs says what is
	// written where it fails): Expr is judged as it is at Test, which is
	// not a check of it.
	Test ast.Expr

	// SetIf, set with Zero, is a pointer under whose test (p != nil) alone
	// the value is set (a pgx.NamedArgs entry, args["k"] = *p): the zero
	// value is written exactly where p is nil, so a parameter there is
	// also its callers' to decide.
	SetIf ast.Expr

	// OmitIfNil: a nil Expr leaves the column out of the INSERT, so its
	// database default applies (ent's SetNillableX).
	OmitIfNil bool

	// ZeroAs says what the API writes when the value (Expr's, or Zero
	// itself) is its type's zero value: nil, "", an invalid Null value.
	ZeroAs ZeroWrite

	// FilledBy, set alone, says the library fills the value in itself
	// before the write, whatever the Go row holds: "the BeforeCreate hook
	// of Message" (a GORM hook that writes the field on every row, or on
	// every row where it is zero).
	FilledBy string

	// FilledIfNull says the library fills the value in itself where it
	// is nil or invalid, and writes it as it is otherwise: "the
	// BeforeCreate hook of Refund" (a hook that tests only h.Key == nil or
	// !h.Key.Valid). The value is never NULL; a pointer to "" or a valid
	// "" is still written as ''.
	FilledIfNull string
}

// A FieldOf says a column gets the field at Path of the Go value Root, as
// it is at the insert call.
type FieldOf struct {
	Root ast.Expr
	Path []string   // field names, outermost first; never empty
	Type types.Type // the field's type
	// At, when set, is the call the value is handed to before the insert
	// (the append that adds a row variable to a slice of rows): the value
	// is judged, and a fix goes, there.
	At *ast.CallExpr
	// Set, when set, is the expression the row's literal gives the field,
	// which nothing assigns after it.
	Set ast.Expr
	// Local: Root is a local variable whose writes were not read from the
	// syntax (s, err := build(in); fill(&s, in)): only the value analysis
	// knows the field, and where it cannot tell, a note says so.
	Local bool
	// Elems: Root is a slice parameter of the inserting function
	// (Create(&rows), Model(&rows)) and the column gets the field at Path
	// of each of its elements.
	Elems bool
}

// A ZeroWrite is what an API writes for a zero Go value.
type ZeroWrite int

const (
	// ZeroAsIs: the value itself: "" stays "", nil is NULL.
	ZeroAsIs ZeroWrite = iota
	// ZeroAsNull: NULL, even for "" (bun's nullzero on SQLite).
	ZeroAsNull
	// ZeroAsDefault: DEFAULT, or the column left out: the column's
	// database default, else NULL (bun's nil pointers, nullzero and
	// default: fields on PostgreSQL and MySQL).
	ZeroAsDefault
)

// Known reports whether s says anything about the value.
func (s Source) Known() bool {
	return s.Expr != nil || s.Zero != nil || s.Field != nil || s.Converted != nil
}

// Source returns where value v of the INSERT comes from. Positional
// parameters ($n, the n-th ?) index Args; named parameters (:name, @name,
// and the column-named parameters of the INSERTs synthesized for ORM
// calls) are looked up in Named.
func (s *Site) Source(v sqlinsert.Value) Source {
	if v.Name != "" {
		return s.Named[v.Name]
	}
	if s.Spread || s.Named != nil {
		return Source{}
	}
	if v.Index >= 1 && v.Index <= len(s.Args) {
		return Source{Expr: s.Args[v.Index-1]}
	}
	return Source{}
}

// Inputs returns the Go expressions the site writes, in column order when
// known: what identifies the request, to derive a key from.
func (s *Site) Inputs() []ast.Expr {
	if s.Named == nil {
		return s.Args
	}
	var out []ast.Expr
	seen := map[string]bool{}
	for _, row := range s.Insert.Rows {
		for _, v := range row {
			if v.Name == "" || seen[v.Name] {
				continue
			}
			seen[v.Name] = true
			if e := s.Named[v.Name].Expr; e != nil {
				out = append(out, e)
			}
		}
	}
	return out
}

// ColumnOf returns the column of the INSERT that e, one of the Go values
// the site writes (Inputs), goes into, as the first row has it; "" when e
// feeds no column the statement names (an expression that is not a row's
// value). A value list with no column list fills t's columns in order
// (the schema's order, after its migrations), when t has as many as the
// row has values; with t nil, or another count, its columns are not known.
func (s *Site) ColumnOf(e ast.Expr, t *schema.Table) string {
	if s.Insert == nil || len(s.Insert.Rows) == 0 || e == nil {
		return ""
	}
	var cols []string
	for _, c := range s.Insert.Columns {
		cols = append(cols, c.Name)
	}
	if s.Insert.Columns == nil {
		if t != nil && !s.Insert.DefaultValue && len(t.Columns) == len(s.Insert.Rows[0]) {
			for _, c := range t.Columns {
				cols = append(cols, c.Name)
			}
		}
	}
	e = astutil.Unparen(e)
	for i, v := range s.Insert.Rows[0] {
		if i >= len(cols) {
			break
		}
		if x := s.Source(v).Expr; x != nil && astutil.Unparen(x) == e {
			return cols[i]
		}
	}
	return ""
}

// WriterName names what writes the row, for messages: "the INSERT",
// "CopyFrom", "GORM's Create".
func (s *Site) WriterName() string {
	if s.Writer == "" {
		return "the INSERT"
	}
	return s.Writer
}

// importPath returns p's import path without a vendor prefix, so vendored
// copies of a library are recognised as the library.
func importPath(p *types.Package) string {
	if p == nil {
		return ""
	}
	return pkgpath.Unvendor(p.Path())
}

// hasPathPrefix reports whether path is prefix or below it. Every tool
// process asks it of its imports' imports, so it does not concatenate.
func hasPathPrefix(path, prefix string) bool {
	return strings.HasPrefix(path, prefix) && (len(path) == len(prefix) || path[len(prefix)] == '/')
}

// snake converts a Go identifier to snake_case the way GORM and ent name
// columns; the schema reader of Go-declared models owns the rule.
func snake(s string) string { return gomodel.SnakeCase(s) }

// plural is the default table name GORM and bun give a model, from its
// snake_case name: jinzhu/inflection's Plural, as the schema reader of
// Go-declared models spells it, so that an insert and the model name the
// same table (user_status → user_statuses, person → people).
func plural(s string) string { return gomodel.Plural(s) }

// tableName splits "schema.table".
func tableName(s string) (name, ns string) {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:], s[:i]
	}
	return s, ""
}
