package schema

import (
	"math"
	"strconv"
	"strings"
	"unsafe"
)

// A Model is what idemlint understood of a database schema: the state of
// every table after all files (or all migrations) were read.
type Model struct {
	Dialect Dialect
	// DialectSpan points at where the dialect was declared (a Prisma
	// datasource provider, for instance); invalid when it was inferred or
	// given by a flag.
	DialectSpan Span
	// DialectFrom says what decided Dialect ("-dialect flag", "sqlc.yaml
	// engine", "Prisma datasource provider", "folder name", "default: …").
	DialectFrom string

	Files  []*File
	Tables []*Table

	// Drift lists where a Prisma schema and the migrations replayed beside
	// it disagree; the model itself follows the migrations.
	Drift []Drift

	// Errors are the problems readers recovered from. A model with errors is
	// still checked: a broken block elsewhere must not hide a finding.
	Errors []*ParseError

	// Notes are files of the schema left unread on purpose, and why (a
	// ClickHouse file beside PostgreSQL migrations, a MySQL variant of a
	// step in a history read as PostgreSQL): not findings, but never
	// silent either (idemlint schema -v prints them).
	Notes []Note
}

// A Note says why a file of a schema was not read.
type Note struct {
	Path    string
	Message string
}

// A Drift is one disagreement between a Prisma schema and its migrations.
type Drift struct {
	Table  *Table
	Column *Column // nil when the drift is about a unique rule
	// Columns are the unique rule's columns, for a drift about one.
	Columns []string
	Span    Span // in the Prisma schema
	// Truth is the migration statement that decides the database's state;
	// invalid when the migrations lack what the schema declares.
	Truth   Span
	Message string
}

