package prisma

import (
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
	var blocks []*block
	for _, f := range files {
		if f == nil {
			continue
		}
		m.Files = append(m.Files, f)
		p := parseFile(f)
		f.Syntax = Syntax{}
		f.Comments = p.comments
		// Lexer errors (bad UTF-8 in comments and strings) and syntax
		// errors are recorded separately; report them in source order.
		slices.SortStableFunc(p.errs, func(a, b *schema.ParseError) int { return a.Pos.Offset - b.Pos.Offset })
		m.Errors = append(m.Errors, p.errs...)
		blocks = append(blocks, p.blocks...)
	}
	b := builder{m: m, kinds: map[string]string{}, dups: map[*block][]bool{}}
	b.build(blocks)
	return m
}

type builder struct {
	m     *schema.Model
	kinds map[string]string // type name → block kind (model, enum, type, view)
	dups  map[*block][]bool // per block, the fields that repeat an earlier name (nil when none)
	ds    *block
}

var scalarTypes = map[string]bool{
	"String": true, "Boolean": true, "Int": true, "BigInt": true, "Float": true,
	"Decimal": true, "DateTime": true, "Json": true, "Bytes": true,
}

func (b *builder) build(blocks []*block) {
	for _, bl := range blocks {
		switch bl.kind {
		case "datasource":
			b.datasource(bl)
		case "model", "view", "enum", "type":
			if prev, ok := b.kinds[bl.name]; ok {
				b.errorf(bl, bl.nameStart, "%s %q is already defined as %s", bl.kind, bl.name, article(prev))
				continue
			}
			b.kinds[bl.name] = bl.kind
			b.dups[bl] = b.duplicateFields(bl)
		}
	}
	for _, bl := range blocks {
		if bl.kind == "model" {
			b.table(bl)
		}
	}
}

// duplicateFields reports each field (or enum value) of bl whose name an
// earlier one has, as Prisma rejects them, and returns which they are (nil
// when none). The first definition is the one the model keeps.
func (b *builder) duplicateFields(bl *block) []bool {
	var dup []bool
	seen := make(map[string]int, len(bl.fields))
	for i := range bl.fields {
		fd := &bl.fields[i]
		name := fd.name(bl.src)
		first, ok := seen[name]
		if !ok {
			seen[name] = i
			continue
		}
		what := "field"
		if bl.kind == "enum" {
			what = "value"
		}
		b.errorf(bl, fd.nameStart, "%s %q is already defined in %s %q at %s", what, name, bl.kind, bl.name,
			bl.file.Position(bl.fields[first].nameStart))
		if dup == nil {
			dup = make([]bool, len(bl.fields))
		}
		dup[i] = true
	}
	return dup
}

func article(kind string) string {
	if kind == "enum" {
		return "an enum"
	}
	return "a " + kind
}

func (b *builder) errorf(bl *block, off int, format string, args ...any) {
	b.m.Errors = append(b.m.Errors, bl.file.Errorf(off, format, args...))
}

func (b *builder) datasource(bl *block) {
	if b.ds != nil {
		b.errorf(bl, bl.start, "more than one datasource: %q is already declared at %s", b.ds.name, b.ds.file.Position(b.ds.start))
		return
	}
	b.ds = bl
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
// scalars, enums and composite types are; relation fields are not.
func (b *builder) isColumn(src string, f *field) bool {
	if hasAttr(f.attrs, "relation") {
		return false
	}
	typ := f.typ(src)
	if scalarTypes[typ] || strings.HasPrefix(typ, "Unsupported(") {
		return true
	}
	switch b.kinds[typ] {
	case "enum", "type":
		return true
	}
	// A model, a view or an unknown name: a relation (an unknown name may
	// be a model of a file that was not given).
	return false
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

func (b *builder) table(bl *block) {
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
	names := make([]string, len(bl.fields))
	for i := range bl.fields {
		fd := &bl.fields[i]
		names[i] = fd.name(bl.src)
		if n := stringArg(findAttr(fd.attrs, "map"), ""); n != "" {
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

	// One allocation for all columns of the table.
	ncol := 0
	for i := range bl.fields {
		if b.isColumn(bl.src, &bl.fields[i]) && (b.dups[bl] == nil || !b.dups[bl][i]) {
			ncol++
		}
	}
	cols := make([]schema.Column, ncol)
	t.Columns = make([]*schema.Column, 0, ncol)
	dup := b.dups[bl]
	for i := range bl.fields {
		fd := &bl.fields[i]
		name := names[i]
		if dup != nil && dup[i] {
			continue // reported by duplicateFields
		}
		if b.isColumn(bl.src, fd) {
			c := &cols[len(t.Columns)]
			b.column(c, bl, fd, name)
			t.Columns = append(t.Columns, c)
		}
		for j := range fd.attrs {
			a := &fd.attrs[j]
			var kind schema.UniqueKind
			switch a.name {
			case "id":
				kind = schema.PrimaryKey
			case "unique":
				kind = schema.UniqueConstraint
			default:
				continue
			}
			t.Uniques = append(t.Uniques, &schema.Unique{
				Name:  constraintName(a),
				Kind:  kind,
				Parts: []schema.IndexPart{{Column: name}},
				Where: where(f, a, phys),
				Span:  f.Span(a.start, a.end),
			})
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
		u := &schema.Unique{
			Name:  constraintName(a),
			Kind:  kind,
			Where: where(f, a, phys),
			Span:  f.Span(a.start, a.end),
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
		Span:      f.Span(fd.nameStart, fd.end),
		NameSpan:  f.Span(fd.nameStart, fd.nameEnd),
		TypeSpan:  f.Span(fd.typStart, fd.typEnd),
	}
	for j := range fd.attrs {
		a := &fd.attrs[j]
		switch {
		case strings.HasPrefix(a.name, "db."):
			c.NativeType = f.Span(a.start+len("@db."), a.end).Text()
		case a.name == "default":
			v := a.arg("")
			if v == nil {
				continue
			}
			c.Default = &schema.Default{
				Expr:       f.Span(v.start, v.end).Text(),
				InDatabase: !clientDefault(v),
				Span:       f.Span(a.start, a.end),
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
