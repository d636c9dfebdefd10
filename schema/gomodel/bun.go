package gomodel

import (
	"go/ast"
	"reflect"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

const bunPath = "github.com/uptrace/bun"

// readBun reads the bun models among files into one model: the tables
// NewCreateTable creates from them. A bun struct the module never creates a
// table from is left out (bunCreated says why).
//
// A model is a struct embedding bun.BaseModel, one with bun tags, or any
// struct NewCreateTable is handed by name. What
// NewCreateTable makes of it (github.com/uptrace/bun's table and
// create-table code, checked against the library in internal/dbdiff/bundiff):
//
//   - the table is BaseModel's tag name or `table:`, else the struct name in
//     bun's snake_case, pluralised; a column is the tag's name or
//     `column:`, else the field name in bun's snake_case (bunSnake);
//   - a column is NOT NULL only with `notnull`, `pk` or `autoincrement`,
//     and on PostgreSQL with `identity`; nullzero only changes how a zero
//     value is written;
//   - `unique` is a unique constraint on the column, `unique:group` one
//     over every field of the group (`unique:"a,b"` or the option twice puts
//     the field in two); `default:x` is a database default, and so is a
//     sequence (autoincrement, PostgreSQL's identity, SQLite's INTEGER
//     PRIMARY KEY);
//   - fields with rel: or m2m: are relations, scanonly ones are not
//     created, "-" and unexported fields are skipped, embedded structs are
//     flattened (embed:prefix_ prefixes the columns and the names of their
//     unique groups).
func readBun(files []*goFile, idx *typeIndex, opts Options) *schema.Model {
	m := &schema.Model{}
	m.Dialect, m.DialectFrom = detectDialect(opts, sqlDrivers)
	created, direct := bunCreated(files, idx)
	// The tables of models created by a call that resolves to their
	// declaration, and those declarations: a model created by name alone
	// may be another package's type of that name.
	var shared schema.Model
	var decls []typeDecl
	for _, f := range files {
		for _, d := range f.ast.Decls {
			for _, ts := range structSpecs(d) {
				if !direct[ts] && !created[ts.Name.Name] {
					continue
				}
				if table, ok := bunTableName(f, ts, direct[ts]); ok {
					n := len(m.Tables)
					readBunTable(m, idx, typeDecl{f, ts}, table)
					for _, t := range m.Tables[n:] {
						if direct[ts] {
							shared.Tables = append(shared.Tables, t)
							decls = append(decls, typeDecl{f, ts})
						}
					}
				}
			}
		}
	}
	noteSharedTables(&shared, decls, idx, "NewCreateTable creates", "", "bun's default name or its bun:\"table:…\" tag",
		"The table is created once, as the model whose NewCreateTable runs first declares it (the others fail, or are skipped with IfNotExists)")
	m.Notes = append(m.Notes, shared.Notes...)
	if len(m.Tables) == 0 {
		return nil
	}
	addBunIndexes(m, files, idx)
	return m
}

// A bunTagValue is a parsed bun:"…" tag: the name (the first element when
// it is not key:value) and the options, each with every value it was given.
type bunTagValue struct {
	name string
	opts map[string][]string
	skip bool // the tag is exactly "-": bun ignores the field
}

// has reports whether the tag has option k.
func (t bunTagValue) has(k string) bool { _, ok := t.opts[k]; return ok }

// opt returns the last value of option k, as bun reads a single-valued
// option.
func (t bunTagValue) opt(k string) (string, bool) {
	vs, ok := t.opts[k]
	if !ok {
		return "", false
	}
	return vs[len(vs)-1], true
}

// bunTag parses a field's bun:"…" tag.
func bunTag(fld *ast.Field) (bunTagValue, bool) {
	if fld.Tag == nil {
		return bunTagValue{}, false
	}
	s, err := strconv.Unquote(fld.Tag.Value)
	if err != nil {
		return bunTagValue{}, false
	}
	v, ok := reflect.StructTag(s).Lookup("bun")
	if !ok {
		return bunTagValue{}, false
	}
	return parseBunTag(v), true
}

// parseBunTag reads a tag as bun's tag parser does: an element runs to a
// comma, or is key:value, or is a double-quoted string (what precedes the
// quote in the element is dropped); the first element is the name unless
// it is key:value; a value runs to a comma outside parentheses, and a
// double-quoted value is unquoted (unique:"a,b" keeps its comma); an option
// may be given more than once.
func parseBunTag(s string) bunTagValue {
	t := bunTagValue{opts: map[string][]string{}, skip: s == "-"}
	first := true
	bare := func(key string) {
		if first {
			t.name = key
		} else if key != "" {
			t.opts[key] = append(t.opts[key], "")
		}
		first = false
	}
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] != ',' && s[j] != ':' && s[j] != '"' {
			j++
		}
		switch {
		case j == len(s):
			bare(s[i:])
			i = j
		case s[j] == ',':
			bare(s[i:j])
			i = j + 1
		case s[j] == ':':
			v, next := bunValue(s, j+1)
			if key := s[i:j]; key != "" {
				t.opts[key] = append(t.opts[key], v)
			}
			first = false
			i = next
		default: // a double quote
			var v string
			v, i = bunQuoted(s, j+1)
			bare(v)
		}
		if i < len(s) && s[i] == ',' {
			i++ // bun reads ",," as one comma
		}
	}
	return t
}

