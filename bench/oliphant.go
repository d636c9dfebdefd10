package bench

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sqlc-dev/oliphant"
	"github.com/sqlc-dev/oliphant/ast"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// Split cuts a PostgreSQL file into statements with sqlddl's lexer, so
// that dollar quotes, comments and strings holding semicolons are
// respected and pg_dump COPY data is skipped. Each statement is a
// substring of src (no copy) without its terminator; comments between
// statements are left out.
func Split(src string) []string {
	l := sqlddl.NewLexer(schema.NewFile("split.sql", []byte(src)), schema.PostgreSQL)
	var out []string
	start, end := -1, 0
	for {
		t := l.Next()
		switch t.Kind {
		case sqlddl.EOF:
			if start >= 0 {
				out = append(out, src[start:end])
			}
			return out
		case sqlddl.Semi:
			if start >= 0 {
				out = append(out, src[start:end])
			}
			start = -1
		default:
			if start < 0 {
				start = t.Start
			}
			end = t.End
		}
	}
}

// An Oracle replays PostgreSQL DDL parsed by oliphant into per-table facts,
// following PostgreSQL's own semantics (implicit constraint names, serial
// columns, DROP COLUMN dropping the keys that use the column...). It is
// the reference sqlddl is compared with.
type Oracle struct {
	tables []*otable
	others map[string]int // names of non-unique indexes: generated names avoid them
	Errors []error        // statements oliphant rejected
}

type otable struct {
	ns, name string
	cols     []*ocol
	uniques  []*ounique
}

type ocol struct {
	name     string
	nullable bool
	def      bool
	identity bool // the default is an identity (LIKE copies it only INCLUDING IDENTITY)
}

type ounique struct {
	name      string
	kind      schema.UniqueKind
	parts     []opart
	partial   bool
	whereRefs []string
	nnd       bool
}

type opart struct {
	col  string   // plain column
	refs []string // columns an expression mentions
}

// ApplyStatements parses each statement on its own and replays it.
func (o *Oracle) ApplyStatements(stmts []string) {
	for _, s := range stmts {
		tree, err := oliphant.Parse(s)
		if err != nil {
			o.Errors = append(o.Errors, fmt.Errorf("%v in: %.200s", err, s))
			continue
		}
		for _, rs := range tree.Stmts {
			o.apply(rs.Stmt)
		}
	}
}

// ApplyFile parses src whole and replays it. One statement oliphant
// rejects loses the whole file.
func (o *Oracle) ApplyFile(src string) {
	tree, err := oliphant.Parse(src)
	if err != nil {
		o.Errors = append(o.Errors, err)
		return
	}
	for _, rs := range tree.Stmts {
		o.apply(rs.Stmt)
	}
}

func (o *Oracle) apply(n *ast.Node) {
	switch {
	case n.GetCreateStmt() != nil:
		o.createTable(n.GetCreateStmt())
	case n.GetIndexStmt() != nil:
		o.createIndex(n.GetIndexStmt())
	case n.GetAlterTableStmt() != nil:
		o.alterTable(n.GetAlterTableStmt())
	case n.GetRenameStmt() != nil:
		o.rename(n.GetRenameStmt())
	case n.GetDropStmt() != nil:
		o.drop(n.GetDropStmt())
	case n.GetDoStmt() != nil:
		o.do(n.GetDoStmt())
	}
}

// do replays the DDL of a plpgsql DO block, which PostgreSQL runs with the
// migration. The body is split into statements (sqlddl's lexer: only for
// dollar quotes and semicolons), plpgsql control words in front of each are
// dropped, and what oliphant parses as SQL is replayed: every branch is
// taken, as if the conditions held (the approximation sqlddl documents).
// Statements oliphant rejects (assignments, RAISE...) are left out.
func (o *Oracle) do(ds *ast.DoStmt) {
	body, lang := "", "plpgsql"
	for _, a := range ds.Args {
		de := a.GetDefElem()
		if de == nil {
			continue
		}
		switch de.Defname {
		case "as":
			body = de.Arg.GetString_().GetSval()
		case "language":
			lang = strings.ToLower(de.Arg.GetString_().GetSval())
		}
	}
	if lang != "plpgsql" {
		return
	}
	for _, st := range Split(body) {
		st = stripPlpgsql(st)
		if st == "" {
			continue
		}
		tree, err := oliphant.Parse(st)
		if err != nil {
			continue
		}
		for _, rs := range tree.Stmts {
			o.apply(rs.Stmt)
		}
	}
}

