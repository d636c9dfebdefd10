package gofix

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/analyzer/keyflow"
	"github.com/idemlint/idemlint/analyzer/vocab"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/gomodel"
)

// Field returns the fixes for the key field at path of Arg, a struct
// (or its address) a caller passes to a function that writes that field
// into a key column: h.Store.CreateMessage(ctx, in) gets
// `if in.IdempotencyKey == nil { … }` before the call. A derived key reads
// the struct's other plain fields (in.SessionID, in.Body).
// requestValueType reports whether a field of type t can identify a
// request in a derived key: a plain value, a body ([]byte), or a value
// made of plain values that %v prints the same way every time, such as a
// client-sent uuid.UUID ([16]byte) or a ClientRequestID struct of plain
// fields. Maps are left out: headers vary between deliveries of one
// request (dates, signatures, request ids), and the rest rarely identify
// it; so are pointers, interfaces and time.Time (its *Location), which
// print differently for equal values.
func requestValueType(t types.Type) bool { return plainValue(t, 0) }

func plainValue(t types.Type, depth int) bool {
	if depth > 3 {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return true
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	case *types.Array:
		return plainValue(u.Elem(), depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			if !plainValue(u.Field(i).Type(), depth+1) {
				return false
			}
		}
		return u.NumFields() > 0
	}
	return false
}

// databaseFilled says why field fv of the row is no input of a derived
// key, or returns "": the database fills its column itself (an
// auto-increment id, a random UUID default, the time), so its value before
// the insert is a zero that says nothing of the request, and after it a
// value no retry repeats; or it is a timestamp, which differs between two
// deliveries of one request. The key's table decides where it is known and
// declares the column; else the field's tags (bun, GORM) and GORM's
// conventions do, since a table declared only by Go models in another
// package may not be in view.
func (k Key) databaseFilled(fv *types.Var, tag string) string {
	st := reflect.StructTag(tag)
	gormOpts := tagOptions(st.Get("gorm"), ";")
	if c := k.columnOf(fv, tag); c != nil {
		if schema.FilledByDatabase(c) {
			def := ""
			if c.Default != nil && !strings.Contains(strings.ToLower(c.Type), "serial") {
				def = " default " + c.Default.Expr
			}
			return "assigned by the database (" + c.Name + " " + c.Type + def + ")"
		}
		if timestampType(c.Type) {
			return "a timestamp (" + c.Name + " " + c.Type + ")"
		}
		return ""
	}
	return filledByTags(fv, st, gormOpts)
}

// columnOf returns the column of the key's table that row field fv (with
// its struct tag) is written into, by its bun, db or GORM tag, else by its
// snake_case or Go name; nil when the table is not in view or has none.
func (k Key) columnOf(fv *types.Var, tag string) *schema.Column {
	if k.Table == nil {
		return nil
	}
	st := reflect.StructTag(tag)
	names := []string{gomodel.SnakeCase(fv.Name()), fv.Name()}
	if col, ok := tagOptions(st.Get("gorm"), ";")["column"]; ok {
		names = append([]string{col}, names...)
	}
	for _, key := range []string{"bun", "db"} {
		if v, _, _ := strings.Cut(st.Get(key), ","); v != "" && v != "-" {
			names = append([]string{v}, names...)
		}
	}
	for _, n := range names {
		if c := k.Table.Column(n); c != nil {
			return c
		}
	}
	return nil
}

// scopeOnly returns the columns of a derived key's inputs when every one
// of them is, beside the key, a column of a unique rule on the key (a
// derived key of t.AccountID alone under UNIQUE (account_id,
// idempotency_key)): such a key is the same for every keyless request in
// that scope, so all but the first would be rejected. "" otherwise, or
// when the table is not in view.
func (k Key) scopeOnly(key *types.Var, keyTag string, inputs []*types.Var, tags []string) string {
	kc := k.columnOf(key, keyTag)
	if kc == nil || len(inputs) == 0 {
		return ""
	}
	cols := make([]string, len(inputs))
	for i, fv := range inputs {
		c := k.columnOf(fv, tags[i])
		if c == nil {
			return ""
		}
		cols[i] = c.Name
	}
	return scopeColumns(k.Table, kc.Name, cols)
}

