package keyuse

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/internal/pkgpath"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// Scan returns the ON CONFLICT targets the code of the module at root
// uses, each once, with where (relative to root) it first appears:
//
//   - INSERT … ON CONFLICT (cols) in Go string literals (also joined with
//     +) and in sqlc query files (.sql files with -- name: annotations);
//   - bun's .On("CONFLICT (cols) DO …"), with the table of the chain's
//     ModelTableExpr or of its Model's bun:"table:…" tag when it says one;
//   - squirrel's .Suffix("ON CONFLICT (cols) DO …") (or SuffixExpr of
//     sq.Expr) and goqu's .OnConflict(goqu.DoUpdate("cols", …)), with the
//     table of the chain's Insert("t") or Into("t") when it says one;
//   - GORM's clause.OnConflict{Columns: []clause.Column{{Name: "col"}}};
//   - ent's OnConflictColumns(entity.FieldX, …), through the generated
//     package's Field constants and Table.
//
// It reads files as text and syntax, without type checking, so it can run
// in the one package that owns a schema: only files that mention a
// conflict are parsed. A target whose table the syntax does not say has
// an empty Table; schema.KeyMatcher then matches any table with a unique
// rule over exactly its columns. Test files are not the module's code.
func Scan(root string) []schema.ConflictTarget {
	s := &scanner{root: root, fset: token.NewFileSet(), seen: map[string]bool{}, modulePath: pkgpath.Module(root)}
	walk(root, func(path string) {
		switch {
		case strings.HasSuffix(path, "_test.go"):
		case strings.HasSuffix(path, ".go"):
			s.goFile(path)
		case strings.EqualFold(filepath.Ext(path), ".sql"):
			s.queryFile(path)
		}
	})
	// A query file and the Go that sqlc generates from it name the same
	// target: keep the query file's position, which is what people edit.
	slices.SortStableFunc(s.out, func(a, b schema.ConflictTarget) int {
		return boolCmp(strings.HasSuffix(fileOf(a.At), ".go"), strings.HasSuffix(fileOf(b.At), ".go"))
	})
	var out []schema.ConflictTarget
	for _, t := range s.out {
		k := targetKey(t)
		if !s.seen[k] {
			s.seen[k] = true
			out = append(out, t)
		}
	}
	return out
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func fileOf(at string) string {
	if i := strings.LastIndexByte(at, ':'); i >= 0 {
		return at[:i]
	}
	return at
}

func targetKey(t schema.ConflictTarget) string {
	cols := slices.Clone(t.Columns)
	for i := range cols {
		cols[i] = strings.ToLower(cols[i])
	}
	slices.Sort(cols)
	written := ""
	if t.Written != nil {
		w := slices.Clone(t.Written)
		for i := range w {
			w[i] = strings.ToLower(w[i])
		}
		slices.Sort(w)
		written = "|w:" + strings.Join(w, ",") + "|" + strings.ToLower(strings.Join(t.WrittenTarget, ",")) + "|" + strings.ToLower(t.WrittenConstraint)
	}
	return strings.ToLower(t.Table) + "|" + strings.Join(cols, ",") + "|" + strings.ToLower(t.Constraint) + written
}

type scanner struct {
	root       string
	modulePath string
	fset       *token.FileSet
	out        []schema.ConflictTarget
	seen       map[string]bool
	ent        map[string]entPackage // by import path
}

// mentionsConflict is the cheap test a file passes before it is parsed:
// whether src contains "CONFLICT" or "onflict". The module walk runs it
// over every Go file, so it jumps between the needles' 'F' and 'f' with
// IndexByte: bytes.Contains stops at every 'o' and 'C' of Go source.
func mentionsConflict(src []byte) bool {
	return containsAround(src, 'F', "CONFLICT", 3) || containsAround(src, 'f', "onflict", 2)
}

// containsAround reports whether src contains needle, whose byte at off is
// c, by looking around each c of src.
func containsAround(src []byte, c byte, needle string, off int) bool {
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], c)
		if j < 0 {
			return false
		}
		i += j
		if start := i - off; start >= 0 && start+len(needle) <= len(src) && string(src[start:start+len(needle)]) == needle {
			return true
		}
		i++
	}
}

