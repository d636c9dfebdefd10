package gomodel

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/go-openapi/inflect"
	"github.com/google/go-cmp/cmp"
	"github.com/jinzhu/inflection"

	"github.com/idemlint/idemlint/schema"
)

// summary is the part of a model the checks use, spelled for diffs:
// table → "column NULL|NOT NULL [default]" and "kind name (cols) [where]".
func summary(m *schema.Model) map[string][]string {
	out := map[string][]string{}
	for _, t := range m.Tables {
		var lines []string
		for _, c := range t.Columns {
			s := c.Name + " NOT NULL"
			if c.Nullable {
				s = c.Name + " NULL"
			}
			if c.Default != nil {
				s += " default " + c.Default.Expr
				if !c.Default.InDatabase {
					s += " (client)"
				}
			}
			lines = append(lines, s)
		}
		for _, u := range t.Uniques {
			s := u.Kind.String() + " (" + strings.Join(u.Columns(), ", ") + ")"
			if u.Where != "" {
				s += " where " + u.Where
			}
			lines = append(lines, s)
		}
		sort.Strings(lines)
		name := t.Name
		if t.Namespace != "" {
			name = t.Namespace + "." + name
		}
		out[name] = lines
	}
	return out
}

func readDir(t *testing.T, dir string) []*schema.Model {
	t.Helper()
	var files []*schema.File
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, schema.NewFile(p, src))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	gomod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	return Read(files, Options{GoMod: gomod})
}

func only(t *testing.T, models []*schema.Model) *schema.Model {
	t.Helper()
	if len(models) != 1 {
		t.Fatalf("got %d models, want 1", len(models))
	}
	for _, e := range models[0].Errors {
		t.Errorf("read error: %v", e)
	}
	return models[0]
}

func TestReadGorm(t *testing.T) {
	m := only(t, readDir(t, "testdata/gorm"))
	if m.Dialect != schema.PostgreSQL {
		t.Errorf("dialect %v (%s), want postgresql from gorm.io/driver/postgres", m.Dialect, m.DialectFrom)
	}
	want := map[string][]string{
		"payments": {
			"amount NOT NULL", "created_at NULL", "customer_id NULL", "id NOT NULL default gen_random_uuid()",
			"idempotency_key NULL", "primary key (id)", "tenant_id NOT NULL",
			"unique index (tenant_id, idempotency_key)",
		},
		"customers": {
			"audit_by NULL", "created_at NULL", "dedup_key NOT NULL", "deleted_at NULL", "ext_id NULL", "id NOT NULL default autoIncrement",
			"primary key (id)", "request_id NULL", "unique constraint (dedup_key)",
			"unique index (request_id) where request_id IS NOT NULL", "updated_at NULL",
		},
		"refund_log": {
			"id NOT NULL default autoIncrement", "idempotency_key NOT NULL", "merchant_id NULL", "primary key (id)",
			"unique index (idempotency_key, merchant_id)",
		},
	}
	if diff := cmp.Diff(want, summary(m)); diff != "" {
		t.Errorf("GORM model (-want +got):\n%s", diff)
	}
	// check: settings are the CHECK constraints AutoMigrate creates, named
	// as GORM names them: "name,expr", else chk_<table>_<column> (also for
	// ",expr", whose empty name GORM drops).
	checks := map[string][]string{}
	for _, tb := range m.Tables {
		for _, c := range tb.Checks {
			checks[tb.Name] = append(checks[tb.Name], c.Name+": "+c.Expr)
		}
	}
	wantChecks := map[string][]string{
		"payments":   {"chk_payments_amount: amount > 0"},
		"customers":  {"chk_customers_dedup: length(dedup_key) > 0"},
		"refund_log": {"chk_refund_log_idempotency_key: idempotency_key <> ''"},
	}
	if diff := cmp.Diff(wantChecks, checks); diff != "" {
		t.Errorf("GORM checks (-want +got):\n%s", diff)
	}
}

func TestReadEnt(t *testing.T) {
	m := only(t, readDir(t, "testdata/ent"))
	want := map[string][]string{
		"orders": {
			"create_time NOT NULL", "customer_id NULL", "dedup_key NOT NULL", "environment_id NULL default \"\"",
			"id NOT NULL default identity", "idempotency_key NULL", "primary key (id)", "req_id NULL", "tenant_id NOT NULL",
			"unique index (req_id)", "unique index (tenant_id, environment_id, dedup_key) where dedup_key <> ''",
			"unique index (tenant_id, idempotency_key)", "update_time NOT NULL",
		},
		"clients": {"id NOT NULL default identity", "name NOT NULL", "primary key (id)"},
		"items":   {"id NOT NULL default identity", "order_items NULL", "primary key (id)", "sku NOT NULL"},
	}
	if diff := cmp.Diff(want, summary(m)); diff != "" {
		t.Errorf("ent model (-want +got):\n%s", diff)
	}
	// NotEmpty() and MinLen(n ≥ 1) are validators ent's builders run before
	// they write: read as checks that reject the empty key (IDEM202 stands
	// down), on the column StorageKey names; MinLen(0) rejects nothing.
	checks := map[string][]string{}
	for _, tb := range m.Tables {
		for _, c := range tb.Checks {
			checks[tb.Name] = append(checks[tb.Name], c.Name+": "+c.Expr)
		}
	}
	wantChecks := map[string][]string{"orders": {
		"ent NotEmpty validator: tenant_id <> ''", "ent MinLen validator: req_id <> ''", "ent NotEmpty validator: dedup_key <> ''",
	}}
	if diff := cmp.Diff(wantChecks, checks); diff != "" {
		t.Errorf("ent validators read as checks (-want +got):\n%s", diff)
	}
}

