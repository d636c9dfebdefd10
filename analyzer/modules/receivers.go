package modules

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/internal/pkgpath"
	"github.com/idemlint/idemlint/internal/vetshare"
)

// The module's method declarations, read from its files without type
// checking. A call through an interface is judged as a call of the one
// implementation that writes a key only when no other implementation
// exists in the module: go/analysis shows a package the facts of the
// packages it imports, and an implementation in a package it does not
// import (a repository in package postgres, wired in main, behind an
// interface the service package declares) has none to show.

// Methods lists the named types of a module that declare methods, with
// the module's path.
type Methods struct {
	Module string
	Types  []TypeMethods
}

// TypeMethods is one named type and the methods its package's non-test
// files declare on it, each with its parameters' types as written
// ("context.Context", "*ports.Message", "[]byte"; "?" for a type this
// reading does not spell).
type TypeMethods struct {
	Pkg     string // import path
	Name    string
	Methods map[string][]string
}

// Receivers returns the module's method declarations (ScanMethods), read
// once per run (through the go vet run's shared walk when vetWorkDir is
// set).
func (c *Cache) Receivers(root, vetWorkDir string) Methods {
	if root == "" {
		return Methods{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.methods == nil {
		c.methods = map[string]Methods{}
	}
	m, ok := c.methods[root]
	if !ok {
		m, _ = vetshare.Once(vetWorkDir, "methods-v2", root, func() (Methods, error) { return ScanMethods(root), nil })
		c.methods[root] = m
	}
	return m
}

// ScanMethods reads the method declarations of the module at root. Test
// files, mocks (a file or type whose name says mock, a folder named
// mocks) and test doubles (a package under a folder named testutil,
// fakes, stubs and the like: flexprice's testutil.InMemoryInvoiceStore)
// are left out: they are not what the module runs. A parameter type
// whose package the file imports under another name (domainInvoice
// "…/domain/invoice") is spelt with the name the package is guessed to
// declare, the last element of its path ("*invoice.Invoice"), as a file
// importing it plainly writes it.
func ScanMethods(root string) Methods {
	out := Methods{Module: pkgpath.Module(root)}
	byType := map[string]int{}
	fset := token.NewFileSet()
	WalkGoFiles(root, func(p string) bool {
		if strings.HasSuffix(p, "_test.go") || isMockPath(p) || isTestDoublePath(root, p) {
			return true
		}
		src, err := os.ReadFile(p)
		if err != nil || !bytes.Contains(src, []byte("func (")) {
			return true
		}
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			return true
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			return true
		}
		pkg := out.Module
		if rel != "." {
			pkg = path.Join(out.Module, filepath.ToSlash(rel))
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
				continue
			}
			name := recvTypeName(fd.Recv.List[0].Type)
			if name == "" || strings.HasPrefix(strings.ToLower(name), "mock") {
				continue
			}
			key := pkg + "." + name
			i, ok := byType[key]
			if !ok {
				i = len(out.Types)
				byType[key] = i
				out.Types = append(out.Types, TypeMethods{Pkg: pkg, Name: name, Methods: map[string][]string{}})
			}
			out.Types[i].Methods[fd.Name.Name] = paramTexts(fd.Type.Params, renamed(f))
		}
		return true
	})
	return out
}

func isMockPath(p string) bool {
	base := strings.ToLower(filepath.Base(p))
	dir := strings.ToLower(filepath.Base(filepath.Dir(p)))
	return strings.Contains(base, "mock") || dir == "mocks" || dir == "mock"
}

// testDoubleDirs are folder names whose packages hold test doubles.
var testDoubleDirs = map[string]bool{"testutil": true, "testutils": true, "testhelper": true, "testhelpers": true, "testsupport": true, "fakes": true, "fake": true, "stubs": true, "stub": true}

// isTestDoublePath reports whether the file p, under root, lies in a
// folder of test doubles.
func isTestDoublePath(root, p string) bool {
	rel, err := filepath.Rel(root, filepath.Dir(p))
	if err != nil {
		return false
	}
	for _, seg := range strings.Split(filepath.ToSlash(rel), "/") {
		if testDoubleDirs[strings.ToLower(seg)] {
			return true
		}
	}
	return false
}

// renamed maps the names under which f imports packages other than
// their own (domainInvoice for "…/domain/invoice") to the names the
// packages are guessed to declare (guessName).
func renamed(f *ast.File) map[string]string {
	var out map[string]string
	for _, spec := range f.Imports {
		if spec.Name == nil || spec.Name.Name == "_" || spec.Name.Name == "." {
			continue
		}
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[spec.Name.Name] = guessName(p)
	}
	return out
}

// guessName guesses the name a package of import path p declares: its
// last element, without a major version ("…/chi/v5": chi, gopkg.in's
// "yaml.v3": yaml).
func guessName(p string) string {
	elems := strings.Split(p, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = elems[len(elems)-2]
	}
	if i := strings.Index(last, ".v"); i > 0 && strings.Trim(last[i+2:], "0123456789") == "" {
		last = last[:i]
	}
	return last
}

// recvTypeName is the type name of a receiver: T in T, *T, T[K], *T[K].
func recvTypeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// paramTexts spells each parameter's type (one per name), a package
// imported under another name by the name in names.
func paramTexts(fl *ast.FieldList, names map[string]string) []string {
	var out []string
	if fl == nil {
		return out
	}
	for _, f := range fl.List {
		t := typeText(f.Type, names)
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, t)
		}
	}
	return out
}

// TypeText spells a parameter type as ScanMethods records it: pointers,
// slices (and variadic parameters) and maps around a name, qualified by
// the package name the file uses; "?" for anything else.
func TypeText(e ast.Expr) string { return typeText(e, nil) }

func typeText(e ast.Expr, names map[string]string) string {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return typeText(x.X, names)
	case *ast.StarExpr:
		return "*" + typeText(x.X, names)
	case *ast.Ellipsis:
		return "[]" + typeText(x.Elt, names)
	case *ast.ArrayType:
		if x.Len != nil {
			return "?"
		}
		return "[]" + typeText(x.Elt, names)
	case *ast.MapType:
		return "map[" + typeText(x.Key, names) + "]" + typeText(x.Value, names)
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			if n, ok := names[id.Name]; ok {
				return n + "." + x.Sel.Name
			}
			return id.Name + "." + x.Sel.Name
		}
	case *ast.IndexExpr:
		return typeText(x.X, names)
	case *ast.IndexListExpr:
		return typeText(x.X, names)
	}
	return "?"
}
