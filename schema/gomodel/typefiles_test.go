package gomodel

import (
	"slices"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// TestTypeFiles: the type files (parsed only when a lookup names a word
// they contain) answer as if all were read: an embedded struct and a
// TableName constant declared in them are found, and an assignment to
// that constant in another type file, or in the model's own file, makes
// its value unknown (the table is then not checked, and said so).
func TestTypeFiles(t *testing.T) {
	model := `package store

import (
	"example.com/shared/api"
	"gorm.io/gorm"
)

type Receipt struct {
	api.Base
	Amount int64
}

func (Receipt) TableName() string { return api.ReceiptTable }

func Migrate(db *gorm.DB) error { return db.AutoMigrate(&Receipt{}) }
`
	base := "package api\n\ntype Base struct {\n\tIdempotencyKey *string `gorm:\"uniqueIndex\"`\n}\n"
	names := "package api\n\nvar ReceiptTable = \"ledger_receipts\"\n"
	unrelated := "package api\n\nfunc Unrelated() int { return 1 }\n"
	setter := "package api\n\nfunc init() { ReceiptTable = \"stamped\" }\n"
	for _, tc := range []struct {
		name      string
		types     []string // type files, in order
		modelTail string
		want      string // the table's name; "" for none, with a read error
	}{
		{"constant", []string{base, unrelated, names}, "", "ledger_receipts"},
		{"assigned in a type file", []string{base, setter, names}, "", ""},
		{"assigned after it", []string{base, names, unrelated, setter}, "", ""},
		{"assigned in the model file", []string{names, base}, "\nfunc reset() { api.ReceiptTable = \"x\" }\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var types []*schema.File
			for i, src := range tc.types {
				types = append(types, schema.NewFile("shared/api/f"+string(rune('0'+i))+".go", []byte(src)))
			}
			models := Read([]*schema.File{schema.NewFile("app/store/models.go", []byte(model+tc.modelTail))}, Options{Dialect: schema.PostgreSQL, TypeFiles: types})
			if len(models) != 1 {
				t.Fatalf("got %d models, want 1", len(models))
			}
			m := models[0]
			if tc.want == "" {
				if len(m.Tables) != 0 || len(m.Errors) != 1 || !strings.Contains(m.Errors[0].Error(), "does not return a string constant") {
					t.Errorf("tables %v, errors %v: want none, and TableName's value unknown", m.Tables, m.Errors)
				}
				return
			}
			if len(m.Tables) != 1 || len(m.Errors) != 0 {
				t.Fatalf("tables %v, errors %v: want 1 table, no error", m.Tables, m.Errors)
			}
			tb := m.Tables[0]
			if tb.Name != tc.want {
				t.Errorf("table %q, want %q", tb.Name, tc.want)
			}
			if !slices.ContainsFunc(tb.Columns, func(c *schema.Column) bool { return c.Name == "idempotency_key" }) {
				t.Errorf("table %s has no idempotency_key column (Base, embedded from a type file)", tb.Name)
			}
		})
	}
}