// stripPlpgsql drops the plpgsql words before a statement: BEGIN, DECLARE,
// ELSE, LOOP, EXCEPTION, IF/ELSIF/WHEN ... THEN, WHILE/FOR ... LOOP; END ...
// ends it.
func stripPlpgsql(st string) string {
	for {
		st = skipComments(st)
		word := st
		if i := strings.IndexAny(st, " \t\r\n("); i >= 0 {
			word = st[:i]
		}
		switch strings.ToUpper(word) {
		case "BEGIN", "DECLARE", "ELSE", "LOOP", "EXCEPTION", "THEN":
			st = st[len(word):]
		case "END":
			return ""
		case "IF", "ELSIF", "ELSEIF", "WHEN":
			i := indexWord(st, "THEN")
			if i < 0 {
				return ""
			}
			st = st[i+4:]
		case "WHILE", "FOR", "FOREACH":
			i := indexWord(st, "LOOP")
			if i < 0 {
				return ""
			}
			st = st[i+4:]
		default:
			return st
		}
	}
}

// indexWord finds word (upper case) in s as a whole word outside
// parentheses and quotes.
func indexWord(s, word string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '-' && strings.HasPrefix(s[i:], "--"), c == '/' && strings.HasPrefix(s[i:], "/*"):
			i = len(s) - len(skipComments(s[i:])) - 1
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && i+len(word) <= len(s) && strings.EqualFold(s[i:i+len(word)], word) &&
			(i == 0 || !isWordByte(s[i-1])) && (i+len(word) == len(s) || !isWordByte(s[i+len(word)])):
			return i
		}
	}
	return -1
}

