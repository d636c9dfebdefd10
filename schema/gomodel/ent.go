package gomodel

import (
	"go/ast"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/schema"
)

const (
	entPath      = "entgo.io/ent"
	entFieldPath = "entgo.io/ent/schema/field"
	entIndexPath = "entgo.io/ent/schema/index"
	entEdgePath  = "entgo.io/ent/schema/edge"
	entSQLPath   = "entgo.io/ent/dialect/entsql"
	entMixinPath = "entgo.io/ent/schema/mixin"
)

// readEnt reads the ent schemas among files (types embedding ent.Schema)
// into one model: the tables ent's migration creates from them.
//
// What ent makes of a schema (entgo.io/ent's codegen, checked against the
// migrate/schema.go it generates):
//
//   - the table is the type name pluralised in snake_case, or
//     entsql.Annotation{Table: …} / entsql.Table(…) in Annotations();
//   - a field's column is its name, or StorageKey(…); Optional() makes it
//     nullable (Nillable() only changes the Go type); Unique() makes it
//     unique; Default(v) on a string, number, bool or enum is a database
//     default too, Default(f)/DefaultFunc on a UUID or time only a Go one,
//     entsql.Default/DefaultExpr always a database one;
//   - mixins' fields, edges and indexes come before the schema's own;
//   - without a field "id", ent adds an integer primary key id;
//   - index.Fields(…).Unique() is a unique index, partial with
//     entsql.IndexWhere(…), named StorageKey(…) or <type>_<columns>;
//   - an O2M edge.To without Field(…) adds <owner>_<edge> (or its
//     StorageKey(edge.Column(…))) to the target table, nullable unless the
//     inverse is Required; an O2O edge adds it unique, to the inverse's
//     table, or makes the inverse's Field(…) unique; a Unique edge.To
//     without inverse (M2O) adds it to the owner's table;
//   - an M2M edge (edge.To and its inverse, neither Unique) is a join
//     table <owner>_<edge> of <owner>_id and <target>_id, its primary key.
func readEnt(files []*goFile, idx *typeIndex, opts Options) *schema.Model {
	r := &entReader{idx: idx, m: &schema.Model{}, tables: map[string]*entTable{}}
	for _, f := range files {
		if !f.importsPath(entPath) {
			continue
		}
		for _, d := range f.ast.Decls {
			for _, ts := range structSpecs(d) {
				if embeds(f, ts, entPath, "Schema") {
					r.schemas = append(r.schemas, typeDecl{f, ts})
				}
			}
		}
	}
	r.dropMixins()
	if len(r.schemas) == 0 {
		return nil
	}
	r.m.Dialect, r.m.DialectFrom = detectDialect(opts, sqlDrivers)
	for _, d := range r.schemas {
		r.schema(d)
	}
	r.edges()
	for _, d := range r.schemas {
		r.indexes(d)
	}
	for _, d := range r.schemas {
		t := r.tables[d.spec.Name.Name]
		sortUniques(t.t)
		r.m.Tables = append(r.m.Tables, t.t)
	}
	sort.Slice(r.joins, func(i, j int) bool { return r.joins[i].Name < r.joins[j].Name })
	r.m.Tables = append(r.m.Tables, r.joins...)
	return r.m
}

type entReader struct {
	idx      *typeIndex
	m        *schema.Model
	schemas  []typeDecl
	tables   map[string]*entTable // by schema type name
	joins    []*schema.Table      // the join tables of M2M edges
	reported map[string]bool      // errors recorded, by text
}

type entTable struct {
	decl    typeDecl
	t       *schema.Table
	byField map[string]*schema.Column // field name → column
	edges   []entEdge
}

// An entEdge is one edge declaration.
type entEdge struct {
	file      *goFile
	from      bool   // edge.From (inverse) rather than edge.To
	name, ref string // the edge's name; Ref(…) of an inverse
	target    string // the type it points at
	field     string // Field(…): the column that holds the key, if declared
	column    string // StorageKey(edge.Column(…)): the column's name, if set
	unique    bool
	required  bool
	span      schema.Span
}

