package gomodel

import (
	"go/ast"
	"go/token"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

const (
	gormPath   = "gorm.io/gorm"
	gormV1Path = "github.com/jinzhu/gorm"
)

// readGorm reads the GORM models among files into one model: the tables
// AutoMigrate creates from them.
//
// Which structs are tables: those passed to AutoMigrate anywhere among
// the files (also through a spread slice literal, see autoMigrated), when
// there is such a call; otherwise every struct with a gorm tag, an
// embedded gorm.Model or a TableName method in a file that imports GORM,
// except structs only embedded in others (a shared base, anonymous or
// through `gorm:"embedded"`) that have no TableName and are not created
// on their own (db.Create(&x), x a T: see gormCreated).
//
// What AutoMigrate makes of a field (gorm.io/gorm's schema parser and
// migrator, checked in internal/dbdiff against PostgreSQL and SQLite):
//
//   - the column is the `column:` tag, else the field name in snake_case,
//     behind the `embeddedPrefix:` of the struct it was embedded through;
//   - it is NOT NULL only with `not null` or as part of the primary key
//     (`primaryKey`, else a field named ID): a pointer, a sql.Null* and a
//     plain string alike are nullable without it;
//   - `default:x` is a database default;
//   - `unique` is a unique constraint on the column, `uniqueIndex` (or
//     `index:…,unique`) a unique index, named idx_<table>_<column> unless
//     named; fields naming the same index share it, ordered by
//     `priority:` (10 by default) then field order; `where:` makes it
//     partial;
//   - anonymous struct fields and fields tagged `embedded` are flattened;
//     other struct fields are associations, not columns.
//
// Files of GORM v1 (github.com/jinzhu/gorm) are left out with a note:
// its tags and AutoMigrate are not these.
func readGorm(files []*goFile, idx *typeIndex, opts Options) *schema.Model {
	var gfiles []*goFile
	var notes []schema.Note
	for _, f := range files {
		if f.importsPath(gormV1Path) && !f.importsPath(gormPath) {
			// GORM v1 spells its tags otherwise (unique_index,
			// primary_key) and migrates otherwise: read as v2, its
			// models would be wrong, so they are left out, and said so.
			notes = append(notes, schema.Note{Path: f.sf.Path, Message: "GORM v1 (github.com/jinzhu/gorm) models are not read: only gorm.io/gorm's tags and AutoMigrate are"})
			continue
		}
		if strings.Contains(string(f.sf.Src), "gorm") {
			gfiles = append(gfiles, f)
		}
	}
	if len(gfiles) == 0 {
		if len(notes) > 0 {
			return &schema.Model{Notes: notes}
		}
		return nil
	}
	r := &gormReader{idx: idx, m: &schema.Model{Notes: notes}, embeddedIn: map[*ast.TypeSpec]bool{}}
	r.m.Dialect, r.m.DialectFrom = detectDialect(opts, gormDrivers)
	migrated := autoMigrated(files, idx)
	var decls []typeDecl
	if len(migrated) > 0 {
		for _, name := range migrated {
			if d, ok := idx.resolveModel(name.file, name.expr); ok {
				decls = append(decls, d)
			} else {
				r.m.Errors = append(r.m.Errors, name.file.sf.Errorf(name.off, "AutoMigrate's model %s is declared in no Go file read: its table is not checked", name.name))
			}
		}
	} else {
		for _, f := range gfiles {
			if !f.importsPath(gormPath) && !strings.Contains(string(f.sf.Src), `gorm:"`) {
				continue
			}
			for _, d := range f.ast.Decls {
				for _, ts := range structSpecs(d) {
					if r.looksLikeModel(f, ts) {
						decls = append(decls, typeDecl{f, ts})
					}
				}
			}
		}
		r.noteEmbedded(decls)
	}
	var created map[*ast.TypeSpec]bool
	if len(migrated) == 0 && len(r.embeddedIn) > 0 {
		created = gormCreated(files, idx)
	}
	seen := map[*ast.TypeSpec]bool{}
	var tableDecls []typeDecl // the declaration of each table read, in order
	for _, d := range decls {
		if seen[d.spec] || (len(migrated) == 0 && r.embeddedIn[d.spec] && idx.method(d.file.dir, d.spec.Name.Name, "TableName") == nil && !created[d.spec]) {
			continue
		}
		seen[d.spec] = true
		n := len(r.m.Tables)
		r.table(d)
		for range r.m.Tables[n:] {
			tableDecls = append(tableDecls, d)
		}
	}
	if len(migrated) > 0 {
		noteSharedTables(r.m, tableDecls, r.idx, "AutoMigrate creates", "TableName", "GORM's default name",
			"AutoMigrate makes one table of them, with every model's columns and unique indexes")
	}
	if len(migrated) == 0 {
		// Nothing is migrated by GORM: the structs map the rows of tables
		// SQL migrations (or another service) create.
		for _, t := range r.m.Tables {
			t.RowsOnly = true
		}
	}
	if len(r.m.Tables) == 0 && len(r.m.Errors) == 0 {
		return nil
	}
	return r.m
}

type gormReader struct {
	idx        *typeIndex
	m          *schema.Model
	embeddedIn map[*ast.TypeSpec]bool // the structs embedded in a candidate (anonymously, or tagged embedded)
}

// A typeName is a type named in a call such as AutoMigrate(&X{}): its
// type expression (X, pkg.X) as written in file, which resolves it.
type typeName struct {
	file *goFile
	expr ast.Expr
	name string
	off  int
}

// autoMigrated returns the types whose tables GORM creates, in order: those
// passed to AutoMigrate(&User{}, &models.Order{}, new(Item)) or to
// Migrator().CreateTable(…), also as a spread slice: a local or
// package-level variable set to a slice literal (models := []any{&User{}};
// AutoMigrate(models...)), or a call of a function of the module whose
// returns are slice literals (AutoMigrate(models.All()...)).
func autoMigrated(files []*goFile, idx *typeIndex) []typeName {
	var out []typeName
	seen := map[string]bool{}
	add := func(f *goFile, a ast.Expr) {
		t := compositeTypeExpr(a)
		if t == nil {
			return
		}
		// A model is its package and its name: billing.Account and
		// ledger.Account are two tables.
		key := f.dir + "." + typeIdent(t)
		if sel, ok := t.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok {
				key = f.pkgOf(x.Name) + "." + sel.Sel.Name
			}
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, typeName{file: f, expr: t, name: typeIdent(t), off: f.off(a.Pos())})
		}
	}
	for _, f := range files {
		ast.Inspect(f.ast, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "AutoMigrate" && !(sel.Sel.Name == "CreateTable" && chainCalls(sel.X, "Migrator")) {
				return true
			}
			for i, a := range call.Args {
				if i == len(call.Args)-1 && call.Ellipsis.IsValid() {
					for _, el := range spreadModels(f, a, idx) {
						add(el.file, el.expr)
					}
					continue
				}
				add(f, a)
			}
			return true
		})
	}
	return out
}