// scopeColumns returns cols, joined, when each is a column of t that a
// unique rule on key holds beside it: the rule's own scope, which is the
// same for every keyless request there. "" otherwise.
func scopeColumns(t *schema.Table, key string, cols []string) string {
	if t == nil || len(cols) == 0 {
		return ""
	}
	kc := tableColumn(t, key)
	if kc == nil {
		return ""
	}
	var names []string
	for _, col := range cols {
		c := tableColumn(t, col)
		if c == nil || c == kc {
			return ""
		}
		inScope := false
		for _, u := range t.Uniques {
			if u.HasColumn(kc.Name) && u.HasColumn(c.Name) {
				inScope = true
				break
			}
		}
		if !inScope {
			return ""
		}
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}

// tableColumn returns t's column name, spelled as written or (an INSERT's
// unquoted name against a quoted declaration) in another case.
func tableColumn(t *schema.Table, name string) *schema.Column {
	if c := t.Column(name); c != nil {
		return c
	}
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// filledByTags is databaseFilled from the field alone: bun's
// autoincrement, identity and a database default; GORM's autoIncrement,
// an integer primary key (auto-incremented unless autoIncrement:false),
// an integer field named ID (GORM's primary key by convention), its
// autoCreateTime and autoUpdateTime, and a database default; and the
// CreatedAt, UpdatedAt and DeletedAt fields that GORM and most code fill
// with the time of the write.
func filledByTags(fv *types.Var, st reflect.StructTag, gormOpts map[string]string) string {
	integer := false
	if b, ok := fv.Type().Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
		integer = true
	}
	bunOpts := tagOptions(st.Get("bun"), ",")
	for _, o := range []string{"autoincrement", "identity"} {
		if _, ok := bunOpts[o]; ok {
			return "assigned by the database (bun:\"" + st.Get("bun") + "\")"
		}
	}
	if d, ok := bunOpts["default"]; ok && databaseDefault(d) {
		return "assigned by the database (bun:\"" + st.Get("bun") + "\")"
	}
	if d, ok := gormOpts["default"]; ok && databaseDefault(d) {
		return "assigned by the database (gorm:\"" + st.Get("gorm") + "\")"
	}
	ai, hasAI := gormOpts["autoincrement"]
	switch {
	case hasAI && ai != "false":
		return "assigned by the database (gorm:\"" + st.Get("gorm") + "\")"
	case !hasAI && integer && hasAny(gormOpts, "primarykey", "primary_key"):
		return "assigned by the database (an integer primary key, auto-incremented by GORM's default)"
	case !hasAI && integer && fv.Name() == "ID" && st.Get("gorm") == "" && st.Get("bun") == "" && st.Get("db") == "":
		return "assigned by the database (an integer ID, GORM's auto-incremented primary key by default)"
	}
	if hasAny(gormOpts, "autocreatetime", "autoupdatetime") {
		return "a timestamp (gorm:\"" + st.Get("gorm") + "\")"
	}
	switch fv.Name() {
	case "CreatedAt", "UpdatedAt", "DeletedAt":
		return "a timestamp (the time of the write)"
	}
	return ""
}

// tagOptions splits a struct tag's value into its options, names lower-
// cased: "column:id;primaryKey" gives column → id, primarykey → "".
func tagOptions(v, sep string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(v, sep) {
		name, val, _ := strings.Cut(strings.TrimSpace(part), ":")
		if name != "" {
			out[strings.ToLower(name)] = val
		}
	}
	return out
}

func hasAny(opts map[string]string, names ...string) bool {
	for _, n := range names {
		if _, ok := opts[n]; ok {
			return true
		}
	}
	return false
}

// databaseDefault reports whether a default written in a tag is one the
// database computes per row (a sequence, a random UUID, the time).
func databaseDefault(d string) bool {
	return schema.FilledByDatabase(&schema.Column{Default: &schema.Default{Expr: d}})
}

// timestampType reports whether a column type holds a point in time.
func timestampType(t string) bool {
	t = strings.ToLower(t)
	return strings.Contains(t, "timestamp") || strings.Contains(t, "datetime")
}

func (k Key) Field(path []string, kind keyflow.Kind) []analysis.SuggestedFix {
	pass := k.Pass
	base := astutil.Unparen(k.Arg)
	if u, ok := base.(*ast.UnaryExpr); ok && u.Op == token.AND {
		base = astutil.Unparen(u.X)
	}
	f := newKeyFixer(pass, k.Site, base, k.MaxLen)
	if f == nil {
		return nil
	}
	st, ft := vocab.FieldStruct(pass.TypesInfo.TypeOf(base), path)
	if ft == nil {
		return nil
	}
	prefix := f.target + "." + strings.Join(path[:len(path)-1], ".")
	if len(path) > 1 {
		prefix += "."
	}
	f.target = prefix + path[len(path)-1]
	f.where = "before the call"
	f.typ = ft
	f.column = k.Column
	if k.Table != nil {
		f.column = k.Table.Name
	}
	f.inputs = []string{}
	var inputVars []*types.Var // the fields behind f.inputs, and their tags
	var inputTags []string
	var keyVar *types.Var
	keyTag := ""
	var rowVar *types.Var // the row, when it is a local variable the function fills
	if id, ok := base.(*ast.Ident); ok {
		rowVar, _ = pass.TypesInfo.ObjectOf(id).(*types.Var)
	}
	for i := range st.NumFields() {
		fv := st.Field(i)
		if fv.Name() == path[len(path)-1] {
			keyVar, keyTag = fv, st.Tag(i)
			continue
		}
		if fv.Embedded() || !fv.Exported() && fv.Pkg() != pass.Pkg {
			continue
		}
		if !requestValueType(fv.Type()) {
			continue
		}
		if why := k.databaseFilled(fv, st.Tag(i)); why != "" {
			f.minted = append(f.minted, prefix+fv.Name()+" is "+why)
			continue
		}
		if what, at, ok := f.rowFieldSource(rowVar, fv.Name()); ok && len(path) == 1 {
			f.leaveOut(prefix+fv.Name()+" is "+what+" ("+at+")", isHeader(what))
			continue
		}
		if what, at, ok := f.fieldSource(fv, nil); ok && what != "" {
			f.leaveOut(prefix+fv.Name()+" is "+what+" ("+at+")", isHeader(what))
			continue
		}
		f.inputs = append(f.inputs, prefix+fv.Name())
		inputVars, inputTags = append(inputVars, fv), append(inputTags, st.Tag(i))
	}
	if keyVar != nil && len(path) == 1 {
		f.scope = k.scopeOnly(keyVar, keyTag, inputVars, inputTags)
	}
	if kind == keyflow.Empty {
		return f.emptyFixes()
	}
	return f.nullFixes()
}