// skipComments drops the blanks and comments s starts with.
func skipComments(s string) string {
	for {
		s = strings.TrimSpace(s)
		switch {
		case strings.HasPrefix(s, "--"):
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				s = s[i+1:]
			} else {
				return ""
			}
		case strings.HasPrefix(s, "/*"):
			if i := strings.Index(s, "*/"); i >= 0 {
				s = s[i+2:]
			} else {
				return ""
			}
		default:
			return s
		}
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// chooseName is PostgreSQL's ChooseRelationName: makeObjectName, then
// label1, label2... while a table or index (of any table, or of t, which
// may not be listed yet) has the name.
func (o *Oracle) chooseName(t *otable, name1, name2, label string) string {
	name := makeObjectName(name1, name2, label)
	for pass := 1; o.taken(t, name); pass++ {
		name = makeObjectName(name1, name2, label+strconv.Itoa(pass))
	}
	return name
}

func (o *Oracle) taken(t *otable, name string) bool {
	if o.others[name] > 0 {
		return true
	}
	for _, x := range append(o.tables, t) {
		if x == nil {
			continue
		}
		if x.name == name {
			return true
		}
		for _, u := range x.uniques {
			if u.name == name {
				return true
			}
		}
	}
	return false
}

// find looks a table up as a search_path would: an unqualified name on
// either side matches any schema.
func (o *Oracle) find(rv *ast.RangeVar) *otable {
	if rv == nil {
		return nil
	}
	return o.findName(rv.Schemaname, rv.Relname)
}

func (o *Oracle) findName(ns, name string) *otable {
	for _, t := range o.tables {
		if t.name == name && (ns == "" || t.ns == "" || t.ns == ns) {
			return t
		}
	}
	return nil
}

func (o *Oracle) remove(t *otable) {
	for i, u := range o.tables {
		if u == t {
			o.tables = append(o.tables[:i], o.tables[i+1:]...)
			return
		}
	}
}

func (t *otable) col(name string) *ocol {
	for _, c := range t.cols {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (o *Oracle) createTable(cs *ast.CreateStmt) {
	if cs.Partbound != nil || cs.OfTypename != nil {
		return // partitions and typed tables: sqlddl skips them too (see README)
	}
	if old := o.find(cs.Relation); old != nil {
		if cs.IfNotExists {
			return
		}
		o.remove(old) // PostgreSQL would fail; sqlddl replaces
	}
	t := &otable{ns: cs.Relation.Schemaname, name: cs.Relation.Relname}
	for _, p := range cs.InhRelations {
		if pt := o.find(p.GetRangeVar()); pt != nil {
			for _, c := range pt.cols {
				cc := *c
				t.cols = append(t.cols, &cc)
			}
		}
	}
	var cons []*ast.Constraint
	for _, e := range cs.TableElts {
		switch {
		case e.GetColumnDef() != nil:
			o.columnDef(t, e.GetColumnDef())
		case e.GetConstraint() != nil:
			cons = append(cons, e.GetConstraint())
		case e.GetTableLikeClause() != nil:
			o.like(t, e.GetTableLikeClause())
		}
	}
	for _, c := range cons {
		o.tableConstraint(t, c)
	}
	for _, c := range cs.Nnconstraints {
		o.tableConstraint(t, c.GetConstraint())
	}
	o.tables = append(o.tables, t)
}

func (o *Oracle) like(t *otable, lc *ast.TableLikeClause) {
	src := o.find(lc.Relation)
	if src == nil {
		return
	}
	has := func(opt ast.TableLikeOption) bool {
		return lc.Options&(1<<uint(opt-1)) != 0 || lc.Options == 0x7FFFFFFF
	}
	// CREATE_TABLE_LIKE_* are bit flags in PostgreSQL: 1 << (option-1).
	defaults, identity, generated := has(ast.TableLikeOption_CREATE_TABLE_LIKE_DEFAULTS),
		has(ast.TableLikeOption_CREATE_TABLE_LIKE_IDENTITY), has(ast.TableLikeOption_CREATE_TABLE_LIKE_GENERATED)
	for _, c := range src.cols {
		cc := *c
		if c.identity && !identity || !c.identity && c.def && !defaults && !generated {
			cc.def, cc.identity = false, false
		}
		t.cols = append(t.cols, &cc)
	}
	if has(ast.TableLikeOption_CREATE_TABLE_LIKE_INDEXES) {
		for _, u := range src.uniques {
			uu := *u
			switch u.kind {
			case schema.PrimaryKey:
				uu.name = o.chooseName(t, t.name, "", "pkey")
			case schema.UniqueConstraint:
				uu.name = o.chooseName(t, t.name, indexNameAddition(uu.cols()), "key")
			default:
				uu.name = ""
				if cols := uu.cols(); len(cols) == len(uu.parts) {
					uu.name = o.chooseName(t, t.name, indexNameAddition(cols), "idx")
				}
			}
			t.uniques = append(t.uniques, &uu)
		}
	}
}

var serialTypes = map[string]bool{"serial": true, "bigserial": true, "smallserial": true, "serial2": true, "serial4": true, "serial8": true}

func isNull(n *ast.Node) bool {
	if n == nil {
		return true
	}
	if tc := n.GetTypeCast(); tc != nil {
		return isNull(tc.Arg)
	}
	if c := n.GetAConst(); c != nil {
		return c.Isnull
	}
	return false
}

func (o *Oracle) columnDef(t *otable, cd *ast.ColumnDef) {
	c := &ocol{name: cd.Colname, nullable: !cd.IsNotNull}
	if tn := cd.TypeName; tn != nil && len(tn.Names) == 1 && len(tn.ArrayBounds) == 0 && serialTypes[tn.Names[0].GetString_().GetSval()] {
		c.nullable, c.def = false, true
	}
	if cd.RawDefault != nil && !isNull(cd.RawDefault) {
		c.def = true
	}
	if old := t.col(c.name); old != nil {
		*old = *c
		c = old
	} else {
		t.cols = append(t.cols, c)
	}
	for _, n := range cd.Constraints {
		con := n.GetConstraint()
		switch con.Contype {
		case ast.ConstrType_CONSTR_NULL:
			c.nullable = true
		case ast.ConstrType_CONSTR_NOTNULL:
			c.nullable = false
		case ast.ConstrType_CONSTR_DEFAULT:
			c.def, c.identity = !isNull(con.RawExpr), false
		case ast.ConstrType_CONSTR_IDENTITY:
			c.def, c.identity = true, true
			c.nullable = false // identity columns are NOT NULL
		case ast.ConstrType_CONSTR_GENERATED:
			c.def, c.identity = true, false
		case ast.ConstrType_CONSTR_PRIMARY:
			c.nullable = false
			o.addUnique(t, con.Conname, schema.PrimaryKey, []opart{{col: c.name}}, con.NullsNotDistinct)
		case ast.ConstrType_CONSTR_UNIQUE:
			o.addUnique(t, con.Conname, schema.UniqueConstraint, []opart{{col: c.name}}, con.NullsNotDistinct)
		}
	}
}

// addUnique adds a PRIMARY KEY or UNIQUE constraint, naming it as
// PostgreSQL does when it has no name, and making primary-key columns NOT
// NULL.
func (o *Oracle) addUnique(t *otable, name string, kind schema.UniqueKind, parts []opart, nnd bool) {
	u := &ounique{name: name, kind: kind, parts: parts, nnd: nnd}
	if name == "" {
		if kind == schema.PrimaryKey {
			u.name = o.chooseName(t, t.name, "", "pkey")
		} else {
			u.name = o.chooseName(t, t.name, indexNameAddition(u.cols()), "key")
		}
	}
	if kind == schema.PrimaryKey {
		for _, p := range parts {
			if c := t.col(p.col); c != nil {
				c.nullable = false
			}
		}
	}
	t.uniques = append(t.uniques, u)
}

func (u *ounique) cols() []string {
	var cs []string
	for _, p := range u.parts {
		if p.col != "" {
			cs = append(cs, p.col)
		}
	}
	return cs
}

func (o *Oracle) tableConstraint(t *otable, con *ast.Constraint) {
	if con == nil {
		return
	}
	var kind schema.UniqueKind
	switch con.Contype {
	case ast.ConstrType_CONSTR_PRIMARY:
		kind = schema.PrimaryKey
	case ast.ConstrType_CONSTR_UNIQUE:
		kind = schema.UniqueConstraint
	case ast.ConstrType_CONSTR_NOTNULL: // PostgreSQL 18: [CONSTRAINT n] NOT NULL col
		for _, k := range con.Keys {
			if c := t.col(k.GetString_().GetSval()); c != nil {
				c.nullable = false
			}
		}
		return
	default:
		return
	}
	if con.Indexname != "" { // ADD CONSTRAINT ... USING INDEX
		for _, u := range t.uniques {
			if u.name == con.Indexname {
				u.kind = kind
				if con.Conname != "" {
					u.name = con.Conname
				}
				if kind == schema.PrimaryKey {
					u.partial, u.whereRefs = false, nil
					for _, p := range u.parts {
						if c := t.col(p.col); c != nil {
							c.nullable = false
						}
					}
				}
			}
		}
		return
	}
	var parts []opart
	for _, k := range con.Keys {
		parts = append(parts, opart{col: k.GetString_().GetSval()})
	}
	o.addUnique(t, con.Conname, kind, parts, con.NullsNotDistinct)
}

func (o *Oracle) createIndex(is *ast.IndexStmt) {
	if !is.Unique {
		if is.Idxname != "" {
			if o.others == nil {
				o.others = map[string]int{}
			}
			o.others[is.Idxname]++
		}
		return
	}
	t := o.find(is.Relation)
	if t == nil {
		return
	}
	if is.IfNotExists && is.Idxname != "" {
		for _, u := range t.uniques {
			if u.name == is.Idxname {
				return
			}
		}
	}
	u := &ounique{name: is.Idxname, kind: schema.UniqueIndex, nnd: is.NullsNotDistinct}
	for _, n := range is.IndexParams {
		ie := n.GetIndexElem()
		switch {
		case ie.Name != "":
			u.parts = append(u.parts, opart{col: ie.Name})
		case ie.Expr.GetColumnRef() != nil && len(ie.Expr.GetColumnRef().Fields) == 1:
			// PostgreSQL treats "(col)" as the plain column (ComputeIndexAttrs).
			u.parts = append(u.parts, opart{col: ie.Expr.GetColumnRef().Fields[0].GetString_().GetSval()})
		default:
			u.parts = append(u.parts, opart{refs: t.refs(ie.Expr)})
		}
	}
	if u.name == "" {
		// PostgreSQL names it <table>_<columns>_idx; with expressions it
		// uses names this oracle does not model, and leaves it empty.
		if cols := u.cols(); len(cols) == len(u.parts) {
			u.name = o.chooseName(t, t.name, indexNameAddition(cols), "idx")
		}
	}
	if is.WhereClause != nil {
		u.partial = true
		u.whereRefs = t.refs(is.WhereClause)
	}
	t.uniques = append(t.uniques, u)
}

// refs returns the columns of t that expression n mentions.
func (t *otable) refs(n *ast.Node) []string {
	var out []string
	walkColumnRefs(n, func(cr *ast.ColumnRef) {
		if len(cr.Fields) == 0 {
			return
		}
		name := cr.Fields[len(cr.Fields)-1].GetString_().GetSval()
		if name == "" || t.col(name) == nil {
			return
		}
		for _, x := range out {
			if x == name {
				return
			}
		}
		out = append(out, name)
	})
	return out
}

func walkColumnRefs(m proto.Message, visit func(*ast.ColumnRef)) {
	if cr, ok := m.(*ast.ColumnRef); ok {
		visit(cr)
		return
	}
	m.ProtoReflect().Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		if fd.IsList() {
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				walkColumnRefs(l.Get(i).Message().Interface(), visit)
			}
		} else if !fd.IsMap() {
			walkColumnRefs(v.Message().Interface(), visit)
		}
		return true
	})
}

