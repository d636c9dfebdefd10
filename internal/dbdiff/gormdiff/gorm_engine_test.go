package gormdiff

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

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

var quiet = &gorm.Config{Logger: logger.Discard}

// TestAutoMigratePostgres: AutoMigrate on PostgreSQL creates what the model says.
func TestAutoMigratePostgres(t *testing.T) {
	pg := pgtest.NewDB(t)
	db, err := gorm.Open(postgres.Open(pg.DSN()), quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(db); err != nil {
		t.Fatalf("AutoMigrate: %v", err)
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}
	got, err := dbdiff.ReadPostgres(pg, pg.Version)
	if err != nil {
		t.Fatal(err)
	}
	if d := dbdiff.Diff(got, dbdiff.FromModel(readModels(t, schema.PostgreSQL))); d != "" {
		t.Errorf("AutoMigrate on PostgreSQL (-) and idemlint's reading of the models (+) disagree:\n%s", d)
	}
}

// TestAutoMigrateSQLite: AutoMigrate on SQLite (through GORM's own
// driver) creates what the model says. The file is read back through
// modernc.org/sqlite, whose authorizer dbdiff.ReadSQLite needs.
func TestAutoMigrateSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gorm.db")
	db, err := gorm.Open(sqlite.Open(path), quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(db); err != nil {
		t.Fatalf("AutoMigrate: %v", err)
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}
	conn, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	got, err := dbdiff.ReadSQLite(conn)
	if err != nil {
		t.Fatal(err)
	}
	if d := dbdiff.Diff(got, dbdiff.FromModel(readModels(t, schema.SQLite))); d != "" {
		t.Errorf("AutoMigrate on SQLite (-) and idemlint's reading of the models (+) disagree:\n%s", d)
	}
}
