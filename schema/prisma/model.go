package prisma

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

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
	s := scratchPool.Get().(*scratch)
	m := s.parse(files)
	scratchPool.Put(s)
	return m
}

// parse is ParseFiles with s's memory; it leaves s reset.
func (s *scratch) parse(files []*schema.File) *schema.Model {
	m := &schema.Model{}
	if len(files) > 0 {
		m.Files = make([]*schema.File, 0, len(files))
	}
	b, p := &s.b, &s.p
	b.m = m
	// A block takes a few hundred bytes at least: room for the type names
	// of most schemas.
	size := 0
	for _, f := range files {
		if f != nil {
			size += len(f.Src)
		}
	}
	blocks := min(size/640+16, 4096)
	if n := max(64, 1<<bits.Len(uint(2*blocks))); len(b.typeSlots) < n {
		b.typeSlots = make([]int32, n)
	}
	b.types = slices.Grow(b.types, blocks)
	b.m.Tables = make([]*schema.Table, 0, blocks)
	if b.slots == nil {
		b.slots = make([]int32, 256)
	}
	emit := b.block
	for _, f := range files {
		if f == nil {
			continue
		}
		m.Files = append(m.Files, f)
		p.read(f, emit)
		f.Syntax = Syntax{}
		f.Comments = p.comments
		// Lexer errors (bad UTF-8 in comments and strings) and syntax
		// errors are recorded separately; report them in source order.
		slices.SortStableFunc(p.errs, func(a, b *schema.ParseError) int { return a.Pos.Offset - b.Pos.Offset })
		m.Errors = append(m.Errors, p.errs...)
	}
	b.finish()
	s.reset()
	return m
}

