package gomodel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
	"unicode"

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
// migrate/schema.go it generates and the tables its Schema.Create makes on
// PostgreSQL, internal/dbdiff/entdiff):
//
//   - the table is the type name pluralised (inflect's rules on the Go
//     name, case-sensitive) then snake_cased (entTableName), or
//     entsql.Annotation{Table: …} / entsql.Table(…) in Annotations();
//     the exported types embedding ent.Schema, or an unexported base
//     type of their package that does, are the schemas;
//   - a field's column is its name snake_cased, or StorageKey(…);
//     Optional() makes it nullable (Nillable() only changes the Go
//     type); Unique() makes it unique (a unique index
//     <table>_<column>_key; none on the id, the primary key already);
//     Default(v) on a string, number, bool or enum is a database default
//     too, Default(f)/DefaultFunc on a UUID or time only a Go one,
//     entsql.Default/DefaultExpr always a database one;
//   - mixins' fields, edges and indexes come before the schema's own;
//   - without a field "id", ent adds an integer primary key id; the id
//     is the first column, an integer one an identity column the
//     database fills;
//   - index.Fields(…).Unique() is a unique index, partial with
//     entsql.IndexWhere(…), named StorageKey(…) or <type>_<columns>;
//   - edges become foreign-key columns or join tables as ent resolves
//     them (see edges), the columns (edge fields among them) after the
//     other fields in the order ent visits the edges (orderColumns); an
//     edge schema (Through) keyed by its own id gets a unique index over
//     its two edge columns, one annotated field.ID(a, b) has them as its
//     primary key and no id.
//
// Not read: edges, fields and mixins built by helper functions taking
// struct arguments (openlane's edgeFromWithPagination(&edgeDefinition{…}):
// an error says each is not checked), and entsql.Schema's database
// schema (tables are matched by name alone).
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
	r.schemas = r.withBases(r.schemas)
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
		r.tables[d.spec.Name.Name].orderColumns()
		r.indexes(d)
	}
	r.throughIndexes()
	r.countShapes()
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
	bases    map[string]string    // "dir.Type" → the unexported base type it embeds, whose methods it gets
	throughs []entThrough         // M2M edges held by an edge schema
	cur      *entTable            // the table being read, marked Unread by an error
	reported map[string]bool      // errors recorded, by text
	shapes   map[string]*shapeErr // errors recorded, by the unreadable shape they name (groupErrorf)
}

// A shapeErr is the one error recorded for an unreadable shape that
// recurs (edges built by one helper function), and what it is called in
// the count its message ends with.
type shapeErr struct {
	err  *schema.ParseError
	noun string
}

type entTable struct {
	decl    typeDecl
	t       *schema.Table
	byField map[string]*schema.Column // field name → column
	edges   []entEdge
	fkOrder map[*schema.Column]entEdgeKey // the foreign-key columns ent adds after the fields, by the edge that adds each first
}

// orderColumns puts the foreign-key columns after the others, as
// entc/gen's Graph.Tables adds them: the id (or the fields) first, then,
// edge by edge in ent's order, each edge's column, whether ent adds it or
// it is an edge field declared among the fields.
func (et *entTable) orderColumns() {
	if len(et.fkOrder) == 0 {
		return
	}
	var cols, fks []*schema.Column
	for _, c := range et.t.Columns {
		if _, ok := et.fkOrder[c]; ok {
			fks = append(fks, c)
		} else {
			cols = append(cols, c)
		}
	}
	sort.SliceStable(fks, func(i, j int) bool { return et.fkOrder[fks[i]].less(et.fkOrder[fks[j]]) })
	et.t.Columns = append(cols, fks...)
}

// An entEdgeKey orders the edges as entc/gen's Graph.Tables visits them
// when it adds foreign-key columns: by the schema type declaring the
// edge.To (ent loads types sorted by name), then by the edge's place
// among that type's edges (its mixins' first).
type entEdgeKey struct {
	owner string
	pos   int
}

func (k entEdgeKey) less(o entEdgeKey) bool {
	if k.owner != o.owner {
		return k.owner < o.owner
	}
	return k.pos < o.pos
}

