package prisma

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// The lexer alone, and the parser without the model builder: where the
// time goes. (BenchmarkParseTriggerDev, in corpus_test.go, is the whole
// reader.) The lexer's speed is the bar for the reader's: at least half of
// it, and at most 4 bytes allocated per byte read.
func BenchmarkLexTriggerDev(b *testing.B) {
	path, src := corpusFile(b, "trigger.dev/schema.prisma")
	b.SetBytes(int64(len(src)))
	f := schema.NewFile(path, src)
	for b.Loop() {
		var l lexer
		l.init(f)
		for l.next(); l.tok != tEOF; l.next() {
		}
	}
}

func BenchmarkSyntaxTriggerDev(b *testing.B) {
	path, src := corpusFile(b, "trigger.dev/schema.prisma")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	f := schema.NewFile(path, src)
	for b.Loop() {
		parseFile(f, nil)
	}
}

// dubFiles reads dub's prisma/schema folder, one schema in 37 files.
func dubFiles(b testing.TB) (paths []string, srcs [][]byte, size int64) {
	dir := filepath.Join(corpusDir(b), "dub", "schema")
	paths, _ = filepath.Glob(filepath.Join(dir, "*.prisma"))
	if len(paths) == 0 {
		b.Skipf("corpus not found at %s", dir)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		size += int64(len(src))
	}
	return paths, srcs, size
}

func BenchmarkLexDub(b *testing.B) {
	paths, srcs, size := dubFiles(b)
	b.SetBytes(size)
	for b.Loop() {
		for i := range paths {
			var l lexer
			l.init(schema.NewFile(paths[i], srcs[i]))
			for l.next(); l.tok != tEOF; l.next() {
			}
		}
	}
}

// BenchmarkParseDub reads the folder's files (already in memory) as one
// schema, as LoadDir does.
func BenchmarkParseDub(b *testing.B) {
	paths, srcs, size := dubFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		files := make([]*schema.File, len(paths))
		for i := range paths {
			files[i] = schema.NewFile(paths[i], srcs[i])
		}
		ParseFiles(files)
	}
}