func (s *scanner) at(path string, line int) string {
	rel, err := filepath.Rel(s.root, path)
	if err != nil {
		rel = path
	}
	return filepath.ToSlash(rel) + ":" + strconv.Itoa(line)
}

// addSQL records the ON CONFLICT target of each INSERT in sql, which
// starts at line of path. With exact, sql is the file's own text (a query
// file), so a target is placed at the line of its ON CONFLICT, which can
// lie many lines below a long query's -- name: line; a Go string's text
// (escapes, concatenations) does not map onto source lines, and its
// targets are placed at the literal.
func (s *scanner) addSQL(sql, path string, line int, exact bool) {
	stmtStart := 0
	for _, stmt := range strings.Split(sql, ";") {
		base := stmtStart
		stmtStart += len(stmt) + 1
		if !strings.Contains(strings.ToUpper(stmt), "CONFLICT") {
			continue
		}
		// Each INSERT, also one inside a WITH … AS (INSERT …) clause.
		upper := strings.ToUpper(stmt)
		for off := 0; ; {
			i := strings.Index(upper[off:], "INSERT")
			if i < 0 {
				break
			}
			off += i
			ins, err := sqlinsert.Parse(stmt[off:], schema.PostgreSQL)
			insAt := off
			off += len("INSERT")
			if err != nil || ins == nil {
				continue
			}
			if ins.OnConflict && ins.Table != "" && len(ins.Columns) > 0 {
				written := make([]string, len(ins.Columns))
				for i, c := range ins.Columns {
					written[i] = c.Name
				}
				at := line
				if exact {
					at += strings.Count(sql[:base+insAt], "\n")
				}
				s.out = append(s.out, schema.ConflictTarget{Table: ins.Table, Written: written,
					WrittenTarget: ins.ConflictColumns, WrittenConstraint: ins.ConflictConstraint, At: s.at(path, at)})
			}
			if len(ins.ConflictColumns) == 0 && ins.ConflictConstraint == "" {
				continue
			}
			at := line
			if exact {
				end := off
				if j := strings.Index(upper[off:], "CONFLICT"); j >= 0 {
					end += j
				}
				at += strings.Count(sql[:base+end], "\n")
			}
			s.out = append(s.out, schema.ConflictTarget{Table: ins.Table, Columns: ins.ConflictColumns, Constraint: ins.ConflictConstraint, At: s.at(path, at)})
		}
	}
}

// queryFile reads a sqlc query file: statements after -- name: lines.
func (s *scanner) queryFile(path string) {
	src, err := os.ReadFile(path)
	if err != nil || !mentionsConflict(src) || !bytes.Contains(src, []byte("-- name:")) {
		return
	}
	text := string(src)
	// One query per -- name: block, so positions point at each statement.
	for off := 0; off < len(text); {
		i := strings.Index(text[off:], "-- name:")
		if i < 0 {
			break
		}
		start := off + i
		end := len(text)
		if j := strings.Index(text[start+1:], "-- name:"); j >= 0 {
			end = start + 1 + j
		}
		line := 1 + strings.Count(text[:start], "\n")
		s.addSQL(text[start:end], path, line, true)
		off = end
	}
}

func (s *scanner) goFile(path string) {
	src, err := os.ReadFile(path)
	if err != nil || !mentionsConflict(src) {
		return
	}
	f, err := parser.ParseFile(s.fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		return // not ours to report: the compiler will
	}
	folded := map[ast.Expr]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if folded[n] {
				return true
			}
			if text, ok := foldString(n, folded); ok {
				s.addSQL(text, path, s.fset.Position(n.Pos()).Line, false)
			}
		case *ast.BasicLit:
			if folded[n] || n.Kind != token.STRING {
				return true
			}
			if text, err := strconv.Unquote(n.Value); err == nil && strings.Contains(strings.ToUpper(text), "INSERT") {
				s.addSQL(text, path, s.fset.Position(n.Pos()).Line, false)
			}
		case *ast.CompositeLit:
			s.gormOnConflict(n, path)
		case *ast.CallExpr:
			s.call(f, n, path)
		}
		return true
	})
}