// Table returns the table with the given physical name (case-sensitive,
// ignoring the database schema qualifier), or nil.
func (m *Model) Table(name string) *Table {
	for _, t := range m.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// A Table is one table (a Prisma model or an SQL table).
type Table struct {
	Name      string // physical name, after Prisma's @@map
	Namespace string // database schema ("public"), when known
	ModelName string // the Prisma model name; empty for SQL tables

	Span     Span // the whole definition
	NameSpan Span // the name as written

	Columns []*Column
	Uniques []*Unique
	// Checks are the table's CHECK constraints, column constraints
	// included: a row for which one is false is rejected.
	Checks []*CheckConstraint
	// RowsOnly marks a table declared in Go that the module never creates
	// through its library (a GORM struct, in a module that calls neither
	// AutoMigrate nor Migrator().CreateTable): it maps the rows of a table
	// something else creates, so a unique rule it does not declare says
	// nothing about the database.
	RowsOnly bool
	// Mapped marks a RowsOnly table whose table a schema file of the
	// module declares (load.CompareDeclared): that file is the database's
	// truth, so the struct is checked only against it (IDEM104), not on
	// its own as if it built a table.
	Mapped bool
	// Unread marks a table declared in Go some of whose fields, mixins or
	// unique rules its reader could not follow (an error says which): a
	// rule it does not declare is not known to be missing.
	Unread bool
}

// A CheckConstraint is a CHECK constraint. The engine rejects a row for which Expr
// is false (a NULL result passes), so a check such as key <> ” makes an
// insert of an empty key fail loudly instead of colliding in silence.
type CheckConstraint struct {
	Name   string // as written or as the engine names it; "" when unknown
	Column string // the column it is declared on, "" for a table constraint
	Expr   string // the condition, without the enclosing parentheses
	Span   Span   // the constraint as written
}

// Column returns the column with the given physical name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// A Column is one column of a table.
//
// A large schema holds millions of columns, so a Column keeps inline only
// what every column has; what few columns have (a comment, a later
// statement that changed its nullability, the statement that created it,
// a native type, a field name other than Name) is behind NullSpan,
// DefinedBy, Comment, NativeType and FieldName, stored apart. NameSpan and
// TypeSpan are kept as offsets in Span's file: no pointer of their own for
// the garbage collector to scan (or its write barrier to record while it
// marks), and 96 bytes a column instead of 128. So can a native type or a
// field name that a reader finds in Span's file (SetNativeTypeAt,
// SetFieldNameAt): Prisma's @db.VarChar(64) and a field renamed by @map
// then cost no columnRare.
type Column struct {
	Name string // physical name, after Prisma's @map

	// Type is the column type as written ("String", "varchar(64)"); see
	// also NativeType.
	Type string

	Default *Default // nil when the column has none

	Span Span // the whole definition, attributes included

	rare *columnRare // nil when all its fields are zero

	// NameSpan and TypeSpan, when spanIn says they are in Span's file.
	nameStart, nameEnd, typeStart, typeEnd int32

	Nullable bool
	// fieldIsName says that FieldName is Name: most Prisma fields and Go
	// struct fields are not renamed, and a flag costs no allocation.
	fieldIsName bool
	spanIn      uint8 // nameIn, typeIn, fieldAtName, nativeIn
	// With nativeIn, NativeType is the nativeLen bytes of Span's file
	// that start nativeOff bytes after TypeSpan's end.
	nativeLen uint8
	nativeOff uint16
}

// Bits of Column.spanIn.
const (
	nameIn = 1 << iota
	typeIn
	fieldAtName // FieldName is NameSpan's text (needs nameIn; fieldIsName wins)
	nativeIn    // NativeType is at nativeOff, nativeLen (needs typeIn)
)

// srcText returns the bytes [start, end) of f as a string that shares
// f.Src, as the readers' names do (nothing writes to a File's Src once it
// is read), or "" when they are not in f.
func srcText(f *File, start, end int) string {
	if f == nil || start < 0 || end > len(f.Src) || start >= end {
		return ""
	}
	return unsafe.String(&f.Src[start], end-start)
}

// detach turns a field name and a native type kept as offsets into
// strings, before the offsets they are read at change.
func (c *Column) detach() {
	at := c.spanIn
	fieldName, nativeType := c.FieldName(), c.NativeType()
	c.spanIn &^= fieldAtName | nativeIn
	c.setRare(func(r *columnRare) {
		if at&fieldAtName != 0 && !c.fieldIsName {
			r.fieldName = fieldName
		}
		if at&nativeIn != 0 {
			r.nativeType = nativeType
		}
	})
}

// columnRare holds the fields of a Column that few columns set. A Column
// never writes to its columnRare: setters replace it, so a copy of a
// Column (cc := *c) and the original never change each other.
type columnRare struct {
	nullSpan   Span
	nulledBy   Span
	comment    string
	definedBy  Span
	fieldName  string
	nativeType string
	// The name's and type's spans when they are not in Span's file (a
	// later ALTER's type; an ent column named in another file).
	moved *movedSpans
}

// movedSpans are a Column's NameSpan and TypeSpan when they are not in
// its Span's file. Never written once set, as columnRare.
type movedSpans struct{ name, typ Span }

func (r *columnRare) movedSpan(typ bool) Span {
	switch {
	case r == nil || r.moved == nil:
		return Span{}
	case typ:
		return r.moved.typ
	}
	return r.moved.name
}

// setMoved sets r's moved name (or type) span to s.
func (r *columnRare) setMoved(typ bool, s Span) {
	var m movedSpans
	if r.moved != nil {
		m = *r.moved
	}
	if typ {
		m.typ = s
	} else {
		m.name = s
	}
	r.moved = nil
	if m != (movedSpans{}) {
		r.moved = &m
	}
}

// NameSpan covers the column's name as written.
func (c *Column) NameSpan() Span {
	if c.spanIn&nameIn != 0 {
		return Span{File: c.Span.File, Start: int(c.nameStart), End: int(c.nameEnd)}
	}
	return c.rare.movedSpan(false)
}

// TypeSpan covers the type as written, including Prisma's "?" marker.
func (c *Column) TypeSpan() Span {
	if c.spanIn&typeIn != 0 {
		return Span{File: c.Span.File, Start: int(c.typeStart), End: int(c.typeEnd)}
	}
	return c.rare.movedSpan(true)
}

// SetNameSpan sets what NameSpan returns. A span in Span's file is kept as
// offsets in it, and so is one set while Span is still unset (the SQL
// reader sets Span last, to the same file): NameSpan is then invalid
// until Span is set, and setting Span to another file afterwards moves
// the offsets there (set the three together with SetSpans).
func (c *Column) SetNameSpan(s Span) {
	if c.spanIn&(fieldAtName|nativeIn) != 0 {
		c.detach()
	}
	if c.inSpanFile(s) {
		c.nameStart, c.nameEnd = int32(s.Start), int32(s.End)
		c.spanIn |= nameIn
		if c.rare.movedSpan(false).IsValid() {
			c.setRare(func(r *columnRare) { r.setMoved(false, Span{}) })
		}
		return
	}
	c.spanIn &^= nameIn
	c.nameStart, c.nameEnd = 0, 0
	if s.File == nil && c.rare == nil {
		return
	}
	c.setRare(func(r *columnRare) { r.setMoved(false, s) })
}

// SetTypeSpan sets what TypeSpan returns, as SetNameSpan does.
func (c *Column) SetTypeSpan(s Span) {
	if c.spanIn&(fieldAtName|nativeIn) != 0 {
		c.detach()
	}
	if c.inSpanFile(s) {
		c.typeStart, c.typeEnd = int32(s.Start), int32(s.End)
		c.spanIn |= typeIn
		if c.rare.movedSpan(true).IsValid() {
			c.setRare(func(r *columnRare) { r.setMoved(true, Span{}) })
		}
		return
	}
	c.spanIn &^= typeIn
	c.typeStart, c.typeEnd = 0, 0
	if s.File == nil && c.rare == nil {
		return
	}
	c.setRare(func(r *columnRare) { r.setMoved(true, s) })
}

// inSpanFile reports whether s can be kept as offsets in Span's file.
func (c *Column) inSpanFile(s Span) bool {
	return s.File != nil && (s.File == c.Span.File || c.Span.File == nil) &&
		s.Start >= 0 && s.End >= 0 && s.Start <= math.MaxInt32 && s.End <= math.MaxInt32
}

// SetSpans sets Span, NameSpan and TypeSpan together.
func (c *Column) SetSpans(span, name, typ Span) {
	c.Span = span
	c.SetNameSpan(name)
	c.SetTypeSpan(typ)
}

// SetNameTypeAt sets NameSpan and TypeSpan to byte ranges of Span's file,
// as readers of 32-bit offsets do (small enough to be inlined). It is for
// a new column: a field name or native type kept as offsets
// (SetFieldNameAt, SetNativeTypeAt) is dropped, so set them after it.
func (c *Column) SetNameTypeAt(nameStart, nameEnd, typeStart, typeEnd int32) {
	// A stale span in rare is hidden by spanIn.
	c.nameStart, c.nameEnd, c.typeStart, c.typeEnd = nameStart, nameEnd, typeStart, typeEnd
	c.spanIn = nameIn | typeIn
}

// FieldName is the name the schema's own language gives the column: the
// Prisma field, or the Go struct field of a model declared in Go; empty
// for SQL columns.
func (c *Column) FieldName() string {
	switch {
	case c.fieldIsName:
		return c.Name
	case c.spanIn&fieldAtName != 0:
		return srcText(c.Span.File, int(c.nameStart), int(c.nameEnd))
	case c.rare == nil:
		return ""
	}
	return c.rare.fieldName
}

// SetFieldName sets what FieldName returns. Set it after Name: a field
// name equal to Name is kept as a flag, not a copy.
func (c *Column) SetFieldName(name string) {
	if c.rare == nil && name == c.Name && name != "" {
		// Most columns: small enough to be inlined. (fieldIsName hides
		// fieldAtName.)
		c.fieldIsName = true
		return
	}
	c.setFieldName(name)
}

// SetFieldNameAt sets FieldName to the bytes [start, end) of Span's file,
// as SetFieldName does. Set it after NameSpan: a name written at NameSpan
// (a Prisma field renamed by @map) is kept as a flag, not a string.
func (c *Column) SetFieldNameAt(start, end int32) {
	name := srcText(c.Span.File, int(start), int(end))
	if c.spanIn&nameIn == 0 || start != c.nameStart || end != c.nameEnd || name == "" || name == c.Name {
		c.SetFieldName(name)
		return
	}
	c.setFieldName("")
	c.fieldIsName = false
	c.spanIn |= fieldAtName
}

func (c *Column) setFieldName(name string) {
	c.spanIn &^= fieldAtName
	same := name != "" && name == c.Name
	c.fieldIsName = same
	if same {
		name = ""
	}
	if c.rare == nil && name == "" || c.rare != nil && c.rare.fieldName == name {
		return
	}
	c.setRare(func(r *columnRare) { r.fieldName = name })
}

// NativeType is the database type when the schema writes it apart from
// Type (Prisma's @db.VarChar(64) gives "VarChar(64)"; a Go model's
// type:varchar(64) tag); empty when none.
func (c *Column) NativeType() string {
	if c.spanIn&nativeIn != 0 {
		start := int(c.typeEnd) + int(c.nativeOff)
		return srcText(c.Span.File, start, start+int(c.nativeLen))
	}
	if c.rare == nil {
		return ""
	}
	return c.rare.nativeType
}

// SetNativeType sets what NativeType returns.
func (c *Column) SetNativeType(t string) {
	c.spanIn &^= nativeIn
	if t == "" && c.rare == nil {
		return
	}
	c.setRare(func(r *columnRare) { r.nativeType = t })
}

// SetNativeTypeAt sets NativeType to the bytes [start, end) of Span's
// file. Set it after TypeSpan: a native type written shortly after the
// type (Prisma's @db.VarChar(64) on the field's line) is kept as offsets,
// not a string.
func (c *Column) SetNativeTypeAt(start, end int32) {
	t := srcText(c.Span.File, int(start), int(end))
	off := int64(start) - int64(c.typeEnd)
	if c.spanIn&typeIn == 0 || t == "" || off < 0 || off > math.MaxUint16 || len(t) > math.MaxUint8 {
		c.SetNativeType(t)
		return
	}
	if c.rare != nil && c.rare.nativeType != "" {
		c.setRare(func(r *columnRare) { r.nativeType = "" })
	}
	c.nativeOff, c.nativeLen = uint16(off), uint8(len(t))
	c.spanIn |= nativeIn
}

// NullSpan is the statement that last changed the column's nullability
// after its definition (ALTER ... DROP NOT NULL in a later migration);
// invalid when the definition itself decides.
func (c *Column) NullSpan() Span {
	if c.rare == nil {
		return Span{}
	}
	return c.rare.nullSpan
}

// SetNullSpan sets what NullSpan returns.
func (c *Column) SetNullSpan(s Span) { c.setRare(func(r *columnRare) { r.nullSpan = s }) }

// NulledOnDelete is the span of the ON DELETE SET NULL action of a foreign
// key over the column (REFERENCES … ON DELETE SET NULL, or a table's
// FOREIGN KEY (…) constraint): the database writes NULL into the column
// itself when the row it references is deleted, so the column is nullable
// by design, and NOT NULL would make that delete fail. Invalid when no
// such action was read.
func (c *Column) NulledOnDelete() Span {
	if c.rare == nil {
		return Span{}
	}
	return c.rare.nulledBy
}

// Generated reports whether c is a generated column (Default.Generated).
func (c *Column) Generated() bool { return c.Default != nil && c.Default.Generated }

// MayHoldNull reports whether c can hold NULL: it is nullable, and not a
// generated column whose expression falls back to a literal
// (COALESCE(key, 'none'), IFNULL(key, '-')), which the database never
// computes as NULL whatever the declaration says.
func (c *Column) MayHoldNull() bool {
	return c.Nullable && !(c.Generated() && neverNullExpr(c.Default.Expr))
}

// neverNullExpr reports whether expr is a call of COALESCE, IFNULL, NVL or
// ISNULL whose last argument is a string or number literal.
func neverNullExpr(expr string) bool {
	expr = strings.TrimSpace(expr)
	for strings.HasPrefix(expr, "(") && strings.HasSuffix(expr, ")") {
		if _, ok := splitArgs(expr[1 : len(expr)-1]); !ok {
			break // (a) || (b): not one pair
		}
		expr = strings.TrimSpace(expr[1 : len(expr)-1])
	}
	open := strings.IndexByte(expr, '(')
	if open < 0 || !strings.HasSuffix(expr, ")") {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(expr[:open])) {
	case "coalesce", "ifnull", "nvl", "isnull":
	default:
		return false
	}
	args, ok := splitArgs(expr[open+1 : len(expr)-1])
	if !ok || len(args) < 2 {
		return false // one argument: its own NULL comes back
	}
	lit := strings.TrimSpace(args[len(args)-1])
	if i := strings.Index(lit, "::"); i > 0 {
		lit = strings.TrimSpace(lit[:i]) // a cast: 'none'::text
	}
	if len(lit) >= 2 && lit[0] == '\'' && lit[len(lit)-1] == '\'' {
		return true
	}
	_, err := strconv.ParseFloat(lit, 64)
	return err == nil
}

// splitArgs splits s at the commas outside parentheses and quotes; ok is
// false when its parentheses do not pair up.
func splitArgs(s string) (args []string, ok bool) {
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '\'':
			quoted = !quoted
		case quoted:
		case ch == '(':
			depth++
		case ch == ')':
			depth--
			if depth < 0 {
				return nil, false
			}
		case ch == ',' && depth == 0:
			args, start = append(args, s[start:i]), i+1
		}
	}
	return append(args, s[start:]), depth == 0 && !quoted
}

