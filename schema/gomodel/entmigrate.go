package gomodel

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

// ReadEntMigrate reads the migrate/schema.go ent generates from a schema
// package (`XColumns = []*schema.Column{…}`, `XTable = &schema.Table{…}`)
// into a model. It is what ent's migration creates, so it is the oracle
// the reading of ent/schema is checked against; its spans point into the
// generated file.
func ReadEntMigrate(sf *schema.File, dialect schema.Dialect) *schema.Model {
	m := &schema.Model{Dialect: dialect, Files: []*schema.File{sf}}
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, sf.Path, sf.Src, parser.SkipObjectResolution)
	if err != nil {
		m.Errors = append(m.Errors, sf.Errorf(0, "cannot parse ent's migrate/schema.go: %v", firstLine(err.Error())))
		if af == nil {
			return m
		}
	}
	f := &goFile{sf: sf, ast: af, fset: fset}
	columns := map[string][]*schema.Column{}
	var tables []*ast.CompositeLit
	ast.Inspect(af, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
			return true
		}
		name := vs.Names[0].Name
		switch v := unaddr(vs.Values[0]).(type) {
		case *ast.CompositeLit:
			if strings.HasSuffix(name, "Columns") {
				for _, el := range v.Elts {
					if cl, ok := unaddr(el).(*ast.CompositeLit); ok {
						columns[name] = append(columns[name], migrateColumn(f, cl))
					}
				}
			} else if strings.HasSuffix(name, "Table") {
				tables = append(tables, v)
			}
		}
		return false
	})
	for _, tl := range tables {
		t := &schema.Table{Span: f.span(tl)}
		var cols []*schema.Column
		var colsVar string
		for _, el := range tl.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			switch key(kv) {
			case "Name":
				t.Name, _ = stringLit(kv.Value)
				t.NameSpan = f.span(kv.Value)
			case "Columns":
				if id, ok := kv.Value.(*ast.Ident); ok {
					colsVar = id.Name
					cols = columns[id.Name]
				}
			}
		}
		t.Columns = cols
		for _, el := range tl.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			switch key(kv) {
			case "PrimaryKey":
				u := &schema.Unique{Kind: schema.PrimaryKey, Span: f.span(kv)}
				for _, c := range columnRefs(kv.Value, colsVar, cols) {
					c.Nullable = false
					u.Parts = append(u.Parts, schema.IndexPart{Column: c.Name})
				}
				t.Uniques = append(t.Uniques, u)
			case "Indexes":
				il, _ := kv.Value.(*ast.CompositeLit)
				if il == nil {
					continue
				}
				for _, ie := range il.Elts {
					ix, ok := unaddr(ie).(*ast.CompositeLit)
					if !ok {
						continue
					}
					u := &schema.Unique{Kind: schema.UniqueIndex, Span: f.span(ix)}
					unique := false
					for _, el := range ix.Elts {
						kv, ok := el.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						switch key(kv) {
						case "Name":
							u.Name, _ = stringLit(kv.Value)
						case "Unique":
							unique = nodeText(f, kv.Value) == "true"
						case "Columns":
							for _, c := range columnRefs(kv.Value, colsVar, cols) {
								u.Parts = append(u.Parts, schema.IndexPart{Column: c.Name})
							}
						case "Annotation":
							if al, ok := unaddr(kv.Value).(*ast.CompositeLit); ok {
								for _, ael := range al.Elts {
									if akv, ok := ael.(*ast.KeyValueExpr); ok && key(akv) == "Where" {
										u.Where, _ = stringLit(akv.Value)
									}
								}
							}
						}
					}
					if unique {
						t.Uniques = append(t.Uniques, u)
					}
				}
			}
		}
		// A Unique column is a unique index (Atlas's <table>_<column>_key),
		// unless it is the table's primary key: Schema.Create creates no
		// second index over a string or UUID id ent marks Unique.
		for _, c := range cols {
			if c.NullSpan().IsValid() { // Unique: true, marked by migrateColumn
				if !isPrimaryKey(t, c.Name) {
					t.Uniques = append(t.Uniques, &schema.Unique{Name: t.Name + "_" + c.Name + "_key", Kind: schema.UniqueIndex, Parts: []schema.IndexPart{{Column: c.Name}}, Span: c.Span})
				}
				c.SetNullSpan(schema.Span{})
			}
		}
		m.Tables = append(m.Tables, t)
	}
	return m
}

// isPrimaryKey reports whether column alone is t's primary key.
func isPrimaryKey(t *schema.Table, column string) bool {
	for _, u := range t.Uniques {
		if u.Kind == schema.PrimaryKey && len(u.Parts) == 1 && u.Parts[0].Column == column {
			return true
		}
	}
	return false
}

func key(kv *ast.KeyValueExpr) string {
	if id, ok := kv.Key.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// migrateColumn reads {Name: "x", Type: field.TypeString, Nullable: true, Unique: true, Default: "", SchemaType: …}.
// A unique column is marked by a valid NullSpan, which the caller turns
// into a unique constraint and clears.
func migrateColumn(f *goFile, cl *ast.CompositeLit) *schema.Column {
	c := &schema.Column{Span: f.span(cl)}
	for _, el := range cl.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		switch key(kv) {
		case "Name":
			c.Name, _ = stringLit(kv.Value)
			c.SetNameSpan(f.span(kv.Value))
		case "Type":
			c.Type = strings.TrimPrefix(nodeText(f, kv.Value), "field.Type")
		case "Nullable":
			c.Nullable = nodeText(f, kv.Value) == "true"
		case "Unique":
			if nodeText(f, kv.Value) == "true" {
				c.SetNullSpan(c.Span)
			}
		case "Default":
			c.Default = &schema.Default{Expr: nodeText(f, kv.Value), InDatabase: true, Span: f.span(kv)}
		case "Increment":
			// An identity column (GENERATED BY DEFAULT AS IDENTITY on
			// PostgreSQL): the database fills it.
			if nodeText(f, kv.Value) == "true" && c.Default == nil {
				c.Default = &schema.Default{Expr: "identity", InDatabase: true, Span: f.span(kv)}
			}
		case "SchemaType":
			c.SetNativeType(schemaType(kv.Value, schema.PostgreSQL))
		}
	}
	return c
}

// columnRefs resolves []*schema.Column{XColumns[1], XColumns[7]}.
func columnRefs(e ast.Expr, colsVar string, cols []*schema.Column) []*schema.Column {
	cl, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	var out []*schema.Column
	for _, el := range cl.Elts {
		ix, ok := el.(*ast.IndexExpr)
		if !ok {
			continue
		}
		if id, ok := ix.X.(*ast.Ident); !ok || id.Name != colsVar {
			continue
		}
		lit, ok := ix.Index.(*ast.BasicLit)
		if !ok {
			continue
		}
		if i, err := strconv.Atoi(lit.Value); err == nil && i < len(cols) {
			out = append(out, cols[i])
		}
	}
	return out
}
