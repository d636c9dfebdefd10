package load

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/migrate"
)

// tableNames is "table.column" per column of models, in order.
func tableNames(models []*schema.Model) []string {
	var out []string
	for _, m := range models {
		for _, t := range m.Tables {
			for _, c := range t.Columns {
				out = append(out, t.Name+"."+c.Name)
			}
		}
	}
	return out
}

// SourceModels reads what Sources reads, without the checks: the Go side
// of a package that embeds no schema needs the tables, and the schema
// owner reports the findings.
func TestSourceModelsReadsWhatSourcesChecks(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"go.mod":                     "module example.com/m\n\ngo 1.26\n\nrequire github.com/uptrace/bun/dialect/pgdialect v1.2.0\n",
		"migrations/1_init.up.sql":   "CREATE TABLE messages (id bigint PRIMARY KEY, idempotency_key text);\n",
		"migrations/2_unique.up.sql": "CREATE UNIQUE INDEX messages_key ON messages (idempotency_key);\n",
		"store/models.go":            bunModels,
	})
	sources, err := migrate.FindSchemas(root)
	if err != nil {
		t.Fatal(err)
	}
	checked := Sources(root, sources, nil, Config{})
	if len(checked.Findings) == 0 {
		t.Fatal("Sources found nothing; the fixture should have a nullable key")
	}
	read := SourceModels(root, sources, nil, Options{})
	if diff := cmp.Diff(tableNames(checked.Models), tableNames(read)); diff != "" {
		t.Errorf("SourceModels read other tables than Sources (-Sources +SourceModels):\n%s", diff)
	}

	files := GoModelFiles(root)
	whole := GoModels(files, Config{}, read)
	if len(whole.Findings) == 0 {
		t.Fatal("GoModels found nothing; the bun model has a nullable unique key")
	}
	split := CheckModels(ReadGoModels(files, Options{}, read), schema.Options{})
	if diff := cmp.Diff(tableNames(whole.Models), tableNames(split.Models)); diff != "" {
		t.Errorf("models differ (-GoModels +ReadGoModels):\n%s", diff)
	}
	if len(split.Findings) != len(whole.Findings) {
		t.Errorf("CheckModels(ReadGoModels) found %d, GoModels %d", len(split.Findings), len(whole.Findings))
	}
	for i := range min(len(split.Findings), len(whole.Findings)) {
		if a, b := whole.Findings[i], split.Findings[i]; a.Code != b.Code || a.Message != b.Message || a.Span.Start != b.Span.Start {
			t.Errorf("finding %d: GoModels %s %q, CheckModels %s %q", i, a.Code, a.Message, b.Code, b.Message)
		}
	}
}

// bunModels declares a table in Go (bun creates it), with a nullable key.
const bunModels = `package store

import (
	"context"

	"github.com/uptrace/bun"
)

type Payment struct {
	bun.BaseModel ` + "`bun:\"table:payments\"`" + `
	ID             string  ` + "`bun:\"id,pk\"`" + `
	IdempotencyKey *string ` + "`bun:\"idempotency_key,unique\"`" + `
}

func create(ctx context.Context, db *bun.DB) error {
	_, err := db.NewCreateTable().Model((*Payment)(nil)).Exec(ctx)
	return err
}
`