// A modelExpr is an element of a slice of models, with the file it is
// written in (which its type names are resolved from).
type modelExpr struct {
	file *goFile
	expr ast.Expr
}

// spreadModels returns the elements of the slice literal that a spread
// argument of AutoMigrate stands for: a variable of the file set to one
// (models := []any{…}, var models = []any{…}), or a call of a function of
// the module (All(), models.All()) whose every return is one. Anything
// else gives nothing, as before.
func spreadModels(f *goFile, e ast.Expr, idx *typeIndex) []modelExpr {
	elems := func(file *goFile, v ast.Expr) []modelExpr {
		cl, ok := ast.Unparen(v).(*ast.CompositeLit)
		if !ok {
			return nil
		}
		if _, ok := cl.Type.(*ast.ArrayType); !ok {
			return nil
		}
		out := make([]modelExpr, 0, len(cl.Elts))
		for _, el := range cl.Elts {
			out = append(out, modelExpr{file, el})
		}
		return out
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		var out []modelExpr
		ast.Inspect(f.ast, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == e.Name && len(n.Rhs) == len(n.Lhs) {
						out = append(out, elems(f, n.Rhs[i])...)
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if id.Name == e.Name && i < len(n.Values) {
						out = append(out, elems(f, n.Values[i])...)
					}
				}
			}
			return true
		})
		return out
	case *ast.CallExpr:
		var d *methodDecl
		var ok bool
		switch fn := e.Fun.(type) {
		case *ast.Ident:
			d, ok = idx.function(f, fn.Name, "")
		case *ast.SelectorExpr:
			if x, isID := fn.X.(*ast.Ident); isID {
				if p := f.pkgOf(x.Name); p != "" {
					d, ok = idx.function(f, fn.Sel.Name, p)
				}
			}
		}
		if !ok || d.decl.Body == nil {
			return nil
		}
		var out []modelExpr
		ast.Inspect(d.decl.Body, func(n ast.Node) bool {
			if _, isLit := n.(*ast.FuncLit); isLit {
				return false
			}
			if r, isRet := n.(*ast.ReturnStmt); isRet && len(r.Results) == 1 {
				out = append(out, elems(d.file, r.Results[0])...)
			}
			return true
		})
		return out
	}
	return nil
}

