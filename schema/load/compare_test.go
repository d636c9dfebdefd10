package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// declaredBesideMigrations checks a module of GORM models (models.go, plus
// the files extra) migrated by SQL files, and returns its findings as
// "file:line:col CODE message" (the message cut at its first colon, but
// IDEM104's whole). dir is the module's folder, for the messages.
func declaredBesideMigrations(t *testing.T, extra map[string]string) (got []string, dir string) {
	dir = t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module m\n\nrequire gorm.io/driver/postgres v1.6.3\n")
	write("models/models.go", `package models

type Payment struct {
	ID             uint
	AccountID      string  `+"`gorm:\"not null;uniqueIndex:idx_account_key\"`"+`
	IdempotencyKey *string `+"`gorm:\"uniqueIndex:idx_account_key\"`"+`
}

type Refund struct {
	ID             uint
	IdempotencyKey string `+"`gorm:\"not null\"`"+`
}
`)
	for name, text := range extra {
		write(name, text)
	}
	write("migrations/000001_init.up.sql", `CREATE TABLE payments (
  id bigserial PRIMARY KEY,
  account_id text NOT NULL,
  idempotency_key text NOT NULL
);
CREATE UNIQUE INDEX idx_account_key ON payments (account_id, idempotency_key);
CREATE TABLE refunds (
  id bigserial PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE
);
`)
	write("migrations/000001_init.down.sql", "DROP TABLE payments; DROP TABLE refunds;\n")
	res := Check([]string{dir}, Config{})
	for _, f := range res.Findings {
		msg := f.Message
		if i := strings.Index(msg, ":"); i > 0 && f.Code != "IDEM104" {
			msg = msg[:i]
		}
		got = append(got, f.Span.Position().String()[len(dir)+1:]+" "+f.Code+" "+msg)
	}
	return got, dir
}

// TestDeclaredBesideMigrations: GORM models that the module migrates
// (AutoMigrate or Migrator().CreateTable), beside SQL migrations, describe
// one database twice: where they disagree about a key, IDEM104 is reported
// at the Go field, a unique rule either one lacks included, and each is
// still checked as written.
func TestDeclaredBesideMigrations(t *testing.T) {
	for _, migrate := range []string{"db.AutoMigrate(&models.Payment{}, &models.Refund{})", "db.Migrator().CreateTable(&models.Payment{}, &models.Refund{})"} {
		got, dir := declaredBesideMigrations(t, map[string]string{"migrate/migrate.go": `package migrate

import (
	"gorm.io/gorm"

	"m/models"
)

func Up(db *gorm.DB) error { return ` + migrate + ` }
`})
		want := []string{
			"models/models.go:6:2 IDEM101 idempotency key Payment.IdempotencyKey is nullable, but NULLs are distinct in PostgreSQL unique index idx_account_key (account_id, idempotency_key)",
			"models/models.go:6:2 IDEM104 payments.idempotency_key is nullable in the Go model but NOT NULL in the SQL schema (" + dir + "/migrations/000001_init.up.sql:4:3): the two build different tables; idemlint checks each as written",
			"models/models.go:9:6 IDEM104 the SQL schema has unique constraint (idempotency_key) on refunds (" + dir + "/migrations/000001_init.up.sql:9:33), but the Go model does not declare it; idemlint checks each as written",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: findings (-want +got):\n%s", migrate, diff)
		}
	}
}

// TestRowMappingBesideMigrations: GORM structs the module never migrates
// only map rows of the tables the SQL migrations create, which are the
// database. Nothing of theirs is reported: not Payment's *string over a
// NOT NULL key (an insert without a key fails loudly, no duplicate), not
// Event's plain string over a NOT NULL column, not an IDEM101 for the
// nullability AutoMigrate would give a struct nothing migrates, not the
// unique rules they do not declare. The SQL schema's own findings stay.
func TestRowMappingBesideMigrations(t *testing.T) {
	got, _ := declaredBesideMigrations(t, map[string]string{"models/events.go": `package models

type Event struct {
	ID      int64
	Source  string
	DedupID string
}
`, "migrations/000002_events.up.sql": `CREATE TABLE events (id bigserial PRIMARY KEY, source text NOT NULL, dedup_id text, UNIQUE (source, dedup_id));
`, "migrations/000002_events.down.sql": "DROP TABLE events;\n"})
	want := []string{
		"migrations/000002_events.up.sql:1:70 IDEM101 idempotency key events.dedup_id is nullable, but NULLs are distinct in PostgreSQL unique constraint events_source_dedup_id_key (source, dedup_id)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestUnreadEntBesideMigrations: an ent schema whose owner field comes
// from a mixin built by a helper the reader cannot follow (openlane's
// Task: newObjectOwnedMixin(…), then index.Fields("owner_id",
// "idempotency_key").Unique()) has its unique index reported as not
// checked (IDEM001), not as missing from the Go model (IDEM104): the
// model does declare it.
func TestUnreadEntBesideMigrations(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod": "module m\n",
		"ent/schema/task.go": `package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

type Task struct{ ent.Schema }

func (t Task) Mixin() []ent.Mixin { return ownedMixins(t, withOwner()) }

func (Task) Fields() []ent.Field {
	return []ent.Field{field.String("idempotency_key").NotEmpty()}
}

func (Task) Indexes() []ent.Index {
	return []ent.Index{index.Fields("owner_id", "idempotency_key").Unique()}
}
`,
		"migrations/000001_init.up.sql": `CREATE TABLE tasks (id bigserial PRIMARY KEY, owner_id text NOT NULL, idempotency_key text NOT NULL);
CREATE UNIQUE INDEX task_owner_id_idempotency_key ON tasks (owner_id, idempotency_key);
`,
		"migrations/000001_init.down.sql": "DROP TABLE tasks;\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, f := range Check([]string{dir}, Config{}).Findings {
		got = append(got, f.Code)
		if f.Code == "IDEM104" {
			t.Errorf("IDEM104 on a unique index the Go model declares but its reader could not follow: %s", f.Message)
		}
	}
	if !strings.Contains(strings.Join(got, " "), "IDEM001") {
		t.Errorf("findings %v: want an IDEM001 saying the mixin and the index are not checked", got)
	}
}