// dropMixins leaves out of the schemas the types that embed ent.Schema
// but are another schema's mixin (openmeter's CustomerAddressMixin): ent
// generates tables for the types of the schema package it is pointed at,
// and a mixin shared from another package is none of them.
func (r *entReader) dropMixins() {
	used := map[*ast.TypeSpec]bool{}
	work := append([]typeDecl(nil), r.schemas...)
	for len(work) > 0 {
		d := work[len(work)-1]
		work = work[:len(work)-1]
		els, _, _ := r.methodSlice(d.file.dir, d.spec.Name.Name, "Mixin", nil, 0)
		for _, el := range els {
			if md, withMixins, why := r.mixinDecl(el.f, el.e); why == "" && !used[md.spec] {
				used[md.spec] = true
				if withMixins { // its own mixins are mixins too
					work = append(work, md)
				}
			}
		}
	}
	kept := r.schemas[:0]
	for _, d := range r.schemas {
		if !used[d.spec] {
			kept = append(kept, d)
		}
	}
	r.schemas = kept
}

// embeds reports whether struct ts embeds pkg.name, pkg being the import
// path's local name in f.
func embeds(f *goFile, ts *ast.TypeSpec, path, name string) bool {
	for _, fld := range structFields(ts) {
		if len(fld.Names) != 0 {
			continue
		}
		if sel, ok := fld.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == name {
			if x, ok := sel.X.(*ast.Ident); ok && f.pkgOf(x.Name) == path {
				return true
			}
		}
	}
	return false
}

// A chain is a builder chain: field.String("x").Optional().Unique().
type chain struct {
	pkg, fn string          // the constructor: "field", "String"
	root    *ast.CallExpr   // the constructor call
	calls   []*ast.CallExpr // the constructor, then each method in order
}

// chainOf reads a builder chain, or false when e is not one.
func chainOf(e ast.Expr) (chain, bool) {
	var calls []*ast.CallExpr
	for {
		call, ok := e.(*ast.CallExpr)
		if !ok {
			return chain{}, false
		}
		calls = append(calls, call)
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return chain{}, false
		}
		if x, ok := sel.X.(*ast.Ident); ok {
			for i, j := 0, len(calls)-1; i < j; i, j = i+1, j-1 {
				calls[i], calls[j] = calls[j], calls[i]
			}
			return chain{pkg: x.Name, fn: sel.Sel.Name, root: call, calls: calls}, true
		}
		e = sel.X
	}
}

func (c chain) stringArg(i int) string {
	if i < len(c.root.Args) {
		s, _ := stringLit(c.root.Args[i])
		return s
	}
	return ""
}

// errorf records an error once: a mixin shared by many schemas, read for
// each, is reported where it is written, not once per schema.
func (r *entReader) errorf(f *goFile, pos token.Pos, format string, args ...any) {
	e := f.sf.Errorf(f.off(pos), format, args...)
	k := e.Error()
	if r.reported[k] {
		return
	}
	if r.reported == nil {
		r.reported = map[string]bool{}
	}
	r.reported[k] = true
	r.m.Errors = append(r.m.Errors, e)
}

// schema reads one schema type's table and columns.
func (r *entReader) schema(d typeDecl) {
	name := d.spec.Name.Name
	t := &schema.Table{Name: plural(snake(name)), ModelName: name, Span: d.file.span(d.spec), NameSpan: d.file.span(d.spec.Name)}
	if tn := r.annotatedTable(d); tn != "" {
		t.Name = tn
	}
	et := &entTable{decl: d, t: t, byField: map[string]*schema.Column{}}
	r.tables[name] = et
	addFile(r.m, d.file)
	r.eachMixin(d, func(md typeDecl, env map[string]string) {
		r.fields(et, md, env)
	}, func(f *goFile, pos token.Pos, builtin string) {
		switch builtin {
		case "Time", "CreateTime", "UpdateTime":
			sp := f.sf.Span(f.off(pos), f.off(pos))
			for _, c := range map[string][]string{"Time": {"create_time", "update_time"}, "CreateTime": {"create_time"}, "UpdateTime": {"update_time"}}[builtin] {
				col := &schema.Column{Name: c, Type: "Time", Span: sp, NameSpan: sp, TypeSpan: sp}
				t.Columns = append(t.Columns, col)
				et.byField[c] = col
			}
		}
	})
	r.fields(et, d, nil)
	if et.byField["id"] == nil {
		sp := d.file.span(d.spec.Name)
		col := &schema.Column{Name: "id", Type: "Int", Span: sp, NameSpan: sp, TypeSpan: sp}
		t.Columns = append([]*schema.Column{col}, t.Columns...)
		et.byField["id"] = col
	}
	id := et.byField["id"]
	id.Nullable = false
	t.Uniques = append(t.Uniques, &schema.Unique{Kind: schema.PrimaryKey, Parts: []schema.IndexPart{{Column: id.Name}}, Span: id.Span})
	r.readEdges(et, d)
}

