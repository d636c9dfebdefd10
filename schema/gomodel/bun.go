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
// A model is a struct embedding bun.BaseModel, or one with bun tags in a
// file that imports bun. What NewCreateTable makes of it
// (github.com/uptrace/bun's table and create-table code):
//
//   - the table is BaseModel's `table:` tag, else the struct name
//     pluralised in snake_case; a column is the tag's first element, else
//     the field name in snake_case;
//   - a column is NOT NULL only with `notnull` or `pk`; nullzero only
//     changes how a zero value is written;
//   - `unique` is a unique constraint on the column, `unique:group` one
//     over every field of the group; `default:x` a database default;
//   - fields with rel: or m2m: are relations, "-" and unexported fields
//     are skipped, embedded structs are flattened (embed:prefix_ with a
//     prefix).
func readBun(files []*goFile, idx *typeIndex, opts Options) *schema.Model {
	m := &schema.Model{}
	created := bunCreated(files)
	for _, f := range files {
		if !f.importsPath(bunPath) {
			continue
		}
		for _, d := range f.ast.Decls {
			for _, ts := range structSpecs(d) {
				if table, ok := bunTableName(f, ts); ok && created[ts.Name.Name] {
					readBunTable(m, idx, typeDecl{f, ts}, table)
				}
			}
		}
	}
	if len(m.Tables) == 0 {
		return nil
	}
	m.Dialect, m.DialectFrom = detectDialect(opts, sqlDrivers)
	return m
}

// bunTag splits a bun:"…" tag into its name and options.
func bunTag(fld *ast.Field) (name string, opts map[string]string, ok bool) {
	if fld.Tag == nil {
		return "", nil, false
	}
	s, err := strconv.Unquote(fld.Tag.Value)
	if err != nil {
		return "", nil, false
	}
	v, ok := reflect.StructTag(s).Lookup("bun")
	if !ok {
		return "", nil, false
	}
	parts := splitBunTag(v)
	opts = map[string]string{}
	for _, p := range parts[1:] {
		k, val, _ := strings.Cut(p, ":")
		opts[strings.TrimSpace(k)] = val
	}
	name = parts[0]
	if k, val, ok := strings.Cut(name, ":"); ok && k != "" && !strings.Contains(k, "(") {
		opts[k] = val // bun:"table:users" has no name part
		name = ""
	}
	return name, opts, true
}

// splitBunTag splits on commas outside parentheses and quotes, so that
// default:gen_random_uuid() or type:numeric(10,2) stay whole.
func splitBunTag(s string) []string {
	var out []string
	depth, start := 0, 0
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// bunTableName returns the table of a bun model, or false when ts is not
// one.
func bunTableName(f *goFile, ts *ast.TypeSpec) (string, bool) {
	model := false
	table := ""
	for _, fld := range structFields(ts) {
		if len(fld.Names) == 0 {
			if sel, ok := fld.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "BaseModel" {
				if x, ok := sel.X.(*ast.Ident); ok && f.pkgOf(x.Name) == bunPath {
					model = true
					if _, opts, ok := bunTag(fld); ok {
						table = opts["table"]
					}
				}
			}
		}
		if _, _, ok := bunTag(fld); ok {
			model = true
		}
	}
	if !model {
		return "", false
	}
	if table == "" {
		table = plural(snake(ts.Name.Name))
	}
	return table, true
}

func readBunTable(m *schema.Model, idx *typeIndex, d typeDecl, table string) {
	t := &schema.Table{Name: table, ModelName: d.spec.Name.Name, Span: d.file.span(d.spec), NameSpan: d.file.span(d.spec.Name)}
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		t.Namespace, t.Name = table[:i], table[i+1:]
	}
	groups := map[string]*schema.Unique{}
	var pk *schema.Unique
	var walk func(d typeDecl, prefix string, depth int)
	walk = func(d typeDecl, prefix string, depth int) {
		if depth > 8 {
			return
		}
		f := d.file
		addFile(m, f)
		for _, fld := range structFields(d.spec) {
			name, opts, tagged := bunTag(fld)
			if name == "-" {
				continue
			}
			if _, ok := opts["rel"]; ok {
				continue
			}
			if _, ok := opts["m2m"]; ok {
				continue
			}
			if len(fld.Names) == 0 || hasKey(opts, "embed") {
				if sel, ok := fld.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "BaseModel" {
					continue
				}
				tn := typeString(deref(fld.Type))
				if i := strings.LastIndexByte(tn, '.'); i >= 0 {
					tn = tn[i+1:]
				}
				if ed, ok := idx.lookup(f.dir, tn); ok {
					if _, isStruct := ed.spec.Type.(*ast.StructType); isStruct {
						walk(ed, prefix+opts["embed"], depth+1)
						continue
					}
				}
				if len(fld.Names) == 0 {
					m.Errors = append(m.Errors, f.sf.Errorf(f.off(fld.Pos()), "embedded %s of %s is declared in no Go file read: its columns are not checked", typeString(fld.Type), t.ModelName))
					continue
				}
			}
			for _, n := range fld.Names {
				if !n.IsExported() {
					continue
				}
				colName := name
				if colName == "" {
					colName = snake(n.Name)
				}
				colName = prefix + colName
				_, notnull := opts["notnull"]
				_, isPK := opts["pk"]
				col := &schema.Column{Name: colName, FieldName: n.Name, Type: typeString(fld.Type), NativeType: opts["type"],
					Nullable: !notnull && !isPK, Span: f.span(fld), NameSpan: f.span(n), TypeSpan: f.span(fld.Type)}
				if def, ok := opts["default"]; ok && def != "" {
					col.Default = &schema.Default{Expr: def, InDatabase: true, Span: col.Span}
				}
				t.Columns = append(t.Columns, col)
				if isPK {
					if pk == nil {
						pk = &schema.Unique{Kind: schema.PrimaryKey, Span: col.Span}
						t.Uniques = append(t.Uniques, pk)
					}
					pk.Parts = append(pk.Parts, schema.IndexPart{Column: colName})
				}
				if g, ok := opts["unique"]; ok {
					if g == "" {
						t.Uniques = append(t.Uniques, &schema.Unique{Kind: schema.UniqueConstraint, Parts: []schema.IndexPart{{Column: colName}}, Span: col.Span})
					} else if u := groups[g]; u != nil {
						u.Parts = append(u.Parts, schema.IndexPart{Column: colName})
					} else {
						groups[g] = &schema.Unique{Name: g, Kind: schema.UniqueConstraint, Parts: []schema.IndexPart{{Column: colName}}, Span: col.Span}
						t.Uniques = append(t.Uniques, groups[g])
					}
				}
				_ = tagged
				setSite(f, col, &fixSite{kind: bunField, field: fld})
			}
		}
	}
	walk(d, "", 0)
	sortUniques(t)
	m.Tables = append(m.Tables, t)
}