func TestReadBun(t *testing.T) {
	m := only(t, readDir(t, "testdata/bun"))
	if m.Dialect != schema.SQLite {
		t.Errorf("dialect %v (%s), want sqlite from bun's sqlitedialect", m.Dialect, m.DialectFrom)
	}
	want := map[string][]string{
		"messages": {
			"dedup NOT NULL default 'x'", "id NOT NULL default rowid", "idempotency_key NULL", "primary key (id)", "session_id NOT NULL",
			"unique constraint (dedup)", "unique constraint (session_id, idempotency_key)",
		},
		"users": {"client_token NULL", "id NOT NULL default rowid", "primary key (id)", "unique constraint (client_token)"},
		// store.Order: created by a loop over store.Tables, a list of models.
		"orders": {"id NOT NULL default rowid", "idempotency_key NULL", "primary key (id)", "unique constraint (idempotency_key)"},
		// Neither a bun.BaseModel nor a tag: created by name, named by
		// inflection.
		"user_statuses": {"id NULL", "label NULL"},
		"people":        {"id NULL", "name NULL"},
		// Unique indexes made by NewCreateIndex().Unique(): a composite one
		// by the model, a partial one by the table (its Where calls joined
		// by AND); a non-unique one is no rule, and one with ColumnExpr is
		// not read (an error below).
		"deliveries": {
			"body NOT NULL", "client_token NULL", "dedup_key NULL", "id NOT NULL default rowid", "idempotency_key NULL", "primary key (id)", "source NOT NULL",
			"unique index (dedup_key) where (dedup_key IS NOT NULL) AND (source <> '')", "unique index (source, idempotency_key)",
		},
	}
	if diff := cmp.Diff(want, summary(m)); diff != "" {
		t.Errorf("bun model (-want +got):\n%s", diff)
	}
}

