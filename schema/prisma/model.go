package prisma

import (
	"hash/maphash"
	"slices"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// Parse reads one Prisma schema file.
func Parse(path string, src []byte) *schema.Model {
	return ParseFiles([]*schema.File{schema.NewFile(path, src)})
}

// ParseFiles reads the files of one Prisma schema (a prisma/schema/ folder
// holds many) into one model: models may refer to each other across files
// and the datasource may be in any of them.
func ParseFiles(files []*schema.File) *schema.Model {
	m := &schema.Model{}
	if len(files) > 0 {
		m.Files = make([]*schema.File, 0, len(files))
	}
	b := builder{m: m}
	// A block takes a few hundred bytes at least: room for the type names
	// of most schemas.
	size := 0
	for _, f := range files {
		if f != nil {
			size += len(f.Src)
		}
	}
	b.kinds = make([]kindOf, 0, min(size/640+16, 4096))
	b.m.Tables = make([]*schema.Table, 0, cap(b.kinds))
	b.slots = make([]int32, 256)
	var p parser
	for _, f := range files {
		if f == nil {
			continue
		}
		m.Files = append(m.Files, f)
		p.read(f, b.block)
		f.Syntax = Syntax{}
		f.Comments = p.comments
		// Lexer errors (bad UTF-8 in comments and strings) and syntax
		// errors are recorded separately; report them in source order.
		slices.SortStableFunc(p.errs, func(a, b *schema.ParseError) int { return a.Pos.Offset - b.Pos.Offset })
		m.Errors = append(m.Errors, p.errs...)
	}
	b.finish()
	return m
}

// A builder turns blocks into the model one at a time, as the parser
// reads them. Whether a field whose type is a name is a column depends on
// what that name is (an enum or composite type: a column; a model: a
// relation), and the name may be defined further on: such a field is
// given a column at once, and the column is dropped when the name turns out
// to be a model or a view, or in finish when it is never defined.
type builder struct {
	m     *schema.Model
	kinds []kindOf // sorted by name: each type name's first definition
	ds    struct {
		name  string
		file  *schema.File
		start int
	}
	errs    []*schema.ParseError // reported after the files' syntax errors
	pending []pendingColumn      // in the order of their tables and fields

	// Columns are carved from chunks that fill their size class;
	// free holds the zeroed columns of dropped fields, for reuse.
	colChunk    []schema.Column
	free        []*schema.Column
	uniqueChunk []schema.Unique

	// Scratch, reused from block to block.
	slots []int32 // duplicateFields' set of names
	first []int32 // per field, the first field of that name
	dup   []bool
	names []string
}

// A kindOf says what a type name is: the kind (model, view, enum, type)
// of the block that defines it first, as an index in blockKinds.
type kindOf struct {
	name string
	kind uint8
}

var blockKinds = [...]string{"model", "view", "enum", "type"}

func kindCode(kind string) uint8 {
	return uint8(slices.Index(blockKinds[:], kind))
}

// kind returns the kind of the block that first defined name, if any.
func (b *builder) kind(name string) (string, bool) {
	i, ok := slices.BinarySearchFunc(b.kinds, name, func(k kindOf, name string) int { return strings.Compare(k.name, name) })
	if !ok {
		return "", false
	}
	return blockKinds[b.kinds[i].kind], true
}

// A pendingColumn is a column whose field's type (col.Type) was not yet
// defined when its model was read.
type pendingColumn struct {
	table *schema.Table
	col   *schema.Column
}

func isScalar(typ string) bool {
	switch typ {
	case "String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes":
		return true
	}
	return false
}

// block adds bl, which is valid only during the call, to the model.
func (b *builder) block(bl *block) {
	switch bl.kind {
	case "datasource":
		b.datasource(bl)
	case "model", "view", "enum", "type":
		var dup []bool
		i, defined := slices.BinarySearchFunc(b.kinds, bl.name, func(k kindOf, name string) int { return strings.Compare(k.name, name) })
		if defined {
			b.errorf(bl, bl.nameStart, "%s %q is already defined as %s", bl.kind, bl.name, article(blockKinds[b.kinds[i].kind]))
		} else {
			b.kinds = slices.Insert(b.kinds, i, kindOf{bl.name, kindCode(bl.kind)})
			b.resolve(bl.name, bl.kind)
			dup = b.duplicateFields(bl)
		}
		if bl.kind == "model" {
			b.table(bl, dup)
		}
	}
}

// resolve settles the pending columns whose type is name, now defined as
// a kind block: enums and composite types keep their columns, the others
// are relations.
func (b *builder) resolve(name, kind string) {
	if !slices.ContainsFunc(b.pending, func(pc pendingColumn) bool { return pc.col.Type == name }) {
		return // most names settle nothing
	}
	keep := kind == "enum" || kind == "type"
	b.pending = slices.DeleteFunc(b.pending, func(pc pendingColumn) bool {
		if pc.col.Type != name {
			return false
		}
		if !keep {
			b.dropColumn(pc)
		}
		return true
	})
}

// dropColumn removes a pending column from its table and frees it.
func (b *builder) dropColumn(pc pendingColumn) {
	if i := slices.Index(pc.table.Columns, pc.col); i >= 0 {
		pc.table.Columns = slices.Delete(pc.table.Columns, i, i+1)
	}
	*pc.col = schema.Column{}
	b.free = append(b.free, pc.col)
}

func (b *builder) newColumn() *schema.Column {
	if n := len(b.free); n > 0 {
		c := b.free[n-1]
		b.free = b.free[:n-1]
		return c
	}
	if len(b.colChunk) == cap(b.colChunk) {
		// Grow rounds the capacity up to fill the allocation's size class.
		b.colChunk = slices.Grow([]schema.Column(nil), 32)
	}
	b.colChunk = b.colChunk[:len(b.colChunk)+1]
	return &b.colChunk[len(b.colChunk)-1]
}

// finish drops the columns of fields whose type was never defined (a
// relation to a model of a file that was not given), and reports the
// model's errors after the syntax errors.
func (b *builder) finish() {
	for _, pc := range b.pending {
		b.dropColumn(pc)
	}
	b.pending = nil
	b.m.Errors = append(b.m.Errors, b.errs...)
	if len(b.m.Tables) == 0 {
		b.m.Tables = nil // as when none was ever added
	}
}

// duplicateFields reports each field (or enum value) of bl whose name an
// earlier one has, as Prisma rejects them, and returns which they are (nil
// when none; valid until the next call). The first definition is the one
// the model keeps.
func (b *builder) duplicateFields(bl *block) []bool {
	n := len(bl.fields)
	if n < 2 {
		return nil
	}
	// An open-addressing set of field indexes (plus one; zero is empty),
	// at most half full, reused from block to block: no map to fill.
	size := 4
	for size < 2*n {
		size *= 2
	}
	if cap(b.slots) < size {
		b.slots = make([]int32, size)
	}
	slots := b.slots[:size]
	clear(slots)
	mask := uint64(size - 1)
	var dup []bool
	for i := range bl.fields {
		name := bl.fields[i].name(bl.src)
		j := maphash.String(nameSeed, name) & mask
		for slots[j] != 0 && bl.fields[slots[j]-1].name(bl.src) != name {
			j = (j + 1) & mask
		}
		if slots[j] == 0 {
			slots[j] = int32(i) + 1
			continue
		}
		if dup == nil {
			b.dup = append(b.dup[:0], make([]bool, n)...)
			b.first = slices.Grow(b.first[:0], n)[:n]
			dup = b.dup
		}
		dup[i] = true
		b.first[i] = slots[j] - 1
	}
	if dup == nil {
		return nil
	}
	what := "field"
	if bl.kind == "enum" {
		what = "value"
	}
	for i := range bl.fields {
		if dup[i] {
			fd := &bl.fields[i]
			b.errorf(bl, int(fd.nameStart), "%s %q is already defined in %s %q at %s", what, fd.name(bl.src), bl.kind, bl.name,
				bl.file.Position(int(bl.fields[b.first[i]].nameStart)))
		}
	}
	return dup
}

var nameSeed = maphash.MakeSeed()

func article(kind string) string {
	if kind == "enum" {
		return "an enum"
	}
	return "a " + kind
}

func (b *builder) errorf(bl *block, off int, format string, args ...any) {
	b.errs = append(b.errs, bl.file.Errorf(off, format, args...))
}

func (b *builder) datasource(bl *block) {
	if b.ds.file != nil {
		b.errorf(bl, bl.start, "more than one datasource: %q is already declared at %s", b.ds.name, b.ds.file.Position(b.ds.start))
		return
	}
	b.ds.name, b.ds.file, b.ds.start = bl.name, bl.file, bl.start
	for i := range bl.props {
		pr := &bl.props[i]
		if pr.key != "provider" || pr.value.kind != eString {
			continue
		}
		if d, ok := schema.ParseDialect(pr.value.text); ok {
			b.m.Dialect = d
		}
		b.m.DialectSpan = bl.file.Span(pr.value.start, pr.value.end)
	}
}

// isColumn reports whether f is stored in a column of its model's table:
// scalars, enums and composite types are; relation fields are not. When
// that depends on a type name not defined yet, known is false.
func (b *builder) isColumn(bl *block, f *field) (column, known bool) {
	if hasAttr(bl.attrsOf(f), "relation") {
		return false, true
	}
	typ := f.typ(bl.src)
	if isScalar(typ) || strings.HasPrefix(typ, "Unsupported(") {
		return true, true
	}
	kind, ok := b.kind(typ)
	if !ok {
		return false, false
	}
	// A model or a view: a relation. (An unknown name, which may be a model
	// of a file that was not given, is one too; see finish.)
	return kind == "enum" || kind == "type", true
}

func hasAttr(attrs []attribute, name string) bool {
	return findAttr(attrs, name) != nil
}

func findAttr(attrs []attribute, name string) *attribute {
	for i := range attrs {
		if attrs[i].name == name {
			return &attrs[i]
		}
	}
	return nil
}

// stringArg returns the string value of argument name (or the first
// positional argument for "").
func stringArg(a *attribute, name string) string {
	if a == nil {
		return ""
	}
	if e := a.arg(name); e != nil && e.kind == eString {
		return e.text
	}
	return ""
}

// table adds the table of model bl; dup marks its fields that repeat an
// earlier field's name (nil when none).
func (b *builder) table(bl *block, dup []bool) {
	f := bl.file
	t := &schema.Table{
		Name:      bl.name,
		ModelName: bl.name,
		Span:      f.Span(bl.start, bl.end),
		NameSpan:  f.Span(bl.nameStart, bl.nameEnd),
	}
	if n := stringArg(findAttr(bl.attrs, "map"), ""); n != "" {
		t.Name = n
	}
	t.Namespace = stringArg(findAttr(bl.attrs, "schema"), "")

	// Field names resolve to physical names only once the whole model is
	// read: @@unique may come before the fields it names.
	b.names = slices.Grow(b.names[:0], len(bl.fields))[:len(bl.fields)]
	names := b.names
	for i := range bl.fields {
		fd := &bl.fields[i]
		names[i] = fd.name(bl.src)
		if n := stringArg(findAttr(bl.attrsOf(fd), "map"), ""); n != "" {
			names[i] = n
		}
	}
	phys := func(name string) string {
		head, rest, dotted := strings.Cut(name, ".")
		for i := range bl.fields {
			if bl.fields[i].name(bl.src) == head {
				head = names[i]
				break
			}
		}
		if dotted {
			return head + "." + rest
		}
		return head
	}

	ncol := 0
	for i := range bl.fields {
		if col, known := b.isColumn(bl, &bl.fields[i]); (col || !known) && (dup == nil || !dup[i]) {
			ncol++
		}
	}
	t.Columns = make([]*schema.Column, 0, ncol)
	if nu := b.countUniques(bl, dup); nu > 0 {
		t.Uniques = make([]*schema.Unique, 0, nu)
	}
	for i := range bl.fields {
		fd := &bl.fields[i]
		name := names[i]
		if dup != nil && dup[i] {
			continue // reported by duplicateFields
		}
		if col, known := b.isColumn(bl, fd); col || !known {
			c := b.newColumn()
			b.column(c, bl, fd, name)
			t.Columns = append(t.Columns, c)
			if !known {
				b.pending = append(b.pending, pendingColumn{table: t, col: c})
			}
		}
		fattrs := bl.attrsOf(fd)
		for j := range fattrs {
			a := &fattrs[j]
			var kind schema.UniqueKind
			switch a.name {
			case "id":
				kind = schema.PrimaryKey
			case "unique":
				kind = schema.UniqueConstraint
			default:
				continue
			}
			u := b.newUnique()
			*u = schema.Unique{
				Name:  constraintName(a),
				Kind:  kind,
				Parts: []schema.IndexPart{{Column: name}},
				Where: where(f, a, phys),
				Span:  f.Span(int(a.start), int(a.end)),
			}
			t.Uniques = append(t.Uniques, u)
		}
	}
	for i := range bl.attrs {
		a := &bl.attrs[i]
		var kind schema.UniqueKind
		switch a.name {
		case "id":
			kind = schema.PrimaryKey
		case "unique":
			kind = schema.UniqueConstraint
		default:
			continue
		}
		u := b.newUnique()
		*u = schema.Unique{
			Name:  constraintName(a),
			Kind:  kind,
			Where: where(f, a, phys),
			Span:  f.Span(int(a.start), int(a.end)),
		}
		fields := a.arg("fields")
		if fields == nil {
			fields = a.arg("")
		}
		if fields != nil {
			u.Parts = indexParts(fields, phys)
		}
		t.Uniques = append(t.Uniques, u)
	}
	// Field attributes were collected before block attributes; give them
	// back their source order.
	slices.SortStableFunc(t.Uniques, func(a, b *schema.Unique) int { return a.Span.Start - b.Span.Start })
	b.m.Tables = append(b.m.Tables, t)
}

// countUniques counts the @id, @unique, @@id and @@unique attributes of
// model bl (but those of fields that repeat a name).
func (b *builder) countUniques(bl *block, dup []bool) int {
	n := 0
	count := func(attrs []attribute) {
		for i := range attrs {
			if attrs[i].name == "id" || attrs[i].name == "unique" {
				n++
			}
		}
	}
	for i := range bl.fields {
		if dup == nil || !dup[i] {
			count(bl.attrsOf(&bl.fields[i]))
		}
	}
	count(bl.attrs)
	return n
}

// newUnique carves keys from chunks that fill their size class.
func (b *builder) newUnique() *schema.Unique {
	if len(b.uniqueChunk) == cap(b.uniqueChunk) {
		b.uniqueChunk = slices.Grow([]schema.Unique(nil), 16)
	}
	b.uniqueChunk = b.uniqueChunk[:len(b.uniqueChunk)+1]
	return &b.uniqueChunk[len(b.uniqueChunk)-1]
}

// constraintName prefers map: (the physical name) over name: (the name
// Prisma Client uses).
func constraintName(a *attribute) string {
	if n := stringArg(a, "map"); n != "" {
		return n
	}
	return stringArg(a, "name")
}

// indexParts turns [a, b(sort: Desc), c.d] into parts with physical names.
// A single field may also be given without brackets.
func indexParts(e *expr, phys func(string) string) []schema.IndexPart {
	elems := []expr{*e}
	if e.kind == eArray {
		elems = e.elems
	}
	parts := make([]schema.IndexPart, 0, len(elems))
	for i := range elems {
		el := &elems[i]
		switch el.kind {
		case ePath, eCall:
			parts = append(parts, schema.IndexPart{Column: phys(el.text)})
		default:
			txt := el.text
			parts = append(parts, schema.IndexPart{Expr: txt})
		}
	}
	return parts
}

func (b *builder) column(c *schema.Column, bl *block, fd *field, name string) {
	f := bl.file
	*c = schema.Column{
		Name:      name,
		FieldName: fd.name(bl.src),
		Type:      fd.typ(bl.src),
		Nullable:  fd.optional,
		Span:      f.Span(int(fd.nameStart), int(fd.end)),
		NameSpan:  f.Span(int(fd.nameStart), int(fd.nameEnd)),
		TypeSpan:  f.Span(int(fd.typStart), int(fd.typEnd)),
	}
	fattrs := bl.attrsOf(fd)
	for j := range fattrs {
		a := &fattrs[j]
		switch {
		case strings.HasPrefix(a.name, "db."):
			if int(a.start)+len("@db.") <= int(a.end) {
				c.NativeType = bl.src[int(a.start)+len("@db.") : a.end]
			}
		case a.name == "default":
			v := a.arg("")
			if v == nil {
				continue
			}
			c.Default = &schema.Default{
				Expr:       bl.src[v.start:v.end],
				InDatabase: !clientDefault(v),
				Span:       f.Span(int(a.start), int(a.end)),
			}
		}
	}
}

// clientDefault reports whether Prisma Client, not the database, computes
// default e.
func clientDefault(e *expr) bool {
	if e.kind != eCall {
		return false
	}
	switch e.text {
	case "uuid", "cuid", "nanoid", "ulid":
		return true
	}
	return false
}

// where renders the where: argument of a partial index (the
// partialIndexes preview) as SQL over physical column names.
func where(f *schema.File, a *attribute, phys func(string) string) string {
	w := a.arg("where")
	if w == nil {
		return ""
	}
	switch w.kind {
	case eCall:
		if w.text == "raw" {
			if s := w.arg(""); s != nil && s.kind == eString {
				return s.text
			}
		}
	case eObject:
		if sql, ok := objectSQL(w, phys); ok {
			return sql
		}
	case eString:
		return w.text
	}
	// A shape this reader does not know: the index is still partial, so
	// keep its text rather than call it total.
	return strings.Join(strings.Fields(f.Span(w.start, w.end).Text()), " ")
}

// objectSQL renders { a: null, b: { not: null }, c: "x" }.
func objectSQL(obj *expr, phys func(string) string) (string, bool) {
	var terms []string
	for i := range obj.args {
		col := phys(obj.args[i].name)
		v := &obj.args[i].value
		if v.kind != eObject {
			lit, ok := sqlLiteral(v)
			if !ok {
				return "", false
			}
			terms = append(terms, comparison(col, "=", lit))
			continue
		}
		for j := range v.args {
			op, ok := sqlOps[v.args[j].name]
			if !ok {
				return "", false
			}
			lit, ok := sqlLiteral(&v.args[j].value)
			if !ok {
				return "", false
			}
			terms = append(terms, comparison(col, op, lit))
		}
	}
	if len(terms) == 0 {
		return "", false
	}
	return strings.Join(terms, " AND "), true
}

var sqlOps = map[string]string{
	"equals": "=", "not": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=",
}

func comparison(col, op, lit string) string {
	if lit == "NULL" {
		switch op {
		case "=":
			return col + " IS NULL"
		case "<>":
			return col + " IS NOT NULL"
		}
	}
	return col + " " + op + " " + lit
}

func sqlLiteral(e *expr) (string, bool) {
	switch e.kind {
	case eString:
		return "'" + strings.ReplaceAll(e.text, "'", "''") + "'", true
	case eNumber:
		if _, err := strconv.ParseFloat(e.text, 64); err != nil {
			return "", false
		}
		return e.text, true
	case ePath:
		switch e.text {
		case "null":
			return "NULL", true
		case "true", "false":
			return e.text, true
		}
		if !strings.Contains(e.text, ".") {
			return "'" + e.text + "'", true // an enum value is stored as its name
		}
	}
	return "", false
}
