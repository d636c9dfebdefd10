package gomodel

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/idemlint/idemlint/internal/goimport"
	"github.com/idemlint/idemlint/schema"
)

// A siteKind says which library declared a column, and so how a fix
// spells NOT NULL in its declaration.
type siteKind int

const (
	gormField siteKind = iota + 1 // a struct field with a gorm:"…" tag
	bunField                      // a struct field with a bun:"…" tag
	entField                      // an ent field builder chain
)

// A fixSite is where a column is declared, for its fixes.
type fixSite struct {
	kind  siteKind
	field *ast.Field // gorm, bun
	// ent: the builder chain's calls, from the field constructor out.
	chain []*ast.CallExpr
	file  *goFile
	table *schema.Table // gorm, bun: the column's table
}

// goSyntax spells fixes in a Go file that declares models.
type goSyntax struct {
	sites map[*schema.Column]*fixSite
}

// setSite records where col is declared, giving f a goSyntax.
func setSite(f *goFile, col *schema.Column, s *fixSite) {
	s.file = f
	syn, ok := f.sf.Syntax.(*goSyntax)
	if !ok {
		syn = &goSyntax{sites: map[*schema.Column]*fixSite{}}
		f.sf.Syntax = syn
	}
	syn.sites[col] = s
}

// RequireColumn edits the declaration of c so that the table the library
// creates has c NOT NULL, with dbDefault as its default when not empty.
func (s *goSyntax) RequireColumn(c *schema.Column, dbDefault string) ([]schema.Edit, error) {
	site := s.sites[c]
	if site == nil {
		return nil, errors.New("no declaration to edit")
	}
	switch site.kind {
	case gormField:
		settings := []string{"not null"}
		if dbDefault != "" {
			settings = append(settings, "default:"+dbDefault)
		}
		return tagEdit(site, "gorm", ";", settings)
	case bunField:
		settings := []string{"notnull"}
		if dbDefault != "" {
			settings = append(settings, "default:"+dbDefault)
		}
		return tagEdit(site, "bun", ",", settings)
	case entField:
		return entRequire(site, c, dbDefault)
	}
	return nil, errors.New("no declaration to edit")
}

// FixNote says how a fix of a Go declaration spells the change, and
// what is still to do after applying it (schema.FollowUpMarker), since
// the declaration only creates tables: AutoMigrate alters the column
// where the module runs it, ent and Atlas generate a migration, and
// every other database needs one written.
func (s *goSyntax) FixNote(c *schema.Column, dbDefault string) string {
	site := s.sites[c]
	if site == nil {
		return ""
	}
	set := "sets NOT NULL"
	if dbDefault != "" {
		set = "sets NOT NULL and the default " + dbDefault
	}
	col := c.Name
	if site.table != nil {
		col = site.table.Name + "." + c.Name
	}
	switch site.kind {
	case gormField:
		if site.table != nil && site.table.RowsOnly {
			return "in the GORM tag; " + schema.FollowUpMarker + "write a migration that backfills NULL rows and " + set + " on " + col +
				": nothing in the module runs AutoMigrate on this model, so the tag changes no table"
		}
		return "in the GORM tag; " + schema.FollowUpMarker + "run AutoMigrate, which alters " + col + " on its next run (it fails while NULL rows remain: backfill them first), " +
			"or, where SQL migrations create the table, write one that " + set
	case bunField:
		return "in the bun tag; " + schema.FollowUpMarker + "write a migration that backfills NULL rows and " + set + " on " + col +
			": NewCreateTable only creates new tables, so an existing one keeps its nullable column"
	case entField:
		regen := "regenerate ent code (go generate ./ent) and create an Atlas migration (or let the client's Schema.Create alter the column), backfilling NULL rows first"
		if dbDefault != "" {
			return "in the ent schema, by removing Optional() and adding " + s.GoDefault(c, dbDefault) + "; " + schema.FollowUpMarker + regen
		}
		field := entStructField(c.FieldName())
		setter := "SetNillable" + field
		if entHasDefault(site) {
			return "by removing Optional() from the ent schema (its default keeps the create builder's " + setter + "); " + schema.FollowUpMarker + regen
		}
		how := "by removing Optional()"
		if entCall(site, "Nillable") != nil {
			how += " and Nillable() (the entity's " + field + " becomes a value, not a pointer, as a required field's is)"
		}
		if entAddsNotEmpty(site, c) {
			how += " and adding NotEmpty() (a create with an empty key fails ent's validation, as one without a key does)"
		}
		return how + " in the ent schema; " + schema.FollowUpMarker + regen +
			"; the regenerated create builder has no " + setter + " (ent generates it only for Optional fields and fields with a default): its callers must set the key with Set" +
			field + " instead, and the build names every one that does not"
	}
	return ""
}