// compositeTypeName returns the type name of &X{}, &pkg.X{}, X{}, new(X).
func compositeTypeName(e ast.Expr) string {
	if t := compositeTypeExpr(e); t != nil {
		return typeIdent(t)
	}
	return ""
}

// compositeTypeExpr returns the type expression (X or pkg.X) of &X{},
// &pkg.X{}, X{}, new(X), or nil.
func compositeTypeExpr(e ast.Expr) ast.Expr {
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = u.X
	}
	if cl, ok := e.(*ast.CompositeLit); ok {
		e = cl.Type
	} else if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "new" {
			e = call.Args[0]
		} else {
			return nil
		}
	} else {
		return nil
	}
	if ix, ok := e.(*ast.IndexExpr); ok { // G[T]{}: the generic's name
		e = ix.X
	}
	switch e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		return e
	}
	return nil
}

// structSpecs returns the struct type declarations of a declaration.
func structSpecs(d ast.Decl) []*ast.TypeSpec {
	gd, ok := d.(*ast.GenDecl)
	if !ok {
		return nil
	}
	var out []*ast.TypeSpec
	for _, s := range gd.Specs {
		if ts, ok := s.(*ast.TypeSpec); ok && ts.TypeParams == nil {
			if _, ok := ts.Type.(*ast.StructType); ok {
				out = append(out, ts)
			}
		}
	}
	return out
}

// looksLikeModel: a struct with a gorm tag, an embedded gorm.Model or a
// TableName method.
func (r *gormReader) looksLikeModel(f *goFile, ts *ast.TypeSpec) bool {
	if r.idx.method(f.dir, ts.Name.Name, "TableName") != nil && f.importsPath(gormPath) {
		return true
	}
	for _, fld := range structFields(ts) {
		if fld.Tag != nil {
			if tag, err := strconv.Unquote(fld.Tag.Value); err == nil {
				if _, ok := reflect.StructTag(tag).Lookup("gorm"); ok {
					return true
				}
			}
		}
		if len(fld.Names) == 0 && isGormModel(f, fld.Type) {
			return true
		}
	}
	return false
}