// annotatedTable returns the table an Annotations() method names.
func (r *entReader) annotatedTable(d typeDecl) string {
	els, _, _ := r.methodSlice(d.file.dir, d.spec.Name.Name, "Annotations", nil, 0)
	for _, el := range els {
		switch e := ast.Unparen(unaddr(el.e)).(type) {
		case *ast.CompositeLit: // entsql.Annotation{Table: "x"}, &entsql.Annotation{…}
			for _, kv := range e.Elts {
				if kv, ok := kv.(*ast.KeyValueExpr); ok && key(kv) == "Table" {
					if s, ok := r.str(el, kv.Value); ok {
						return s
					}
				}
			}
		case *ast.CallExpr: // entsql.Table("x")
			if c, ok := chainOf(e); ok && c.fn == "Table" && el.f.pkgOf(c.pkg) == entSQLPath && len(c.root.Args) == 1 {
				s, _ := r.str(el, c.root.Args[0])
				return s
			}
		}
	}
	return ""
}

// eachMixin calls read for each mixin of d declared among the files read,
// with the string fields its literal sets, builtin for ent's own mixins,
// and records an error for the others.
func (r *entReader) eachMixin(d typeDecl, read func(typeDecl, map[string]string), builtin func(*goFile, token.Pos, string)) {
	r.eachMixinAt(d, read, builtin, 0)
}

func (r *entReader) eachMixinAt(d typeDecl, read func(typeDecl, map[string]string), builtin func(*goFile, token.Pos, string), depth int) {
	els, m, ok := r.methodSlice(d.file.dir, d.spec.Name.Name, "Mixin", nil, 0)
	if !ok {
		r.errorf(m.file, m.decl.Pos(), "%s.Mixin does not return a slice this reader can follow: its mixins' fields are not checked", d.spec.Name.Name)
		return
	}
	for _, el := range els {
		e := el.e
		name := compositeTypeName(e)
		if name == "" {
			r.errorf(el.f, e.Pos(), "mixin %s is not a composite literal: its fields are not checked", nodeText(el.f, e))
			continue
		}
		if sel, ok := ast.Unparen(unaddr(e)).(*ast.CompositeLit); ok {
			if s, ok := sel.Type.(*ast.SelectorExpr); ok {
				if x, ok := s.X.(*ast.Ident); ok && el.f.pkgOf(x.Name) == entMixinPath {
					builtin(el.f, e.Pos(), name)
					continue
				}
			}
		}
		md, withMixins, why := r.mixinDecl(el.f, e)
		if why != "" {
			r.errorf(el.f, e.Pos(), "mixin %s %s: its fields are not checked", mixinText(el.f, e), why)
			continue
		}
		read(md, r.literalFields(el, e))
		if withMixins && depth < 8 {
			r.eachMixinAt(md, read, builtin, depth+1)
		}
	}
}

