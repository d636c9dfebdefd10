package gomodel

import (
	"bytes"
	"testing"
)

// Mentions answers what the four substring tests it is made of answer.
func TestMentionsAgrees(t *testing.T) {
	for _, src := range []string{
		"", "ent", "go.io/ent", "entgo.io/ent", "xentgo.io/ent", "entgo.io/en", "ent go.io/ent", "go.io/entgo.io/ent",
		"eentgo.io/ent", "entgo.io/entgo.io/ent", `import "entgo.io/ent/schema"`, "gorm", "uptrace/bun", "`bun:\"id\"`",
		"package p\nfunc f() { entity(); go.io() }\n", "ego.io/ent entgo.io/ent",
	} {
		want := bytes.Contains([]byte(src), []byte("gorm")) || bytes.Contains([]byte(src), []byte("entgo.io/ent")) ||
			bytes.Contains([]byte(src), []byte("uptrace/bun")) || bytes.Contains([]byte(src), []byte(`bun:"`))
		if got := Mentions([]byte(src)); got != want {
			t.Errorf("Mentions(%q) = %v, want %v", src, got, want)
		}
	}
}

func FuzzMentions(f *testing.F) {
	f.Add([]byte("entgo.io/ent"))
	f.Add([]byte("xx go.io/ent entgo.io/ent"))
	f.Fuzz(func(t *testing.T, src []byte) {
		want := bytes.Contains(src, []byte("gorm")) || bytes.Contains(src, []byte("entgo.io/ent")) ||
			bytes.Contains(src, []byte("uptrace/bun")) || bytes.Contains(src, []byte(`bun:"`))
		if got := Mentions(src); got != want {
			t.Errorf("Mentions(%q) = %v, want %v", src, got, want)
		}
	})
}
