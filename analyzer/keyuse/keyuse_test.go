package keyuse

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestScan(t *testing.T) {
	root := writeModule(t, map[string]string{
		"go.mod": "module example.com/m\n",
		"store/runs.go": `package store

const insertRun = ` + "`" + `INSERT INTO runs (parent_id, child_ref) VALUES ($1, $2)
ON CONFLICT (parent_id, child_ref) DO NOTHING` + "`" + `

var joined = "INSERT INTO jobs (queue, ref) VALUES ($1, $2) " +
	"ON CONFLICT ON CONSTRAINT jobs_queue_ref DO NOTHING"

var plain = "INSERT INTO logs (a) VALUES ($1)"
`,
		"store/bun.go": `package store

type Event struct {
	bun.BaseModel ` + "`bun:\"table:events,alias:e\"`" + `
	Source string
	Ref    *string
}

func save(db *bun.DB) {
	db.NewInsert().Model(&Event{}).On("CONFLICT (source, ref) DO NOTHING").Exec(ctx)
	db.NewInsert().Model(row).On("CONFLICT (a, b) DO UPDATE").Exec(ctx)
}
`,
		"store/gorm.go": `package store

func g(db *gorm.DB) {
	db.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "tenant_id"}, {Name: "token"}}, DoNothing: true}).Create(&row)
}
`,
		"store/builders.go": `package store

func b(db *sql.DB, gdb *goqu.Database, q sq.InsertBuilder) {
	sq.Insert("labels").Columns("order_id", "ref").Values(1, r).Suffix("ON CONFLICT (order_id, ref) DO NOTHING").RunWith(db).Exec()
	psql.Insert("").Into("notes").Columns("a").Values(1).SuffixExpr(sq.Expr("ON CONFLICT ON CONSTRAINT notes_a_b " + "DO NOTHING")).Exec()
	q.Suffix("ON CONFLICT (tenant, slot) DO NOTHING").Exec()
	sq.Insert("logs").Columns("a").Values(1).Suffix("RETURNING id").Exec()
	sq.Insert("logs").Columns("a").Values(1).Suffix("ON DUPLICATE KEY UPDATE a = a").Exec()
	gdb.Insert(goqu.T("records")).Rows(rec).OnConflict(goqu.DoUpdate("source, remote_id", goqu.Record{"x": 1})).Executor().Exec()
	gdb.Insert("records").Rows(rec).OnConflict(goqu.DoUpdate("ON CONSTRAINT records_ref", goqu.Record{"x": 1})).Executor().Exec()
	gdb.Insert("records").Rows(rec).OnConflict(goqu.DoNothing()).Executor().Exec()
}
`,
		"ent/message/message.go": `package message

const (
	Table = "messages"
	FieldSessionID = "session_id"
	FieldClientRef = "client_ref"
)
`,
		"svc/ent.go": `package svc

import "example.com/m/ent/message"

func e() {
	client.Message.Create().OnConflictColumns(message.FieldSessionID, message.FieldClientRef).DoNothing().Exec(ctx)
}
`,
		// A long query's targets stand at their ON CONFLICT lines, not at
		// its -- name: line: two INSERTs of one statement, and an INSERT
		// after another statement of the same query.
		"db/queries/campaigns.sql": "-- name: UpdateCampaign :exec\nWITH camp AS (\n  UPDATE campaigns SET name = $2 WHERE id = $1\n),\nmedi AS (\n  INSERT INTO campaign_media (campaign_id, media_id)\n    SELECT $1, id FROM media\n    ON CONFLICT (campaign_id, media_id) DO NOTHING\n)\nINSERT INTO campaign_lists (campaign_id, list_id)\n  SELECT $1, id FROM lists\n  ON CONFLICT (campaign_id, list_id) DO NOTHING;\n\n-- name: Tag :exec\nSELECT 1;\nINSERT INTO tags (name) VALUES ($1)\nON CONFLICT (name) DO NOTHING;\n",
		// An INSERT with an ON CONFLICT but no target: what it writes is
		// recorded, no target.
		"db/queries/roles.sql":  "-- name: CreateRole :exec\nINSERT INTO roles (type, name) VALUES ('user', $1) ON CONFLICT DO NOTHING;\n",
		"db/queries/runs.sql":   "-- name: CreateStep :exec\nINSERT INTO steps (run_id, step_key) VALUES ($1, $2)\nON CONFLICT (run_id, step_key) DO NOTHING;\n",
		"db/queries/gen.sql.go": "package queries\n\nconst createStep = `-- name: CreateStep :exec\nINSERT INTO steps (run_id, step_key) VALUES ($1, $2)\nON CONFLICT (run_id, step_key) DO NOTHING`\n",
		"store/runs_test.go":    "package store\n\nconst q = `INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING`\n",
		"testdata/x.go":         "package x\n\nconst q = `INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING`\n",
	})
	var got []string
	for _, ct := range Scan(root) {
		if ct.Written != nil {
			got = append(got, fmt.Sprintf("%s writes %v @%s", ct.Table, ct.Written, ct.At))
			continue
		}
		got = append(got, fmt.Sprintf("%s %v %s @%s", ct.Table, ct.Columns, ct.Constraint, ct.At))
	}
	want := []string{
		"campaign_media writes [campaign_id media_id] @db/queries/campaigns.sql:6",
		"campaign_media [campaign_id media_id]  @db/queries/campaigns.sql:8",
		"campaign_lists writes [campaign_id list_id] @db/queries/campaigns.sql:10",
		"campaign_lists [campaign_id list_id]  @db/queries/campaigns.sql:12",
		"tags writes [name] @db/queries/campaigns.sql:16",
		"tags [name]  @db/queries/campaigns.sql:17",
		"roles writes [type name] @db/queries/roles.sql:2",
		"steps writes [run_id step_key] @db/queries/runs.sql:2",
		"steps [run_id step_key]  @db/queries/runs.sql:3",
		"labels [order_id ref]  @store/builders.go:4",
		"notes [] notes_a_b @store/builders.go:5",
		" [tenant slot]  @store/builders.go:6",
		"records [source remote_id]  @store/builders.go:9",
		"records [] records_ref @store/builders.go:10",
		"events [source ref]  @store/bun.go:10",
		" [a b]  @store/bun.go:11",
		" [tenant_id token]  @store/gorm.go:4",
		"runs writes [parent_id child_ref] @store/runs.go:3",
		"runs [parent_id child_ref]  @store/runs.go:3",
		"jobs writes [queue ref] @store/runs.go:6",
		"jobs [] jobs_queue_ref @store/runs.go:6",
		"messages [session_id client_ref]  @svc/ent.go:6",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Scan (-want +got):\n%s", diff)
	}
}

// TestScanRepository prints what Scan finds in a real repository named by
// KEYUSE_ROOT, for measuring; it is skipped otherwise.
func TestScanRepository(t *testing.T) {
	root := os.Getenv("KEYUSE_ROOT")
	if root == "" {
		t.Skip("KEYUSE_ROOT names no repository")
	}
	for _, ct := range Scan(root) {
		t.Logf("%s %v %s @%s", ct.Table, ct.Columns, ct.Constraint, ct.At)
	}
}

// FuzzMentionsConflict checks the prefilter against the plain search it
// replaces.
func FuzzMentionsConflict(f *testing.F) {
	for _, s := range []string{"", "CONFLICT", "onflict", "ON CONFLICT (k) DO NOTHING", "conflict",
		"xCONFLIC", "onflic", "fonflict", "Fonflict", "CONFLICTF", "ONFLICT", "on conflict", "of for if Fn"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		want := bytes.Contains(src, []byte("CONFLICT")) || bytes.Contains(src, []byte("onflict"))
		if got := mentionsConflict(src); got != want {
			t.Errorf("mentionsConflict(%q) = %v, want %v", src, got, want)
		}
	})
}