// TestReadBunUnreadIndex: a NewCreateIndex().Unique() chain this reader
// does not follow (ColumnExpr, a Where with arguments, a table no
// NewCreateTable of the module creates) adds no rule; where a constant
// column of it is named like a key, an error says the index is not
// checked.
func TestReadBunUnreadIndex(t *testing.T) {
	models := readDir(t, "testdata/bunindex")
	if len(models) != 1 {
		t.Fatalf("got %d models, want 1", len(models))
	}
	m := models[0]
	want := map[string][]string{"holds": {"client_token NULL", "id NOT NULL default rowid", "label NULL", "primary key (id)", "seat NOT NULL"}}
	if diff := cmp.Diff(want, summary(m)); diff != "" {
		t.Errorf("bun model (-want +got):\n%s", diff)
	}
	var errs []string
	for _, e := range m.Errors {
		errs = append(errs, e.Error())
	}
	wantErrs := []string{
		"testdata/bunindex/models.go:24:15: bun's NewCreateIndex().Unique() is not read (ColumnExpr): the unique index it creates over client_token is not checked",
		"testdata/bunindex/models.go:34:12: bun's NewCreateIndex().Unique() is not read (its table events is none NewCreateTable creates here): the unique index it creates over dedup_key is not checked",
	}
	if diff := cmp.Diff(wantErrs, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// pluralWords are nouns for the plural tests: table names as services
// spell them, and words each of the libraries' rules is written for.
var pluralWords = []string{
	"payment", "wallet_transaction", "company", "status", "address", "box", "person", "key", "metadata", "news", "batch",
	"user_settings", "user_setting", "statuses", "analysis", "data", "datum", "index", "matrix", "vertex", "quiz", "quizzes",
	"idempotency_key", "idempotency_keys", "message", "session", "account", "ledger_entry", "entry", "order", "invoice",
	"customer", "charge", "refund", "transfer", "webhook", "webhook_delivery", "delivery", "event", "outbox", "inbox",
	"job", "task", "queue", "worker", "lease", "lock", "tenant", "organization", "user", "role", "policy", "permission",
	"audit_log", "log", "history", "category", "property", "activity", "identity", "city", "country", "currency", "day",
	"key_pair", "journey", "survey", "toy", "boy", "guy", "money", "user_money", "information", "user_information",
	"equipment", "rice", "species", "series", "fish", "user_fish", "sheep", "jeans", "police", "man", "human", "woman",
	"german", "child", "grandchild", "sex", "move", "remove", "mombie", "zombie", "people", "men", "children",
	"axis", "testis", "octopus", "virus", "octopi", "viri", "alias", "user_alias", "campus", "bus", "minibus", "buffalo",
	"tomato", "potato", "photo", "medium", "media", "stadium", "datum_point", "criterion", "crisis", "basis", "thesis",
	"diagnosis", "knife", "wife", "life", "half", "wolf", "calf", "leaf", "roof", "chief", "cliff", "safe", "hive", "archive",
	"fly", "query", "soliloquy", "colloquy", "day_query", "fax", "tax", "tax_box", "church", "match", "glass", "wish", "dish",
	"appendix", "suffix", "complex", "mouse", "louse", "mice", "lice", "house", "ox", "oxen", "box_ox", "fox", "quiz_item",
	"item2", "v1", "item_2", "api_key", "apikey", "sms", "gas", "lens", "canvas", "focus", "genus", "cactus", "bonus",
	"census", "chassis", "corps", "process", "access", "success", "address_book", "business", "witness", "kiss", "boss",
	"goose", "foot", "tooth", "deer", "aircraft", "moose", "salmon", "trout", "swine", "bison", "offspring", "news_item",
	"feedback", "advice", "luggage", "furniture", "traffic", "software", "hardware", "staff", "schema", "criteria",
	"phenomenon", "cherry", "lady", "spy", "ray", "key_value", "kv", "x", "y", "s", "a", "",
	"ledger_account", "billing_account", "user_status", "order_status", "delivery_status", "payment_intent",
	"idempotency_record", "dedup_entry", "request_dedupe", "client_token", "outbox_message", "shipment", "cart", "hold",
	"release", "charge_attempt", "refund_request", "webhook_event", "stripe_event", "ledger", "ledgers", "posting",
	"entries", "transactions", "things", "Person", "PERSON", "Status", "STATUS", "Company", "COMPANY", "Quiz", "Matrix",
	"FancyPerson", "UserSetting", "Octopus", "Fish", "FISH",
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{
		"payment": "payments", "wallet_transaction": "wallet_transactions", "company": "companies",
		"status": "statuses", "address": "addresses", "box": "boxes", "person": "people",
		"key": "keys", "metadata": "metadata", "news": "news", "batch": "batches",
		"user_status": "user_statuses", "quiz": "quizzes", "human": "humen", "user_fish": "user_fishes",
		"fish": "fish", "campus": "campus", "item2": "item2", "matrix": "matrices", "index": "indices",
	} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPluralAgreesWithInflection: GORM's and bun's default table names
// are jinzhu/inflection's Plural of the model's snake_case name; plural
// must give the same on every word, whatever its case.
func TestPluralAgreesWithInflection(t *testing.T) {
	n := 0
	for _, w := range pluralWords {
		for _, in := range []string{w, "user_" + w, strings.ToUpper(w)} {
			n++
			if got, want := plural(in), inflection.Plural(in); got != want {
				t.Errorf("plural(%q) = %q, inflection.Plural gives %q", in, got, want)
			}
		}
	}
	if n < 300 {
		t.Errorf("%d words compared, want a few hundred", n)
	}
}

// TestEntPluralAgreesWithInflect: ent names a table after the
// go-openapi/inflect plural of the schema's type name (entc/gen's
// rules.Pluralize, a default ruleset with acronyms added, which do not
// change plurals), and an edge's join column after its singular;
// entPlural and entSingular must give the same on every name.
func TestEntPluralAgreesWithInflect(t *testing.T) {
	rules := inflect.NewDefaultRuleset()
	n := 0
	for _, w := range pluralWords {
		camel := ""
		for _, part := range strings.Split(w, "_") {
			camel += title(part)
		}
		for _, in := range []string{w, camel, "User" + camel} {
			n++
			if got, want := entPlural(in), rules.Pluralize(in); got != want {
				t.Errorf("entPlural(%q) = %q, inflect's Pluralize gives %q", in, got, want)
			}
			if got, want := entSingular(in), rules.Singularize(in); got != want {
				t.Errorf("entSingular(%q) = %q, inflect's Singularize gives %q", in, got, want)
			}
		}
	}
	if n < 300 {
		t.Errorf("%d words compared, want a few hundred", n)
	}
}

// TestReadEntMixinsElsewhere: mixins declared in other packages of the
// module, through an alias of a generic instance (openmeter's
// payment.InvoicedMixin = entutils.RecursiveMixin[invoicedMixin]), a struct
// embedding one, and an alias in a file that does not mention ent, are
// read with their own mixins' fields and indexes, a mixin with its own
// Edges beside the embedded generic's Fields and Indexes with both; a
// generic that is not its argument is reported, not read half.
func TestReadEntMixinsElsewhere(t *testing.T) {
	models := readDir(t, "testdata/entmixins")
	if len(models) != 1 {
		t.Fatalf("got %d models, want 1", len(models))
	}
	m := models[0]
	mixed := []string{"id NOT NULL default identity", "invoice_id NOT NULL", "line_id NULL", "namespace NULL", "primary key (id)", "unique index (namespace, line_id)"}
	want := map[string][]string{
		"charges": append([]string{"amount NOT NULL"}, mixed...),
		"refunds": mixed,
		"credits": mixed,
	}
	if diff := cmp.Diff(want, summary(m)); diff != "" {
		t.Errorf("ent model (-want +got):\n%s", diff)
	}
	var errs []string
	for _, e := range m.Errors {
		errs = append(errs, e.Error())
	}
	wantErrs := []string{
		"mixin framework.Tagged[payment.Mixin]{} is an instance of the generic Tagged, whose Fields() are not its type argument's",
	}
	for _, w := range wantErrs {
		found := false
		for _, e := range errs {
			found = found || strings.Contains(e, w)
		}
		if !found {
			t.Errorf("no error %q among %q", w, errs)
		}
	}
	if len(errs) != len(wantErrs) {
		t.Errorf("errors %q, want %d", errs, len(wantErrs))
	}
}

// TestReadEntNamesAndEdges: ent's own naming and edge resolution (each
// shape met in a real ent project whose generated migrate/schema.go
// disagreed with the earlier reading, TestEntAgreesWithGenerated).
func TestReadEntNamesAndEdges(t *testing.T) {
	models := readDir(t, "testdata/entedges")
	if len(models) != 1 {
		t.Fatalf("got %d models, want 1", len(models))
	}
	for _, e := range models[0].Errors {
		t.Errorf("read error: %v", e)
	}
	want := map[string][]string{
		"delivery_status": {"id NOT NULL default identity", "primary key (id)", "request_key NOT NULL default gen_random_uuid()::text", "sso_cert NULL", "token NOT NULL default uuid_generate_v4()"},
		"nodes":           {"id NOT NULL default identity", "node_next NULL", "parent_id NULL", "primary key (id)", "unique index (node_next)"},
		"node_friends":    {"friend_id NOT NULL", "node_id NOT NULL", "primary key (node_id, friend_id)"},
		"node_following":  {"follower_id NOT NULL", "node_id NOT NULL", "primary key (node_id, follower_id)"},
		"users":           {"id NOT NULL default identity", "primary key (id)"},
		"groups":          {"id NOT NULL default identity", "primary key (id)"},
		"memberships":     {"group_id NOT NULL", "id NOT NULL default identity", "primary key (id)", "unique index (user_id, group_id)", "user_id NOT NULL"},
		"taggings":        {"group_id NOT NULL", "primary key (user_id, group_id)", "user_id NOT NULL"},
	}
	if diff := cmp.Diff(want, summary(models[0])); diff != "" {
		t.Errorf("ent model (-want +got):\n%s", diff)
	}
	for in, want := range map[string]string{
		"DeliveryStatus": "delivery_status", "Status": "status", "Company": "companies", "Person": "persons", "Sheep": "sheep",
		"Box": "boxes", "Information": "information", "UserInformation": "user_informations", "HTTPRequest": "http_requests",
		"Matrix": "matrixes", "Wife": "wives", "Half": "halves", "Bus": "bus", "Quiz": "quizs",
	} {
		if got := entTableName(in); got != want {
			t.Errorf("entTableName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"SSOCert": "sso_cert", "OAuth2Client": "oauth2client", "UserA": "usera", "user_id": "user_id"} {
		if got := entSnake(in); got != want {
			t.Errorf("entSnake(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"followers": "follower", "children": "child", "categories": "category", "news": "news"} {
		if got := entSingular(in); got != want {
			t.Errorf("entSingular(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReadGormV1: a GORM v1 model (cloudreve's migrator reads its v3
// database through github.com/jinzhu/gorm) is no gorm.io/gorm model: it
// is not read with v2's tags (its unique_index would be lost), and not
// reported as an unreadable gorm.Model either, but noted.
func TestReadGormV1(t *testing.T) {
	src := []byte(`package model

import "github.com/jinzhu/gorm"

type File struct {
	gorm.Model
	Name   string ` + "`gorm:\"unique_index:idx_only_one\"`" + `
	UserID uint   ` + "`gorm:\"unique_index:idx_only_one\"`" + `
}
`)
	models := Read([]*schema.File{schema.NewFile("model/file.go", src)}, Options{})
	if len(models) != 1 {
		t.Fatalf("got %d models, want 1 (notes only)", len(models))
	}
	m := models[0]
	if len(m.Tables) != 0 || len(m.Errors) != 0 {
		t.Errorf("tables %d, errors %v: want none", len(m.Tables), m.Errors)
	}
	if len(m.Notes) != 1 || !strings.Contains(m.Notes[0].Message, "GORM v1") {
		t.Errorf("notes %v, want one saying GORM v1 models are not read", m.Notes)
	}
}

// TestReadEntHelperShapes: edges built by one helper function of the
// project (openlane builds ~1000 so) are one IDEM001 for the helper, with
// every further use as a related position, not one per edge; the tables
// are still read, and their key still reported.
func TestReadEntHelperShapes(t *testing.T) {
	models := readDir(t, "testdata/enthelpers")
	if len(models) != 1 {
		t.Fatalf("got %d models, want 1", len(models))
	}
	m := models[0]
	if len(m.Errors) != 1 {
		t.Fatalf("errors %v, want 1 for the helper edgeTo", m.Errors)
	}
	e := m.Errors[0]
	if !strings.Contains(e.Msg, "edge edgeTo(&edgeDef{") || !strings.Contains(e.Msg, "so are 2 more edges built by the same helper, in 2 files") {
		t.Errorf("error %q does not name the helper and its 2 further uses", e.Msg)
	}
	if len(e.Also) != 2 {
		t.Errorf("related positions %v, want the 2 further uses", e.Also)
	}
	want := []string{"id NOT NULL default identity", "idempotency_key NULL", "primary key (id)", "unique index (idempotency_key)"}
	if diff := cmp.Diff(want, summary(m)["payments"]); diff != "" {
		t.Errorf("payments (-want +got):\n%s", diff)
	}
	var unread []string
	for _, tb := range m.Tables {
		if tb.Unread {
			unread = append(unread, tb.Name)
		}
	}
	sort.Strings(unread)
	if diff := cmp.Diff([]string{"payments", "refunds"}, unread); diff != "" {
		t.Errorf("tables marked unread (-want +got):\n%s", diff)
	}
}

// TestReadGormSpreadModels: AutoMigrate(models.All()...) and
// AutoMigrate(list...) name their tables through a slice literal, returned
// by a function of the module or set to a variable; a struct embedded
// through `gorm:"embedded"` is flattened into its holder and is no table
// of its own, migrated list or not.
func TestReadGormSpreadModels(t *testing.T) {
	models := `package model

import (
	"time"

	"gorm.io/gorm"
)

type Base struct {
	ID        uint ` + "`gorm:\"primaryKey\"`" + `
	CreatedAt time.Time
	DeletedAt gorm.DeletedAt ` + "`gorm:\"index\"`" + `
}

type TrackingInfo struct {
	Carrier  string  ` + "`gorm:\"not null\"`" + `
	DedupKey *string ` + "`gorm:\"uniqueIndex\"`" + `
}

type Shipment struct {
	Base
	Tracking TrackingInfo ` + "`gorm:\"embedded;embeddedPrefix:tracking_\"`" + `
}

type Cart struct {
	Base
	ClientToken string ` + "`gorm:\"uniqueIndex\"`" + `
}

// Draft is tagged but never migrated.
type Draft struct {
	ID  uint
	Ref string ` + "`gorm:\"uniqueIndex\"`" + `
}
`
	want := map[string][]string{
		"shipments": {"created_at NULL", "deleted_at NULL", "id NOT NULL default autoIncrement", "primary key (id)",
			"tracking_carrier NOT NULL", "tracking_dedup_key NULL", "unique index (tracking_dedup_key)"},
		"carts": {"client_token NULL", "created_at NULL", "deleted_at NULL", "id NOT NULL default autoIncrement", "primary key (id)",
			"unique index (client_token)"},
	}
	for _, tc := range []struct{ name, list, main string }{
		{"function", "func All() []any { return []any{&Shipment{}, &Cart{}} }\n",
			"package main\n\nimport (\n\t\"gorm.io/gorm\"\n\n\t\"example.com/shop/model\"\n)\n\nfunc migrate(db *gorm.DB) error { return db.AutoMigrate(model.All()...) }\n"},
		{"variable", "",
			"package main\n\nimport (\n\t\"gorm.io/gorm\"\n\n\t\"example.com/shop/model\"\n)\n\nfunc migrate(db *gorm.DB) error {\n\tlist := []any{&model.Shipment{}, new(model.Cart)}\n\treturn db.AutoMigrate(list...)\n}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := []*schema.File{
				schema.NewFile("model/model.go", []byte(models+tc.list)),
				schema.NewFile("cmd/main.go", []byte(tc.main)),
			}
			m := only(t, Read(files, Options{GoMod: []byte("module example.com/shop\n\nrequire gorm.io/driver/postgres v1.6.3\n")}))
			if diff := cmp.Diff(want, summary(m)); diff != "" {
				t.Errorf("tables (-want +got):\n%s", diff)
			}
			for _, tb := range m.Tables {
				if tb.RowsOnly {
					t.Errorf("%s: RowsOnly, want a table AutoMigrate creates", tb.Name)
				}
			}
		})
	}
	// With no AutoMigrate at all, every tagged struct maps a table, except
	// those only embedded (anonymously or through `embedded`).
	m := only(t, Read([]*schema.File{schema.NewFile("model/model.go", []byte(models))}, Options{}))
	var names []string
	for _, tb := range m.Tables {
		names = append(names, tb.Name)
	}
	sort.Strings(names)
	if want := []string{"carts", "drafts", "shipments"}; !cmp.Equal(names, want) {
		t.Errorf("tables %v, want %v (no tracking_infos, no bases)", names, want)
	}
}

// TestConstantValues: constants and package variables assigned only where
// they are declared are worked out from their initialisers (literals,
// other names, pkg.Name, +, conversions to a string type declared
// beside); a variable written anywhere else, a name whose value depends
// on itself and a function's result are not.
func TestConstantValues(t *testing.T) {
	src := `package schema

import "example.com/m/names"

type Field string

const (
	a = "a"
	b = a + "_b"
	c Field = Field(b)
	cyc1 = cyc2 + "x"
	cyc2 = cyc1
	other = names.Key
)

var (
	v1 = "v" + b
	v2 = "v2"
	v3 = "v3"
	v4 = "v4"
	v5 = lower("V5")
	v6 string = "v6"
	v7 = 7
)

func init() { v2 = "changed" }

func touch() { v3 += "x"; p := &v4; _ = p }

func lower(s string) string { return s }
`
	other := "package names\n\nconst Key = \"names_key\"\n"
	fset := token.NewFileSet()
	var files []*goFile
	for path, text := range map[string]string{"m/schema/s.go": src, "m/names/n.go": other} {
		sf := schema.NewFile(path, []byte(text))
		af, err := parser.ParseFile(fset, path, sf.Src, 0)
		if err != nil {
			t.Fatal(err)
		}
		g := &goFile{sf: sf, ast: af, fset: fset, dir: filepath.Dir(path), imports: map[string]string{}}
		for _, im := range af.Imports {
			p := strings.Trim(im.Path.Value, `"`)
			g.imports[p[strings.LastIndex(p, "/")+1:]] = p
		}
		files = append(files, g)
	}
	idx := newTypeIndex(files)
	var f *goFile
	for _, g := range files {
		if g.dir == "m/schema" {
			f = g
		}
	}
	want := map[string]string{"a": "a", "b": "a_b", "c": "a_b", "other": "names_key", "v1": "va_b", "v6": "v6"}
	for _, name := range []string{"a", "b", "c", "cyc1", "cyc2", "other", "v1", "v2", "v3", "v4", "v5", "v6", "v7"} {
		got, ok := idx.constant(f, name, "")
		w, wok := want[name]
		if ok != wok || got != w {
			t.Errorf("constant(%s) = %q, %v; want %q, %v", name, got, ok, w, wok)
		}
	}
}

// TestReadEntSimpleHelpers: a helper function whose body is one return of
// a field, an index or a mixin is read (its string parameters bound), and
// so is a package variable holding a slice or a builder; a helper taking
// anything else, or with more statements, stays IDEM001 at its call.
func TestReadEntSimpleHelpers(t *testing.T) {
	src := []byte(`package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
)

func keyField(name string) ent.Field { return field.String(name).Optional() }

func keyIndex() ent.Index { return index.Fields("tenant_id", "idempotency_key").Unique() }

var sharedFields = []ent.Field{field.String("tenant_id"), keyField("idempotency_key")}

var tenantField = field.String("tenant_id")

type KeyMixin struct{ mixin.Schema }

func (KeyMixin) Fields() []ent.Field  { return sharedFields }
func (KeyMixin) Indexes() []ent.Index { return []ent.Index{keyIndex()} }

func newKeyMixin() ent.Mixin { return KeyMixin{} }

type A struct{ ent.Schema }

func (A) Fields() []ent.Field  { return []ent.Field{tenantField, keyField("idempotency_key")} }
func (A) Indexes() []ent.Index { return []ent.Index{keyIndex()} }

type B struct{ ent.Schema }

func (B) Mixin() []ent.Mixin { return []ent.Mixin{newKeyMixin()} }

type opts struct{ name string }

func optField(o opts) ent.Field { return field.String(o.name) }

func twoStatements() ent.Field {
	f := field.String("x")
	return f
}

type C struct{ ent.Schema }

func (C) Fields() []ent.Field { return []ent.Field{optField(opts{name: "a"}), twoStatements()} }
`)
	models := Read([]*schema.File{schema.NewFile("ent/schema/s.go", src)}, Options{Dialect: schema.PostgreSQL})
	if len(models) != 1 {
		t.Fatalf("got %d models, want 1", len(models))
	}
	m := models[0]
	got := summary(m)
	want := []string{"id NOT NULL default identity", "idempotency_key NULL", "primary key (id)", "tenant_id NOT NULL", "unique index (tenant_id, idempotency_key)"}
	for _, tbl := range []string{"as", "bs"} {
		if diff := cmp.Diff(want, got[tbl]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tbl, diff)
		}
	}
	var msgs []string
	for _, e := range m.Errors {
		msgs = append(msgs, e.Msg)
	}
	if len(msgs) != 2 || !strings.Contains(msgs[0]+msgs[1], "field optField(opts{name: \"a\"}) is not a field") || !strings.Contains(msgs[0]+msgs[1], "field twoStatements() is not a field") {
		t.Errorf("errors %q, want one for optField's call and one for twoStatements'", msgs)
	}
}

// TestReadGormTableNameConstant: TableName returning a constant or a
// package variable assigned once names the table; one returning a
// variable assigned elsewhere is IDEM001.
func TestReadGormTableNameConstant(t *testing.T) {
	src := []byte(`package model

import "gorm.io/gorm"

const TablePayments = "ledger_" + "payments"

var tableHolds = "ledger_holds"

var tableRefunds = "refunds"

func SetPrefix(p string) { tableRefunds = p + "refunds" }

type Payment struct {
	gorm.Model
	IdempotencyKey *string ` + "`gorm:\"uniqueIndex\"`" + `
}

func (Payment) TableName() string { return TablePayments }

type Hold struct {
	gorm.Model
	IdempotencyKey *string ` + "`gorm:\"uniqueIndex\"`" + `
}

func (Hold) TableName() string { return tableHolds }

type Refund struct {
	gorm.Model
	IdempotencyKey *string ` + "`gorm:\"uniqueIndex\"`" + `
}

func (Refund) TableName() string { return tableRefunds }
`)
	models := Read([]*schema.File{schema.NewFile("model/model.go", src)}, Options{Dialect: schema.PostgreSQL})
	if len(models) != 1 {
		t.Fatalf("got %d models, want 1", len(models))
	}
	var names []string
	for _, tb := range models[0].Tables {
		names = append(names, tb.Name)
	}
	sort.Strings(names)
	if diff := cmp.Diff([]string{"ledger_holds", "ledger_payments"}, names); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
	if errs := models[0].Errors; len(errs) != 1 || !strings.Contains(errs[0].Msg, "Refund.TableName does not return a string constant") {
		t.Errorf("errors %v, want one for Refund.TableName", errs)
	}
}

// TestDetectDialectStable: with two modules of one driver required (pgx
// v4 and v5), the reason names the first in go.mod's order, every time.
func TestDetectDialectStable(t *testing.T) {
	gomod := []byte("module m\n\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.7.0\n\tgithub.com/jackc/pgx/v4 v4.18.3\n\tgithub.com/lib/pq v1.10.9 // indirect\n)\n")
	for range 20 {
		d, why := detectDialect(Options{GoMod: gomod}, sqlDrivers)
		if d != schema.PostgreSQL || why != "driver github.com/jackc/pgx/v5 in go.mod" {
			t.Fatalf("detectDialect = %v, %q; want PostgreSQL from github.com/jackc/pgx/v5", d, why)
		}
	}
}

// TestReadGormEmbeddedAndCreated: with no AutoMigrate call, a struct
// only ever stored inline through `embedded;embeddedPrefix:` is no table
// of its own, but one that is also created on its own (db.Create(&l), l
// a Label; db.Create(&Sticker{…})) or has a TableName is.
func TestReadGormEmbeddedAndCreated(t *testing.T) {
	model := []byte(`package model

import "gorm.io/gorm"

type Tracking struct {
	DedupKey *string ` + "`gorm:\"uniqueIndex\"`" + `
}

type Label struct {
	Text string ` + "`gorm:\"uniqueIndex\"`" + `
}

type Sticker struct {
	Text string ` + "`gorm:\"uniqueIndex\"`" + `
}

type Note struct {
	Body string ` + "`gorm:\"uniqueIndex\"`" + `
}

func (Note) TableName() string { return "notes" }

type Shipment struct {
	ID       uint
	Tracking Tracking ` + "`gorm:\"embedded;embeddedPrefix:tracking_\"`" + `
	Label    Label    ` + "`gorm:\"embedded;embeddedPrefix:label_\"`" + `
	Sticker  Sticker  ` + "`gorm:\"embedded;embeddedPrefix:sticker_\"`" + `
	Note     Note     ` + "`gorm:\"embedded;embeddedPrefix:note_\"`" + `
}
`)
	repo := []byte(`package repo

import (
	"gorm.io/gorm"

	"example.com/shop/model"
)

func SaveLabel(db *gorm.DB, text string) error {
	l := model.Label{Text: text}
	return db.Create(&l).Error
}

func SaveSticker(db *gorm.DB, text string) error {
	return db.Create(&model.Sticker{Text: text}).Error
}
`)
	files := []*schema.File{schema.NewFile("model/model.go", model), schema.NewFile("repo/repo.go", repo)}
	m := only(t, Read(files, Options{GoMod: []byte("module example.com/shop\n")}))
	var got []string
	for _, tb := range m.Tables {
		got = append(got, tb.Name)
	}
	sort.Strings(got)
	if want := []string{"labels", "notes", "shipments", "stickers"}; !cmp.Equal(got, want) {
		t.Errorf("tables %v, want %v (no trackings: Tracking is only embedded)", got, want)
	}
}

// TestReadGormTwinModels: two packages each declare a model named
// Account (and a struct named Trail), and main declares a third Account
// that is no model. A model is its package and its name: AutoMigrate's
// &billing.Account{} and &ledger.Account{} are two tables, each read
// from its own package's declaration with its own TableName, and an
// embedded audit.Trail is audit's, not billing's Trail. The same holds
// with no AutoMigrate, where every tagged struct is a table.
func TestReadGormTwinModels(t *testing.T) {
	billing := []byte(`package billing

type Trail struct {
	Note string
}

// Account's key is nullable in its unique index.
type Account struct {
	ID             uint
	TenantID       string  ` + "`gorm:\"not null;uniqueIndex:idx_billing_key,priority:1\"`" + `
	IdempotencyKey *string ` + "`gorm:\"uniqueIndex:idx_billing_key,priority:2\"`" + `
	Trail          Trail   ` + "`gorm:\"embedded;embeddedPrefix:trail_\"`" + `
}

func (Account) TableName() string { return "billing_accounts" }
`)
	ledger := []byte(`package ledger

import "example.com/bank/audit"

// Account's key is NOT NULL.
type Account struct {
	ID             uint
	IdempotencyKey string      ` + "`gorm:\"not null;uniqueIndex\"`" + `
	Audit          audit.Trail ` + "`gorm:\"embedded;embeddedPrefix:audit_\"`" + `
}

func (Account) TableName() string { return "ledger_accounts" }
`)
	audit := []byte(`package audit

type Trail struct {
	By string ` + "`gorm:\"not null\"`" + `
}
`)
	main := []byte(`package main

import (
	"gorm.io/gorm"

	"example.com/bank/billing"
	"example.com/bank/ledger"
)

// Account is main's own: no model.
type Account struct {
	Name string
}

func migrate(db *gorm.DB) error {
	return db.AutoMigrate(&billing.Account{}, &ledger.Account{})
}
`)
	want := map[string][]string{
		"billing_accounts": {"id NOT NULL default autoIncrement", "idempotency_key NULL", "primary key (id)", "tenant_id NOT NULL",
			"trail_note NULL", "unique index (tenant_id, idempotency_key)"},
		"ledger_accounts": {"audit_by NOT NULL", "id NOT NULL default autoIncrement", "idempotency_key NOT NULL", "primary key (id)",
			"unique index (idempotency_key)"},
	}
	gomod := []byte("module example.com/bank\n\nrequire gorm.io/driver/postgres v1.6.3\n")
	for _, tc := range []struct {
		name     string
		files    []*schema.File
		rowsOnly bool
	}{
		{"AutoMigrate", []*schema.File{schema.NewFile("billing/account.go", billing), schema.NewFile("ledger/account.go", ledger),
			schema.NewFile("audit/trail.go", audit), schema.NewFile("cmd/bank/main.go", main)}, false},
		{"tagged", []*schema.File{schema.NewFile("billing/account.go", billing), schema.NewFile("ledger/account.go", ledger),
			schema.NewFile("audit/trail.go", audit)}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := only(t, Read(tc.files, Options{GoMod: gomod}))
			if diff := cmp.Diff(want, summary(m)); diff != "" {
				t.Errorf("tables (-want +got):\n%s", diff)
			}
			for _, tb := range m.Tables {
				if tb.ModelName != "Account" {
					t.Errorf("%s: model %q, want Account", tb.Name, tb.ModelName)
				}
				if dir := filepath.Dir(tb.Span.File.Path); !strings.HasPrefix(tb.Name, dir) {
					t.Errorf("%s is declared in %s", tb.Name, tb.Span.File.Path)
				}
				if tb.RowsOnly != tc.rowsOnly {
					t.Errorf("%s: RowsOnly %v, want %v", tb.Name, tb.RowsOnly, tc.rowsOnly)
				}
			}
		})
	}
}