// An entEdge is one edge declaration.
type entEdge struct {
	file       *goFile
	from       bool     // edge.From (inverse) rather than edge.To
	name, ref  string   // the edge's name; Ref(…) of an inverse
	target     string   // the type it points at
	field      string   // Field(…): the column that holds the key, if declared
	column     string   // StorageKey(edge.Column(…)): the column's name, if set
	table      string   // StorageKey(edge.Table(…)): an M2M join table's name
	columns    []string // StorageKey(edge.Columns(…)): an M2M join table's columns
	unique     bool
	required   bool
	through    bool       // Through(…): an M2M edge whose join table is an edge schema
	edgeSchema string     // the type Through(…) names
	col        string     // the foreign-key column holding the edge, once resolved
	key        entEdgeKey // where ent visits it among the edges
	span       schema.Span
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

// withBases returns the schema types ent generates code for among
// schemas (the types embedding ent.Schema): the exported ones, and the
// exported types of the same package embedding an unexported one (type
// Pet struct{ base }, base embedding ent.Schema: ent's multischema
// layout). An unexported type is no schema of its own: ent generates
// exported code for each schema and skips it.
func (r *entReader) withBases(schemas []typeDecl) []typeDecl {
	var out []typeDecl
	for _, d := range schemas {
		if ast.IsExported(d.spec.Name.Name) {
			out = append(out, d)
			continue
		}
		r.idx.need(d.spec.Name.Name) // the files that may embed it
		for _, f := range r.idx.files {
			if f.dir != d.file.dir {
				continue
			}
			for _, decl := range f.ast.Decls {
				for _, ts := range structSpecs(decl) {
					if ast.IsExported(ts.Name.Name) && embedsLocal(ts, d.spec.Name.Name) {
						out = append(out, typeDecl{f, ts})
					}
				}
			}
		}
	}
	if r.bases == nil {
		r.bases = map[string]string{}
	}
	for _, d := range out {
		for _, fld := range structFields(d.spec) {
			if id, ok := fld.Type.(*ast.Ident); ok && len(fld.Names) == 0 && !ast.IsExported(id.Name) {
				r.bases[d.file.dir+"."+d.spec.Name.Name] = id.Name
			}
		}
	}
	return out
}

// embedsLocal reports whether struct ts embeds the type named name of
// its own package.
func embedsLocal(ts *ast.TypeSpec, name string) bool {
	for _, fld := range structFields(ts) {
		if id, ok := fld.Type.(*ast.Ident); ok && len(fld.Names) == 0 && id.Name == name {
			return true
		}
	}
	return false
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

// errorf records an error once: a mixin shared by many schemas, read for
// each, is reported where it is written, not once per schema.
func (r *entReader) errorf(f *goFile, pos token.Pos, format string, args ...any) {
	if r.cur != nil {
		r.cur.t.Unread = true
	}
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

// groupErrorf is errorf for an error about a shape that may recur across
// the schemas (an edge, field or index built by a helper function, a
// mixin type declared out of view): the first use is reported, and each
// further one is added to it as a related position, so a project that
// builds 500 edges with four helpers gets four findings that say what
// was not read, not 500. The table is marked Unread all the same. An
// empty shape records the error on its own.
func (r *entReader) groupErrorf(f *goFile, pos token.Pos, shape, noun, format string, args ...any) {
	if shape == "" {
		r.errorf(f, pos, format, args...)
		return
	}
	if r.cur != nil {
		r.cur.t.Unread = true
	}
	if g, ok := r.shapes[shape]; ok {
		p := f.sf.Position(f.off(pos))
		for _, q := range append([]schema.Position{g.err.Pos}, g.err.Also...) {
			if q == p {
				return // a mixin shared by many schemas, read for each
			}
		}
		g.err.Also = append(g.err.Also, p)
		return
	}
	before := len(r.m.Errors)
	r.errorf(f, pos, format, args...)
	if len(r.m.Errors) == before {
		return
	}
	if r.shapes == nil {
		r.shapes = map[string]*shapeErr{}
	}
	r.shapes[shape] = &shapeErr{err: r.m.Errors[before], noun: noun}
}

// countShapes ends the message of each grouped error with how many more
// uses of its shape it stands for.
func (r *entReader) countShapes() {
	for _, g := range r.shapes {
		if n := len(g.err.Also); n > 0 {
			files := map[string]bool{g.err.Pos.Path: true}
			for _, p := range g.err.Also {
				files[p.Path] = true
			}
			g.err.Msg += fmt.Sprintf("; so are %d more %s, in %d files (listed as related positions)", n, g.noun, len(files))
		}
	}
}

// calleeShape names the function a call expression calls
// (edgeToWithPagination, mixinConfig{…}.getMixins), or "" when e is no
// call of a named function: the shape a helper-built declaration shares
// with its siblings.
func calleeShape(e ast.Expr) string {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return ""
	}
	fun := ast.Unparen(call.Fun)
	if ix, ok := fun.(*ast.IndexExpr); ok { // a generic helper: newObjectOwnedMixin[T](…)
		fun = ix.X
	} else if ix, ok := fun.(*ast.IndexListExpr); ok {
		fun = ix.X
	}
	switch x := fun.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		switch y := ast.Unparen(x.X).(type) {
		case *ast.Ident:
			return y.Name + "." + x.Sel.Name
		case *ast.CompositeLit:
			return types.ExprString(y.Type) + "{…}." + x.Sel.Name
		}
		return "…." + x.Sel.Name
	}
	return ""
}

// shapeOf is prefix+shape, or "" (no group) when shape is "".
func shapeOf(prefix, shape string) string {
	if shape == "" {
		return ""
	}
	return prefix + shape
}

// returnShape is the calleeShape of what a method returns, the name of
// the variable it returns, or "" when it returns neither.
func returnShape(fd *ast.FuncDecl) string {
	if fd == nil || fd.Body == nil {
		return ""
	}
	shape := ""
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
			shape = calleeShape(ret.Results[0])
			if id, ok := ast.Unparen(ret.Results[0]).(*ast.Ident); ok {
				shape = "variable " + id.Name // generated schemas: historyFields, built and appended to
			}
		}
		return true
	})
	return shape
}

