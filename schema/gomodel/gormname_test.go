package gomodel

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	gormschema "gorm.io/gorm/schema"

	"github.com/idemlint/idemlint/schema"
)

// gormNames are Go field and type names whose snake_case is in question:
// initialisms alone, leading, trailing, doubled and pluralised, digits
// after letters and initialisms, upper-case words that are no
// initialism, lower-case starts, underscores and a non-ASCII letter.
var gormNames = []string{
	"ID", "URLKey", "HTTPServerID", "IdempotencyKEY", "Key2", "userID",
	"UserIDs", "UUIDv4", "MyHTTPS", "HTTPSProxy", "ÜberKey", "SSOCert", "OAuth2Client", "APIKey", "ID2", "A1B",
	"JSONData", "IPAddress", "Key2Value", "RequestIDHash", "X", "XMLHttpRequest", "TLSConfig", "UID", "UIDs",
	"HTTP2Key", "Idempotency_Key", "idempotencyKey", "ABCd", "AbcD", "V1Key", "KeyV2", "IdemKey99X",
	"GUIDKey", "UTF8Key", "ACLs", "SMTPServer", "DNSName", "UIKey", "APIs", "IdempotencyKeyID", "Key_ID", "_Key",
	"key", "KEY", "Ke", "K2", "PaymentIntentIDs", "ExternalUUID",
}

// TestSnakeCaseAgreesWithGorm: a GORM model's column and default table
// are GORM's own naming of the field and type names (the default
// NamingStrategy of the real gorm.io/gorm); SnakeCase and plural(snake)
// must give the same.
func TestSnakeCaseAgreesWithGorm(t *testing.T) {
	ns := gormschema.NamingStrategy{}
	for _, n := range gormNames {
		if got, want := SnakeCase(n), ns.ColumnName("", n); got != want {
			t.Errorf("SnakeCase(%q) = %q, GORM's column is %q", n, got, want)
		}
		if got, want := plural(snake(n)), ns.TableName(n); got != want {
			t.Errorf("plural(snake(%q)) = %q, GORM's table is %q", n, got, want)
		}
	}
}

// FuzzSnakeCaseAgreesWithGorm: on any name, SnakeCase is GORM's column
// name.
func FuzzSnakeCaseAgreesWithGorm(f *testing.F) {
	for _, n := range gormNames {
		f.Add(n)
	}
	ns := gormschema.NamingStrategy{}
	f.Fuzz(func(t *testing.T, n string) {
		if got, want := SnakeCase(n), ns.ColumnName("", n); got != want {
			t.Errorf("SnakeCase(%q) = %q, GORM's column is %q", n, got, want)
		}
	})
}

// TestReadGormSharedTable: two migrated models of two packages whose
// default table names are one (billing.Account and ledger.Account, both
// accounts) are one table in the database, which AutoMigrate makes of
// both models' columns and indexes: a note says so, naming both, beside
// the two tables idemlint checks. The same structs left to SQL migrations
// (nothing migrated: they only map rows) and two models each naming its
// own table are not noted.
func TestReadGormSharedTable(t *testing.T) {
	billing := []byte("package billing\n\ntype Account struct {\n\tID  uint\n\tKey *string `gorm:\"uniqueIndex\"`\n}\n")
	ledger := []byte("package ledger\n\ntype Account struct {\n\tID  uint\n\tRef string `gorm:\"not null;uniqueIndex\"`\n}\n")
	named := []byte("package ledger\n\ntype Account struct {\n\tID  uint\n\tRef string `gorm:\"not null;uniqueIndex\"`\n}\n\nfunc (Account) TableName() string { return \"ledger_accounts\" }\n")
	main := []byte("package main\n\nimport (\n\t\"gorm.io/gorm\"\n\n\t\"example.com/bank/billing\"\n\t\"example.com/bank/ledger\"\n)\n\nfunc migrate(db *gorm.DB) error { return db.AutoMigrate(&billing.Account{}, &ledger.Account{}) }\n")
	for _, tc := range []struct {
		name   string
		files  []*schema.File
		tables []string
		note   bool
	}{
		{"migrated", []*schema.File{schema.NewFile("billing/account.go", billing), schema.NewFile("ledger/account.go", ledger), schema.NewFile("cmd/bank/main.go", main)}, []string{"accounts", "accounts"}, true},
		{"rows only", []*schema.File{schema.NewFile("billing/account.go", billing), schema.NewFile("ledger/account.go", ledger)}, []string{"accounts", "accounts"}, false},
		{"own names", []*schema.File{schema.NewFile("billing/account.go", billing), schema.NewFile("ledger/account.go", named), schema.NewFile("cmd/bank/main.go", main)}, []string{"accounts", "ledger_accounts"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := only(t, Read(tc.files, Options{Dialect: schema.PostgreSQL}))
			var tables []string
			for _, tb := range m.Tables {
				tables = append(tables, tb.Name)
			}
			if diff := cmp.Diff(tc.tables, tables); diff != "" {
				t.Errorf("tables (-want +got):\n%s", diff)
			}
			var notes []string
			for _, n := range m.Notes {
				notes = append(notes, n.Message)
			}
			switch {
			case !tc.note && len(notes) > 0:
				t.Errorf("notes %q, want none", notes)
			case tc.note && (len(notes) != 1 || !strings.Contains(notes[0], "2 models AutoMigrate creates map one table accounts") ||
				!strings.Contains(notes[0], "billing.Account (billing/account.go:3, GORM's default name)") ||
				!strings.Contains(notes[0], "ledger.Account (ledger/account.go:3, GORM's default name)")):
				t.Errorf("notes %q, want one naming billing.Account and ledger.Account and their table accounts", notes)
			}
		})
	}
}