func (o *Oracle) alterTable(at *ast.AlterTableStmt) {
	if at.Objtype != ast.ObjectType_OBJECT_TABLE {
		return
	}
	t := o.find(at.Relation)
	if t == nil {
		return
	}
	for _, n := range at.Cmds {
		cmd := n.GetAlterTableCmd()
		switch cmd.Subtype {
		case ast.AlterTableType_AT_AddColumn:
			cd := cmd.Def.GetColumnDef()
			if cmd.MissingOk && t.col(cd.Colname) != nil {
				continue
			}
			o.columnDef(t, cd)
		case ast.AlterTableType_AT_DropColumn:
			t.dropColumn(cmd.Name)
		case ast.AlterTableType_AT_SetNotNull:
			if c := t.col(cmd.Name); c != nil {
				c.nullable = false
			}
		case ast.AlterTableType_AT_DropNotNull:
			if c := t.col(cmd.Name); c != nil {
				c.nullable = true
			}
		case ast.AlterTableType_AT_ColumnDefault:
			if c := t.col(cmd.Name); c != nil {
				c.def, c.identity = !isNull(cmd.Def), false
			}
		case ast.AlterTableType_AT_AddIdentity:
			if c := t.col(cmd.Name); c != nil {
				c.def, c.identity = true, true
				c.nullable = false
			}
		case ast.AlterTableType_AT_AttachPartition:
			// A partition shares its parent's keys; like PARTITION OF
			// children, it is left out.
			if pc := cmd.Def.GetPartitionCmd(); pc != nil {
				if p := o.find(pc.Name); p != nil && p != t {
					o.remove(p)
				}
			}
		case ast.AlterTableType_AT_DropIdentity:
			if c := t.col(cmd.Name); c != nil && c.identity {
				c.def, c.identity = false, false
			}
		case ast.AlterTableType_AT_AddConstraint:
			o.tableConstraint(t, cmd.Def.GetConstraint())
		case ast.AlterTableType_AT_DropConstraint:
			t.dropUnique(cmd.Name, false)
		}
	}
}