// mixinDecl resolves the type of a mixin literal written in f: T or pkg.T
// among the files read, through aliases, and through a generic wrapper
// G[T] whose Fields() are T's (openmeter's entutils.RecursiveMixin[T],
// declared in another package and aliased as payment.InvoicedMixin):
// then the mixin is T, and withMixins says G also reads T's own Mixin(),
// which ent itself never does. why says what stops it.
func (r *entReader) mixinDecl(f *goFile, e ast.Expr) (d typeDecl, withMixins bool, why string) {
	if cl, ok := ast.Unparen(unaddr(e)).(*ast.CompositeLit); ok {
		e = cl.Type
	}
	for range 8 {
		if ix, ok := e.(*ast.IndexExpr); ok {
			g, ok := r.idx.resolve(f, ix.X)
			if !ok {
				return typeDecl{}, false, "is an instance of " + nodeText(f, ix.X) + ", which is declared in no Go file read"
			}
			wm, ok := r.wrapsParam(g)
			if !ok {
				return typeDecl{}, false, "is an instance of the generic " + g.spec.Name.Name + ", whose Fields() are not its type argument's"
			}
			withMixins = withMixins || wm
			e = ix.Index
			continue
		}
		d, ok := r.idx.resolve(f, e)
		if !ok {
			return typeDecl{}, false, "is declared in no Go file read"
		}
		if d.spec.Assign.IsValid() { // an alias of a generic instance
			f, e = d.file, d.spec.Type
			continue
		}
		if emb := r.promotedMixin(d); emb != nil {
			own := ""
			for _, m := range []string{"Fields", "Indexes", "Edges"} {
				if r.idx.method(d.file.dir, d.spec.Name.Name, m) != nil {
					own = m
				}
			}
			if own != "" {
				return typeDecl{}, false, "has its own " + own + "() beside those it gets from its embedded " + nodeText(d.file, emb)
			}
			f, e = d.file, emb // type M struct{ entutils.RecursiveMixin[base] }: M's methods are the embedded one's
			continue
		}
		return d, withMixins, ""
	}
	return typeDecl{}, false, "is an alias or generic instance nested too deep to follow"
}

// namedFields returns the named fields of struct d.
func namedFields(ts *ast.TypeSpec) []*ast.Field {
	var out []*ast.Field
	for _, f := range structFields(ts) {
		if len(f.Names) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// promotedMixin returns the one type d embeds whose methods it gets, other
// than ent's own Schema and mixin.Schema (which declare none), or nil.
func (r *entReader) promotedMixin(d typeDecl) ast.Expr {
	var emb ast.Expr
	for _, fld := range structFields(d.spec) {
		if len(fld.Names) != 0 {
			continue
		}
		if sel, ok := fld.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Schema" {
			if x, ok := sel.X.(*ast.Ident); ok && (d.file.pkgOf(x.Name) == entPath || d.file.pkgOf(x.Name) == entMixinPath) {
				continue
			}
		}
		if emb != nil {
			return nil // two: which one's methods win is not this reader's to say
		}
		emb = fld.Type
	}
	return emb
}

// wrapsParam reports whether g is a generic mixin that stands for its one
// type argument T: a struct with no fields whose Fields method calls
// Fields() on a variable of type T; withMixins, whether it also calls
// Mixin() on one (it reads T's mixins' fields too).
func (r *entReader) wrapsParam(g typeDecl) (withMixins, ok bool) {
	tp := g.spec.TypeParams
	if _, isStruct := g.spec.Type.(*ast.StructType); !isStruct || tp == nil || len(tp.List) != 1 || len(tp.List[0].Names) != 1 || r.promotedMixin(g) != nil || len(namedFields(g.spec)) != 0 {
		return false, false // fields of its own, or methods from elsewhere
	}
	param := tp.List[0].Names[0].Name
	m := r.idx.method(g.file.dir, g.spec.Name.Name, "Fields")
	if m == nil || m.decl.Body == nil {
		return false, false
	}
	vars := map[string]bool{}
	ast.Inspect(m.decl.Body, func(n ast.Node) bool {
		if vs, isVS := n.(*ast.ValueSpec); isVS {
			if id, isID := vs.Type.(*ast.Ident); isID && id.Name == param {
				for _, n := range vs.Names {
					vars[n.Name] = true
				}
			}
		}
		if c, isCall := n.(*ast.CallExpr); isCall {
			if sel, isSel := c.Fun.(*ast.SelectorExpr); isSel {
				if x, isID := sel.X.(*ast.Ident); isID && vars[x.Name] {
					switch sel.Sel.Name {
					case "Fields":
						ok = true
					case "Mixin":
						withMixins = true
					}
				}
			}
		}
		return true
	})
	return withMixins && ok, ok
}

func unaddr(e ast.Expr) ast.Expr {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return u.X
	}
	return e
}

func nodeText(f *goFile, n ast.Node) string {
	s, e := f.off(n.Pos()), f.off(n.End())
	if s < 0 || e > len(f.sf.Src) || s > e {
		return "?"
	}
	return string(f.sf.Src[s:e])
}