// A scratch is the memory a parse uses and then drops: the parser's
// lists and the builder's tables, kept for the next parse (a language
// server reads the schema again at every edit) so that a parse allocates
// little more than its model.
type scratch struct {
	p parser
	b builder
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// reset readies s for the next parse. It keeps only the lists, emptied
// and with no pointer left in them, so that a kept scratch holds on to no
// model and no source: everything else (the model's chunks, the files,
// the comments and errors handed to the model) is dropped.
func (s *scratch) reset() {
	p, b := &s.p, &s.b
	clear(p.errs[:cap(p.errs)])
	s.p = parser{
		lexer:  lexer{errs: p.errs[:0]},
		fields: p.fields[:0], fattrs: p.fattrs[:0], battrs: p.battrs[:0],
		argStack: p.argStack[:0], argPool: p.argPool[:0],
		elemStack: p.elemStack[:0], elemPool: p.elemPool[:0],
	}
	clear(b.typeSlots)
	clear(b.types[:cap(b.types)])
	clear(b.pending[:cap(b.pending)])
	clear(b.mapped[:cap(b.mapped)])
	s.b = builder{
		typeSlots: b.typeSlots, types: b.types[:0], pending: b.pending[:0],
		slots: b.slots, first: b.first[:0], dup: b.dup[:0],
		mapIdx: b.mapIdx[:0], mapped: b.mapped[:0], what: b.what[:0], waits: b.waits[:0],
	}
}

// A builder turns blocks into the model one at a time, as the parser
// reads them. Whether a field whose type is a name is a column depends on
// what that name is (an enum or composite type: a column; a model: a
// relation), and the name may be defined further on: such a field is
// given a column at once, and the column is dropped when the name turns out
// to be a model or a view, or in finish when it is never defined.
type builder struct {
	m *schema.Model
	// typeSlots finds a type name's entry in types: the names of blocks,
	// and the names fields use as types before they are defined. One table
	// answers both what a name is and which columns wait for it. (A sorted
	// slice cost more: each insertion moved half of it, strings and all,
	// through the garbage collector's write barrier; a second map for the
	// waiting columns cost a lookup, an insertion and a deletion more.)
	// It is an open-addressing set of indexes in types plus one (zero is
	// empty), at most half full: a map[string]int32 cost twice as much, its
	// hash of the whole name most of it.
	typeSlots []int32
	types     []typeName
	ds        struct {
		name  string
		file  *schema.File
		start int
	}
	errs    []*schema.ParseError // reported after the files' syntax errors
	pending []pendingColumn      // in the order of their tables and fields

	// Columns are carved from chunks that fill their size class;
	// free holds the zeroed columns of dropped fields, for reuse.
	colChunk       []schema.Column
	free           []*schema.Column
	uniqueChunk    []schema.Unique
	tableChunk     []schema.Table
	defaultChunk   []schema.Default
	partChunk      []schema.IndexPart
	colPtrChunk    []*schema.Column
	uniquePtrChunk []*schema.Unique

	// Scratch, reused from block to block.
	slots []int32 // duplicateFields' set of names
	first []int32 // per field, the first field of that name
	dup   []bool
	// Per field, its @map name's index in mapped plus one, or 0 when the
	// column has the field's name: no string per field, so filling them
	// costs no write barrier while the collector runs.
	mapIdx []int32
	mapped []string
	what   []uint8 // per field: fieldRelation, fieldColumn or fieldPending
	waits  []int32 // per pending field: its type's index in types
}

// Attribute codes the builder reads on a field (see field.codes).
const (
	tableCodes  = 1<<aMap | 1<<aRelation | 1<<aID | 1<<aUnique
	keyCodes    = 1<<aID | 1<<aUnique
	columnCodes = 1<<aDB | 1<<aDefault
)

var blockKinds = [...]string{"model", "view", "enum", "type"}

// A typeName is what a name used as a type is: the kind of the block that
// first defined it, or undefined yet, and then the last pending column of
// that type (an index in pending, plus one), so that the block defining it
// settles its columns by following their chain, not by scanning them all.
type typeName struct {
	name        string
	kind        uint8 // an index in blockKinds, or undefinedKind
	lastPending int32
}

const undefinedKind = 255

func kindCode(kind string) uint8 {
	return uint8(slices.Index(blockKinds[:], kind))
}

// typeName returns the entry of name, adding one (undefined) when name
// has none. The pointer is valid until the next call.
func (b *builder) typeName(name string) *typeName {
	return &b.types[b.typeIndex(name)]
}

// typeIndex returns the index of name's entry in types, adding one.
func (b *builder) typeIndex(name string) int32 {
	slots := b.typeSlots
	shift := 64 - bits.Len(uint(len(slots)-1))
	mask := len(slots) - 1
	for j := int(nameHash(name) * 0x9E3779B97F4A7C15 >> shift); ; j = (j + 1) & mask {
		s := slots[j]
		if s == 0 {
			i := int32(len(b.types))
			b.types = append(b.types, typeName{name: name, kind: undefinedKind})
			slots[j] = i + 1
			if 2*len(b.types) > len(slots) {
				b.growTypeSlots()
			}
			return i
		}
		if b.types[s-1].name == name {
			return s - 1
		}
	}
}

// growTypeSlots doubles typeSlots, keeping it at most half full.
func (b *builder) growTypeSlots() {
	slots := make([]int32, 2*len(b.typeSlots))
	shift := 64 - bits.Len(uint(len(slots)-1))
	mask := len(slots) - 1
	for i := range b.types {
		j := int(nameHash(b.types[i].name) * 0x9E3779B97F4A7C15 >> shift)
		for slots[j] != 0 {
			j = (j + 1) & mask
		}
		slots[j] = int32(i) + 1
	}
	b.typeSlots = slots
}

// A pendingColumn is a column whose field's type (col.Type) was not yet
// defined when its model was read.
type pendingColumn struct {
	table *schema.Table
	col   *schema.Column // nil once settled
	prev  int32          // the previous pending column of its type, plus one; 0 for none
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
		if tn := b.typeName(bl.name); tn.kind != undefinedKind {
			b.errorf(bl, bl.nameStart, "%s %q is already defined as %s", bl.kind, bl.name, article(blockKinds[tn.kind]))
		} else {
			tn.kind = kindCode(bl.kind)
			b.resolve(tn, bl.kind)
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
func (b *builder) resolve(tn *typeName, kind string) {
	i := tn.lastPending
	if i == 0 {
		return // most names settle nothing
	}
	tn.lastPending = 0
	keep := kind == "enum" || kind == "type"
	for i != 0 {
		pc := &b.pending[i-1]
		if !keep {
			b.dropColumn(*pc)
		}
		pc.col = nil
		i = pc.prev
	}
}

// dropColumn removes a pending column from its table and frees it.
func (b *builder) dropColumn(pc pendingColumn) {
	// Searched from the end: relation fields mostly come last in a model,
	// so few columns are compared and fewer moved.
	cols := pc.table.Columns
	for i := len(cols) - 1; i >= 0; i-- {
		if cols[i] == pc.col {
			pc.table.Columns = slices.Delete(cols, i, i+1)
			break
		}
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
		// Grow rounds the capacity up to fill the allocation's size class:
		// 42 columns of 96 bytes and the allocation's header fill 4 KB.
		b.colChunk = slices.Grow([]schema.Column(nil), 42)
	}
	b.colChunk = b.colChunk[:len(b.colChunk)+1]
	return &b.colChunk[len(b.colChunk)-1]
}

// finish drops the columns of fields whose type was never defined (a
// relation to a model of a file that was not given), and reports the
// model's errors after the syntax errors.
func (b *builder) finish() {
	for _, pc := range b.pending {
		if pc.col != nil {
			b.dropColumn(pc)
		}
	}
	b.m.Errors = append(b.m.Errors, b.errs...)
	if len(b.m.Tables) == 0 {
		b.m.Tables = nil // as when none was ever added
	}
}

// markDuplicate marks field i of a block of n as a repeat of field first,
// making the marks (reused from block to block) on the first repeat.
func (b *builder) markDuplicate(dup []bool, n, i int, first int32) []bool {
	if dup == nil {
		b.dup = append(b.dup[:0], make([]bool, n)...)
		b.first = slices.Grow(b.first[:0], n)[:n]
		dup = b.dup
	}
	dup[i] = true
	b.first[i] = first
	return dup
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
	if !bl.maybeRepeats {
		return nil // no two names share a bit of the parser's filter
	}
	if n <= 64 {
		// Most blocks: the parser's filter of the names' hashes says
		// which names may repeat an earlier one, and only those are
		// compared with the names before them (a set cost more than the
		// rest of the check).
		var dup []bool
		for i := range bl.fields {
			if !bl.fields[i].maybeRepeat {
				continue
			}
			name, h := bl.fields[i].name(bl.src), bl.fields[i].hash
			for j := range i {
				if bl.fields[j].hash != h || bl.fields[j].name(bl.src) != name {
					continue
				}
				dup = b.markDuplicate(dup, n, i, int32(j))
				break
			}
		}
		if dup == nil {
			return nil
		}
		b.reportDuplicates(bl, dup)
		return dup
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
		j := nameHash(name) & mask
		for slots[j] != 0 && bl.fields[slots[j]-1].name(bl.src) != name {
			j = (j + 1) & mask
		}
		if slots[j] == 0 {
			slots[j] = int32(i) + 1
			continue
		}
		dup = b.markDuplicate(dup, n, i, slots[j]-1)
	}
	if dup == nil {
		return nil
	}
	b.reportDuplicates(bl, dup)
	return dup
}

// reportDuplicates reports the fields of bl that dup marks, each with the
// first field of its name (b.first).
func (b *builder) reportDuplicates(bl *block, dup []bool) {
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
}

// nameHash is a cheap hash of a field name for duplicateFields' set: its
// length and its first and last two bytes tell a model's field names apart
// well enough, and collisions only cost a comparison. (maphash cost more
// than the rest of the search.)
// nameHash8 is the well-mixed top byte of nameHash.
func nameHash8(name string) uint8 { return uint8(nameHash(name) * 0x9E3779B97F4A7C15 >> 56) }

func nameHash(name string) uint64 {
	n := len(name)
	if n == 0 {
		return 0
	}
	h := uint64(n)*0x9E3779B97F4A7C15 ^ uint64(name[0])<<8 ^ uint64(name[n-1])
	if n > 2 {
		h ^= uint64(name[1])<<16 ^ uint64(name[n-2])<<24
	}
	return h ^ h>>29
}

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
		if d, ok := schema.ParseDialect(bl.text(&pr.value)); ok {
			b.m.Dialect = d
		}
		b.m.DialectSpan = bl.file.Span(int(pr.value.start), int(pr.value.end))
	}
}

// isColumnType reports whether a field of type typ (and no @relation) is
// stored in a column of its model's table: scalars, enums and composite
// types are; relation fields are not. When that depends on a type name not
// defined yet, known is false.
//
// For a name not defined yet it also returns the index of the name's
// entry in types, where the column is to wait.
func (b *builder) isColumnType(typ string) (column, known bool, wait int32) {
	if isScalar(typ) || strings.HasPrefix(typ, "Unsupported(") {
		return true, true, 0
	}
	i := b.typeIndex(typ)
	k := b.types[i].kind
	if k == undefinedKind {
		return false, false, i
	}
	// A model or a view: a relation. (An unknown name, which may be a model
	// of a file that was not given, is one too; see finish.)
	kind := blockKinds[k]
	return kind == "enum" || kind == "type", true, 0
}

func findAttr(attrs []attribute, code attrCode) *attribute {
	for i := range attrs {
		if attrs[i].code == code {
			return &attrs[i]
		}
	}
	return nil
}

// stringArg returns the string value of argument name (or the first
// positional argument for "").
func stringArg(bl *block, a *attribute, name string) string {
	if a == nil {
		return ""
	}
	if e := bl.attrArg(a, name); e != nil && e.kind == eString {
		return bl.text(e)
	}
	return ""
}

// What a model's field becomes, decided once per field in table.
const (
	fieldRelation uint8 = iota // a relation, or a repeated name
	fieldColumn                // a column
	fieldPending               // a column until its type turns out to be a model
)

// table adds the table of model bl; dup marks its fields that repeat an
// earlier field's name (nil when none).
func (b *builder) table(bl *block, dup []bool) {
	f := bl.file
	t := b.newTable()
	t.Name = bl.name
	t.ModelName = bl.name
	t.Span = f.Span(bl.start, bl.end)
	t.NameSpan = f.Span(bl.nameStart, bl.nameEnd)
	if n := stringArg(bl, findAttr(bl.attrs, aMap), ""); n != "" {
		t.Name = n
	}
	t.Namespace = stringArg(bl, findAttr(bl.attrs, aSchema), "")

	// One pass over the fields' attributes: their physical names (field
	// names resolve only once the whole model is read: @@unique may come
	// before the fields it names), whether each is a column, and how many
	// keys the table has.
	nf := len(bl.fields)
	b.mapIdx = slices.Grow(b.mapIdx[:0], nf)[:nf]
	b.mapped = b.mapped[:0]
	b.what = slices.Grow(b.what[:0], nf)[:nf]
	b.waits = slices.Grow(b.waits[:0], nf)[:nf]
	mapIdx, what := b.mapIdx, b.what
	ncol, nu := 0, 0
	for i := range bl.fields {
		fd := &bl.fields[i]
		mapIdx[i] = 0
		what[i] = fieldRelation
		relation := false
		if fd.codes&tableCodes != 0 {
			var mapAttr *attribute
			fattrs := bl.attrsOf(fd)
			for j := range fattrs {
				switch fattrs[j].code {
				case aMap:
					if mapAttr == nil {
						mapAttr = &fattrs[j]
					}
				case aRelation:
					relation = true
				case aID, aUnique:
					nu++
				}
			}
			if n := stringArg(bl, mapAttr, ""); n != "" {
				b.mapped = append(b.mapped, n)
				mapIdx[i] = int32(len(b.mapped))
			}
			if dup != nil && dup[i] {
				nu -= countKeys(fattrs) // reported by duplicateFields
				continue
			}
		}
		if relation || dup != nil && dup[i] {
			continue
		}
		switch col, known, wait := b.isColumnType(fd.typ(bl.src)); {
		case !known:
			what[i] = fieldPending
			b.waits[i] = wait
			ncol++
		case col:
			what[i] = fieldColumn
			ncol++
		}
	}
	nu += countKeys(bl.attrs)
	physOf := func(i int) string {
		if m := mapIdx[i]; m != 0 {
			return b.mapped[m-1]
		}
		return bl.fields[i].name(bl.src)
	}
	phys := func(name string) string {
		head, rest, dotted := strings.Cut(name, ".")
		h := nameHash8(head)
		for i := range bl.fields {
			if bl.fields[i].hash == h && bl.fields[i].name(bl.src) == head {
				head = physOf(i)
				break
			}
		}
		if dotted {
			return head + "." + rest
		}
		return head
	}

	t.Columns = b.colPtrs(ncol)
	if nu > 0 {
		t.Uniques = b.uniquePtrs(nu)
	}
	for i := range bl.fields {
		fd := &bl.fields[i]
		if dup != nil && dup[i] {
			continue
		}
		name := physOf(i)
		if what[i] != fieldRelation {
			c := b.newColumn()
			b.column(c, bl, fd, name)
			t.Columns = append(t.Columns, c)
			if what[i] == fieldPending {
				tn := &b.types[b.waits[i]]
				b.pending = append(b.pending, pendingColumn{table: t, col: c, prev: tn.lastPending})
				tn.lastPending = int32(len(b.pending))
			}
		}
		if fd.codes&keyCodes == 0 {
			continue
		}
		fattrs := bl.attrsOf(fd)
		for j := range fattrs {
			a := &fattrs[j]
			kind, ok := keyKind(a.code)
			if !ok {
				continue
			}
			u := b.newUnique()
			u.Name = constraintName(bl, a)
			u.Kind = kind
			u.Parts = b.parts(1)
			u.Parts[0].Column = name
			u.Where = where(bl, a, phys)
			u.Span = f.Span(int(a.start), int(a.end))
			t.Uniques = append(t.Uniques, u)
		}
	}
	for i := range bl.attrs {
		a := &bl.attrs[i]
		kind, ok := keyKind(a.code)
		if !ok {
			continue
		}
		u := b.newUnique()
		u.Name = constraintName(bl, a)
		u.Kind = kind
		u.Where = where(bl, a, phys)
		u.Span = f.Span(int(a.start), int(a.end))
		fields := bl.attrArg(a, "fields")
		if fields == nil {
			fields = bl.attrArg(a, "")
		}
		if fields != nil {
			u.Parts = b.indexParts(bl, fields, phys)
		}
		t.Uniques = append(t.Uniques, u)
	}
	// Field attributes were collected before block attributes; give them
	// back their source order.
	slices.SortStableFunc(t.Uniques, func(a, b *schema.Unique) int { return a.Span.Start - b.Span.Start })
	b.m.Tables = append(b.m.Tables, t)
}

// keyKind says which key attribute name (@id, @unique, @@id, @@unique)
// declares.
func keyKind(code attrCode) (schema.UniqueKind, bool) {
	switch code {
	case aID:
		return schema.PrimaryKey, true
	case aUnique:
		return schema.UniqueConstraint, true
	}
	return 0, false
}

// countKeys counts the key attributes among attrs.
func countKeys(attrs []attribute) int {
	n := 0
	for i := range attrs {
		if _, ok := keyKind(attrs[i].code); ok {
			n++
		}
	}
	return n
}

// The model's objects and lists are carved from chunks that fill their
// size class (slices.Grow rounds a capacity up to it): a few allocations
// per schema rather than a few per model. A chunk lives as long as any of
// its objects, that is as long as the model.

func (b *builder) newUnique() *schema.Unique {
	if len(b.uniqueChunk) == cap(b.uniqueChunk) {
		b.uniqueChunk = slices.Grow([]schema.Unique(nil), 16)
	}
	b.uniqueChunk = b.uniqueChunk[:len(b.uniqueChunk)+1]
	return &b.uniqueChunk[len(b.uniqueChunk)-1]
}

func (b *builder) newTable() *schema.Table {
	if len(b.tableChunk) == cap(b.tableChunk) {
		b.tableChunk = slices.Grow([]schema.Table(nil), 16)
	}
	b.tableChunk = b.tableChunk[:len(b.tableChunk)+1]
	return &b.tableChunk[len(b.tableChunk)-1]
}

func (b *builder) newDefault() *schema.Default {
	if len(b.defaultChunk) == cap(b.defaultChunk) {
		b.defaultChunk = slices.Grow([]schema.Default(nil), 32)
	}
	b.defaultChunk = b.defaultChunk[:len(b.defaultChunk)+1]
	return &b.defaultChunk[len(b.defaultChunk)-1]
}

// carve returns an empty slice of capacity n from *chunk (a new chunk of
// at least min items when it has no room): appends up to n fill it, and a
// later one reallocates rather than overwrite a neighbour.
func carve[T any](chunk *[]T, n, min int) []T {
	if n == 0 {
		return make([]T, 0) // empty, not nil, as make gave before
	}
	if cap(*chunk)-len(*chunk) < n {
		*chunk = slices.Grow([]T(nil), max(n, min))
	}
	l := len(*chunk)
	*chunk = (*chunk)[:l+n]
	return (*chunk)[l : l : l+n]
}

func (b *builder) colPtrs(n int) []*schema.Column { return carve(&b.colPtrChunk, n, 256) }

func (b *builder) uniquePtrs(n int) []*schema.Unique { return carve(&b.uniquePtrChunk, n, 64) }

// parts returns n zero parts.
func (b *builder) parts(n int) []schema.IndexPart {
	p := carve(&b.partChunk, n, 32)
	return p[:n]
}

// constraintName prefers map: (the physical name) over name: (the name
// Prisma Client uses).
func constraintName(bl *block, a *attribute) string {
	if n := stringArg(bl, a, "map"); n != "" {
		return n
	}
	return stringArg(bl, a, "name")
}

// indexParts turns [a, b(sort: Desc), c.d] into parts with physical names.
// A single field may also be given without brackets.
func (b *builder) indexParts(bl *block, e *expr, phys func(string) string) []schema.IndexPart {
	elems := unsafe.Slice(e, 1) // no copy of e on the heap
	if e.kind == eArray {
		elems = bl.elems(e)
	}
	parts := b.parts(len(elems))
	for i := range elems {
		el := &elems[i]
		switch el.kind {
		case ePath, eCall:
			parts[i].Column = phys(bl.text(el))
		default:
			parts[i].Expr = bl.text(el)
		}
	}
	return parts
}

// column fills c, a zero column, from field fd. Its fields are set one by
// one: assigning a whole struct literal would copy it with a write barrier
// over every pointer field.
func (b *builder) column(c *schema.Column, bl *block, fd *field, name string) {
	f := bl.file
	c.Name = name
	c.Type = fd.typ(bl.src)
	c.Nullable = fd.optional
	c.Span = f.Span(int(fd.nameStart), int(fd.end))
	c.SetNameTypeAt(fd.nameStart, fd.nameEnd, fd.typStart, fd.typEnd)
	if fn := fd.name(bl.src); fn == name {
		c.SetFieldName(fn)
	} else {
		// Renamed by @map: the field's name is at NameSpan, kept as a
		// flag, no string.
		c.SetFieldNameAt(fd.nameStart, fd.nameEnd)
	}
	if fd.codes&columnCodes == 0 {
		return
	}
	fattrs := bl.attrsOf(fd)
	for j := range fattrs {
		a := &fattrs[j]
		switch a.code {
		case aDB:
			if int(a.start)+len("@db.") <= int(a.end) {
				c.SetNativeTypeAt(a.start+int32(len("@db.")), a.end)
			}
		case aDefault:
			v := bl.attrArg(a, "")
			if v == nil {
				continue
			}
			d := b.newDefault()
			d.Expr = bl.src[v.start:v.end]
			d.InDatabase = !clientDefault(bl, v)
			d.Span = f.Span(int(a.start), int(a.end))
			c.Default = d
		}
	}
}

// clientDefault reports whether Prisma Client, not the database, computes
// default e.
func clientDefault(bl *block, e *expr) bool {
	if e.kind != eCall {
		return false
	}
	switch bl.text(e) {
	case "uuid", "cuid", "nanoid", "ulid":
		return true
	}
	return false
}

// where renders the where: argument of a partial index (the
// partialIndexes preview) as SQL over physical column names.
func where(bl *block, a *attribute, phys func(string) string) string {
	w := bl.attrArg(a, "where")
	if w == nil {
		return ""
	}
	switch w.kind {
	case eCall:
		if bl.text(w) == "raw" {
			if s := bl.arg(w, ""); s != nil && s.kind == eString {
				return bl.text(s)
			}
		}
	case eObject:
		if sql, ok := objectSQL(bl, w, phys); ok {
			return sql
		}
	case eString:
		return bl.text(w)
	}
	// A shape this reader does not know: the index is still partial, so
	// keep its text rather than call it total.
	return strings.Join(strings.Fields(bl.file.Span(int(w.start), int(w.end)).Text()), " ")
}

// objectSQL renders { a: null, b: { not: null }, c: "x" }.
func objectSQL(bl *block, obj *expr, phys func(string) string) (string, bool) {
	var terms []string
	members := bl.args(obj)
	for i := range members {
		col := phys(members[i].name(bl.src))
		v := &members[i].value
		if v.kind != eObject {
			lit, ok := sqlLiteral(bl, v)
			if !ok {
				return "", false
			}
			terms = append(terms, comparison(col, "=", lit))
			continue
		}
		ops := bl.args(v)
		for j := range ops {
			op, ok := sqlOps[ops[j].name(bl.src)]
			if !ok {
				return "", false
			}
			lit, ok := sqlLiteral(bl, &ops[j].value)
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

func sqlLiteral(bl *block, e *expr) (string, bool) {
	text := bl.text(e)
	switch e.kind {
	case eString:
		return "'" + strings.ReplaceAll(text, "'", "''") + "'", true
	case eNumber:
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			return "", false
		}
		return text, true
	case ePath:
		switch text {
		case "null":
			return "NULL", true
		case "true", "false":
			return text, true
		}
		if !strings.Contains(text, ".") {
			return "'" + text + "'", true // an enum value is stored as its name
		}
	}
	return "", false
}