// foldString joins a + b + … of string literals; it marks the parts it
// used so they are not read again on their own.
func foldString(e ast.Expr, folded map[ast.Expr]bool) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		v, err := strconv.Unquote(e.Value)
		if err != nil {
			return "", false
		}
		folded[e] = true
		return v, true
	case *ast.ParenExpr:
		return foldString(e.X, folded)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok := foldString(e.X, folded)
		if !ok {
			return "", false
		}
		b, ok := foldString(e.Y, folded)
		if !ok {
			return "", false
		}
		folded[e] = true
		return a + b, true
	}
	return "", false
}

// gormOnConflict reads clause.OnConflict{Columns: []clause.Column{{Name: "a"}}}.
func (s *scanner) gormOnConflict(lit *ast.CompositeLit, path string) {
	sel, ok := lit.Type.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "OnConflict" {
		return
	}
	if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "clause" {
		return
	}
	var cols []string
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); !ok || k.Name != "Columns" {
			continue
		}
		list, ok := kv.Value.(*ast.CompositeLit)
		if !ok {
			return
		}
		for _, c := range list.Elts {
			col, ok := c.(*ast.CompositeLit)
			if !ok {
				return
			}
			name := ""
			for _, f := range col.Elts {
				if kv, ok := f.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Name" {
						name = stringLit(kv.Value)
					}
				}
			}
			if name == "" {
				return // a column named by a variable: the target is unknown
			}
			cols = append(cols, name)
		}
	}
	if len(cols) > 0 {
		s.out = append(s.out, schema.ConflictTarget{Columns: cols, At: s.at(path, s.fset.Position(lit.Pos()).Line)})
	}
}

func stringLit(e ast.Expr) string {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return ""
	}
	v, err := strconv.Unquote(lit.Value)
	if err != nil {
		return ""
	}
	return v
}

