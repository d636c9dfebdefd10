package migrate

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/sqlddl"
)

// TestStyleFor checks what StyleFor learns from a history's recent steps.
func TestStyleFor(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		d     schema.Dialect
		want  Style
	}{
		{
			name: "template qualifier, lower case (formance ledger)",
			files: map[string]string{
				"1-init/up.sql":  "create table logs (id bigint);\n",
				"2-index/up.sql": "create index {{ if not .Transactional }}concurrently{{end}} logs_id on \"{{.Schema}}\".logs (id);\n",
				"3-fix/up.sql":   "do $$\n\tbegin\n\t\tset search_path = '{{ .Schema }}';\n\t\talter table logs add column x text;\n\tend\n$$;\n",
			},
			want: Style{SQL: sqlddl.Spelling{Qualifier: `"{{.Schema}}"`, Lower: true}},
		},
		{
			name: "fmt placeholder (dbos)",
			files: map[string]string{
				"1_init.sql": "CREATE TABLE %s.workflow_status (id TEXT);\n",
				"2_idx.sql":  "CREATE INDEX x ON %s.\"workflow_status\" (id);\n",
			},
			want: Style{SQL: sqlddl.Spelling{Qualifier: "%s"}},
		},
		{
			name: "search_path in every step",
			files: map[string]string{
				"1_a.up.sql": "SET search_path TO billing;\nCREATE TABLE invoices (id int);\n",
				"2_b.up.sql": "SET search_path TO billing;\nALTER TABLE invoices ADD COLUMN ref text;\n",
			},
			want: Style{SQL: sqlddl.Spelling{Prelude: "SET search_path TO billing;"}},
		},
		{
			name: "schema-qualified names",
			files: map[string]string{
				"1_a.up.sql": "CREATE TABLE billing.invoices (id int);\nCREATE TABLE billing.lines (id int);\n",
				"2_b.up.sql": "ALTER TABLE billing.invoices ADD COLUMN ref text; -- not ALTER TABLE other.x\n",
			},
			want: Style{SQL: sqlddl.Spelling{Qualifier: "billing"}},
		},
		{
			name: "goose blocks",
			files: map[string]string{
				"1_a.sql": "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE a (id int);\n-- +goose StatementEnd\n",
				"2_b.sql": "-- +goose Up\n-- +goose StatementBegin\nALTER TABLE a ADD COLUMN b int;\n-- +goose StatementEnd\n",
				"3_c.sql": "-- +goose Up\nALTER TABLE a ADD COLUMN c int;\n",
			},
			want: Style{GooseBlocks: true},
		},
		{
			name: "engine extension of the dialect's steps (achgateway)",
			files: map[string]string{
				"001_a.up.mysql.sql":   "CREATE TABLE a (id int);\n",
				"001_a.up.spanner.sql": "CREATE TABLE a (id INT64) PRIMARY KEY (id);\n",
			},
			d:    schema.MySQL,
			want: Style{Ext: "mysql"},
		},
		{
			name: "notes beside every step (formance ledger)",
			files: map[string]string{
				"1-a/up.sql": "CREATE TABLE a (id int);\n", "1-a/notes.yaml": "name: Create a\n",
				"2-b/up.sql": "ALTER TABLE a ADD b int;\n", "2-b/notes.yaml": "name: Add b\n",
			},
			want: Style{Notes: "notes.yaml"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := discover(t, writeTree(t, tc.files))
			if tc.d != schema.DialectUnknown {
				for i := range h.Steps { // as load marks steps that name their engine
					if d, ok := schema.ParseDialect(engineExt(h.Steps[i].Path)); ok {
						h.Steps[i].Variant = d
					}
				}
			}
			got := h.StyleFor(tc.d)
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(Style{}), cmp.FilterPath(func(p cmp.Path) bool {
				f := p.Last().String()
				return f == ".dialect" || f == ".set"
			}, cmp.Ignore())); diff != "" {
				t.Errorf("StyleFor (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPlanStyled: the new files follow the style: goose blocks around plain
// SQL, the engine extension, a notes.yaml naming the step.
func TestPlanStyled(t *testing.T) {
	h := discover(t, writeTree(t, map[string]string{"001_a.up.mysql.sql": "", "001_a.down.mysql.sql": ""}))
	files, _ := h.PlanStyled("require x", upSQL, downSQL, Style{Ext: "mysql"})
	if got := render(t, h.Dir, files); got != "002_require_x.up.mysql.sql:\n"+upSQL+"\n====\n002_require_x.down.mysql.sql:\n"+downSQL+"\n" {
		t.Errorf("golang-migrate with an engine extension:\n%s", got)
	}
	h = discover(t, writeTree(t, map[string]string{"1_a.sql": "-- +goose Up\n"}))
	files, _ = h.PlanStyled("require x", upSQL, "", Style{GooseBlocks: true})
	if got, want := render(t, h.Dir, files), "2_require_x.sql:\n-- +goose Up\n-- +goose StatementBegin\n"+upSQL+"\n-- +goose StatementEnd\n\n-- +goose Down\n"; got != want {
		t.Errorf("goose blocks:\n%s\nwant\n%s", got, want)
	}
	h = discover(t, writeTree(t, map[string]string{"53-fix-logs/up.sql": ""}))
	files, _ = h.PlanStyled("require_logs_idempotency_key", upSQL, "", Style{Notes: "notes.yaml"})
	if got, want := render(t, h.Dir, files), "54-require-logs-idempotency-key/up.sql:\n"+upSQL+"\n====\n54-require-logs-idempotency-key/notes.yaml:\nname: require logs idempotency key\n"; got != want {
		t.Errorf("notes.yaml:\n%s\nwant\n%s", got, want)
	}
}
