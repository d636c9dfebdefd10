package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDeclaredBesideMigrations: a GORM model migrated by SQL files
// describes one database twice; where they disagree about a key, IDEM104
// is reported at the Go field, and each is still checked as written.
func TestDeclaredBesideMigrations(t *testing.T) {
	dir := t.TempDir()
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
	var got []string
	for _, f := range res.Findings {
		msg := f.Message
		if i := strings.Index(msg, ":"); i > 0 && f.Code != "IDEM104" {
			msg = msg[:i]
		}
		got = append(got, f.Span.Position().String()[len(dir)+1:]+" "+f.Code+" "+msg)
	}
	want := []string{
		"models/models.go:6:2 IDEM101 idempotency key Payment.IdempotencyKey is nullable, but NULLs are distinct in PostgreSQL unique index idx_account_key (account_id, idempotency_key)",
		"models/models.go:6:2 IDEM104 payments.idempotency_key is nullable in the Go model but NOT NULL in the SQL schema (" + dir + "/migrations/000001_init.up.sql:4:3): the two build different tables; idemlint checks each as written",
		"models/models.go:9:6 IDEM104 the SQL schema has unique constraint (idempotency_key) on refunds (" + dir + "/migrations/000001_init.up.sql:9:33), but the Go model does not declare it; idemlint checks each as written",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