// call reads bun's On("CONFLICT (…)"), squirrel's Suffix("ON CONFLICT
// (…) …"), goqu's OnConflict(goqu.DoUpdate("…", …)) and ent's
// OnConflictColumns(…).
func (s *scanner) call(f *ast.File, call *ast.CallExpr, path string) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	// The method's own line: a chain starts lines above it.
	line := s.fset.Position(sel.Sel.Pos()).Line
	switch sel.Sel.Name {
	case "On":
		if len(call.Args) != 1 {
			return
		}
		clause := stringLit(call.Args[0])
		if !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(clause)), "CONFLICT") {
			return
		}
		ins, err := sqlinsert.Parse("INSERT INTO t (x) VALUES (1) ON "+clause, schema.PostgreSQL)
		if err != nil || ins == nil || len(ins.ConflictColumns) == 0 && ins.ConflictConstraint == "" {
			return
		}
		s.out = append(s.out, schema.ConflictTarget{Table: bunTable(f, sel.X), Columns: ins.ConflictColumns, Constraint: ins.ConflictConstraint, At: s.at(path, line)})
	case "Suffix", "SuffixExpr":
		// squirrel's Insert("t")….Suffix("ON CONFLICT (cols) DO …"), also
		// as SuffixExpr(sq.Expr("ON CONFLICT …")).
		if len(call.Args) == 0 {
			return
		}
		arg := call.Args[0]
		if sel.Sel.Name == "SuffixExpr" {
			inner, ok := arg.(*ast.CallExpr)
			if !ok || len(inner.Args) == 0 {
				return
			}
			if isel, ok := inner.Fun.(*ast.SelectorExpr); !ok || isel.Sel.Name != "Expr" {
				return
			}
			arg = inner.Args[0]
		}
		clause, ok := foldString(arg, map[ast.Expr]bool{})
		if !ok || !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(clause)), "ON CONFLICT") {
			return
		}
		s.addClause(clause, builderTable(sel.X), path, line)
	case "OnConflict":
		// goqu's Insert("t")….OnConflict(goqu.DoUpdate("cols", …)): the
		// target is DoUpdate's first argument, written inside ON CONFLICT
		// ( … ) unless it is ON CONSTRAINT name. DoNothing() names none.
		if len(call.Args) != 1 {
			return
		}
		du, ok := call.Args[0].(*ast.CallExpr)
		if !ok || len(du.Args) == 0 {
			return
		}
		if dsel, ok := du.Fun.(*ast.SelectorExpr); !ok || dsel.Sel.Name != "DoUpdate" {
			return
		}
		target := strings.TrimSpace(stringLit(du.Args[0]))
		if target == "" {
			return
		}
		if !strings.HasPrefix(strings.ToUpper(target), "ON CONSTRAINT") {
			target = "(" + target + ")"
		}
		s.addClause("ON CONFLICT "+target+" DO NOTHING", builderTable(sel.X), path, line)
	case "OnConflictColumns":
		var cols []string
		table := ""
		for _, a := range call.Args {
			if v := stringLit(a); v != "" {
				cols = append(cols, v)
				continue
			}
			fsel, ok := a.(*ast.SelectorExpr)
			if !ok {
				return
			}
			pkg, ok := fsel.X.(*ast.Ident)
			if !ok {
				return
			}
			ep := s.entPackage(f, pkg.Name)
			col, ok := ep.fields[fsel.Sel.Name]
			if !ok {
				return
			}
			cols = append(cols, col)
			table = ep.table
		}
		if len(cols) > 0 {
			s.out = append(s.out, schema.ConflictTarget{Table: table, Columns: cols, At: s.at(path, line)})
		}
	}
}

// addClause records the target of an ON CONFLICT clause written apart
// from its INSERT, on table (empty when the syntax does not say it).
func (s *scanner) addClause(clause, table, path string, line int) {
	ins, err := sqlinsert.Parse("INSERT INTO t (x) VALUES (1) "+clause, schema.PostgreSQL)
	if err != nil || ins == nil || len(ins.ConflictColumns) == 0 && ins.ConflictConstraint == "" {
		return
	}
	s.out = append(s.out, schema.ConflictTarget{Table: table, Columns: ins.ConflictColumns, Constraint: ins.ConflictConstraint, At: s.at(path, line)})
}

