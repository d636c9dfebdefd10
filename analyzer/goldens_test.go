package analyzer_test

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/txtar"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// TestWriteGoldens writes the .golden files of the testdata packages named
// in IDEMLINT_WRITE_GOLDENS (comma-separated), in the form
// RunWithSuggestedFixes reads: one txtar section per fix message, holding
// the file with every fix of that message applied. Review the diff before
// committing it; without the variable the test is skipped.
func TestWriteGoldens(t *testing.T) {
	pkgs := os.Getenv("IDEMLINT_WRITE_GOLDENS")
	if pkgs == "" {
		t.Skip("IDEMLINT_WRITE_GOLDENS names no package")
	}
	// One run for the GOPATH packages and one for those of the library
	// module (mod/…), with the options their tests use.
	var gopath, module []string
	for _, pkg := range strings.Split(pkgs, ",") {
		if rest, ok := strings.CutPrefix(pkg, "mod/"); ok {
			module = append(module, "./"+rest)
		} else {
			gopath = append(gopath, pkg)
		}
	}
	runs := []struct {
		dir      string
		opts     *config.Options
		patterns []string
	}{{testdata(t), &config.Options{}, gopath}}
	if len(module) > 0 {
		runs = append(runs, struct {
			dir      string
			opts     *config.Options
			patterns []string
		}{libraryModule(t), &config.Options{Checks: "-IDEM104"}, module})
	}
	for _, run := range runs {
		if len(run.patterns) == 0 {
			continue
		}
		results := analysistest.Run(&quietT{t}, run.dir, analyzer.New(run.opts), run.patterns...)
		byFile := map[string]map[string][]edit{} // file -> fix message -> edits
		for _, r := range results {
			for _, d := range r.Diagnostics {
				for _, fix := range d.SuggestedFixes {
					for _, e := range fix.TextEdits {
						tf := r.Pass.Fset.File(e.Pos)
						name := tf.Name()
						if byFile[name] == nil {
							byFile[name] = map[string][]edit{}
						}
						byFile[name][fix.Message] = append(byFile[name][fix.Message], edit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)})
					}
				}
			}
		}
		for name, msgs := range byFile {
			if !strings.HasSuffix(name, ".go") {
				continue // a schema file's golden is schematest's: its fixed text, not a txtar
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var ar txtar.Archive
			var names []string
			for m := range msgs {
				names = append(names, m)
			}
			sort.Strings(names)
			for _, m := range names {
				es := msgs[m]
				// From the end back; of two inserts at one offset, the
				// later first, so that the earlier reads first, as
				// analysistest applies them.
				for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
					es[i], es[j] = es[j], es[i]
				}
				sort.SliceStable(es, func(i, j int) bool { return es[i].start > es[j].start })
				out := append([]byte(nil), src...)
				last := len(out) + 1
				for i, e := range es {
					if i > 0 && e == es[i-1] {
						continue // the same edit twice (two fixes of one message add one import): analysistest applies it once
					}
					if e.end > last {
						continue // overlaps the edit after it; analysistest would refuse the same
					}
					out = append(out[:e.start:e.start], append([]byte(e.text), out[e.end:]...)...)
					last = e.start
				}
				if f, err := format.Source(out); err == nil {
					out = f
				}
				ar.Files = append(ar.Files, txtar.File{Name: m, Data: out})
			}
			golden := name + ".golden"
			if err := os.WriteFile(golden, bytes.TrimRight(txtar.Format(&ar), "\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d fixes)", filepath.Base(golden), len(names))
		}
	}
}

// An edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// quietT lets analysistest.Run report nothing: the goldens are written
// from what the analyzer does, and the other tests check the diagnostics.
type quietT struct{ *testing.T }

func (quietT) Errorf(string, ...any) {}