// SetNulledOnDelete sets what NulledOnDelete returns.
func (c *Column) SetNulledOnDelete(s Span) { c.setRare(func(r *columnRare) { r.nulledBy = s }) }

// Comment is the description the schema gives the column (PostgreSQL's
// COMMENT ON COLUMN, MySQL's COMMENT '…'), as written; empty when none.
// Comments beside the definition (-- or ///) are in its File.
func (c *Column) Comment() string {
	if c.rare == nil {
		return ""
	}
	return c.rare.comment
}

// SetComment sets what Comment returns.
func (c *Column) SetComment(text string) { c.setRare(func(r *columnRare) { r.comment = text }) }

// DefinedBy is the statement that created the column when the column's
// Span points elsewhere: the migration's CREATE TABLE or ADD COLUMN for a
// column whose Span is its Prisma field. Invalid otherwise.
func (c *Column) DefinedBy() Span {
	if c.rare == nil {
		return Span{}
	}
	return c.rare.definedBy
}

// SetDefinedBy sets what DefinedBy returns.
func (c *Column) SetDefinedBy(s Span) { c.setRare(func(r *columnRare) { r.definedBy = s }) }

// setRare replaces c's rare fields with a copy that set has changed, or
// with none when all are zero.
func (c *Column) setRare(set func(*columnRare)) {
	var r columnRare
	if c.rare != nil {
		r = *c.rare
	}
	set(&r)
	if r == (columnRare{}) {
		c.rare = nil
		return
	}
	c.rare = &r
}

