package bundiff

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // database/sql driver "sqlite"

	"github.com/idemlint/idemlint/internal/dbdiff"
	"github.com/idemlint/idemlint/internal/pgtest"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/gomodel"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// readModels is idemlint's reading of models_test.go for dialect d.
func readModels(t *testing.T, d schema.Dialect) *schema.Model {
	t.Helper()
	src, err := os.ReadFile("models_test.go")
	if err != nil {
		t.Fatal(err)
	}
	models := gomodel.Read([]*schema.File{schema.NewFile("models_test.go", src)}, gomodel.Options{Dialect: d})
	if len(models) != 1 {
		t.Fatalf("%d models read, want 1", len(models))
	}
	for _, e := range models[0].Errors {
		t.Errorf("read error: %v", e)
	}
	return models[0]
}

// TestCreateTablePostgres: NewCreateTable on PostgreSQL creates what the
// model says.
func TestCreateTablePostgres(t *testing.T) {
	pg := pgtest.NewDB(t)
	sqldb, err := sql.Open("pgx", pg.DSN())
	if err != nil {
		t.Fatal(err)
	}
	db := bun.NewDB(sqldb, pgdialect.New())
	defer db.Close()
	if err := createAll(context.Background(), db); err != nil {
		t.Fatalf("NewCreateTable: %v", err)
	}
	got, err := dbdiff.ReadPostgres(pg, pg.Version)
	if err != nil {
		t.Fatal(err)
	}
	if d := dbdiff.Diff(got, dbdiff.FromModel(readModels(t, schema.PostgreSQL))); d != "" {
		t.Errorf("NewCreateTable on PostgreSQL (-) and idemlint's reading of the models (+) disagree:\n%s", d)
	}
}

// TestCreateTableSQLite: NewCreateTable on SQLite creates what the model
// says.
func TestCreateTableSQLite(t *testing.T) {
	sqldb, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "bun.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	defer db.Close()
	if err := createAll(context.Background(), db); err != nil {
		t.Fatalf("NewCreateTable: %v", err)
	}
	got, err := dbdiff.ReadSQLite(sqldb)
	if err != nil {
		t.Fatal(err)
	}
	if d := dbdiff.Diff(got, dbdiff.FromModel(readModels(t, schema.SQLite))); d != "" {
		t.Errorf("NewCreateTable on SQLite (-) and idemlint's reading of the models (+) disagree:\n%s", d)
	}
}
