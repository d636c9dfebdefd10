package dbdiff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/internal/pgtest"
	"github.com/idemlint/idemlint/schema"
)

// TestGroupedKeysMigrationOnPostgres: the columns of an ON CONFLICT
// target that are keys only by that use are one IDEM101 (schema/group.go),
// and where each column's fix would be a migration of its own, the fix is
// one migration that makes every column NOT NULL. Its files are checked
// against their golden text, then run on PostgreSQL after the history,
// over rows with a NULL in each column: the up migration succeeds and
// leaves every column NOT NULL, the down migration makes them nullable
// again.
func TestGroupedKeysMigrationOnPostgres(t *testing.T) {
	dir := t.TempDir()
	mig := filepath.Join(dir, "migrations")
	if err := os.MkdirAll(mig, 0o755); err != nil {
		t.Fatal(err)
	}
	const initUp = `CREATE TABLE relations (
    id bigserial PRIMARY KEY,
    subject_id text,
    object_id text,
    relation_name text,
    note text,
    CONSTRAINT relations_uq UNIQUE (subject_id, object_id, relation_name)
);
`
	for name, body := range map[string]string{"000001_init.up.sql": initUp, "000001_init.down.sql": "DROP TABLE relations;\n"} {
		if err := os.WriteFile(filepath.Join(mig, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := schema.Options{Keys: schema.KeyMatcher{Conflicts: []schema.ConflictTarget{
		{Table: "relations", Columns: []string{"subject_id", "object_id", "relation_name"}, At: "store.go:12"}}}}
	_, findings := checkCorpus(t, mig, opts)
	if len(findings) != 1 || len(findings[0].Fixes) != 1 {
		t.Fatalf("findings %d (want one IDEM101 for the rule, with one fix): %+v", len(findings), findings)
	}
	f, fx := findings[0], findings[0].Fixes[0]
	if !strings.HasPrefix(fx.Message, "Make subject_id, object_id and relation_name NOT NULL with no default") ||
		!strings.Contains(fx.Message, "matches rows on the subject_id, object_id and relation_name it sends") || len(fx.Creates) != 2 {
		t.Fatalf("fix %q creates %d files, want one migration (up and down) for all three columns", fx.Message, len(fx.Creates))
	}
	for _, r := range f.Related {
		if strings.Contains(r.Message, "NOT NULL alone") {
			t.Errorf("related information still says the fix covers one column: %q", r.Message)
		}
	}
	got := map[string]string{}
	for _, c := range fx.Creates {
		rel, _ := filepath.Rel(mig, c.Path)
		got[rel] = string(c.Content)
	}
	want := map[string]string{
		"000002_require_relations_subject_id_object_id_relation_name.up.sql": `-- Rows stored without a key get one, so the column can become NOT NULL.
UPDATE relations SET subject_id = gen_random_uuid() WHERE subject_id IS NULL;
ALTER TABLE relations ALTER COLUMN subject_id SET NOT NULL;
UPDATE relations SET object_id = gen_random_uuid() WHERE object_id IS NULL;
ALTER TABLE relations ALTER COLUMN object_id SET NOT NULL;
UPDATE relations SET relation_name = gen_random_uuid() WHERE relation_name IS NULL;
ALTER TABLE relations ALTER COLUMN relation_name SET NOT NULL;
`,
		"000002_require_relations_subject_id_object_id_relation_name.down.sql": `ALTER TABLE relations ALTER COLUMN relation_name DROP NOT NULL;
ALTER TABLE relations ALTER COLUMN object_id DROP NOT NULL;
ALTER TABLE relations ALTER COLUMN subject_id DROP NOT NULL;
`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("migration files (-want +got):\n%s", diff)
	}

	db := pgtest.NewDB(t)
	db.MustExec(t, initUp)
	db.MustExec(t, `INSERT INTO relations (subject_id, object_id, relation_name) VALUES (NULL, 'o', 'r'), ('s', NULL, 'r'), ('s', 'o', NULL), (NULL, NULL, NULL)`)
	nullable := func() string {
		return strings.TrimSpace(db.MustQuery(t, `SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns WHERE table_name = 'relations' AND is_nullable = 'YES'`))
	}
	if n := nullable(); n != "note,object_id,relation_name,subject_id" {
		t.Fatalf("before the fix, nullable columns %q", n)
	}
	for name, body := range got {
		if strings.HasSuffix(name, ".up.sql") {
			if err := db.Exec(body); err != nil {
				t.Fatalf("the fix's migration %s fails on PostgreSQL: %v", name, err)
			}
		}
	}
	if n := nullable(); n != "note" {
		t.Errorf("after the fix, nullable columns %q, want only note", n)
	}
	if n := strings.TrimSpace(db.MustQuery(t, `SELECT count(*) FROM relations WHERE subject_id IS NULL OR object_id IS NULL OR relation_name IS NULL`)); n != "0" {
		t.Errorf("%s rows still hold a NULL key", n)
	}
	for name, body := range got {
		if strings.HasSuffix(name, ".down.sql") {
			db.MustExec(t, body)
		}
	}
	if n := nullable(); n != "note,object_id,relation_name,subject_id" {
		t.Errorf("after the down migration, nullable columns %q", n)
	}
}