// fields reads the Fields() of d (a schema or a mixin, whose literal
// sets env) into et.
func (r *entReader) fields(et *entTable, d typeDecl, env map[string]string) {
	els, m, ok := r.methodSlice(d.file.dir, d.spec.Name.Name, "Fields", env, 0)
	if !ok {
		r.errorf(m.file, m.decl.Pos(), "%s.Fields does not return a slice this reader can follow: its fields are not checked", d.spec.Name.Name)
		return
	}
	for _, el := range els {
		addFile(r.m, el.f)
		c, ok := chainOf(el.e)
		if !ok || el.f.pkgOf(c.pkg) != entFieldPath {
			r.errorf(el.f, el.e.Pos(), "field %s is not a field.… builder chain: it is not checked", firstLine(nodeText(el.f, el.e)))
			continue
		}
		r.field(et, el, c)
	}
}

// entDBDefaultTypes are the field types whose Default(v) ent also writes
// into the database schema.
var entDBDefaultTypes = map[string]bool{
	"String": true, "Text": true, "Bool": true, "Enum": true, "Int": true, "Int8": true, "Int16": true, "Int32": true, "Int64": true,
	"Uint": true, "Uint8": true, "Uint16": true, "Uint32": true, "Uint64": true, "Float": true, "Float32": true,
}

func (r *entReader) field(et *entTable, el entElem, c chain) {
	f, e := el.f, el.e
	name := ""
	if len(c.root.Args) > 0 {
		name, _ = r.str(el, c.root.Args[0])
	}
	if name == "" {
		r.errorf(f, e.Pos(), "field name %s is no string this reader can evaluate: the field is not checked", firstLine(nodeText(f, c.root)))
		return
	}
	col := &schema.Column{Name: name, Type: c.fn, Span: f.span(e), NameSpan: f.span(c.root.Args[0]), TypeSpan: f.span(c.root.Fun)}
	col.SetFieldName(name)
	var rejectsEmpty *ast.CallExpr // NotEmpty() or MinLen(n ≥ 1)
	for _, call := range c.calls[1:] {
		sel := call.Fun.(*ast.SelectorExpr)
		switch sel.Sel.Name {
		case "NotEmpty":
			rejectsEmpty = call
		case "Optional":
			col.Nullable = true
		case "StorageKey":
			if len(call.Args) == 1 {
				if s, ok := r.str(el, call.Args[0]); ok {
					col.Name = s
					col.SetFieldName(name)
				}
			}
		case "SchemaType":
			if len(call.Args) == 1 {
				col.SetNativeType(schemaType(call.Args[0], r.m.Dialect))
			}
		case "MaxLen":
			if len(call.Args) == 1 && col.NativeType() == "" {
				col.SetNativeType("varchar(" + nodeText(f, call.Args[0]) + ")")
			}
		case "MinLen":
			if len(call.Args) == 1 {
				if n, err := strconv.Atoi(nodeText(f, call.Args[0])); err == nil && n >= 1 {
					rejectsEmpty = call
				}
			}
		case "Default":
			if len(call.Args) == 1 {
				col.Default = &schema.Default{Expr: nodeText(f, call.Args[0]), InDatabase: entDBDefaultTypes[c.fn], Span: f.span(call)}
			}
		case "DefaultFunc":
			if len(call.Args) == 1 {
				col.Default = &schema.Default{Expr: nodeText(f, call.Args[0]), Span: f.span(call)}
			}
		case "Unique":
			et.t.Uniques = append(et.t.Uniques, &schema.Unique{Name: et.t.Name + "_" + name + "_key", Kind: schema.UniqueConstraint, Parts: []schema.IndexPart{{Column: name}}, Span: f.span(e)})
		case "Annotations":
			for _, a := range call.Args {
				ac, ok := chainOf(a)
				if !ok || f.pkgOf(ac.pkg) != entSQLPath {
					continue
				}
				if ac.fn == "Default" || ac.fn == "DefaultExpr" {
					if v := ac.stringArg(0); v != "" || len(ac.root.Args) == 1 {
						col.Default = &schema.Default{Expr: v, InDatabase: true, Span: f.span(a)}
					}
				}
			}
		}
	}
	// A Unique() seen before StorageKey(…) names the field: fix its part.
	for _, u := range et.t.Uniques {
		if u.Kind == schema.UniqueConstraint && len(u.Parts) == 1 && u.Parts[0].Column == name && u.Span == col.Span {
			u.Parts[0].Column = col.Name
		}
	}
	if rejectsEmpty != nil && c.fn == "String" {
		// ent's generated builders validate NotEmpty() and MinLen before
		// they write: an empty key fails Save with a validation error, as
		// a CHECK (key <> '') fails the insert. No column constraint is
		// created in the database; the check stands for the validator.
		et.t.Checks = append(et.t.Checks, &schema.CheckConstraint{Name: "ent " + rejectsEmpty.Fun.(*ast.SelectorExpr).Sel.Name + " validator",
			Column: col.Name, Expr: predicateName(col.Name) + " <> ''", Span: f.span(rejectsEmpty)})
	}
	if old := et.byField[name]; old != nil {
		r.errorf(f, e.Pos(), "field %q is declared twice in %s", name, et.t.ModelName)
	}
	et.t.Columns = append(et.t.Columns, col)
	et.byField[name] = col
	setSite(f, col, &fixSite{kind: entField, chain: c.calls})
}