// GoDefault says how an ent field's fix fills a random key in Go
// (DefaultFunc(uuid.NewString), or Default(uuid.New) for a UUID field)
// where the other declarations add dbDefault to the database; "" for
// GORM and bun, whose tags add the database default itself, and for an
// ent field whose module cannot import github.com/google/uuid (see
// entUUID), which gets no random-default fix.
func (s *goSyntax) GoDefault(c *schema.Column, dbDefault string) string {
	site := s.sites[c]
	if site == nil || site.kind != entField || dbDefault == "" {
		return ""
	}
	if _, _, err := entUUID(site.file); err != nil {
		return ""
	}
	if strings.EqualFold(c.Type, "UUID") {
		return "Default(uuid.New)"
	}
	return "DefaultFunc(uuid.NewString)"
}

// tagEdit adds settings to the lib:"…" part of a field's struct tag,
// creating the tag or the part when missing. Settings already present
// (by key) are left alone.
func tagEdit(site *fixSite, lib, sep string, settings []string) ([]schema.Edit, error) {
	f, fld := site.file, site.field
	if fld.Tag == nil {
		text := fmt.Sprintf(" `%s:%q`", lib, strings.Join(settings, sep))
		off := f.off(fld.Type.End())
		return []schema.Edit{{File: f.sf, Start: off, End: off, New: text}}, nil
	}
	raw := fld.Tag.Value
	if !strings.HasPrefix(raw, "`") {
		return nil, errors.New("the struct tag is an interpreted string literal; edit it by hand")
	}
	start := f.off(fld.Tag.Pos())
	i := strings.Index(raw, lib+`:"`)
	if i < 0 || i > 0 && raw[i-1] != ' ' && raw[i-1] != '`' {
		end := start + len(raw) - 1 // before the closing backquote
		text := fmt.Sprintf("%s:%q", lib, strings.Join(settings, sep))
		if len(raw) > 2 {
			text = " " + text
		}
		return []schema.Edit{{File: f.sf, Start: end, End: end, New: text}}, nil
	}
	vstart := i + len(lib) + 2
	vlen := strings.IndexByte(raw[vstart:], '"')
	if vlen < 0 {
		return nil, errors.New("malformed struct tag")
	}
	value := raw[vstart : vstart+vlen]
	var add []string
	for _, s := range settings {
		key, _, _ := strings.Cut(s, ":")
		if !hasSetting(value, key, sep) {
			add = append(add, s)
		}
	}
	if len(add) == 0 {
		return nil, nil
	}
	text := strings.Join(add, sep)
	if value != "" && !strings.HasSuffix(value, sep) {
		text = sep + text
	}
	if lib == "bun" && value == "" {
		text = "," + text // bun's first element is the column name
	}
	off := start + vstart + vlen
	return []schema.Edit{{File: f.sf, Start: off, End: off, New: text}}, nil
}