// schema reads one schema type's table and columns.
func (r *entReader) schema(d typeDecl) {
	name := d.spec.Name.Name
	t := &schema.Table{Name: entTableName(name), ModelName: name, Span: d.file.span(d.spec), NameSpan: d.file.span(d.spec.Name)}
	if tn := r.annotatedTable(d); tn != "" {
		t.Name = tn
	}
	et := &entTable{decl: d, t: t, byField: map[string]*schema.Column{}}
	r.tables[name] = et
	r.cur = et
	defer func() { r.cur = nil }()
	addFile(r.m, d.file)
	r.eachMixin(d, func(md, _ typeDecl, env map[string]string) {
		r.fields(et, md, env)
	}, func(f *goFile, pos token.Pos, builtin string) {
		switch builtin {
		case "Time", "CreateTime", "UpdateTime":
			sp := f.sf.Span(f.off(pos), f.off(pos))
			for _, c := range map[string][]string{"Time": {"create_time", "update_time"}, "CreateTime": {"create_time"}, "UpdateTime": {"update_time"}}[builtin] {
				col := &schema.Column{Name: c, Type: "Time"}
				col.SetSpans(sp, sp, sp)
				t.Columns = append(t.Columns, col)
				et.byField[c] = col
			}
		}
	})
	r.fields(et, d, nil)
	if pk := r.compositeID(d, et); pk != nil {
		// An edge schema keyed by its two edge fields has no id column.
		t.Uniques = append(t.Uniques, pk)
		r.readEdges(et, d)
		return
	}
	if et.byField["id"] == nil {
		sp := d.file.span(d.spec.Name)
		col := &schema.Column{Name: "id", Type: "Int"}
		col.SetSpans(sp, sp, sp)
		t.Columns = append(t.Columns, col)
		et.byField["id"] = col
	}
	id := et.byField["id"]
	id.Nullable = false
	// The id is the table's first column wherever it is declared (a
	// mixin's fields come first otherwise), and an integer id is an
	// identity column (bigint GENERATED BY DEFAULT AS IDENTITY on
	// PostgreSQL): the database fills it.
	cols := []*schema.Column{id}
	for _, c := range t.Columns {
		if c != id {
			cols = append(cols, c)
		}
	}
	t.Columns = cols
	if entIntTypes[id.Type] && id.Default == nil {
		id.Default = &schema.Default{Expr: "identity", InDatabase: true, Span: id.Span}
	}
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

// compositeID returns the primary key an Annotations() method declares
// with field.ID("a_id", "b_id") (an edge schema's composite key), over
// the columns of those fields, or nil.
func (r *entReader) compositeID(d typeDecl, et *entTable) *schema.Unique {
	els, _, _ := r.methodSlice(d.file.dir, d.spec.Name.Name, "Annotations", nil, 0)
	for _, el := range els {
		c, ok := chainOf(ast.Unparen(el.e))
		if !ok || c.fn != "ID" || el.f.pkgOf(c.pkg) != entFieldPath || len(c.root.Args) == 0 {
			continue
		}
		pk := &schema.Unique{Kind: schema.PrimaryKey, Span: el.f.span(el.e)}
		for _, a := range c.root.Args {
			n, _ := r.str(el, a)
			col := et.byField[n]
			if col == nil {
				return nil
			}
			col.Nullable = false
			pk.Parts = append(pk.Parts, schema.IndexPart{Column: col.Name})
		}
		return pk
	}
	return nil
}

// eachMixin calls read for each mixin of d declared among the files read,
// with the string fields its literal sets, builtin for ent's own mixins,
// and records an error for the others.
func (r *entReader) eachMixin(d typeDecl, read func(md, edges typeDecl, env map[string]string), builtin func(*goFile, token.Pos, string)) {
	r.eachMixinAt(d, read, builtin, 0)
}

func (r *entReader) eachMixinAt(d typeDecl, read func(md, edges typeDecl, env map[string]string), builtin func(*goFile, token.Pos, string), depth int) {
	els, m, ok := r.methodSlice(d.file.dir, d.spec.Name.Name, "Mixin", nil, 0)
	if !ok {
		r.groupErrorf(m.file, m.decl.Pos(), shapeOf("Mixin returns ", returnShape(m.decl)), "Mixin methods built the same way", "%s.Mixin does not return a slice this reader can follow: its mixins' fields are not checked", d.spec.Name.Name)
		return
	}
	for _, el := range els {
		e := el.e
		name := compositeTypeName(e)
		if name == "" {
			r.groupErrorf(el.f, e.Pos(), shapeOf("mixin call ", calleeShape(e)), "mixins built by the same helper", "mixin %s is not a composite literal: its fields are not checked", firstLine(nodeText(el.f, e)))
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
		md, edges, withMixins, why := r.mixinDecls(el.f, e)
		if why != "" {
			r.groupErrorf(el.f, e.Pos(), shapeOf("mixin "+why+" ", name), "uses of the same mixin", "mixin %s %s: its fields are not checked", mixinText(el.f, e), why)
			continue
		}
		read(md, edges, r.literalFields(el, e))
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
	d, _, withMixins, why = r.mixinDecls(f, e)
	return d, withMixins, why
}

// mixinDecls is mixinDecl, and the type whose own Edges() the mixin's
// edges are when it declares them beside the Fields() and Indexes() of
// its embedded mixin (openmeter's creditrealization.Mixin, embedding
// entutils.RecursiveMixin[mixinBase], adds a self-referencing edge): Go
// promotes the embedded type's methods but the wrapper's own win.
func (r *entReader) mixinDecls(f *goFile, e ast.Expr) (d, edges typeDecl, withMixins bool, why string) {
	if cl, ok := ast.Unparen(unaddr(e)).(*ast.CompositeLit); ok {
		e = cl.Type
	}
	for range 8 {
		if ix, ok := e.(*ast.IndexExpr); ok {
			g, ok := r.idx.resolve(f, ix.X)
			if !ok {
				return typeDecl{}, typeDecl{}, false, "is an instance of " + nodeText(f, ix.X) + ", which is declared in no Go file read"
			}
			wm, ok := r.wrapsParam(g)
			if !ok {
				return typeDecl{}, typeDecl{}, false, "is an instance of the generic " + g.spec.Name.Name + ", whose Fields() are not its type argument's"
			}
			withMixins = withMixins || wm
			e = ix.Index
			continue
		}
		d, ok := r.idx.resolve(f, e)
		if !ok {
			return typeDecl{}, typeDecl{}, false, "is declared in no Go file read"
		}
		if d.spec.Assign.IsValid() { // an alias of a generic instance
			f, e = d.file, d.spec.Type
			continue
		}
		if emb := r.promotedMixin(d); emb != nil {
			own := ""
			for _, m := range []string{"Fields", "Indexes", "Mixin"} {
				if r.idx.method(d.file.dir, d.spec.Name.Name, m) != nil {
					own = m
				}
			}
			if r.idx.method(d.file.dir, d.spec.Name.Name, "Edges") != nil && edges.spec == nil {
				edges = d
			}
			if own != "" {
				return typeDecl{}, typeDecl{}, false, "has its own " + own + "() beside those it gets from its embedded " + nodeText(d.file, emb)
			}
			f, e = d.file, emb // type M struct{ entutils.RecursiveMixin[base] }: M's methods are the embedded one's
			continue
		}
		if edges.spec == nil {
			edges = d
		}
		return d, edges, withMixins, ""
	}
	return typeDecl{}, typeDecl{}, false, "is an alias or generic instance nested too deep to follow"
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
		r.groupErrorf(m.file, m.decl.Pos(), shapeOf("Fields returns ", returnShape(m.decl)), "Fields methods built the same way", "%s.Fields does not return a slice this reader can follow: its fields are not checked", d.spec.Name.Name)
		return
	}
	for _, el := range els {
		addFile(r.m, el.f)
		c, ok := chainOf(el.e)
		if !ok || el.f.pkgOf(c.pkg) != entFieldPath {
			r.groupErrorf(el.f, el.e.Pos(), shapeOf("field ", calleeShape(el.e)), "fields built by the same helper", "field %s is not a field.… builder chain: it is not checked", firstLine(nodeText(el.f, el.e)))
			continue
		}
		r.field(et, el, c)
	}
}

// entIntTypes are the integer field types.
var entIntTypes = map[string]bool{
	"Int": true, "Int8": true, "Int16": true, "Int32": true, "Int64": true,
	"Uint": true, "Uint8": true, "Uint16": true, "Uint32": true, "Uint64": true,
}

// sqlDefault reads a field annotation that gives the column a database
// default: entsql.Default(v), entsql.DefaultExpr(e), entsql.DefaultExprs
// (a map by dialect), or the entsql.Annotation literal with Default,
// DefaultExpr or DefaultExprs set.
func (r *entReader) sqlDefault(el entElem, a ast.Expr) *schema.Default {
	f := el.f
	byDialect := func(e ast.Expr) (string, bool) {
		cl, ok := e.(*ast.CompositeLit)
		if !ok {
			return "", false
		}
		v := schemaType(cl, r.m.Dialect)
		return v, v != ""
	}
	if ac, ok := chainOf(a); ok && f.pkgOf(ac.pkg) == entSQLPath && len(ac.root.Args) == 1 {
		switch ac.fn {
		case "Default", "DefaultExpr":
			v, _ := r.str(el, ac.root.Args[0])
			return &schema.Default{Expr: v, InDatabase: true, Span: f.span(a)}
		case "DefaultExprs":
			if v, ok := byDialect(ac.root.Args[0]); ok {
				return &schema.Default{Expr: v, InDatabase: true, Span: f.span(a)}
			}
		}
		return nil
	}
	cl, ok := ast.Unparen(unaddr(a)).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	if sel, ok := cl.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Annotation" {
		return nil
	} else if x, ok := sel.X.(*ast.Ident); !ok || f.pkgOf(x.Name) != entSQLPath {
		return nil
	}
	for _, e := range cl.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		switch key(kv) {
		case "Default", "DefaultExpr":
			if v, ok := r.str(el, kv.Value); ok && v != "" {
				return &schema.Default{Expr: v, InDatabase: true, Span: f.span(a)}
			}
		case "DefaultExprs":
			if v, ok := byDialect(kv.Value); ok {
				return &schema.Default{Expr: v, InDatabase: true, Span: f.span(a)}
			}
		}
	}
	return nil
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
	// The column is the field's name snake_cased (SSOCert → sso_cert).
	col := &schema.Column{Name: entSnake(name), Type: c.fn}
	col.SetSpans(f.span(e), f.span(c.root.Args[0]), f.span(c.root.Fun))
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
				} else {
					r.errorf(f, call.Args[0].Pos(), "field %s: its column name %s is not a string this reader can work out (a literal, a constant or a package variable assigned once): it is checked as column %s, ent's default", name, firstLine(nodeText(f, call.Args[0])), col.Name)
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
			et.t.Uniques = append(et.t.Uniques, &schema.Unique{Name: et.t.Name + "_" + name + "_key", Kind: schema.UniqueIndex, Parts: []schema.IndexPart{{Column: name}}, Span: f.span(e)})
		case "Annotations":
			for _, a := range call.Args {
				if d := r.sqlDefault(el, a); d != nil {
					col.Default = d
				}
			}
		}
	}
	// A Unique() seen before StorageKey(…) names the field: fix its part
	// and its name (Atlas names the index <table>_<column>_key). The id
	// is the table's primary key, which gets no unique index besides
	// (ent marks a string or UUID id Unique in migrate/schema.go, and
	// Schema.Create on PostgreSQL creates none).
	uniques := et.t.Uniques[:0]
	for _, u := range et.t.Uniques {
		if u.Kind == schema.UniqueIndex && len(u.Parts) == 1 && u.Parts[0].Column == name && u.Span == col.Span {
			u.Parts[0].Column = col.Name
			u.Name = et.t.Name + "_" + col.Name + "_key"
			if name == "id" {
				continue
			}
		}
		uniques = append(uniques, u)
	}
	et.t.Uniques = uniques
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
	read := func(_, md typeDecl, env map[string]string) {
		els, m, ok := r.methodSlice(md.file.dir, md.spec.Name.Name, "Edges", env, 0)
		if !ok {
			r.errorf(m.file, m.decl.Pos(), "%s.Edges does not return a slice this reader can follow: its foreign-key columns are not checked", md.spec.Name.Name)
			return
		}
		for _, el := range els {
			e := el.e
			c, ok := chainOf(e)
			if !ok || el.f.pkgOf(c.pkg) != entEdgePath || len(c.root.Args) != 2 {
				r.groupErrorf(el.f, e.Pos(), shapeOf("edge ", calleeShape(e)), "edges built by the same helper", "edge %s is not an edge.… builder chain: it is not checked", firstLine(nodeText(el.f, e)))
				continue
			}
			name, _ := r.str(el, c.root.Args[0])
			ed := entEdge{file: el.f, from: c.fn == "From", name: name, span: el.f.span(e), key: entEdgeKey{d.spec.Name.Name, len(et.edges)}}
			if sel, ok := c.root.Args[1].(*ast.SelectorExpr); ok && sel.Sel.Name == "Type" {
				ed.target = typeString(sel.X)
				if i := strings.LastIndexByte(ed.target, '.'); i >= 0 {
					ed.target = ed.target[i+1:]
				}
			}
			// edge.To("children", T.Type).From("parent"): the calls after
			// From(…) declare the inverse edge, in this same schema.
			cur := &ed
			var inv *entEdge
			for _, call := range c.calls[1:] {
				switch call.Fun.(*ast.SelectorExpr).Sel.Name {
				case "From":
					if len(call.Args) == 1 && !ed.from && inv == nil {
						n, _ := r.str(el, call.Args[0])
						inv = &entEdge{file: el.f, from: true, name: n, ref: ed.name, target: ed.target, span: ed.span}
						cur = inv
					}
				case "Ref":
					if len(call.Args) == 1 {
						cur.ref, _ = r.str(el, call.Args[0])
					}
				case "Field":
					if len(call.Args) == 1 {
						cur.field, _ = r.str(el, call.Args[0])
					}
				case "Unique":
					cur.unique = true
				case "Required":
					cur.required = true
				case "Through":
					cur.through = true
					if len(call.Args) == 2 {
						if sel, ok := call.Args[1].(*ast.SelectorExpr); ok && sel.Sel.Name == "Type" {
							cur.edgeSchema = typeString(sel.X)
							if i := strings.LastIndexByte(cur.edgeSchema, '.'); i >= 0 {
								cur.edgeSchema = cur.edgeSchema[i+1:]
							}
						}
					}
				case "StorageKey": // edge.Column("x"), edge.Table("t"), edge.Columns("a", "b")
					for _, a := range call.Args {
						ac, ok := chainOf(a)
						if !ok || el.f.pkgOf(ac.pkg) != entEdgePath {
							continue
						}
						switch {
						case ac.fn == "Column" && len(ac.root.Args) == 1:
							cur.column, _ = r.str(el, ac.root.Args[0])
						case ac.fn == "Table" && len(ac.root.Args) == 1:
							cur.table, _ = r.str(el, ac.root.Args[0])
						case ac.fn == "Columns" && len(ac.root.Args) == 2:
							a, _ := r.str(el, ac.root.Args[0])
							b, _ := r.str(el, ac.root.Args[1])
							cur.columns = []string{a, b}
						}
					}
				}
			}
			et.edges = append(et.edges, ed)
			if inv != nil {
				et.edges = append(et.edges, *inv)
			}
		}
	}
	r.eachMixin(d, read, func(*goFile, token.Pos, string) {})
	read(d, d, nil)
}