// predicateName writes a column name into a predicate: as it is when it
// is a plain lower-case identifier, double-quoted otherwise.
func predicateName(name string) string {
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return strconv.Quote(name)
		}
	}
	return name
}

// schemaType reads SchemaType(map[string]string{"postgres": "varchar(50)"})
// for the model's dialect (postgres when not yet known).
func schemaType(e ast.Expr, d schema.Dialect) string {
	cl, ok := e.(*ast.CompositeLit)
	if !ok {
		return ""
	}
	want := map[schema.Dialect]string{schema.MySQL: "mysql", schema.MariaDB: "mysql", schema.SQLite: "sqlite3"}[d]
	if want == "" {
		want = "postgres"
	}
	for _, el := range cl.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		k, _ := stringLit(kv.Key)
		if sel, ok := kv.Key.(*ast.SelectorExpr); ok {
			k = strings.ToLower(sel.Sel.Name) // dialect.Postgres
		}
		if k == want {
			v, _ := stringLit(kv.Value)
			return v
		}
	}
	return ""
}

// readEdges reads the Edges() of d and its mixins.
func (r *entReader) readEdges(et *entTable, d typeDecl) {
	read := func(md typeDecl, env map[string]string) {
		els, m, ok := r.methodSlice(md.file.dir, md.spec.Name.Name, "Edges", env, 0)
		if !ok {
			r.errorf(m.file, m.decl.Pos(), "%s.Edges does not return a slice this reader can follow: its foreign-key columns are not checked", md.spec.Name.Name)
			return
		}
		for _, el := range els {
			e := el.e
			c, ok := chainOf(e)
			if !ok || el.f.pkgOf(c.pkg) != entEdgePath || len(c.root.Args) != 2 {
				r.errorf(el.f, e.Pos(), "edge %s is not an edge.… builder chain: it is not checked", firstLine(nodeText(el.f, e)))
				continue
			}
			name, _ := r.str(el, c.root.Args[0])
			ed := entEdge{file: el.f, from: c.fn == "From", name: name, span: el.f.span(e)}
			if sel, ok := c.root.Args[1].(*ast.SelectorExpr); ok && sel.Sel.Name == "Type" {
				ed.target = typeString(sel.X)
				if i := strings.LastIndexByte(ed.target, '.'); i >= 0 {
					ed.target = ed.target[i+1:]
				}
			}
			for _, call := range c.calls[1:] {
				switch call.Fun.(*ast.SelectorExpr).Sel.Name {
				case "Ref":
					if len(call.Args) == 1 {
						ed.ref, _ = r.str(el, call.Args[0])
					}
				case "Field":
					if len(call.Args) == 1 {
						ed.field, _ = r.str(el, call.Args[0])
					}
				case "Unique":
					ed.unique = true
				case "Required":
					ed.required = true
				case "StorageKey": // StorageKey(edge.Column("x"))
					for _, a := range call.Args {
						if ac, ok := chainOf(a); ok && el.f.pkgOf(ac.pkg) == entEdgePath && ac.fn == "Column" && len(ac.root.Args) == 1 {
							ed.column, _ = r.str(el, ac.root.Args[0])
						}
					}
				}
			}
			et.edges = append(et.edges, ed)
		}
	}
	r.eachMixin(d, read, func(*goFile, token.Pos, string) {})
	read(d, nil)
}