// noteEmbedded records the candidates some other candidate embeds: the
// declaration the embedded type resolves to from the embedding file, not
// every struct of that name.
func (r *gormReader) noteEmbedded(decls []typeDecl) {
	for _, d := range decls {
		for _, fld := range structFields(d.spec) {
			if len(fld.Names) == 0 || gormEmbeddedTag(fld) {
				t := deref(fld.Type)
				if _, ok := t.(*ast.SelectorExpr); ok && len(fld.Names) == 0 {
					continue
				}
				if ed, ok := r.idx.resolveModel(d.file, t); ok {
					r.embeddedIn[ed.spec] = true
				}
			}
		}
	}
}

// gormEmbeddedTag reports whether a named field is tagged gorm:"embedded":
// its struct's columns are flattened into the table that holds it.
func gormEmbeddedTag(fld *ast.Field) bool {
	if fld.Tag == nil {
		return false
	}
	s, err := strconv.Unquote(fld.Tag.Value)
	if err != nil {
		return false
	}
	_, ok := gormTags(reflect.StructTag(s).Get("gorm"))["EMBEDDED"]
	return ok
}

// gormCreated returns the structs the files hand to GORM's Create,
// CreateInBatches, Save or FirstOrCreate on their own (db.Create(&x),
// x a T, a *T or a []T declared in the function, or &T{…}): such a struct
// is a table even when other models embed it.
func gormCreated(files []*goFile, idx *typeIndex) map[*ast.TypeSpec]bool {
	out := map[*ast.TypeSpec]bool{}
	for _, f := range files {
		if !f.importsPath(gormPath) {
			continue
		}
		for _, decl := range f.ast.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				switch sel.Sel.Name {
				case "Create", "CreateInBatches", "Save", "FirstOrCreate":
				default:
					return true
				}
				if t := rowTypeExpr(fd, ast.Unparen(unaddr(ast.Unparen(call.Args[0])))); t != nil {
					if d, ok := idx.resolve(f, t); ok {
						out[d.spec] = true
					}
				}
				return true
			})
		}
	}
	return out
}

// rowTypeExpr returns the struct type expression of a row handed to
// Create: T of T{…}, new(T), or of a variable or parameter of fd declared
// as T, *T, []T or []*T (var x T, x := &T{…}, xs := make([]T, n)).
func rowTypeExpr(fd *ast.FuncDecl, e ast.Expr) ast.Expr {
	elem := func(t ast.Expr) ast.Expr {
		t = deref(t)
		if at, ok := t.(*ast.ArrayType); ok {
			t = deref(at.Elt)
		}
		return t
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return elem(e.Type)
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok && (id.Name == "new" || id.Name == "make") && len(e.Args) > 0 {
			return elem(e.Args[0])
		}
		return nil
	case *ast.Ident:
		var out ast.Expr
		if fd.Type.Params != nil {
			for _, p := range fd.Type.Params.List {
				for _, n := range p.Names {
					if n.Name == e.Name {
						out = elem(p.Type)
					}
				}
			}
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if name.Name != e.Name {
						continue
					}
					if n.Type != nil {
						out = elem(n.Type)
					} else if i < len(n.Values) {
						out = rowTypeExpr(fd, ast.Unparen(unaddr(n.Values[i])))
					}
				}
			case *ast.AssignStmt:
				if n.Tok != token.DEFINE || len(n.Lhs) != len(n.Rhs) {
					return true
				}
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == e.Name {
						if v := ast.Unparen(unaddr(ast.Unparen(n.Rhs[i]))); v != e {
							if _, isID := v.(*ast.Ident); !isID {
								out = rowTypeExpr(fd, v)
							}
						}
					}
				}
			}
			return true
		})
		return out
	}
	return nil
}

func deref(e ast.Expr) ast.Expr {
	if s, ok := e.(*ast.StarExpr); ok {
		return s.X
	}
	return e
}

func isGormModel(f *goFile, e ast.Expr) bool {
	sel, ok := deref(e).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Model" {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && f.pkgOf(x.Name) == gormPath
}