// edges resolves each edge to the column or join table that holds it, as
// entc/gen does (Graph.resolve, then Graph.Tables):
//
//   - an edge.From and the edge.To it refers to are one relation: O2O when
//     both are Unique, the column in the inverse's table; the inverse
//     alone Unique (O2M), in the inverse's table too; the edge.To alone
//     Unique (M2O), in the edge.To owner's table; neither, a join table;
//   - an edge.To without inverse is M2O when Unique (its owner's table),
//     else O2M (the target's table); to its own type it is O2O or M2M
//     (bidirectional), never O2M;
//   - the column is the edge's Field(…), else StorageKey(edge.Column(…)),
//     else <owner type>_<edge.To name>; it is nullable unless it is the
//     table's primary key or, between two different types, the edge that
//     must be set is Required (the inverse for O2O and O2M, the edge.To
//     for M2O): an edge field's own Optional() does not decide it, and an
//     edge to its own type is always nullable; O2O makes it unique;
//   - a join table is <edge.To owner>_<edge.To name> (or StorageKey's
//     edge.Table), of <owner>_id and <target>_id (or edge.Columns); when
//     the two are one name, the second is the inverse's (or a bidirectional
//     edge's) name singularised, plus _id. An edge schema (Through) is
//     the join table instead, declared as a schema of its own.
func (r *entReader) edges() {
	resolved := map[*entEdge]bool{}
	for _, d := range r.schemas {
		name := d.spec.Name.Name
		et := r.tables[name]
		for i := range et.edges {
			inv := &et.edges[i]
			if !inv.from {
				continue
			}
			owner := r.tables[inv.target]
			if owner == nil {
				continue
			}
			var to *entEdge
			for j := range owner.edges {
				if e := &owner.edges[j]; !e.from && e.name == inv.ref && e.target == name {
					to = e
				}
			}
			if to == nil {
				continue
			}
			resolved[to] = true
			ownerName := inv.target
			switch a, b := to.unique, inv.unique; {
			case !a && !b:
				if to.through || inv.through {
					r.throughs = append(r.throughs, entThrough{to, inv, c1FromTo(ownerName, name, inv.name), ownerName})
					continue
				}
				c1, c2 := entSnake(ownerName)+"_id", entSnake(name)+"_id"
				if c1 == c2 {
					c2 = entSingular(inv.name) + "_id"
				}
				r.joinTable(owner, et, to, inv, entSnake(ownerName)+"_"+to.name, c1, c2)
			case a && !b: // M2O from the edge.To's side
				r.foreignKey(owner, et, ownerName == name, to, inv, to.required, false)
			default: // O2O, or O2M with the key in the inverse's table
				r.foreignKey(et, owner, ownerName == name, to, inv, inv.required, a && b)
			}
		}
	}
	for _, d := range r.schemas {
		name := d.spec.Name.Name
		et := r.tables[name]
		for i := range et.edges {
			to := &et.edges[i]
			if to.from || resolved[to] {
				continue
			}
			target := r.tables[to.target]
			if target == nil {
				continue
			}
			self := to.target == name
			switch {
			case to.through: // M2M held by an edge schema, with or without inverse
				r.throughs = append(r.throughs, entThrough{to, nil, c1FromTo(name, to.target, to.name), name})
			case !to.unique && self: // bidirectional M2M
				r.joinTable(et, et, to, nil, entSnake(name)+"_"+to.name, entSnake(name)+"_id", entSingular(to.name)+"_id")
			case to.unique: // M2O, or a bidirectional O2O
				r.foreignKey(et, target, self, to, nil, to.required, self)
			default: // O2M
				r.foreignKey(target, et, false, to, nil, false, false)
			}
		}
	}
}