// TestReadBunSharedTable: two bun models of two packages, both named
// accounts by default and both created by NewCreateTable, are noted as
// one table; a model created by name alone (a loop's (*T)(nil), which
// another package's type of that name may be) is not taken for a clash.
func TestReadBunSharedTable(t *testing.T) {
	store := []byte("package store\n\nimport \"github.com/uptrace/bun\"\n\ntype Account struct {\n\tbun.BaseModel\n\tID  int64  `bun:\",pk\"`\n\tKey string `bun:\",unique\"`\n}\n")
	other := []byte("package other\n\nimport \"github.com/uptrace/bun\"\n\ntype Account struct {\n\tbun.BaseModel\n\tID   int64  `bun:\",pk\"`\n\tName string `bun:\",unique\"`\n}\n")
	direct := []byte("package main\n\nimport (\n\t\"context\"\n\n\t\"github.com/uptrace/bun\"\n\n\t\"example.com/bank/other\"\n\t\"example.com/bank/store\"\n)\n\n" +
		"func create(ctx context.Context, db *bun.DB) error {\n\tif _, err := db.NewCreateTable().Model((*store.Account)(nil)).Exec(ctx); err != nil {\n\t\treturn err\n\t}\n" +
		"\t_, err := db.NewCreateTable().Model((*other.Account)(nil)).Exec(ctx)\n\treturn err\n}\n")
	loop := []byte("package main\n\nimport (\n\t\"context\"\n\n\t\"github.com/uptrace/bun\"\n\n\t\"example.com/bank/store\"\n)\n\n" +
		"func create(ctx context.Context, db *bun.DB) error {\n\tfor _, m := range []any{(*store.Account)(nil)} {\n" +
		"\t\tif _, err := db.NewCreateTable().Model(m).Exec(ctx); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n")
	for _, tc := range []struct {
		name  string
		files []*schema.File
		note  bool
	}{
		{"both created", []*schema.File{schema.NewFile("store/account.go", store), schema.NewFile("other/account.go", other), schema.NewFile("cmd/bank/main.go", direct)}, true},
		{"by name", []*schema.File{schema.NewFile("store/account.go", store), schema.NewFile("other/account.go", other), schema.NewFile("cmd/bank/main.go", loop)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := only(t, Read(tc.files, Options{Dialect: schema.PostgreSQL}))
			var tables, notes []string
			for _, tb := range m.Tables {
				tables = append(tables, tb.Name)
			}
			for _, n := range m.Notes {
				notes = append(notes, n.Message)
			}
			if diff := cmp.Diff([]string{"accounts", "accounts"}, tables); diff != "" {
				t.Errorf("tables (-want +got):\n%s", diff)
			}
			if tc.note != (len(notes) == 1 && strings.Contains(notes[0], "2 models NewCreateTable creates map one table accounts") &&
				strings.Contains(notes[0], "store.Account (store/account.go:5, bun's default name") && strings.Contains(notes[0], "other.Account (other/account.go:5")) {
				t.Errorf("notes %q, want a note: %v", notes, tc.note)
			}
		})
	}
}
