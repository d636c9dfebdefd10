package prisma

import (
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// The lexer alone, and the parser without the model builder: where the
// time goes.
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
		parseFile(f)
	}
}
