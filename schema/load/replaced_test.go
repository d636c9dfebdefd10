package load

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/checks"
)

// TestGoModelsReplacedModule: a GORM model embeds a struct declared in a
// sibling module that go.mod replaces with a local folder (a monorepo's
// shared API types, gorm tags and all). Its columns are read from that
// folder, so the nullable key in them is reported, where the reader said
// the struct was declared in no file read; a struct of a module that is
// not replaced locally is still said to be unread.
func TestGoModelsReplacedModule(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"shared/go.mod": "module example.com/shared\n\ngo 1.26\n",
		"shared/api/receipt.go": "package api\n\n// Base is what every stored receipt carries.\ntype Base struct {\n" +
			"\tID             string  `gorm:\"primaryKey\"`\n" +
			"\tIdempotencyKey *string `gorm:\"uniqueIndex\"`\n}\n",
		"app/go.mod": "module example.com/app\n\ngo 1.26\n\nrequire (\n\texample.com/shared v0.0.0\n\texample.com/remote v1.0.0\n)\n\nreplace example.com/shared => ../shared\n",
		"app/store/models.go": "package store\n\nimport (\n\t\"example.com/remote/audit\"\n\t\"example.com/shared/api\"\n\t\"gorm.io/gorm\"\n)\n\n" +
			"type Receipt struct {\n\tapi.Base\n\tAmount int64\n}\n\n" +
			"type Entry struct {\n\taudit.Stamp\n\tLine string\n}\n\n" +
			"func Migrate(db *gorm.DB) error { return db.AutoMigrate(&Receipt{}, &Entry{}) }\n",
	})
	app := filepath.Join(root, "app")
	res := GoModels(GoModelFiles(app), Config{}, nil)
	var got []string
	for _, f := range res.Findings {
		got = append(got, string(f.Code)+" "+filepath.Base(f.Span.File.Path)+" "+f.Message)
	}
	has := func(code checks.Code, file, text string) bool {
		return slices.ContainsFunc(got, func(s string) bool {
			return strings.HasPrefix(s, string(code)+" "+file+" ") && strings.Contains(s, text)
		})
	}
	if !has(checks.NullableKey, "receipt.go", "idempotency_key") {
		t.Errorf("findings %q: want IDEM101 on the embedded Base's idempotency_key, read from the replaced sibling module", got)
	}
	if has(checks.ReadError, "models.go", "api.Base") {
		t.Errorf("findings %q: api.Base is said to be declared in no file read", got)
	}
	if !has(checks.ReadError, "models.go", "audit.Stamp of Entry is declared in no Go file read") {
		t.Errorf("findings %q: want the read error for audit.Stamp, of a module not replaced locally", got)
	}
}
