package gomodel

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// TestEntFixOrder: an ent key's first fix makes it required as an ent user
// writes it (Optional() and Nillable() gone, NotEmpty() in their place);
// the random key ent's DefaultFunc fills in Go comes second, since it fills
// every keyless create, and only where the module can import
// github.com/google/uuid. A file that already imports it needs nothing
// from go.mod.
func TestEntFixOrder(t *testing.T) {
	const schemaSrc = `package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	IMPORT
)

type Order struct{ ent.Schema }

func (Order) Fields() []ent.Field {
	return []ent.Field{
		field.String("idempotency_key").Optional().Nillable().MaxLen(128).Unique(),USE
	}
}
`
	withUUID := "module example.com/orders\n\nrequire (\n\tentgo.io/ent v0.14.5\n\tgithub.com/google/uuid v1.6.0 // indirect\n\tgithub.com/lib/pq v1.10.9\n)\n"
	withoutUUID := "module example.com/orders\n\nrequire (\n\tentgo.io/ent v0.14.5\n\tgithub.com/lib/pq v1.10.9\n)\n"
	for _, tc := range []struct {
		name, gomod string
		importsUUID bool
		want        []string // the fixed field, fix by fix
	}{
		{"go.mod requires uuid", withUUID, false, []string{
			`field.String("idempotency_key").NotEmpty().MaxLen(128).Unique(),`,
			`field.String("idempotency_key").Nillable().MaxLen(128).Unique().DefaultFunc(uuid.NewString),`,
		}},
		{"go.mod does not", withoutUUID, false, []string{
			`field.String("idempotency_key").NotEmpty().MaxLen(128).Unique(),`,
		}},
		{"go.mod does not, the file imports uuid", withoutUUID, true, []string{
			`field.String("idempotency_key").NotEmpty().MaxLen(128).Unique(),`,
			`field.String("idempotency_key").Nillable().MaxLen(128).Unique().DefaultFunc(uuid.NewString),`,
		}},
		{"go.mod unknown", "", false, []string{
			`field.String("idempotency_key").NotEmpty().MaxLen(128).Unique(),`,
			`field.String("idempotency_key").Nillable().MaxLen(128).Unique().DefaultFunc(uuid.NewString),`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(schemaSrc, "IMPORT", "", 1)
			src = strings.Replace(src, "USE", "", 1)
			if tc.importsUUID {
				src = strings.Replace(schemaSrc, "IMPORT", `"github.com/google/uuid"`, 1)
				src = strings.Replace(src, "USE", "\n\t\tfield.UUID(\"ref\", uuid.UUID{}),", 1)
			}
			var gomod []byte
			if tc.gomod != "" {
				gomod = []byte(tc.gomod)
			}
			var found []schema.Finding
			for _, m := range Read([]*schema.File{schema.NewFile("ent/schema/order.go", []byte(src))}, Options{GoMod: gomod, Dialect: schema.PostgreSQL}) {
				found = append(found, schema.Check(m, schema.Options{})...)
			}
			if len(found) != 1 {
				t.Fatalf("want one finding, got %v", found)
			}
			fixes := found[0].Fixes
			if len(fixes) != len(tc.want) {
				t.Fatalf("want %d fixes, got %d: %v", len(tc.want), len(fixes), fixes)
			}
			for i, fix := range fixes {
				out := []byte(src)
				for j := len(fix.Edits) - 1; j >= 0; j-- {
					e := fix.Edits[j]
					out = append(out[:e.Start:e.Start], append([]byte(e.New), out[e.End:]...)...)
				}
				if !strings.Contains(string(out), tc.want[i]) {
					t.Errorf("fix %d (%s) gives\n%s\nwant the field %s", i, fix.Message, out, tc.want[i])
				}
			}
			if !strings.Contains(fixes[0].Message, "with no default") || !strings.Contains(fixes[0].Message, "adding NotEmpty()") {
				t.Errorf("first fix: %s", fixes[0].Message)
			}
			if len(fixes) > 1 && !strings.Contains(fixes[1].Message, "does not dedupe a client's retries") {
				t.Errorf("second fix does not say a random key does not dedupe retries: %s", fixes[1].Message)
			}
		})
	}
}