// A Default is a column default.
type Default struct {
	Expr string // as written: "uuid()", "gen_random_uuid()", "'x'"
	// InDatabase is false for defaults only a client applies (Prisma's
	// uuid(), cuid(), nanoid(), ulid()): rows written by any other path get
	// no value.
	InDatabase bool
	// Generated is set for a generated column's expression (GENERATED
	// ALWAYS AS (expr) [STORED|VIRTUAL], MySQL's and SQLite's AS (expr)):
	// the database computes the column from the row's other columns on
	// every write, and no INSERT may set it.
	Generated bool
	Span      Span
}

// A UniqueKind says how a uniqueness rule was declared.
type UniqueKind uint8

const (
	UniqueConstraint UniqueKind = iota // UNIQUE (...) / @@unique / @unique
	UniqueIndex                        // CREATE UNIQUE INDEX
	PrimaryKey                         // PRIMARY KEY / @id / @@id
)

func (k UniqueKind) String() string {
	switch k {
	case UniqueIndex:
		return "unique index"
	case PrimaryKey:
		return "primary key"
	}
	return "unique constraint"
}

// A Unique is a uniqueness rule over one or more index parts.
type Unique struct {
	Name string // constraint or index name; may be empty
	Kind UniqueKind
	// NullsNotDistinct is PostgreSQL 15's UNIQUE NULLS NOT DISTINCT. (Beside
	// Kind, the two share a word.)
	NullsNotDistinct bool
	Parts            []IndexPart

	// Where is the predicate of a partial index, as SQL text using physical
	// column names; empty when the index is not partial.
	Where string
	// Include lists the columns of a PostgreSQL INCLUDE (...) clause: stored
	// in the index but not part of the key.
	Include []string

	Span Span
}

