package analyzer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEmbeddedInModule checks which schema files embeddedInModule finds
// embedded: by a package in the file's folder or in a folder above it,
// not by a sibling folder's package, nor by Go files the module walk does
// not reach (testdata, a nested module, a folder starting with _).
func TestEmbeddedInModule(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"go.mod":                       "module example.com/m\n\ngo 1.26\n",
		"db/schema.sql":                "CREATE TABLE a (id int);\n",
		"db/db.go":                     "package db\n\nimport _ \"embed\"\n\n//go:embed schema.sql\nvar schema string\n",
		"up/migrations/001.sql":        "CREATE TABLE b (id int);\n",
		"up/up.go":                     "package up\n\nimport \"embed\"\n\n//go:embed migrations/*.sql\nvar fs embed.FS\n",
		"loose/loose.sql":              "CREATE TABLE c (id int);\n",
		"sibling/sibling.go":           "package sibling\n\n// Not an embed: the directive names a file of another folder.\n//go:embed ../loose/loose.sql\nvar s string\n",
		"nested/go.mod":                "module example.com/nested\n\ngo 1.26\n",
		"nested/n.sql":                 "CREATE TABLE d (id int);\n",
		"nested/n.go":                  "package nested\n\nimport _ \"embed\"\n\n//go:embed n.sql\nvar s string\n",
		"testdata/t.sql":               "CREATE TABLE e (id int);\n",
		"testdata/t.go":                "package testdata\n\nimport _ \"embed\"\n\n//go:embed t.sql\nvar s string\n",
		"_hidden/h.sql":                "CREATE TABLE f (id int);\n",
		"_hidden/h.go":                 "package hidden\n\nimport _ \"embed\"\n\n//go:embed h.sql\nvar s string\n",
		"deep/inner/deep.sql":          "CREATE TABLE g (id int);\n",
		"deep/deep.go":                 "package deep\n\nimport _ \"embed\"\n\n//go:embed inner/deep.sql\nvar s string\n",
		"deep/inner/unembedded.sql":    "CREATE TABLE h (id int);\n",
		"deep/inner/inner_embed_go.go": "package inner\n\n// no directive here\nvar s string\n",
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var asked []string
	for _, name := range []string{"db/schema.sql", "up/migrations/001.sql", "loose/loose.sql", "nested/n.sql", "testdata/t.sql", "_hidden/h.sql", "deep/inner/deep.sql", "deep/inner/unembedded.sql"} {
		asked = append(asked, filepath.Join(root, filepath.FromSlash(name)))
	}
	got := map[string]bool{}
	for f := range embeddedInModule(root, asked) {
		rel, _ := filepath.Rel(root, f)
		got[filepath.ToSlash(rel)] = true
	}
	want := map[string]bool{"db/schema.sql": true, "up/migrations/001.sql": true, "deep/inner/deep.sql": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("embedded (-want +got):\n%s", diff)
	}
}