// gormTags parses a gorm:"…" tag as GORM does: ;-separated settings,
// keys upper-cased, `\;` escaping a semicolon in a value.
func gormTags(tag string) map[string]string {
	out := map[string]string{}
	parts := strings.Split(tag, ";")
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		for strings.HasSuffix(p, `\`) && i+1 < len(parts) {
			i++
			p = p[:len(p)-1] + ";" + parts[i]
		}
		k, v, _ := strings.Cut(p, ":")
		k = strings.ToUpper(strings.TrimSpace(k))
		if k == "" {
			continue
		}
		out[k] = strings.TrimSpace(v)
	}
	return out
}

// A gormIndexTag is one index or uniqueIndex setting of a field's tag.
type gormIndexTag struct {
	unique bool
	value  string
}

// gormIndexTags returns every index and uniqueIndex setting of a gorm tag
// in order: GORM reads them from the raw tag (schema.parseFieldIndexes),
// not from the settings map where a repeated key keeps its last value,
// so `uniqueIndex:a;uniqueIndex:b` makes two indexes.
func gormIndexTags(tag string) []gormIndexTag {
	var out []gormIndexTag
	for _, p := range strings.Split(tag, ";") {
		k, v, _ := strings.Cut(p, ":")
		switch strings.ToUpper(strings.TrimSpace(k)) {
		case "INDEX":
			out = append(out, gormIndexTag{false, v})
		case "UNIQUEINDEX":
			out = append(out, gormIndexTag{true, v})
		}
	}
	return out
}

// A gormIndex gathers the fields of one named index.
type gormIndex struct {
	name   string
	unique bool
	where  string
	span   schema.Span
	parts  []gormIndexPart
}

type gormIndexPart struct {
	column   string
	priority int
	order    int
}

// A gormTable is a table being read.
type gormTable struct {
	t       *schema.Table
	indexes map[string]*gormIndex
	order   []string
	pk      []*schema.Column
	idCol   *schema.Column
	nfields int
	// noAutoIncrement are the columns tagged autoIncrement:false.
	noAutoIncrement map[*schema.Column]bool
}

// isIntegerType reports whether a Go type is one GORM auto-increments.
func isIntegerType(t string) bool {
	switch strings.TrimPrefix(t, "*") {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return true
	}
	return false
}

func (r *gormReader) table(d typeDecl) {
	name := plural(snake(d.spec.Name.Name))
	if m := r.idx.method(d.file.dir, d.spec.Name.Name, "TableName"); m != nil {
		if tn, ok := r.idx.constResult(m); ok {
			name = tn
		} else {
			r.m.Errors = append(r.m.Errors, m.file.sf.Errorf(m.file.off(m.decl.Pos()), "%s.TableName does not return a string constant: its table is not checked", d.spec.Name.Name))
			return
		}
	}
	t := &schema.Table{Name: name, ModelName: d.spec.Name.Name, Span: d.file.span(d.spec), NameSpan: d.file.span(d.spec.Name)}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		t.Namespace, t.Name = name[:i], name[i+1:]
	}
	gt := &gormTable{t: t, indexes: map[string]*gormIndex{}}
	r.fields(gt, d, "", 0)
	pk := gt.pk
	if len(pk) == 0 && gt.idCol != nil {
		pk = []*schema.Column{gt.idCol}
	}
	if len(pk) == 1 && isIntegerType(pk[0].Type) && pk[0].NativeType() == "" && !gt.noAutoIncrement[pk[0]] {
		// GORM makes a lone integer primary key auto-incrementing
		// (bigserial, AUTOINCREMENT): a database default.
		pk[0].Default = &schema.Default{Expr: "autoIncrement", InDatabase: true, Span: pk[0].Span}
	}
	if len(pk) > 0 {
		u := &schema.Unique{Kind: schema.PrimaryKey, Span: pk[0].Span}
		for _, c := range pk {
			// SQLite: only an INTEGER PRIMARY KEY (the rowid) is NOT NULL
			// by itself; another primary-key column stays as tagged.
			rowid := len(pk) == 1 && isIntegerType(c.Type) && c.NativeType() == ""
			if r.m.Dialect != schema.SQLite || rowid {
				c.Nullable = false
			}
			u.Parts = append(u.Parts, schema.IndexPart{Column: c.Name})
		}
		t.Uniques = append(t.Uniques, u)
	}
	for _, name := range gt.order {
		ix := gt.indexes[name]
		if !ix.unique {
			continue
		}
		sort.SliceStable(ix.parts, func(i, j int) bool {
			if ix.parts[i].priority != ix.parts[j].priority {
				return ix.parts[i].priority < ix.parts[j].priority
			}
			return ix.parts[i].order < ix.parts[j].order
		})
		u := &schema.Unique{Name: ix.name, Kind: schema.UniqueIndex, Where: ix.where, Span: ix.span}
		for _, p := range ix.parts {
			u.Parts = append(u.Parts, schema.IndexPart{Column: p.column})
		}
		t.Uniques = append(t.Uniques, u)
	}
	sortUniques(t)
	r.m.Tables = append(r.m.Tables, t)
	addFile(r.m, d.file)
}

// addFile records f among m's files once.
func addFile(m *schema.Model, f *goFile) {
	for _, g := range m.Files {
		if g == f.sf {
			return
		}
	}
	m.Files = append(m.Files, f.sf)
}

// fields reads the columns of struct d into gt, behind prefix.
func (r *gormReader) fields(gt *gormTable, d typeDecl, prefix string, depth int) {
	if depth > 8 {
		return // a cycle of embedded structs
	}
	f := d.file
	addFile(r.m, f)
	for _, fld := range structFields(d.spec) {
		var tags map[string]string
		var tagText string
		if fld.Tag != nil {
			if s, err := strconv.Unquote(fld.Tag.Value); err == nil {
				tagText = reflect.StructTag(s).Get("gorm")
				tags = gormTags(tagText)
			}
		}
		if hasKey(tags, "-") {
			continue // gorm:"-", "-:all", "-:migration": no column
		}
		if len(fld.Names) == 0 {
			r.embedded(gt, f, fld, tags, prefix, depth)
			continue
		}
		if _, ok := tags["EMBEDDED"]; ok {
			r.embedded(gt, f, fld, tags, prefix, depth)
			continue
		}
		if !r.isColumnType(f, fld.Type, tags) {
			continue // an association (belongs-to, has-one, has-many)
		}
		for _, n := range fld.Names {
			if !n.IsExported() {
				continue
			}
			gt.nfields++
			r.column(gt, f, fld, n, tags, tagText, prefix)
		}
	}
}

func hasKey(m map[string]string, k string) bool { _, ok := m[k]; return ok }

// embedded flattens an embedded struct (anonymous, or tagged embedded).
func (r *gormReader) embedded(gt *gormTable, f *goFile, fld *ast.Field, tags map[string]string, prefix string, depth int) {
	if isGormModel(f, fld.Type) {
		r.gormModelColumns(gt, f, fld, prefix)
		return
	}
	d, ok := r.idx.resolveModel(f, deref(fld.Type))
	if !ok {
		if len(fld.Names) == 0 && !strings.Contains(typeString(fld.Type), ".") {
			return
		}
		r.m.Errors = append(r.m.Errors, f.sf.Errorf(f.off(fld.Pos()), "embedded struct %s of %s is declared in no Go file read: its columns are not checked", typeString(fld.Type), gt.t.ModelName))
		return
	}
	if _, isStruct := d.spec.Type.(*ast.StructType); !isStruct {
		return
	}
	r.fields(gt, d, prefix+tags["EMBEDDEDPREFIX"], depth+1)
}

// gormModelColumns adds gorm.Model's columns: id (the primary key),
// created_at, updated_at and deleted_at, all positioned at the embedding.
func (r *gormReader) gormModelColumns(gt *gormTable, f *goFile, fld *ast.Field, prefix string) {
	sp := f.span(fld)
	for _, c := range []struct{ name, typ string }{{"id", "uint"}, {"created_at", "time.Time"}, {"updated_at", "time.Time"}, {"deleted_at", "gorm.DeletedAt"}} {
		col := &schema.Column{Name: prefix + c.name, Type: c.typ, Nullable: true}
		col.SetSpans(sp, sp, sp)
		gt.t.Columns = append(gt.t.Columns, col)
		if c.name == "id" {
			gt.pk = append(gt.pk, col)
		}
	}
}

// isColumnType reports whether a field of type e is a column rather than
// an association: scalars, byte slices, well-known value types and any
// type the tag gives a database type or serializer to.
func (r *gormReader) isColumnType(f *goFile, e ast.Expr, tags map[string]string) bool {
	if hasKey(tags, "TYPE") || hasKey(tags, "SERIALIZER") || hasKey(tags, "COLUMN") {
		return true
	}
	e = deref(e)
	switch t := e.(type) {
	case *ast.ArrayType:
		if id, ok := t.Elt.(*ast.Ident); ok && (id.Name == "byte" || id.Name == "uint8") {
			return true
		}
		return false
	case *ast.MapType, *ast.InterfaceType, *ast.FuncType, *ast.ChanType:
		return false
	case *ast.Ident:
		if d, ok := r.idx.lookup(f.dir, t.Name); ok {
			_, isStruct := d.spec.Type.(*ast.StructType)
			return !isStruct // a named scalar (type Status string) is a column
		}
		return true
	case *ast.SelectorExpr:
		// Another package's type: a column (time.Time, sql.NullString,
		// uuid.UUID, decimal.Decimal) unless it is a model read here.
		if d, ok := r.idx.resolveModel(f, t); ok {
			if st, isStruct := d.spec.Type.(*ast.StructType); isStruct && d.file.importsPath(gormPath) && structHasGormTags(st) {
				return false
			}
		}
		return true
	}
	return true
}

func structHasGormTags(st *ast.StructType) bool {
	for _, fld := range st.Fields.List {
		if fld.Tag != nil && strings.Contains(fld.Tag.Value, "gorm:") {
			return true
		}
	}
	return false
}

// column adds the column of field n.
func (r *gormReader) column(gt *gormTable, f *goFile, fld *ast.Field, n *ast.Ident, tags map[string]string, tagText, prefix string) {
	name := snake(n.Name)
	if c := tags["COLUMN"]; c != "" {
		name = c
	}
	name = prefix + name
	col := &schema.Column{
		Name:     name,
		Type:     typeString(fld.Type),
		Nullable: true,
	}
	col.SetSpans(f.span(fld), f.span(n), f.span(fld.Type))
	col.SetFieldName(n.Name)
	if t := tags["TYPE"]; t != "" {
		col.SetNativeType(t)
	} else if s := tags["SIZE"]; s != "" && strings.Contains(col.Type, "string") {
		col.SetNativeType("varchar(" + s + ")")
	}
	if hasKey(tags, "NOT NULL") || hasKey(tags, "NOTNULL") {
		col.Nullable = !truth(tags["NOT NULL"] + tags["NOTNULL"])
	}
	if def, ok := tags["DEFAULT"]; ok && def != "" && !strings.EqualFold(def, "null") {
		col.Default = &schema.Default{Expr: def, InDatabase: true, Span: col.Span}
	}
	gt.t.Columns = append(gt.t.Columns, col)
	if v, ok := tags["AUTOINCREMENT"]; ok && !truth(v) {
		if gt.noAutoIncrement == nil {
			gt.noAutoIncrement = map[*schema.Column]bool{}
		}
		gt.noAutoIncrement[col] = true
	}
	if hasKey(tags, "PRIMARYKEY") || hasKey(tags, "PRIMARY_KEY") {
		gt.pk = append(gt.pk, col)
	} else if name == prefix+"id" && gt.idCol == nil {
		gt.idCol = col
	}
	if hasKey(tags, "UNIQUE") && truth(tags["UNIQUE"]) {
		gt.t.Uniques = append(gt.t.Uniques, &schema.Unique{Name: "uni_" + gt.t.Name + "_" + name, Kind: schema.UniqueConstraint,
			Parts: []schema.IndexPart{{Column: name}}, Span: col.Span})
	}
	for _, ix := range gormIndexTags(tagText) {
		r.index(gt, col, ix.unique, ix.value)
	}
	if chk := tags["CHECK"]; chk != "" {
		gormCheck(gt.t, name, chk, col.Span)
	}
	setSite(f, col, &fixSite{kind: gormField, field: fld, table: gt.t})
}

// gormNamedCheck is the constraint name GORM accepts before the first comma
// of a check setting (schema.regEnLetterAndMidline).
var gormNamedCheck = regexp.MustCompile(`^[\w-]+$`)

// gormCheck reads a field's check setting as GORM's ParseCheckConstraints
// does: "name,expr" when the part before the first comma is a name,
// ",expr" and "expr" named chk_<table>_<column>. AutoMigrate creates it as
// a table constraint (CONSTRAINT name CHECK (expr)), also on a table that
// exists; one name declared twice keeps the last field's, as GORM's map
// does.
func gormCheck(t *schema.Table, column, chk string, span schema.Span) {
	name, expr := "chk_"+t.Name+"_"+column, chk
	if parts := strings.Split(chk, ","); len(parts) > 1 && gormNamedCheck.MatchString(parts[0]) {
		name, expr = parts[0], strings.Join(parts[1:], ",")
	} else if parts[0] == "" {
		expr = strings.Join(parts[1:], ",")
	}
	c := &schema.CheckConstraint{Name: name, Expr: strings.TrimSpace(expr), Span: span}
	for i, old := range t.Checks {
		if old.Name == name {
			t.Checks[i] = c
			return
		}
	}
	t.Checks = append(t.Checks, c)
}

// truth reads a tag value the way GORM's utils.CheckTruth does: anything
// but "false" (in any case) is true, and so is no value.
func truth(v string) bool { return !strings.EqualFold(strings.TrimSpace(v), "false") }

// index reads an index or uniqueIndex setting: "name,unique,priority:2,where:…".
func (r *gormReader) index(gt *gormTable, col *schema.Column, unique bool, v string) {
	parts := strings.Split(v, ",")
	name := strings.TrimSpace(parts[0])
	priority := 10
	where := ""
	for _, p := range parts[1:] {
		k, val, _ := strings.Cut(strings.TrimSpace(p), ":")
		switch strings.ToUpper(k) {
		case "UNIQUE":
			unique = true
		case "CLASS":
			unique = unique || strings.EqualFold(val, "UNIQUE")
		case "PRIORITY":
			if n, err := strconv.Atoi(strings.TrimSpace(val)); err == nil {
				priority = n
			}
		case "WHERE":
			where = val
		case "COMPOSITE":
			name = "idx_" + gt.t.Name + "_" + val
		}
	}
	if name == "" {
		name = "idx_" + gt.t.Name + "_" + col.Name
	}
	ix := gt.indexes[name]
	if ix == nil {
		ix = &gormIndex{name: name, span: col.Span}
		gt.indexes[name] = ix
		gt.order = append(gt.order, name)
	}
	ix.unique = ix.unique || unique
	if where != "" {
		ix.where = where
	}
	ix.parts = append(ix.parts, gormIndexPart{column: col.Name, priority: priority, order: gt.nfields})
}