// An IndexPart is one element of a unique key: a plain column or an
// expression such as a COALESCE over the key column.
type IndexPart struct {
	Column string // physical column name; empty for an expression
	Expr   string // the expression text; empty for a plain column
	// Refs lists the columns an expression mentions, so a check can tell
	// that COALESCE(key, '') covers key.
	Refs []string
}

// Columns returns the plain column names of u, in order.
func (u *Unique) Columns() []string {
	var cols []string
	for _, p := range u.Parts {
		if p.Column != "" {
			cols = append(cols, p.Column)
		}
	}
	return cols
}

// HasColumn reports whether column name is a plain part of u.
func (u *Unique) HasColumn(name string) bool {
	for _, p := range u.Parts {
		if p.Column == name {
			return true
		}
	}
	return false
}

// Mentions reports whether u covers column name, plainly or inside an
// expression.
func (u *Unique) Mentions(name string) bool {
	for _, p := range u.Parts {
		if p.Column == name {
			return true
		}
		for _, r := range p.Refs {
			if r == name {
				return true
			}
		}
	}
	return false
}

// A Syntax spells fixes in one schema language. Readers attach one to every
// File they produce.
type Syntax interface {
	// RequireColumn returns the edits that make c NOT NULL. When dbDefault is
	// not empty it is an SQL expression the database should use as c's
	// default; the Syntax wraps it as its language needs (Prisma:
	// @default(dbgenerated("…"))).
	RequireColumn(c *Column, dbDefault string) ([]Edit, error)
}

