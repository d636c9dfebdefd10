package gomodel

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
)

// layout is a table as ent's Schema.Create lays it out on PostgreSQL:
// its columns in order ("name", or "name default" when the database
// fills it) and its unique rules with their names and kinds.
func layout(t *schema.Table) []string {
	var out []string
	for _, c := range t.Columns {
		s := c.Name
		if c.Default != nil && c.Default.InDatabase {
			s += " default"
		}
		out = append(out, s)
	}
	for _, u := range t.Uniques {
		out = append(out, u.Kind.String()+" "+u.Name+" ("+strings.Join(u.Columns(), ", ")+")")
	}
	return out
}

// TestReadEntAsSchemaCreate: what ent's Schema.Create on PostgreSQL made
// of shapes idemlint read otherwise (internal/dbdiff/entdiff found each):
// the id is the first column wherever it is declared, an integer id is an
// identity column the database fills, a field's Unique() is a unique
// index named after the column StorageKey names, a Unique() string id
// gets no index besides the primary key, and the foreign-key columns,
// edge fields among them, come after the fields in the order ent visits
// the edges (types by name, then each type's edges).
func TestReadEntAsSchemaCreate(t *testing.T) {
	src := []byte(`package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
)

type Audit struct{ mixin.Schema }

func (Audit) Fields() []ent.Field { return []ent.Field{field.String("created_by")} }

type Payment struct{ ent.Schema }

func (Payment) Mixin() []ent.Mixin { return []ent.Mixin{Audit{}} }

func (Payment) Fields() []ent.Field {
	return []ent.Field{
		field.String("id").Unique(),
		field.Int("customer_id").StorageKey("cust_id").Optional(),
		field.String("request_id").StorageKey("req_id").Optional().Unique(),
		field.String("memo"),
	}
}

func (Payment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("tenant", Tenant.Type).Ref("payments").Unique().Required(),
		edge.From("customer", Customer.Type).Ref("payments").Field("customer_id").Unique(),
	}
}

type Customer struct{ ent.Schema }

func (Customer) Edges() []ent.Edge { return []ent.Edge{edge.To("payments", Payment.Type)} }

type Tenant struct{ ent.Schema }

func (Tenant) Fields() []ent.Field { return []ent.Field{field.Int64("id"), field.String("slug").Unique()} }

func (Tenant) Edges() []ent.Edge { return []ent.Edge{edge.To("payments", Payment.Type)} }
`)
	models := Read([]*schema.File{schema.NewFile("ent/schema/s.go", src)}, Options{Dialect: schema.PostgreSQL})
	if len(models) != 1 {
		t.Fatalf("got %d models, want 1", len(models))
	}
	for _, e := range models[0].Errors {
		t.Errorf("read error: %v", e)
	}
	got := map[string][]string{}
	for _, tb := range models[0].Tables {
		got[tb.Name] = layout(tb)
	}
	want := map[string][]string{
		"payments": {"id", "created_by", "req_id", "memo", "cust_id", "tenant_payments",
			"primary key  (id)", "unique index payments_req_id_key (req_id)"},
		"customers": {"id default", "primary key  (id)"},
		"tenants":   {"id default", "slug", "primary key  (id)", "unique index tenants_slug_key (slug)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
}

// TestReadEntMigrateAsSchemaCreate: the generated migrate/schema.go read
// as Schema.Create applies it: Increment is an identity column, Unique a
// unique index, and a Unique primary-key column no index besides.
func TestReadEntMigrateAsSchemaCreate(t *testing.T) {
	src := []byte(`package migrate

import (
	"entgo.io/ent/dialect/sql/schema"
	"entgo.io/ent/schema/field"
)

var (
	OrdersColumns = []*schema.Column{
		{Name: "id", Type: field.TypeString, Unique: true},
		{Name: "req_id", Type: field.TypeString, Unique: true, Nullable: true},
	}
	OrdersTable = &schema.Table{
		Name:       "orders",
		Columns:    OrdersColumns,
		PrimaryKey: []*schema.Column{OrdersColumns[0]},
	}
	ItemsColumns = []*schema.Column{
		{Name: "id", Type: field.TypeInt, Increment: true},
	}
	ItemsTable = &schema.Table{
		Name:       "items",
		Columns:    ItemsColumns,
		PrimaryKey: []*schema.Column{ItemsColumns[0]},
	}
)
`)
	m := ReadEntMigrate(schema.NewFile("ent/migrate/schema.go", src), schema.PostgreSQL)
	got := map[string][]string{}
	for _, tb := range m.Tables {
		got[tb.Name] = layout(tb)
	}
	want := map[string][]string{
		"orders": {"id", "req_id", "primary key  (id)", "unique index orders_req_id_key (req_id)"},
		"items":  {"id default", "primary key  (id)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
}