// An entThrough is an M2M edge whose join table is an edge schema.
type entThrough struct {
	to, inv *entEdge
	columns [2]string // the join table's columns, as ent names them
	owner   string    // the type declaring the edge.To
}

// c1FromTo names the join-table columns of an M2M edge from type owner
// to type target whose inverse is inv: <owner>_id and <target>_id, the
// second the inverse's name singularised when the two are one name.
func c1FromTo(owner, target, inv string) [2]string {
	c1, c2 := entSnake(owner)+"_id", entSnake(target)+"_id"
	if c1 == c2 {
		c2 = entSingular(inv) + "_id"
	}
	return [2]string{c1, c2}
}

// throughIndexes gives each edge schema with an id of its own the unique
// index ent adds over its two edge columns, unless it declares one.
func (r *entReader) throughIndexes() {
	for _, th := range r.throughs {
		name := th.to.edgeSchema
		if th.inv != nil && name == "" {
			name = th.inv.edgeSchema
		}
		et := r.tables[name]
		if et == nil || et.byField["id"] == nil {
			continue // unknown, or keyed by the two columns already
		}
		c1, c2 := th.columns[0], th.columns[1]
		if et.t.Column(c1) == nil || et.t.Column(c2) == nil {
			// Named otherwise: the edge schema's edge fields to the
			// owner and to the target hold them.
			c1, c2 = "", ""
			for _, e := range et.edges {
				col := ""
				if c := et.byField[e.field]; e.field != "" && c != nil {
					col = c.Name
				}
				switch {
				case e.from || col == "":
				case e.target == th.owner && c1 == "":
					c1 = col
				case e.target == th.to.target && c2 == "":
					c2 = col
				}
			}
			if c1 == "" || c2 == "" {
				continue
			}
		}
		has := false
		for _, u := range et.t.Uniques {
			if cols := u.Columns(); len(cols) == 2 && (cols[0] == c1 && cols[1] == c2 || cols[0] == c2 && cols[1] == c1) {
				has = true
			}
		}
		if !has {
			et.t.Uniques = append(et.t.Uniques, &schema.Unique{Name: strings.ToLower(et.t.ModelName) + "_" + c1 + "_" + c2, Kind: schema.UniqueIndex,
				Parts: []schema.IndexPart{{Column: c1}, {Column: c2}}, Span: th.to.span})
		}
	}
}

