// Command entgen runs ent's code generator (entgo.io/ent/entc) on a schema
// package: the generated code of the ent projects here is ent's own
// output, and the test that checks it is current regenerates it with this
// command into a temporary folder.
//
//	go run ./internal/entgen <schema dir> <target dir> <target package>
//
// ent's templates leave the import of entgo.io/ent to goimports, which,
// inside this module, may pick another ent project's generated package
// (also named ent) instead: entgen puts entgo.io/ent back.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: entgen <schema dir> <target dir> <target package>")
		os.Exit(2)
	}
	target, pkg := os.Args[2], os.Args[3]
	err := entc.Generate(os.Args[1], &gen.Config{
		Target:   target,
		Package:  pkg,
		Features: []gen.Feature{gen.FeatureUpsert},
	})
	if err == nil {
		err = filepath.WalkDir(target, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
				return err
			}
			return fixEntImport(p, pkg)
		})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "entgen:", err)
		os.Exit(1)
	}
}

// fixEntImport rewrites an import of another generated package named ent
// (anything but pkg and its subpackages) to entgo.io/ent.
func fixEntImport(file, pkg string) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
	if err != nil {
		return err
	}
	changed := false
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		if path.Base(p) == "ent" && p != "entgo.io/ent" && p != pkg && !strings.HasPrefix(p, pkg+"/") {
			im.Path.Value = strconv.Quote("entgo.io/ent")
			changed = true
		}
	}
	if !changed {
		return nil
	}
	var b bytes.Buffer
	if err := format.Node(&b, fset, f); err != nil {
		return err
	}
	return os.WriteFile(file, b.Bytes(), 0o644)
}
