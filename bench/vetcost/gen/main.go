// Command gen writes the synthetic module that vetcost measures into a
// folder: go run ./gen DIR.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/idemlint/idemlint/bench/vetcost"
)

func main() {
	var o vetcost.GenOptions
	flag.IntVar(&o.Packages, "packages", 0, "library packages (0: default 240)")
	flag.IntVar(&o.Depth, "depth", 0, "layers of the import DAG (0: default 6)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: gen [-packages N] [-depth N] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	dir := flag.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	st, err := vetcost.Generate(dir, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d packages (%d with database/sql, %d insert sites), %d files (%d tests), %d lines of Go\n",
		dir, st.Packages, st.DBPackages, st.InsertSite, st.Files, st.TestFiles, st.Lines)
}