// A MigrationSyntax is the Syntax of a file in a migration history, where
// a column may not be edited in place (the migration may have run): the fix
// is a new migration instead.
type MigrationSyntax interface {
	Syntax
	// RequireColumnMigration returns the files of the next migration that
	// makes c NOT NULL (backfilling NULL rows and, when dbDefault is not
	// empty, setting it as the default), and the up SQL for messages.
	RequireColumnMigration(c *Column, dbDefault string) ([]CreateFile, string, error)
}

// A ColumnsMigrationSyntax is a MigrationSyntax that also writes one
// migration for several columns of a table (the keys of one unique rule
// that one finding names, group.go), in the place of the first column's.
type ColumnsMigrationSyntax interface {
	MigrationSyntax
	// RequireColumnsMigration returns the files of the next migration that
	// makes every column of cs NOT NULL, as RequireColumnMigration does
	// for one, and its up SQL for messages.
	RequireColumnsMigration(cs []*Column, dbDefault string) ([]CreateFile, string, error)
}

// A DeclarationSyntax is the Syntax of a declaration the database is
// created from (a Go model) rather than the database's own DDL: its fix
// edits the declaration, and the message must say what still has to
// reach the database.
type DeclarationSyntax interface {
	Syntax
	// FixNote completes a fix's message for c: how the declaration spells
	// the change and where a migration is still needed.
	FixNote(c *Column, dbDefault string) string
}

// A GoDefaultSyntax is a DeclarationSyntax whose random-key fix fills the
// key in Go, not with a database default (ent's DefaultFunc): its fix's
// message must not promise the database default the other syntaxes add.
// A KeptDefaultSyntax keeps a column's default when it makes the column
// required (Prisma, which allows one @default: a uuid() that Prisma
// Client fills stays), so it cannot add a random database default beside
// it, and no fix that claims one is offered for such a column.
type KeptDefaultSyntax interface {
	KeepsDefault(c *Column) bool
}

type GoDefaultSyntax interface {
	DeclarationSyntax
	// GoDefault returns how the declaration's fix spells the random key
	// it fills in Go for c in place of dbDefault ("DefaultFunc(uuid.NewString)"),
	// or "" when its fix adds the database default itself.
	GoDefault(c *Column, dbDefault string) string
}

// FollowUpMarker starts the part of a fix's message that says what is
// still to do once the fix is applied: a Go model's fix edits the
// declaration, and a migration (or AutoMigrate, or ent's code generator)
// must still bring the database along. idemlint -fix prints that part
// after applying the fix (FollowUp).
const FollowUpMarker = "still to do after applying: "

// FollowUp returns what a fix's message says is still to do after
// applying it, or "".
func FollowUp(message string) string {
	_, after, _ := strings.Cut(message, FollowUpMarker)
	return after
}

// A CreateFile is a file a fix creates, such as the next migration.
type CreateFile struct {
	Path    string
	Content []byte
}

// An Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File       *File
	Start, End int
	New        string
}

// MaxLength is the longest string the column holds, from a declared length
// (varchar(64), @db.VarChar(64), char(36)); 0 when unbounded or unknown.
// A key a fix generates must fit it.
func (c *Column) MaxLength() int {
	for _, t := range []string{c.NativeType(), c.Type} {
		lt := strings.ToLower(t)
		if !strings.Contains(lt, "char") && !strings.Contains(lt, "string") {
			continue
		}
		if n, ok := typeLength(lt); ok && n > 0 {
			return n
		}
	}
	return 0
}
