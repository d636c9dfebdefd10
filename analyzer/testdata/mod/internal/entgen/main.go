// Command entgen runs ent's code generator (entgo.io/ent/entc) on a schema
// package: the generated code of the ent projects here is ent's own
// output, and the test that checks it is current regenerates it with this
// command into a temporary folder.
//
//	go run ./internal/entgen <schema dir> <target dir> <target package>
package main

import (
	"fmt"
	"os"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: entgen <schema dir> <target dir> <target package>")
		os.Exit(2)
	}
	err := entc.Generate(os.Args[1], &gen.Config{
		Target:   os.Args[2],
		Package:  os.Args[3],
		Features: []gen.Feature{gen.FeatureUpsert},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "entgen:", err)
		os.Exit(1)
	}
}