// bunValue reads an option's value from s[i:]: up to a comma outside
// parentheses (which it consumes), or a double-quoted string. It returns
// the value and the index after it.
func bunValue(s string, i int) (string, int) {
	start := i
	for i < len(s) {
		c := s[i]
		i++
		switch c {
		case '"':
			return bunQuoted(s, i)
		case ',':
			return s[start : i-1], i
		case '(':
			i = bunSkipParens(s, i)
		}
	}
	return s[start:], len(s)
}

// bunSkipParens returns the index after the parenthesis that closes the
// one before i, skipping quoted strings and nested pairs.
func bunSkipParens(s string, i int) int {
	depth := 0
	for i < len(s) {
		c := s[i]
		i++
		switch c {
		case '"':
			_, i = bunQuoted(s, i)
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return i
}

// bunQuoted reads a double-quoted string whose opening quote is at i-1 and
// returns the text and the index after the closing quote. As bun reads it:
// when the first quote is not escaped, the text up to it is taken as is;
// otherwise backslashes escape, and a string never closed is empty.
func bunQuoted(s string, i int) (string, int) {
	if j := strings.IndexByte(s[i:], '"'); j >= 0 && s[i+j-1] != '\\' {
		return s[i : i+j], i + j + 1
	}
	var b strings.Builder
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '"':
			return b.String(), i + 1
		default:
			b.WriteByte(s[i])
		}
	}
	return "", len(s)
}