func (t *otable) dropUnique(name string, indexOnly bool) {
	us := t.uniques[:0]
	for _, u := range t.uniques {
		if u.name != name || indexOnly && u.kind != schema.UniqueIndex {
			us = append(us, u)
		}
	}
	t.uniques = us
}

// dropColumn removes a column and, as PostgreSQL does, every index and
// constraint that depends on it (key parts, expressions, predicates).
func (t *otable) dropColumn(name string) {
	cols := t.cols[:0]
	for _, c := range t.cols {
		if c.name != name {
			cols = append(cols, c)
		}
	}
	t.cols = cols
	us := t.uniques[:0]
	for _, u := range t.uniques {
		if !u.mentions(name) {
			us = append(us, u)
		}
	}
	t.uniques = us
}

func (u *ounique) mentions(name string) bool {
	for _, p := range u.parts {
		if p.col == name || contains(p.refs, name) {
			return true
		}
	}
	return contains(u.whereRefs, name)
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func replaceIn(xs []string, from, to string) {
	for i, x := range xs {
		if x == from {
			xs[i] = to
		}
	}
}

func (o *Oracle) rename(rs *ast.RenameStmt) {
	switch rs.RenameType {
	case ast.ObjectType_OBJECT_COLUMN:
		if rs.RelationType != ast.ObjectType_OBJECT_TABLE {
			return
		}
		t := o.find(rs.Relation)
		if t == nil {
			return
		}
		c := t.col(rs.Subname)
		if c == nil {
			return
		}
		c.name = rs.Newname
		for _, u := range t.uniques {
			for i := range u.parts {
				if u.parts[i].col == rs.Subname {
					u.parts[i].col = rs.Newname
				}
				replaceIn(u.parts[i].refs, rs.Subname, rs.Newname)
			}
			replaceIn(u.whereRefs, rs.Subname, rs.Newname)
		}
	case ast.ObjectType_OBJECT_TABLE:
		if t := o.find(rs.Relation); t != nil {
			t.name = rs.Newname
		}
	case ast.ObjectType_OBJECT_TABCONSTRAINT:
		if t := o.find(rs.Relation); t != nil {
			for _, u := range t.uniques {
				if u.name == rs.Subname {
					u.name = rs.Newname
				}
			}
		}
	case ast.ObjectType_OBJECT_INDEX:
		// Renaming a constraint's index renames the constraint too.
		for _, t := range o.tables {
			if rs.Relation.Schemaname != "" && t.ns != "" && t.ns != rs.Relation.Schemaname {
				continue
			}
			for _, u := range t.uniques {
				if u.name == rs.Relation.Relname {
					u.name = rs.Newname
				}
			}
		}
	}
}

func (o *Oracle) drop(ds *ast.DropStmt) {
	for _, obj := range ds.Objects {
		var names []string
		for _, it := range obj.GetList().GetItems() {
			names = append(names, it.GetString_().GetSval())
		}
		if len(names) == 0 {
			continue
		}
		name, ns := names[len(names)-1], ""
		if len(names) > 1 {
			ns = names[len(names)-2]
		}
		switch ds.RemoveType {
		case ast.ObjectType_OBJECT_TABLE:
			if t := o.findName(ns, name); t != nil {
				o.remove(t)
			}
		case ast.ObjectType_OBJECT_INDEX:
			// A constraint's index cannot be dropped with DROP INDEX.
			for _, t := range o.tables {
				if ns == "" || t.ns == "" || t.ns == ns {
					t.dropUnique(name, true)
				}
			}
		}
	}
}

// Facts returns the facts of every table replayed so far.
func (o *Oracle) Facts() Facts {
	var f Facts
	for _, t := range o.tables {
		tf := TableFacts{Namespace: t.ns, Name: t.name}
		for _, c := range t.cols {
			tf.Columns = append(tf.Columns, ColumnFacts{Name: c.name, Nullable: c.nullable, HasDefault: c.def})
		}
		for _, u := range t.uniques {
			uf := UniqueFacts{Kind: u.kind.String(), Name: u.name, Partial: u.partial, NullsNotDistinct: u.nnd}
			for _, p := range u.parts {
				if p.col != "" {
					uf.Parts = append(uf.Parts, p.col)
				} else {
					uf.Parts = append(uf.Parts, exprPart(p.refs))
				}
			}
			tf.Uniques = append(tf.Uniques, uf)
		}
		f.Tables = append(f.Tables, tf)
	}
	f.normalize()
	return f
}

// namedatalen is PostgreSQL's NAMEDATALEN: names hold at most 63 bytes.
const namedatalen = 64

// makeObjectName is PostgreSQL's makeObjectName: name1_name2_label, with
// the longer of name1 and name2 shortened until the result fits in 63
// bytes.
func makeObjectName(name1, name2, label string) string {
	overhead := len(label) + 1
	if name2 != "" {
		overhead++
	}
	avail := namedatalen - 1 - overhead
	n1, n2 := len(name1), len(name2)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	s := clip(name1, n1)
	if name2 != "" {
		s += "_" + clip(name2, n2)
	}
	return s + "_" + label
}

// clip cuts s to at most n bytes on a character boundary (pg_mbcliplen).
func clip(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// indexNameAddition is PostgreSQL's ChooseIndexNameAddition: the column
// names joined by "_", stopping once the result reaches NAMEDATALEN.
func indexNameAddition(cols []string) string {
	s := ""
	for _, c := range cols {
		if s != "" {
			s += "_"
		}
		s += clip(c, namedatalen-1)
		if len(s) >= namedatalen {
			break
		}
	}
	return s
}