// hasSetting reports whether a tag value holds key (case-insensitively,
// ignoring spaces, "not null" matching "notnull").
func hasSetting(value, key, sep string) bool {
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }
	for _, part := range strings.Split(value, sep) {
		k, _, _ := strings.Cut(part, ":")
		if norm(k) == norm(key) {
			return true
		}
	}
	return false
}

// entRequire removes Optional() from an ent field chain and, for a random
// default, adds DefaultFunc(uuid.NewString) (Default(uuid.New) for a UUID
// field: ent's string builder's Default takes a string, its UUID
// builder's a function), importing github.com/google/uuid when the file
// does not.
func entRequire(site *fixSite, c *schema.Column, dbDefault string) ([]schema.Edit, error) {
	f := site.file
	var edits []schema.Edit
	var last *ast.CallExpr
	hasDefault := false
	for _, call := range site.chain {
		last = call
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			continue
		}
		switch sel.Sel.Name {
		case "Optional":
			// From the end of the receiver: ".\n\t\tOptional()" goes whole.
			edits = append(edits, schema.Edit{File: f.sf, Start: f.off(sel.X.End()), End: f.off(call.End())})
		case "Default", "DefaultFunc":
			hasDefault = true
		}
	}
	if dbDefault == "" {
		if len(edits) == 0 {
			return nil, errors.New("the field is not Optional()")
		}
		if hasDefault {
			return edits, nil // its default keeps the field's SetNillableX
		}
		// Required, as an ent user writes it: Nillable() goes with
		// Optional() (the entity's field is a value), and a string key
		// gets NotEmpty() in Optional()'s place, so that an empty key
		// fails validation as a missing one does.
		if nl := entCall(site, "Nillable"); nl != nil {
			sel := nl.Fun.(*ast.SelectorExpr)
			edits = append(edits, schema.Edit{File: f.sf, Start: f.off(sel.X.End()), End: f.off(nl.End())})
		}
		if entAddsNotEmpty(site, c) {
			sel := entCall(site, "Optional").Fun.(*ast.SelectorExpr)
			sep := string(f.sf.Src[f.off(sel.X.End()):f.off(sel.Sel.Pos())])
			edits[0].New = sep + "NotEmpty()"
		}
		sortEdits(edits)
		return joinEdits(edits), nil
	}
	if hasDefault || last == nil {
		return nil, errors.New("the field already has a default")
	}
	uuidName, imp, err := entUUID(f)
	if err != nil {
		return nil, err
	}
	fill := "DefaultFunc(" + uuidName + ".NewString)"
	if strings.EqualFold(c.Type, "UUID") {
		fill = "Default(" + uuidName + ".New)"
	}
	sep := "."
	if sel, ok := last.Fun.(*ast.SelectorExpr); ok {
		sep = string(f.sf.Src[f.off(sel.X.End()):f.off(sel.Sel.Pos())]) // ".\n\t\t\t", as the chain is written
	}
	text := sep + fill
	if n := len(edits); n > 0 && edits[n-1].End == f.off(last.End()) {
		edits[n-1].New = text // Optional() was last: Default takes its place
	} else {
		off := f.off(last.End())
		edits = append(edits, schema.Edit{File: f.sf, Start: off, End: off, New: text})
	}
	if imp {
		// Where goimports puts it, as the Go-side fixes do.
		for _, e := range goimport.Edits(f.fset, f.ast, []goimport.Import{{Path: "github.com/google/uuid", Name: "uuid"}}) {
			edits = append(edits, schema.Edit{File: f.sf, Start: f.off(e.Pos), End: f.off(e.End), New: e.Text})
		}
	}
	sortEdits(edits)
	return edits, nil
}

