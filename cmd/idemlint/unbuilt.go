package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlinsert"
)

// Silence is a claim: a package that does not build is not analysed, so
// its inserts are not checked, and go's build errors alone do not say
// that the package writes an idempotency key (yandex perforator's one
// insert into its tasks table sits in a package whose generated protobuf
// import is missing from the checkout; LFDT paladin's GORM insert into
// transactions, in a package whose sibling modules' generated code is
// missing). When go vet failed, the driver reads the Go files of each
// package that did not build, as text, for INSERT string literals into a
// table of the module's schemas with a key column, and, in files that
// import a data-access library, for a string literal that is such a
// table's name (db.Table("transactions"), a TableName method: an ORM's
// write needs the types the build did not give to be read), and says
// once which of those packages went unchecked.

// unbuiltInserts is one package that did not build and the key columns
// its INSERT strings write.
type unbuiltInserts struct {
	pkg   string   // import path
	where string   // the first such INSERT or table name: "INSERT at file:line" or "table t named at file:line", relative to the module root
	keys  []string // table.column, in order of first appearance
}

// unbuiltInsertsLine returns the line that names the packages that did
// not build and whose INSERT strings write a key column of models, or ""
// when there are none. broken are the import paths of the packages that
// did not build, in order, dirs their directories.
func unbuiltInsertsLine(root string, broken []string, dirs map[string]string, models []*schema.Model, keys schema.KeyMatcher) string {
	var found []unbuiltInserts
	for _, pkg := range broken {
		if u, ok := insertsIntoKeys(pkg, dirs[pkg], root, models, keys); ok {
			found = append(found, u)
		}
	}
	if len(found) == 0 {
		return ""
	}
	parts := make([]string, len(found))
	for i, u := range found {
		keys := u.keys
		if len(keys) > 3 {
			keys = append(keys[:3:3], fmt.Sprintf("%d more", len(u.keys)-3))
		}
		parts[i] = fmt.Sprintf("%s (%s, %s)", u.pkg, strings.Join(keys, ", "), u.where)
	}
	return fmt.Sprintf("idemlint: %d package(s) that did not build insert into key columns or name their tables, so the Go side of those writes was not checked: %s",
		len(found), strings.Join(parts, "; "))
}

// brokenPackages returns, in order, the import paths of the packages of
// the patterns that did not build, and the directory of each package:
// those go list reports an error for (an import that is missing), also in
// their tests only (paladin's test files import mocks that a build step
// generates: go vet analyses a package with its tests, so the rerun on
// the loadable packages leaves such a package out), and those go vet's
// stderr heads with "# path" (a type error).
func (c *cli) brokenPackages(req vetRequest, stderrs ...string) ([]string, map[string]string) {
	l, _ := c.listPackages(req)
	var order []string
	for _, p := range l.order {
		if l.broken[p] {
			order = append(order, p)
		}
	}
	for _, stderr := range stderrs {
		for _, line := range strings.Split(stderr, "\n") {
			rest, ok := strings.CutPrefix(line, "# ")
			if !ok || rest == "" {
				continue
			}
			pkg := strings.TrimSuffix(strings.Fields(rest)[0], "_test") // "p [p.test]", "p_test [p.test]" → p
			if _, known := l.dirs[pkg]; known && !l.broken[pkg] {
				l.broken[pkg] = true
				order = append(order, pkg)
			}
		}
	}
	return order, l.dirs
}

// insertsIntoKeys reads the non-test Go files of dir for string literals
// holding an INSERT into a table of models with a key column.
func insertsIntoKeys(pkg, dir, root string, models []*schema.Model, keys schema.KeyMatcher) (unbuiltInserts, bool) {
	u := unbuiltInserts{pkg: pkg}
	if dir == "" {
		return u, false
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return u, false
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil && f == nil {
			continue
		}
		orm := importsDataAccess(f)
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			insert := strings.Contains(strings.ToLower(s), "insert")
			if !insert && !orm {
				return true
			}
			for _, m := range models {
				var t *schema.Table
				how := "INSERT at "
				if insert {
					if ins, err := sqlinsert.Parse(s, m.Dialect); err == nil && ins != nil {
						t = ins.TableIn(m)
					}
				} else if orm {
					t = m.Table(s)
					how = "table " + s + " named at "
				}
				if t == nil {
					continue
				}
				for _, c := range t.Columns {
					if !defeatable(m, t, c, keys) {
						continue
					}
					k := t.Name + "." + c.Name
					if slices.Contains(u.keys, k) {
						continue
					}
					if u.where == "" {
						p := fset.Position(lit.Pos())
						rel, err := filepath.Rel(root, p.Filename)
						if err != nil {
							rel = p.Filename
						}
						u.where = fmt.Sprintf("%s%s:%d", how, filepath.ToSlash(rel), p.Line)
					}
					u.keys = append(u.keys, k)
				}
			}
			return true
		})
	}
	return u, len(u.keys) > 0
}

// defeatable reports whether c is a key column of t whose NULL or empty
// value defeats one of its unique rules, as the Go-side checks ask (a key
// column that is NOT NULL, or whose NULLs a partial index leaves out, and
// that no rule keeps from holding "" twice, is left out).
func defeatable(m *schema.Model, t *schema.Table, c *schema.Column, keys schema.KeyMatcher) bool {
	if ok, _ := keys.IsKey(t, c); !ok {
		return false
	}
	rules := keys.KeyRules(t, c)
	return len(schema.InRules(schema.NullRepeats(m, t, c), rules)) > 0 || len(schema.InRules(schema.NullCollides(m, t, c), rules)) > 0 ||
		len(schema.InRules(schema.EmptyCollides(m, t, c), rules)) > 0
}

// dataAccess are the import paths (and prefixes) of the data-access
// libraries whose writes name a table by a string: GORM, bun, sqlx,
// squirrel, goqu, pgx, database/sql, ent.
var dataAccess = []string{"gorm.io/gorm", "github.com/uptrace/bun", "github.com/jmoiron/sqlx", "github.com/Masterminds/squirrel", "github.com/doug-martin/goqu", "github.com/jackc/pgx", "database/sql", "entgo.io/ent"}

// importsDataAccess reports whether f imports one of dataAccess (or a
// package below one).
func importsDataAccess(f *ast.File) bool {
	for _, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		for _, p := range dataAccess {
			if path == p || strings.HasPrefix(path, p+"/") {
				return true
			}
		}
	}
	return false
}
