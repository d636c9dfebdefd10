package dbdiff

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/internal/pgtest"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// messagesDDL is the SQL equivalent of the bundled example
// (testdata/chat/db/schema.prisma, model Message).
const messagesDDL = `CREATE TABLE messages (
  id bigserial PRIMARY KEY,
  session_id uuid NOT NULL,
  body text NOT NULL,
  idempotency_key varchar(64),
  UNIQUE (session_id, idempotency_key)
);`

const session = `'5b0c6a3e-8f1e-4b59-9a4e-0c7d2f6a1b11'`

// TestChatExampleOnPostgres is the headline demonstration on a real
// PostgreSQL: the unique constraint of the example does not stop keyless
// duplicates; idemlint's fix makes retries with the same key collide, and
// gives keyless inserts a key, which (being random) does not deduplicate
// them.
func TestChatExampleOnPostgres(t *testing.T) {
	db := pgtest.NewDB(t)
	db.MustExec(t, messagesDDL)
	count := func() string { return db.MustQuery(t, "SELECT count(*) FROM messages") }

	// idemlint flags the column.
	m := sqlddl.Parse("messages.sql", []byte(messagesDDL), schema.PostgreSQL)
	noParseErrors(t, m)
	var finding *schema.Finding
	for _, f := range schema.Check(m, schema.Options{}) {
		if f.Column != nil && f.Column.Name == "idempotency_key" {
			finding = &f
		}
	}
	if finding == nil {
		t.Fatalf("idemlint reports nothing on messages.idempotency_key")
	}
	t.Logf("idemlint: %s %s", finding.Code, finding.Message)

	// Before the fix: two rows differing only by a NULL key both land.
	db.MustExec(t, `INSERT INTO messages (session_id, body, idempotency_key) VALUES (`+session+`, 'hello', NULL);
INSERT INTO messages (session_id, body, idempotency_key) VALUES (`+session+`, 'hello', NULL);`)
	if got := count(); got != "2" {
		t.Fatalf("rows after two keyless inserts = %s, want 2 (NULLs are distinct)", got)
	}

	// The fix idemlint writes for a migration: backfill, default, NOT NULL.
	tbl := m.Table("messages")
	up, _, err := sqlddl.RequireColumnSQL(tbl, tbl.Column("idempotency_key"), schema.PostgreSQL, "gen_random_uuid()")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"UPDATE", "IS NULL", "SET DEFAULT gen_random_uuid()", "SET NOT NULL"} {
		if !strings.Contains(up, want) {
			t.Errorf("fix lacks %q:\n%s", want, up)
		}
	}
	t.Logf("fix:\n%s", up)
	db.MustExec(t, up)
	if got := db.MustQuery(t, "SELECT count(*) FROM messages WHERE idempotency_key IS NULL"); got != "0" {
		t.Errorf("rows still without a key after the backfill: %s", got)
	}
	if got := db.MustQuery(t, "SELECT count(DISTINCT idempotency_key) FROM messages"); got != "2" {
		t.Errorf("backfilled keys are not distinct: %s distinct values for 2 rows", got)
	}

	// The model of the fixed schema agrees with the database and is clean.
	f2 := schema.NewFile("fix.sql", []byte(up))
	sqlddl.Apply(m, f2)
	noParseErrors(t, m)
	if d := Diff(pgSchema(t, db), FromModel(m)); d != "" {
		t.Errorf("after the fix, PostgreSQL (-) and sqlddl (+) disagree:\n%s", d)
	}
	for _, f := range schema.Check(m, schema.Options{}) {
		if f.Column != nil && f.Column.Name == "idempotency_key" {
			t.Errorf("after the fix idemlint still reports %s: %s", f.Code, f.Message)
		}
	}

	// A client retry carrying the same key is rejected...
	insertKey := `INSERT INTO messages (session_id, body, idempotency_key) VALUES (` + session + `, 'hello', 'key-1')`
	db.MustExec(t, insertKey)
	err = db.Exec(insertKey)
	var pe *pgtest.Error
	if !errors.As(err, &pe) || pe.SQLState != pgtest.UniqueViolation {
		t.Fatalf("retry with the same key: err = %v, want a unique violation (23505)", err)
	}
	// ... or, with ON CONFLICT DO NOTHING, inserts nothing.
	inserted := db.MustQuery(t, `WITH ins AS (`+insertKey+` ON CONFLICT (session_id, idempotency_key) DO NOTHING RETURNING 1) SELECT count(*) FROM ins`)
	if inserted != "0" {
		t.Errorf("ON CONFLICT DO NOTHING retry inserted %s rows, want 0", inserted)
	}
	// An explicit NULL is refused now.
	err = db.Exec(`INSERT INTO messages (session_id, body, idempotency_key) VALUES (` + session + `, 'hello', NULL)`)
	if !errors.As(err, &pe) || pe.SQLState != "23502" {
		t.Errorf("explicit NULL key: err = %v, want a not-null violation (23502)", err)
	}

	// A keyless insert now gets a key from the default...
	before := count()
	keyless := `INSERT INTO messages (session_id, body) VALUES (` + session + `, 'hello') RETURNING idempotency_key`
	k1 := db.MustQuery(t, keyless)
	if k1 == "" {
		t.Fatalf("keyless insert got no key")
	}
	// ... but a random one: retrying the same keyless request is NOT
	// deduplicated. Only a client-sent (or request-derived) key dedupes.
	k2 := db.MustQuery(t, keyless)
	if k1 == k2 {
		t.Errorf("two keyless inserts got the same key %s", k1)
	}
	if got := count(); got != addInt(before, 2) {
		t.Errorf("rows after two keyless retries = %s, want %s: a random default does not deduplicate", got, addInt(before, 2))
	}
}

func addInt(s string, n int) string {
	v, _ := strconv.Atoi(s)
	return strconv.Itoa(v + n)
}