// foreignKey adds (or, for an edge field, adjusts) the column of the
// relation between edge.To to and its inverse inv (nil when it has none)
// in holder's table, referencing refs' primary key. required is whether
// the edge that must be set is Required; self, whether the relation is
// from a type to itself; unique, whether it is O2O.
func (r *entReader) foreignKey(holder, refs *entTable, self bool, to, inv *entEdge, required, unique bool) {
	name, span := "", to.span
	var col *schema.Column
	for _, e := range []*entEdge{inv, to} {
		if e != nil && e.field != "" && col == nil {
			col, span = holder.byField[e.field], e.span
		}
	}
	// An edge field's column, and a column ent adds, come after the
	// fields, in the order ent visits the edges; a column already there
	// (a field of that name the edge does not declare) stays in place.
	moved := col != nil
	switch {
	case col != nil:
		name = col.Name
	case to.column != "":
		name = to.column
	case inv != nil && inv.column != "":
		name = inv.column
	default:
		name = entSnake(refsOrOwner(to, inv, refs, holder)) + "_" + entSnake(to.name)
	}
	if inv != nil {
		span = inv.span
	}
	if col == nil {
		col = holder.t.Column(name)
		_, moved = holder.fkOrder[col] // added by an earlier edge
	}
	pk := holder.byField["id"] != nil && holder.byField["id"].Name == name
	if col == nil {
		moved = true
		col = &schema.Column{Name: name, Type: "edge"}
		col.SetSpans(span, span, span)
		if id := refs.byField["id"]; id != nil {
			col.Type = id.Type
			col.SetNativeType(id.NativeType())
		}
		holder.t.Columns = append(holder.t.Columns, col)
		holder.byField[name] = col
	}
	col.Nullable = !pk && (self || !required)
	if moved && !pk {
		if k, ok := holder.fkOrder[col]; !ok || to.key.less(k) {
			if holder.fkOrder == nil {
				holder.fkOrder = map[*schema.Column]entEdgeKey{}
			}
			holder.fkOrder[col] = to.key
		}
	}
	to.col = name
	if inv != nil {
		inv.col = name
	}
	if unique && !hasSingleUnique(holder.t, name) {
		holder.t.Uniques = append(holder.t.Uniques, &schema.Unique{Name: holder.t.Name + "_" + name + "_key", Kind: schema.UniqueIndex, Parts: []schema.IndexPart{{Column: name}}, Span: span})
	}
}

