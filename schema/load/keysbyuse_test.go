package load

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestKeysByTableAndComment reads real syntax: a table whose name says it
// holds keys, and columns whose comments say they are keys (COMMENT ON
// COLUMN, MySQL's COMMENT, a Prisma /// doc comment, a trailing --). Each
// finding names its reason; an unused nullable unique column is not a key.
func TestKeysByTableAndComment(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"pg/schema.sql": `CREATE TABLE idempotency_keys (
    id bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL,
    token text,
    UNIQUE (tenant_id, token)
);
CREATE TABLE runs (
    id bigserial PRIMARY KEY,
    parent_id uuid NOT NULL,
    child_ref text, -- dedup: a retried child carries the same ref
    request_ref text,
    email text UNIQUE
);
CREATE UNIQUE INDEX runs_child ON runs (parent_id, child_ref);
CREATE UNIQUE INDEX runs_request ON runs (request_ref);
COMMENT ON COLUMN public.runs.request_ref IS 'Idempotency token sent by the client';
COMMENT ON TABLE runs IS 'dedup';
`,
		"my/mysql/schema.sql": "CREATE TABLE sales (\n  id bigint AUTO_INCREMENT PRIMARY KEY,\n  invoice_ref varchar(64) COMMENT 'idempotency key of the sale',\n  UNIQUE KEY sales_invoice (invoice_ref)\n) ENGINE=InnoDB;\n",
		"prisma/schema.prisma": `datasource db {
  provider = "postgresql"
}

model Session {
  id         String  @id @default(cuid())
  /// User-supplied id, used for idempotent upsert.
  externalId String?
  nickname   String?

  @@unique([externalId])
  @@unique([nickname])
}
`,
	})
	res := Check([]string{root}, Config{})
	var got []string
	for _, f := range res.Findings {
		msg, _, _ := strings.Cut(f.Message, " is nullable")
		got = append(got, f.Code+" "+msg)
	}
	want := []string{
		`IDEM101 idempotency key sales.invoice_ref (its comment says so: "idempotency key of the sale")`,
		`IDEM101 idempotency key idempotency_keys.token (its table idempotency_keys holds idempotency keys, by its name)`,
		`IDEM101 idempotency key runs.child_ref (its comment says so: "dedup: a retried child carries the same ref")`,
		`IDEM101 idempotency key runs.request_ref (its comment says so: "Idempotency token sent by the client")`,
		`IDEM101 idempotency key Session.externalId (its comment says so: "User-supplied id, used for idempotent upsert.")`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