// edges adds the foreign-key columns of edges declared without Field(…):
// O2M (edge.To without Unique, whose inverse, if any, is Unique) puts
// <owner>_<edge> in the target's table; O2O (both Unique) puts it in the
// inverse's table.
func (r *entReader) edges() {
	for _, d := range r.schemas {
		owner := d.spec.Name.Name
		et := r.tables[owner]
		for i := range et.edges {
			to := &et.edges[i]
			if to.from || to.field != "" {
				continue
			}
			target := r.tables[to.target]
			if target == nil {
				continue
			}
			var inverse *entEdge
			for j := range target.edges {
				if e := &target.edges[j]; e.from && e.ref == to.name && e.target == owner {
					inverse = e
				}
			}
			if inverse != nil && inverse.field != "" {
				// The inverse names its column, declared in Fields; an O2O
				// edge makes it unique.
				if to.unique && inverse.unique {
					if col := target.byField[inverse.field]; col != nil && !hasSingleUnique(target.t, col.Name) {
						target.t.Uniques = append(target.t.Uniques, &schema.Unique{Name: target.t.Name + "_" + col.Name + "_key", Kind: schema.UniqueConstraint, Parts: []schema.IndexPart{{Column: col.Name}}, Span: inverse.span})
					}
				}
				continue
			}
			holder, refs := target, et // the table that holds the column, the one it references
			switch {
			case !to.unique && (inverse == nil || inverse.unique):
				// O2M
			case to.unique && inverse != nil && inverse.unique:
				// O2O: the inverse's table
			case to.unique && inverse == nil && owner != to.target:
				holder, refs = et, target // M2O: the owner's table
			case !to.unique && inverse != nil && !inverse.unique && owner != to.target:
				r.joinTable(et, target, to)
				continue
			default:
				continue // an edge of a type to itself
			}
			name := snake(owner) + "_" + snake(to.name)
			if to.column != "" {
				name = to.column
			} else if inverse != nil && inverse.column != "" {
				name = inverse.column
			}
			if holder.t.Column(name) != nil {
				continue
			}
			span := to.span
			nullable := true
			switch {
			case inverse != nil:
				span = inverse.span
				nullable = !inverse.required
			case holder == et:
				nullable = !to.required
			}
			col := &schema.Column{Name: name, Type: "edge", Nullable: nullable, Span: span, NameSpan: span, TypeSpan: span}
			if id := refs.byField["id"]; id != nil {
				col.Type = id.Type
				col.SetNativeType(id.NativeType())
			}
			holder.t.Columns = append(holder.t.Columns, col)
			holder.byField[name] = col
			if to.unique && inverse != nil {
				holder.t.Uniques = append(holder.t.Uniques, &schema.Unique{Name: holder.t.Name + "_" + name + "_key", Kind: schema.UniqueConstraint, Parts: []schema.IndexPart{{Column: name}}, Span: span})
			}
		}
	}
}

// hasSingleUnique reports whether t has a unique rule over column alone.
func hasSingleUnique(t *schema.Table, column string) bool {
	for _, u := range t.Uniques {
		if len(u.Parts) == 1 && u.Parts[0].Column == column {
			return true
		}
	}
	return false
}

// joinTable adds the table ent creates for an M2M edge (owner → target,
// edge.To without Unique whose inverse is not Unique either):
// <owner>_<edge>, holding <owner>_id and <target>_id, NOT NULL, the two
// making up its primary key.
func (r *entReader) joinTable(owner, target *entTable, to *entEdge) {
	t := &schema.Table{Name: snake(owner.decl.spec.Name.Name) + "_" + to.name, Span: to.span, NameSpan: to.span}
	pk := &schema.Unique{Kind: schema.PrimaryKey, Span: to.span}
	for _, side := range []*entTable{owner, target} {
		col := &schema.Column{Name: snake(side.decl.spec.Name.Name) + "_id", Type: "edge", Span: to.span, NameSpan: to.span, TypeSpan: to.span}
		if id := side.byField["id"]; id != nil {
			col.Type = id.Type
			col.SetNativeType(id.NativeType())
		}
		t.Columns = append(t.Columns, col)
		pk.Parts = append(pk.Parts, schema.IndexPart{Column: col.Name})
	}
	t.Uniques = append(t.Uniques, pk)
	r.joins = append(r.joins, t)
}