// bunSnake is bun's column and table naming (internal.Underscore): an
// upper-case letter starts a word when a lower-case letter is beside it,
// except as the name's last letter; digits start nothing. ItemA is
// itema, Key2ID key2id, UserID user_id, HTTPCode http_code.
func bunSnake(s string) string {
	var b strings.Builder
	lower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			if i > 0 && i+1 < len(s) && (lower(s[i-1]) || lower(s[i+1])) {
				b.WriteByte('_')
			}
			b.WriteByte(c + 'a' - 'A')
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// bunTableName returns the table of a bun model, or false when ts is not
// one: a struct embedding bun.BaseModel, one with a bun tag, or any
// struct handed to NewCreateTable itself (created), whose table bun names
// after the type as it does any model's without a BaseModel tag.
func bunTableName(f *goFile, ts *ast.TypeSpec, created bool) (string, bool) {
	model := created
	table := ""
	for _, fld := range structFields(ts) {
		tag, tagged := bunTag(fld)
		if len(fld.Names) == 0 && isBunBaseModel(f, fld.Type) {
			model = true
			if tagged {
				table = tag.name
				if v, ok := tag.opt("table"); ok {
					table = v
				}
			}
		}
		if tagged {
			model = true
		}
	}
	if !model {
		return "", false
	}
	if table == "" {
		table = plural(bunSnake(ts.Name.Name))
	}
	return table, true
}

// isBunBaseModel reports whether e is bun.BaseModel.
func isBunBaseModel(f *goFile, e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "BaseModel" {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && f.pkgOf(x.Name) == bunPath
}

// bunSequence reports whether NewCreateTable gives the column a sequence
// (a database default that also makes it NOT NULL) in dialect d:
// autoincrement anywhere, identity where bun emits GENERATED BY DEFAULT AS
// IDENTITY (PostgreSQL, SQL Server).
func bunSequence(tag bunTagValue, d schema.Dialect) bool {
	if tag.has("autoincrement") {
		return true
	}
	return tag.has("identity") && (d == schema.PostgreSQL || d == schema.CockroachDB || d == schema.SQLServer)
}

// isGoInteger reports whether a field's Go type is one bun creates as an
// integer column.
func isGoInteger(e ast.Expr) bool {
	id, ok := deref(e).(*ast.Ident)
	if !ok {
		return false
	}
	switch id.Name {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return true
	}
	return false
}

func readBunTable(m *schema.Model, idx *typeIndex, d typeDecl, table string) {
	t := &schema.Table{Name: table, ModelName: d.spec.Name.Name, Span: d.file.span(d.spec), NameSpan: d.file.span(d.spec.Name)}
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		t.Namespace, t.Name = table[:i], table[i+1:]
	}
	groups := map[string]*schema.Unique{}
	var pk *schema.Unique
	// pkFields are the primary key's fields, for SQLite's rowid: a single
	// integer key is an alias of the rowid, which has a value when none is
	// given.
	var pkFields []*ast.Field
	var pkCol *schema.Column
	var walk func(d typeDecl, prefix string, depth int)
	walk = func(d typeDecl, prefix string, depth int) {
		if depth > 8 {
			return
		}
		f := d.file
		addFile(m, f)
		for _, fld := range structFields(d.spec) {
			tag, _ := bunTag(fld)
			if tag.skip || tag.has("rel") || tag.has("m2m") || tag.has("scanonly") {
				continue
			}
			if len(fld.Names) == 0 && isBunBaseModel(f, fld.Type) {
				continue
			}
			if len(fld.Names) == 0 || tag.has("embed") {
				tn := typeString(deref(fld.Type))
				if i := strings.LastIndexByte(tn, '.'); i >= 0 {
					tn = tn[i+1:]
				}
				embedPrefix, _ := tag.opt("embed")
				if ed, ok := idx.resolveModel(f, deref(fld.Type)); ok {
					if _, isStruct := ed.spec.Type.(*ast.StructType); isStruct {
						walk(ed, prefix+embedPrefix, depth+1)
						continue
					}
				}
				if len(fld.Names) == 0 {
					if isPredeclared(tn) {
						continue // bun skips embedded non-struct types
					}
					m.Errors = append(m.Errors, f.sf.Errorf(f.off(fld.Pos()), "embedded %s of %s is declared in no Go file read: its columns are not checked", typeString(fld.Type), t.ModelName))
					continue
				}
			}
			for _, n := range fld.Names {
				if !n.IsExported() {
					continue
				}
				colName := tag.name
				if v, ok := tag.opt("column"); ok {
					colName = v
				}
				if colName == "" {
					colName = bunSnake(n.Name)
				}
				colName = prefix + colName
				native, _ := tag.opt("type")
				seq := bunSequence(tag, m.Dialect)
				notNull := tag.has("notnull") || tag.has("pk") || seq
				col := &schema.Column{Name: colName, Type: typeString(fld.Type),
					Nullable: !notNull}
				col.SetSpans(f.span(fld), f.span(n), f.span(fld.Type))
				col.SetFieldName(n.Name)
				col.SetNativeType(native)
				if def, ok := tag.opt("default"); ok && def != "" {
					col.Default = &schema.Default{Expr: def, InDatabase: true, Span: col.Span}
				} else if seq && m.Dialect != schema.SQLite {
					col.Default = &schema.Default{Expr: "autoincrement", InDatabase: true, Span: col.Span}
				}
				t.Columns = append(t.Columns, col)
				if tag.has("pk") {
					if pk == nil {
						pk = &schema.Unique{Kind: schema.PrimaryKey, Span: col.Span}
						t.Uniques = append(t.Uniques, pk)
					}
					pk.Parts = append(pk.Parts, schema.IndexPart{Column: colName})
					pkFields = append(pkFields, fld)
					pkCol = col
				}
				if vs, ok := tag.opts["unique"]; ok {
					addBunUnique(t, groups, vs, prefix, colName, col.Span)
				}
				setSite(f, col, &fixSite{kind: bunField, field: fld, table: t})
			}
		}
	}
	walk(d, "", 0)
	if m.Dialect == schema.SQLite && len(pkFields) == 1 && pkCol.Default == nil {
		if native := strings.ToUpper(pkCol.NativeType()); native == "INTEGER" || native == "" && isGoInteger(pkFields[0].Type) {
			pkCol.Default = &schema.Default{Expr: "rowid", InDatabase: true, Span: pkCol.Span}
		}
	}
	sortUniques(t)
	m.Tables = append(m.Tables, t)
}

// addBunUnique adds column col to the unique rules its unique option v
// names, as bun groups them: one value is split on commas, an option given
// more than once names one group per value; the empty name is a rule of
// the column alone, and an embed: prefix prefixes the group's name too.
func addBunUnique(t *schema.Table, groups map[string]*schema.Unique, values []string, prefix, col string, span schema.Span) {
	names := values
	if len(values) == 1 {
		names = strings.Split(values[0], ",")
	}
	for _, g := range names {
		if g == "" {
			t.Uniques = append(t.Uniques, &schema.Unique{Kind: schema.UniqueConstraint, Parts: []schema.IndexPart{{Column: col}}, Span: span})
			continue
		}
		g = prefix + g
		if u := groups[g]; u != nil {
			u.Parts = append(u.Parts, schema.IndexPart{Column: col})
			continue
		}
		groups[g] = &schema.Unique{Name: g, Kind: schema.UniqueConstraint, Parts: []schema.IndexPart{{Column: col}}, Span: span}
		t.Uniques = append(t.Uniques, groups[g])
	}
}

// isPredeclared reports whether name is one of Go's predeclared types.
func isPredeclared(name string) bool {
	switch name {
	case "bool", "string", "error", "any", "byte", "rune", "float32", "float64", "complex64", "complex128",
		"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr":
		return true
	}
	return false
}