// builderTable returns the table a query builder's insert chain names:
// the string of its Insert("t") or Into("t") (squirrel, goqu), also
// goqu's Insert(goqu.T("t")). "" when the chain starts from a variable
// or names the table otherwise.
func builderTable(chain ast.Expr) string {
	for e := chain; ; {
		call, ok := e.(*ast.CallExpr)
		if !ok {
			return ""
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		if (sel.Sel.Name == "Insert" || sel.Sel.Name == "Into") && len(call.Args) == 1 {
			arg := call.Args[0]
			if t, ok := arg.(*ast.CallExpr); ok && len(t.Args) == 1 {
				if tsel, ok := t.Fun.(*ast.SelectorExpr); ok && tsel.Sel.Name == "T" {
					arg = t.Args[0]
				}
			}
			if v := stringLit(arg); v != "" && !strings.ContainsAny(v, " ?()") {
				return v
			}
			return ""
		}
		e = sel.X
	}
}

// bunTable returns the table a bun insert chain names: its
// ModelTableExpr("name"), or the bun:"table:name" tag of a struct type
// the chain's Model(&T{}) names and the file declares. "" when the syntax
// does not say.
func bunTable(f *ast.File, chain ast.Expr) string {
	for e := chain; ; {
		call, ok := e.(*ast.CallExpr)
		if !ok {
			return ""
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		switch sel.Sel.Name {
		case "ModelTableExpr", "Table":
			if len(call.Args) == 1 {
				if v := stringLit(call.Args[0]); v != "" && !strings.ContainsAny(v, " ?()") {
					return v
				}
			}
		case "Model":
			if len(call.Args) == 1 {
				if name := literalTypeName(call.Args[0]); name != "" {
					return bunTagTable(f, name)
				}
			}
		}
		e = sel.X
	}
}

// literalTypeName returns T for &T{…} or T{…}.
func literalTypeName(e ast.Expr) string {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	if lit, ok := e.(*ast.CompositeLit); ok {
		if id, ok := lit.Type.(*ast.Ident); ok {
			return id.Name
		}
	}
	return ""
}

// bunTagTable returns the table of the bun:"table:name" tag of struct type
// name declared in f.
func bunTagTable(f *ast.File, name string) string {
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, sp := range gd.Specs {
			ts := sp.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if ts.Name.Name != name || !ok {
				continue
			}
			for _, fld := range st.Fields.List {
				if fld.Tag == nil {
					continue
				}
				tag, err := strconv.Unquote(fld.Tag.Value)
				if err != nil {
					continue
				}
				bun := reflectTag(tag, "bun")
				for _, part := range strings.Split(bun, ",") {
					if t, ok := strings.CutPrefix(part, "table:"); ok {
						t, _, _ = strings.Cut(t, " ")
						return t
					}
				}
			}
		}
	}
	return ""
}

// reflectTag is reflect.StructTag.Get.
func reflectTag(tag, key string) string {
	for tag != "" {
		i := 0
		for i < len(tag) && tag[i] == ' ' {
			i++
		}
		tag = tag[i:]
		i = 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			return ""
		}
		name := tag[:i]
		tag = tag[i+1:]
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			return ""
		}
		v, err := strconv.Unquote(tag[:i+1])
		tag = tag[i+1:]
		if name == key && err == nil {
			return v
		}
	}
	return ""
}

// An entPackage is what ent generates per entity: the Table constant and
// one Field constant per column.
type entPackage struct {
	table  string
	fields map[string]string
}

// entPackage reads the package f imports as name, when it lies in the
// module: its string constants Table and Field*.
func (s *scanner) entPackage(f *ast.File, name string) entPackage {
	var path string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if imp.Name != nil && imp.Name.Name == name || imp.Name == nil && filepath.Base(p) == name {
			path = p
		}
	}
	if path == "" || s.modulePath == "" || !strings.HasPrefix(path, s.modulePath+"/") {
		return entPackage{}
	}
	if ep, ok := s.ent[path]; ok {
		return ep
	}
	if s.ent == nil {
		s.ent = map[string]entPackage{}
	}
	ep := entPackage{fields: map[string]string{}}
	dir := filepath.Join(s.root, filepath.FromSlash(strings.TrimPrefix(path, s.modulePath+"/")))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		pf, err := parser.ParseFile(s.fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range pf.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, sp := range gd.Specs {
				vs := sp.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i >= len(vs.Values) {
						break
					}
					v := stringLit(vs.Values[i])
					switch {
					case v == "":
					case n.Name == "Table":
						ep.table = v
					case strings.HasPrefix(n.Name, "Field"):
						ep.fields[n.Name] = v
					}
				}
			}
		}
	}
	s.ent[path] = ep
	return ep
}

// walk calls visit for every .go and .sql file of the module at root in
// lexical order, skipping what the go command skips (testdata, vendor,
// folders starting with . or _, nested modules) and node_modules.
func walk(root string, visit func(path string)) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p == root {
				return nil
			}
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor" || name == "node_modules" {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && (strings.HasSuffix(name, ".go") || strings.EqualFold(filepath.Ext(name), ".sql")) {
			visit(p)
		}
		return nil
	})
}