// indexes reads the Indexes() of d and its mixins.
func (r *entReader) indexes(d typeDecl) {
	et := r.tables[d.spec.Name.Name]
	read := func(md typeDecl, env map[string]string) {
		els, m, ok := r.methodSlice(md.file.dir, md.spec.Name.Name, "Indexes", env, 0)
		if !ok {
			r.errorf(m.file, m.decl.Pos(), "%s.Indexes does not return a slice this reader can follow: its unique indexes are not checked", md.spec.Name.Name)
			return
		}
		for _, el := range els {
			r.index(et, el)
		}
	}
	r.eachMixin(d, read, func(*goFile, token.Pos, string) {})
	read(d, nil)
}

func (r *entReader) index(et *entTable, el entElem) {
	f, e := el.f, el.e
	c, ok := chainOf(e)
	if !ok || f.pkgOf(c.pkg) != entIndexPath {
		r.errorf(f, e.Pos(), "index %s is not an index.… builder chain: it is not checked", firstLine(nodeText(f, e)))
		return
	}
	var cols []string
	unique, name, where := false, "", ""
	missing := ""
	addNames := func(call *ast.CallExpr, edges bool) {
		for _, a := range call.Args {
			s, ok := r.str(el, a)
			if !ok {
				missing = nodeText(f, a)
				continue
			}
			if edges {
				s = r.edgeColumn(et, s)
			} else if col := et.byField[s]; col != nil {
				s = col.Name
			} else {
				missing = s
			}
			if s == "" {
				missing = nodeText(f, a)
				continue
			}
			cols = append(cols, s)
		}
	}
	for i, call := range c.calls {
		fn := c.fn
		if i > 0 {
			fn = call.Fun.(*ast.SelectorExpr).Sel.Name
		}
		switch fn {
		case "Fields":
			addNames(call, false)
		case "Edges":
			addNames(call, true)
		case "Unique":
			unique = true
		case "StorageKey":
			if len(call.Args) == 1 {
				name, _ = r.str(el, call.Args[0])
			}
		case "Annotations":
			for _, a := range call.Args {
				if ac, ok := chainOf(a); ok && f.pkgOf(ac.pkg) == entSQLPath && ac.fn == "IndexWhere" && len(ac.root.Args) == 1 {
					where, _ = r.str(el, ac.root.Args[0])
				}
				if cl, ok := unaddr(a).(*ast.CompositeLit); ok { // &entsql.IndexAnnotation{Where: …}
					for _, ael := range cl.Elts {
						if kv, ok := ael.(*ast.KeyValueExpr); ok && key(kv) == "Where" {
							where, _ = r.str(el, kv.Value)
						}
					}
				}
			}
		}
	}
	if !unique {
		return
	}
	if missing != "" {
		r.errorf(f, e.Pos(), "unique index over %s: %s is no field of %s, so the index is not checked", firstLine(nodeText(f, c.root)), missing, et.t.ModelName)
		return
	}
	if name == "" {
		name = strings.ToLower(et.t.ModelName) + "_" + strings.Join(cols, "_")
	}
	u := &schema.Unique{Name: name, Kind: schema.UniqueIndex, Where: where, Span: f.span(e)}
	for _, col := range cols {
		u.Parts = append(u.Parts, schema.IndexPart{Column: col})
	}
	et.t.Uniques = append(et.t.Uniques, u)
}

// edgeColumn returns the column that holds edge name's key in et's table.
func (r *entReader) edgeColumn(et *entTable, name string) string {
	for _, e := range et.edges {
		if e.name != name {
			continue
		}
		if e.field != "" {
			if col := et.byField[e.field]; col != nil {
				return col.Name
			}
			return e.field
		}
		if e.from {
			return snake(e.target) + "_" + e.ref
		}
	}
	return ""
}

// mixinText is a mixin literal as written, on one line: its type and {…}
// when its fields span several.
func mixinText(f *goFile, e ast.Expr) string {
	s := nodeText(f, e)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i]) + "…}"
	}
	return s
}
