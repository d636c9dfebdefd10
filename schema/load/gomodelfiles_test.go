package load

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestGoModelFilesAliases: a file beside model files that declares a type
// alias (a mixin's other name), constants or package variables (a table's
// or a field's name) is read although it does not mention an ORM; one that
// declares none, or lies in a folder with no model file (a subfolder of
// one included), is not.
func TestGoModelFilesAliases(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("payment/mixin.go", "package payment\n\nimport \"entgo.io/ent/schema/mixin\"\n\ntype Mixin struct{ mixin.Schema }\n")
	write("payment/alias.go", "package payment\n\ntype ExternalMixin = Mixin\n")
	write("payment/plain.go", "package payment\n\ntype Input struct{ Name string }\n")
	write("other/alias.go", "package other\n\ntype Name = string\n")
	write("payment/names.go", "package payment\n\nconst TableName = \"payments\"\n")
	write("payment/vars.go", "package payment\n\nvar column = \"key\"\n")
	write("payment/sub/names.go", "package sub\n\nconst TableName = \"refunds\"\n")
	write("other/names.go", "package other\n\nconst TableName = \"events\"\n")
	var got []string
	for _, p := range GoModelFiles(dir) {
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel))
	}
	slices.Sort(got)
	if want := []string{"payment/alias.go", "payment/mixin.go", "payment/names.go", "payment/vars.go"}; !slices.Equal(got, want) {
		t.Errorf("GoModelFiles = %q, want %q", got, want)
	}
}