// entUUID returns the name file f knows github.com/google/uuid by, for a
// random-default fix, and whether the fix must import it; an error when
// it cannot: the name uuid is taken by another package, or the module's
// go.mod (when known) does not require the uuid module, so that the
// import would fail the build until a go get.
func entUUID(f *goFile) (name string, imp bool, err error) {
	for n, p := range f.imports {
		if p == "github.com/google/uuid" && n != "_" && n != "." {
			return n, false, nil
		}
	}
	if p, taken := f.imports["uuid"]; taken {
		return "", false, errors.New("the name uuid is taken by " + p)
	}
	if f.gomod != nil {
		mf, perr := modfile.ParseLax("go.mod", f.gomod, nil)
		if perr == nil && !slices.ContainsFunc(mf.Require, func(r *modfile.Require) bool { return r.Mod.Path == "github.com/google/uuid" }) {
			return "", false, errors.New("the module does not require github.com/google/uuid")
		}
	}
	return "uuid", true, nil
}

// entAddsNotEmpty reports whether the no-default fix of c adds NotEmpty()
// in Optional()'s place: a string field with neither a default nor a
// check of its own that rejects "".
func entAddsNotEmpty(site *fixSite, c *schema.Column) bool {
	return (c.Type == "String" || c.Type == "Text") && entCall(site, "Optional") != nil && !entHasDefault(site) && !entRejectsEmpty(site)
}

// joinEdits merges sorted edits that touch (one ends where the next
// starts) into one, as Optional() and the Nillable() after it.
func joinEdits(edits []schema.Edit) []schema.Edit {
	out := edits[:0]
	for _, e := range edits {
		if n := len(out); n > 0 && out[n-1].File == e.File && out[n-1].End == e.Start {
			out[n-1].End = e.End
			out[n-1].New += e.New
			continue
		}
		out = append(out, e)
	}
	return out
}

// entHasDefault reports whether the field chain gives a default.
func entHasDefault(site *fixSite) bool {
	for _, call := range site.chain {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Default" || sel.Sel.Name == "DefaultFunc") {
			return true
		}
	}
	return false
}

// entCall returns the field chain's call of the method name
// (Optional, Nillable), or nil.
func entCall(site *fixSite, name string) *ast.CallExpr {
	for _, call := range site.chain {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == name {
			return call
		}
	}
	return nil
}

// entRejectsEmpty reports whether the field chain validates that a value
// is not empty: NotEmpty(), or MinLen(n) with a literal n ≥ 1.
func entRejectsEmpty(site *fixSite) bool {
	for _, call := range site.chain {
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			continue
		}
		switch sel.Sel.Name {
		case "NotEmpty":
			return true
		case "MinLen":
			if len(call.Args) == 1 {
				if bl, ok := call.Args[0].(*ast.BasicLit); ok && bl.Kind == token.INT && strings.Trim(bl.Value, "0") != "" {
					return true
				}
			}
		}
	}
	return false
}

// entStructField is the Go name ent generates for a field (entc/gen's
// pascal: words split at _ and -, initialisms in upper case), as in
// SetNillableIdempotencyKey, SetClientID.
func entStructField(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' || r == ' ' }) {
		if up := strings.ToUpper(w); entAcronyms[up] {
			b.WriteString(up)
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// entAcronyms are the initialisms entc/gen's ruleset adds.
var entAcronyms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "AWS": true, "CPU": true, "CSS": true, "DNS": true, "EOF": true, "GB": true, "GUID": true,
	"HCL": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true, "JSON": true, "KB": true, "LHS": true, "MAC": true,
	"MB": true, "QPS": true, "RAM": true, "RHS": true, "RPC": true, "SLA": true, "SMTP": true, "SQL": true, "SSH": true, "SSO": true,
	"TCP": true, "TLS": true, "TTL": true, "UDP": true, "UI": true, "UID": true, "URI": true, "URL": true, "UTF8": true, "UUID": true,
	"VM": true, "XML": true, "XMPP": true, "XSRF": true, "XSS": true,
}

func sortEdits(edits []schema.Edit) {
	for i := 1; i < len(edits); i++ {
		for j := i; j > 0 && edits[j].Start < edits[j-1].Start; j-- {
			edits[j], edits[j-1] = edits[j-1], edits[j]
		}
	}
}