// refsOrOwner returns the type name of the edge.To's owner: the column is
// named after it, whichever table holds it.
func refsOrOwner(to, inv *entEdge, refs, holder *entTable) string {
	if inv != nil {
		return inv.target
	}
	if to.unique { // M2O or O2O without inverse: the owner holds it
		return holder.decl.spec.Name.Name
	}
	return refs.decl.spec.Name.Name
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

// joinTable adds the table ent creates for an M2M edge: its two columns,
// NOT NULL, the primary key, named by StorageKey(edge.Table, edge.Columns)
// on either edge, else as given.
func (r *entReader) joinTable(owner, target *entTable, to, inv *entEdge, table, c1, c2 string) {
	for _, e := range []*entEdge{to, inv} {
		if e == nil {
			continue
		}
		if e.table != "" {
			table = e.table
		}
		if len(e.columns) == 2 {
			c1, c2 = e.columns[0], e.columns[1]
		}
	}
	t := &schema.Table{Name: table, Span: to.span, NameSpan: to.span}
	pk := &schema.Unique{Kind: schema.PrimaryKey, Span: to.span}
	for i, side := range []*entTable{owner, target} {
		col := &schema.Column{Name: []string{c1, c2}[i], Type: "edge"}
		col.SetSpans(to.span, to.span, to.span)
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
	r.cur = et
	defer func() { r.cur = nil }()
	read := func(md, _ typeDecl, env map[string]string) {
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
	read(d, d, nil)
}

func (r *entReader) index(et *entTable, el entElem) {
	f, e := el.f, el.e
	c, ok := chainOf(e)
	if !ok || f.pkgOf(c.pkg) != entIndexPath {
		r.groupErrorf(f, e.Pos(), shapeOf("index ", calleeShape(e)), "indexes built by the same helper", "index %s is not an index.… builder chain: it is not checked", firstLine(nodeText(f, e)))
		return
	}
	var cols []string
	unique, name, where := false, "", ""
	missing := ""
	var unreadCol, unreadName, unreadWhere ast.Expr
	addNames := func(call *ast.CallExpr, edges bool) {
		for _, a := range call.Args {
			s, ok := r.str(el, a)
			if !ok {
				unreadCol = a
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
				var ok bool
				if name, ok = r.str(el, call.Args[0]); !ok {
					unreadName = call.Args[0]
				}
			}
		case "Annotations":
			readWhere := func(a ast.Expr) {
				var ok bool
				if where, ok = r.str(el, a); !ok {
					unreadWhere = a
				}
			}
			for _, a := range call.Args {
				if ac, ok := chainOf(a); ok && f.pkgOf(ac.pkg) == entSQLPath && ac.fn == "IndexWhere" && len(ac.root.Args) == 1 {
					readWhere(ac.root.Args[0])
				}
				if cl, ok := unaddr(a).(*ast.CompositeLit); ok { // &entsql.IndexAnnotation{Where: …}
					for _, ael := range cl.Elts {
						if kv, ok := ael.(*ast.KeyValueExpr); ok && key(kv) == "Where" {
							readWhere(kv.Value)
						}
					}
				}
			}
		}
	}
	if !unique {
		return
	}
	if unreadCol != nil {
		r.errorf(f, unreadCol.Pos(), "unique index over %s: %s is not a string this reader can work out (a literal, a constant or a package variable assigned once), so the index is not checked", firstLine(nodeText(f, c.root)), firstLine(nodeText(f, unreadCol)))
		return
	}
	if missing != "" {
		r.errorf(f, e.Pos(), "unique index over %s: %s is no field of %s, so the index is not checked", firstLine(nodeText(f, c.root)), missing, et.t.ModelName)
		return
	}
	if unreadWhere != nil {
		// Read as a full index, a partial one would be reported for the
		// NULLs its predicate leaves out.
		r.errorf(f, unreadWhere.Pos(), "unique index over %s: its predicate %s is not a string this reader can work out (a literal, a constant or a package variable assigned once), so the index is not checked", firstLine(nodeText(f, c.root)), firstLine(nodeText(f, unreadWhere)))
		return
	}
	if unreadName != nil {
		r.errorf(f, unreadName.Pos(), "unique index over %s: its name %s is not a string this reader can work out (a literal, a constant or a package variable assigned once): it is checked under ent's default name, and an ON CONFLICT ON CONSTRAINT naming it is not matched", firstLine(nodeText(f, c.root)), firstLine(nodeText(f, unreadName)))
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
		if e.col != "" && et.t.Column(e.col) != nil {
			return e.col
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

// entTableName is the table ent names after a schema type: the type name
// pluralised, then snake_cased (entc/gen's Type.Table).
func entTableName(typeName string) string { return entSnake(entPlural(typeName)) }

// EntTableName is entTableName for the analyzer's row-write registry,
// which names the table an ent create builder writes the same way when
// the generated entity package's Table constant is out of its sight.
func EntTableName(typeName string) string { return entTableName(typeName) }

// entSnake is entc/gen's snake_case, which differs from GORM's and bun's
// on digits and a last capital: an underscore goes before an upper-case
// letter that is neither first nor last when the letter before it is
// lower-case, or when it starts a word (a lower-case letter follows, a
// letter precedes) right after an acronym: UserInfo → user_info,
// HTTPCode → http_code, OAuth2Client → oauth2client, UserA → usera.
func entSnake(s string) string {
	var b strings.Builder
	j := 0
	for i := 0; i < len(s); i++ {
		c := rune(s[i])
		if i > 0 && i < len(s)-1 && unicode.IsUpper(c) {
			if unicode.IsLower(rune(s[i-1])) || j != i-1 && unicode.IsLower(rune(s[i+1])) && unicode.IsLetter(rune(s[i-1])) {
				j = i
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// entPluralRules are go-openapi/inflect's default plural rules as ent
// uses them, the first matching suffix winning: they are matched against
// the Go type name as written, case and all, so a rule spelt in lower
// case never matches a capitalised last word (NotificationStatus keeps
// its name under the "s" rule, where "status" would have made statuses).
var entPluralRules = []struct{ suffix, repl string }{
	{"zombies", "zombies"}, {"zombie", "zombies"}, {"moves", "moves"}, {"move", "moves"},
	{"sexes", "sexes"}, {"sex", "sexes"}, {"children", "children"}, {"child", "children"},
	{"men", "men"}, {"man", "men"}, {"people", "people"}, {"person", "people"},
	{"lice", "lice"}, {"mice", "mice"}, {"louse", "lice"}, {"mouse", "mice"},
	{"index", "indices"}, {"vertex", "vertices"}, {"matrex", "matrices"}, {"indix", "indices"},
	{"vertix", "vertices"}, {"matrix", "matrices"}, {"sh", "shes"}, {"ss", "sses"}, {"ch", "ches"}, {"x", "xes"},
	{"zy", "zies"}, {"xy", "xies"}, {"wy", "wies"}, {"vy", "vies"}, {"ty", "ties"}, {"sy", "sies"},
	{"ry", "ries"}, {"qy", "qies"}, {"py", "pies"}, {"ny", "nies"}, {"my", "mies"}, {"ly", "lies"},
	{"ky", "kies"}, {"jy", "jies"}, {"hy", "hies"}, {"gy", "gies"}, {"fy", "fies"}, {"dy", "dies"},
	{"cy", "cies"}, {"by", "bies"}, {"quy", "quies"}, {"hive", "hives"},
	{"zfe", "zves"}, {"yfe", "yves"}, {"xfe", "xves"}, {"wfe", "wves"}, {"vfe", "vves"}, {"ufe", "uves"},
	{"tfe", "tves"}, {"sfe", "sves"}, {"rfe", "rves"}, {"qfe", "qves"}, {"pfe", "pves"}, {"ofe", "oves"},
	{"nfe", "nves"}, {"mfe", "mves"}, {"lfe", "lves"}, {"kfe", "kves"}, {"jfe", "jves"}, {"ife", "ives"},
	{"hfe", "hves"}, {"gfe", "gves"}, {"efe", "eves"}, {"dfe", "dves"}, {"cfe", "cves"}, {"bfe", "bves"},
	{"afe", "aves"}, {"rf", "rves"}, {"lf", "lves"}, {"sis", "ses"}, {"ia", "ia"}, {"ta", "ta"},
	{"ium", "ia"}, {"tum", "ta"}, {"tomato", "tomatoes"}, {"buffalo", "buffaloes"}, {"bus", "buses"},
	{"status", "statuses"}, {"alias", "aliases"}, {"viri", "viri"}, {"octopi", "octopi"}, {"virus", "viri"},
	{"octopus", "octopi"}, {"axis", "axes"}, {"testis", "testes"}, {"s", "s"},
}

// entUncountable are inflect's uncountable nouns, compared with the whole
// type name in lower case (Information, not UserInformation).
var entUncountable = map[string]bool{
	"equipment": true, "information": true, "rice": true, "money": true, "species": true,
	"series": true, "fish": true, "sheep": true, "jeans": true, "police": true,
}

// entPluralExact and entSingularExact are inflect's rules for a whole
// word (ox, oxen, quiz): no suffix rule before them in its order matches
// these words, so they are tried first.
var (
	entPluralExact   = map[string]string{"ox": "oxen", "oxen": "oxen", "quiz": "quizzes"}
	entSingularExact = map[string]string{"oxen": "ox", "quizzes": "quiz"}
)

// entPlural is inflect's Pluralize of a Go type name as ent calls it.
// The exact rules (ox, oxen, quiz) match only a whole lower-case name,
// which no exported type has, but are kept so that the two agree on any
// word.
func entPlural(name string) string {
	if name == "" || entUncountable[strings.ToLower(name)] {
		return name
	}
	if p, ok := entPluralExact[name]; ok {
		return p
	}
	for _, r := range entPluralRules {
		if strings.HasSuffix(name, r.suffix) {
			return name[:len(name)-len(r.suffix)] + r.repl
		}
	}
	return name + "s"
}

// entSingularRules are inflect's singular rules, the first matching
// suffix winning (join-table columns of an edge between a type and
// itself: followers → follower_id).
var entSingularRules = []struct{ suffix, repl string }{
	{"zombies", "zombie"}, {"moves", "move"}, {"sexes", "sex"}, {"children", "child"}, {"men", "man"}, {"people", "person"},
	{"databases", "database"}, {"matrices", "matrix"}, {"indices", "index"}, {"vertices", "vertex"},
	{"aliases", "alias"}, {"statuses", "status"}, {"viri", "virus"}, {"octopi", "octopus"}, {"testes", "testis"},
	{"axes", "axis"}, {"crises", "crisis"}, {"shoes", "shoe"}, {"oes", "o"}, {"buses", "bus"}, {"lice", "louse"},
	{"mice", "mouse"}, {"shes", "sh"}, {"sses", "ss"}, {"ches", "ch"}, {"xes", "x"}, {"movies", "movie"}, {"series", "series"},
	{"zies", "zy"}, {"xies", "xy"}, {"wies", "wy"}, {"vies", "vy"}, {"ties", "ty"}, {"sies", "sy"}, {"ries", "ry"},
	{"qies", "qy"}, {"pies", "py"}, {"nies", "ny"}, {"mies", "my"}, {"lies", "ly"}, {"kies", "ky"}, {"jies", "jy"},
	{"hies", "hy"}, {"gies", "gy"}, {"fies", "fy"}, {"dies", "dy"}, {"cies", "cy"}, {"bies", "by"}, {"quies", "quy"},
	{"rves", "rf"}, {"lves", "lf"}, {"tives", "tive"}, {"hives", "hive"},
	{"zves", "zfe"}, {"yves", "yfe"}, {"xves", "xfe"}, {"wves", "wfe"}, {"vves", "vfe"}, {"uves", "ufe"}, {"tves", "tfe"},
	{"sves", "sfe"}, {"rves", "rfe"}, {"qves", "qfe"}, {"pves", "pfe"}, {"oves", "ofe"}, {"nves", "nfe"}, {"mves", "mfe"},
	{"lves", "lfe"}, {"kves", "kfe"}, {"jves", "jfe"}, {"ives", "ife"}, {"hves", "hfe"}, {"gves", "gfe"}, {"eves", "efe"},
	{"dves", "dfe"}, {"cves", "cfe"}, {"bves", "bfe"}, {"aves", "afe"},
	{"analyses", "analysis"}, {"theses", "thesis"}, {"synopses", "synopsis"}, {"prognoses", "prognosis"},
	{"parentheses", "parenthesis"}, {"diagnoses", "diagnosis"}, {"bases", "basis"},
	{"ia", "ium"}, {"ta", "tum"}, {"news", "news"}, {"s", ""},
}

// entSingular is inflect's Singularize as ent calls it on an edge name.
func entSingular(name string) string {
	if name == "" || entUncountable[strings.ToLower(name)] {
		return name
	}
	if p, ok := entSingularExact[name]; ok {
		return p
	}
	for _, r := range entSingularRules {
		if strings.HasSuffix(name, r.suffix) {
			return name[:len(name)-len(r.suffix)] + r.repl
		}
	}
	return name
}
