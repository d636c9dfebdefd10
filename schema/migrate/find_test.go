package migrate

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// describe renders sources compactly, paths relative to root.
func describe(t *testing.T, root string, srcs []Source) string {
	t.Helper()
	var lines []string
	for _, s := range srcs {
		var ps []string
		for _, p := range s.Paths {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				t.Fatal(err)
			}
			ps = append(ps, filepath.ToSlash(rel))
		}
		line := s.Kind.String() + " " + s.Dialect.String() + " " + strings.Join(ps, ",") + " (" + s.Origin + ")"
		if s.Mirrors != "" {
			rel, _ := filepath.Rel(root, s.Mirrors)
			line += " mirrors " + filepath.ToSlash(rel)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func findIn(t *testing.T, files map[string]string) string {
	t.Helper()
	root := writeTree(t, files)
	srcs, err := FindSchemas(root)
	if err != nil {
		t.Fatal(err)
	}
	return describe(t, root, srcs)
}

func TestFindSchemas(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name: "sqlc v2 yaml: list of a migration dir and a file, engine",
			files: map[string]string{
				"sqlc.yaml": `version: "2"
sql:
  # the main database
  - engine: "mysql"
    queries: "query.sql"
    schema:
      - "db/migrations"
      - db/extra.sql   # not a migration
    gen:
      go:
        package: "db"
  - schema: sqlite/schema.sql
    engine: sqlite
    queries: sqlite/query.sql
`,
				"db/migrations/001_a.up.sql": "", "db/migrations/001_a.down.sql": "",
				"db/extra.sql": "", "sqlite/schema.sql": "",
			},
			want: `declarative mysql db/extra.sql (sqlc.yaml sql[0].schema)
migration-dir mysql db/migrations (sqlc.yaml sql[0].schema)
declarative sqlite sqlite/schema.sql (sqlc.yaml sql[1].schema)`,
		},
		{
			name: "sqlc v1 yml: packages, default engine, declarative folder",
			files: map[string]string{
				"sqlc.yml":              "version: '1'\npackages:\n- name: db\n  path: internal/db\n  schema: ./sql/schema/\n  queries: ./sql/query/\n",
				"sql/schema/tables.sql": "", "sql/schema/views.sql": "",
			},
			want: `declarative postgresql sql/schema/tables.sql,sql/schema/views.sql (sqlc.yml packages[0].schema)`,
		},
		{
			name: "sqlc json in a sub-folder, flow list",
			files: map[string]string{
				"svc/sqlc.json":                    `{"version": "2", "sql": [{"engine": "postgresql", "schema": ["migrations"], "queries": "q"}]}`,
				"svc/migrations/1_init.sql":        "",
				"svc/migrations/2_more.sql":        "",
				"other/sqlc.yaml":                  "version: \"2\"\nsql:\n- {engine: x}\n- schema: [\"a.sql\", 'b.sql']\n  engine: postgresql\n",
				"other/a.sql":                      "",
				"other/b.sql":                      "",
				"svc/migrations/README.md":         "",
				"svc/migrations/sqlite/1_init.sql": "",
			},
			want: `declarative postgresql other/a.sql,other/b.sql (sqlc.yaml sql[1].schema)
migration-dir postgresql svc/migrations (sqlc.json sql[0].schema)
migration-dir sqlite svc/migrations/sqlite (folder name (dialect guessed from the path))`,
		},
		{
			name: "atlas.hcl: migration dir, src file, dialect from dev url",
			files: map[string]string{
				"atlas.hcl": `env "local" {
  src = "file://schema.sql"
  url = env("DATABASE_URL")
  dev = "docker://postgres/15/dev?search_path=public"
  migration {
    dir = "file://migrations?format=golang-migrate"
  }
}`,
				"schema.sql": "", "migrations/20230101000000_a.sql": "", "migrations/atlas.sum": "",
			},
			want: `migration-dir postgresql migrations (atlas.hcl migration.dir)
declarative postgresql schema.sql (atlas.hcl src)`,
		},
		{
			name: "atlas.hcl with a mysql url",
			files: map[string]string{
				"db/atlas.hcl":                "env {\n  name = atlas.env\n  url  = \"mysql://root:pass@localhost:3306/app\"\n  migration { dir = \"file://migrations\" }\n}\n",
				"db/migrations/1_a.sql":       "",
				"db/migrations/2_b.sql":       "",
				"db/migrations/atlas.sum":     "",
				"vendor/x/migrations/1_a.sql": "",
			},
			want: `migration-dir mysql db/migrations (atlas.hcl migration.dir)`,
		},
		{
			name: "prisma with migrations and migration_lock.toml",
			files: map[string]string{
				"prisma/schema.prisma":                                "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\nmodel A { id Int @id }\n",
				"prisma/migrations/migration_lock.toml":               "provider = \"postgresql\"\n",
				"prisma/migrations/20240101000000_init/migration.sql": "CREATE TABLE a (id int);",
				"node_modules/.prisma/client/schema.prisma":           "datasource db { provider = \"sqlite\" }",
				"node_modules/pkg/migrations/1_x.sql":                 "",
			},
			want: `migration-dir postgresql prisma/migrations (prisma migrate (migration_lock.toml)) mirrors prisma/schema.prisma
prisma postgresql prisma/schema.prisma (schema.prisma)`,
		},
		{
			name: "multi-file prisma schema, migrations beside the schema folder",
			files: map[string]string{
				"prisma/schema/schema.prisma":                         "datasource db {\n  provider = \"mysql\"\n}\n",
				"prisma/schema/user.prisma":                           "model User { id Int @id }\n",
				"prisma/migrations/20240101000000_init/migration.sql": "",
			},
			want: `migration-dir mysql prisma/migrations (prisma migrate (beside schema.prisma)) mirrors prisma/schema/schema.prisma
prisma mysql prisma/schema/schema.prisma,prisma/schema/user.prisma (schema.prisma)`,
		},
		{
			name: "folder names",
			files: map[string]string{
				"internal/store/migrations/0001_init.sql":            "-- +goose Up\n",
				"internal/store/migrations/0002_more.sql":            "-- +goose Up\n",
				"db/structure.sql":                                   "",
				"db/migrations/sqlite/001_a.up.sql":                  "",
				"riverdriver/riverpgxv5/migration/main/001_a.up.sql": "",
				"testdata/migrations/1_a.sql":                        "",
				".git/migrations/1_a.sql":                            "",
				"docs/migrations/README.md":                          "",
				"ledger/migrations/0-init/up.sql":                    "",
				"ledger/migrations/1-next/up.sql":                    "",
			},
			want: `migration-dir sqlite db/migrations/sqlite (folder name (dialect guessed from the path))
declarative unknown db/structure.sql (file name)
migration-dir unknown internal/store/migrations (folder name)
migration-dir unknown ledger/migrations (folder name)
migration-dir postgresql riverdriver/riverpgxv5/migration/main (folder name (dialect guessed from the path))`,
		},
		{
			name: "folders of SQL a Go file of the module embeds, whatever their name",
			files: map[string]string{
				"go.mod":                    "module example.com/app\n",
				"app.go":                    "package app\n\nimport \"embed\"\n\n//go:embed sql/*.sql\nvar migrations embed.FS\n",
				"sql/1700000000.sql":        "-- +migrate Up\nCREATE TABLE a (id int);\n",
				"sql/1700000001.sql":        "-- +migrate Up\nCREATE TABLE b (id int);\n",
				"store/db.go":               "package store\n\n//go:embed \"ddl\"\nvar ddl embed.FS\n",
				"store/ddl/tables.sql":      "CREATE TABLE c (id int);\n",
				"store/ddl/_old/tables.sql": "CREATE TABLE d (id int);\n",
				"store/all.go":              "package store\n\n//go:embed all:hidden\nvar h embed.FS\n",
				"store/hidden/_x/t.sql":     "CREATE TABLE e (id int);\n",
				// not embedded: SQL nobody embeds, SQL only a test embeds,
				// SQL of a nested module a parent's directive cannot reach
				"queries/q.sql":      "SELECT 1;\n",
				"fixtures/f_test.go": "package fixtures\n\n//go:embed rows.sql\nvar rows string\n",
				"fixtures/rows.sql":  "INSERT INTO a VALUES (1);\n",
				"embedall.go":        "package app\n\n//go:embed sub\nvar sub embed.FS\n",
				"sub/go.mod":         "module example.com/app/sub\n",
				"sub/ddl/x.sql":      "CREATE TABLE g (id int);\n",
				"lib/lib.go":         "package lib\n\n//go:embed notes.txt\nvar notes string\n",
				"lib/notes.txt":      "",
				"lib/ddl.sql":        "CREATE TABLE f (id int);\n",
				// a folder partly embedded: its embedded file alone
				"part/part.go": "package part\n\n//go:embed one.sql\nvar one string\n",
				"part/one.sql": "CREATE TABLE h (id int);\n",
				"part/two.sql": "CREATE TABLE i (id int);\n",
				// found by its name already: the folder is left to that rule
				// (extra.sql is not read: a limitation)
				"named/named.go":   "package named\n\n//go:embed schema.sql extra.sql\nvar s string\n",
				"named/schema.sql": "CREATE TABLE j (id int);\n",
				"named/extra.sql":  "CREATE TABLE k (id int);\n",
			},
			want: `declarative unknown named/schema.sql (file name)
declarative unknown part/one.sql (//go:embed in part/part.go)
migration-dir unknown sql (//go:embed in app.go)
declarative unknown store/ddl/tables.sql (//go:embed in store/db.go)
declarative unknown store/hidden/_x/t.sql (//go:embed in store/all.go)`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := findIn(t, c.files); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestFindSchemasMissingRoot(t *testing.T) {
	if _, err := FindSchemas(filepath.Join(t.TempDir(), "absent")); err == nil {
		t.Error("no error for a missing root")
	}
}

func TestParseYAML(t *testing.T) {
	src := `# sqlc
version: "2"
plugins: []
sql:
- engine: postgresql
  schema:
  - a.sql
  - "b dir/"
  queries: 'it''s.sql'
  gen:
    go: {package: db}
- schema: [x.sql, "y.sql"]
  engine: mysql # trailing comment
  rules: |
    line one
    line two
overrides:
  - db_type: "uuid#1"
`
	got := parseYAML([]byte(src))
	want := map[string]any{
		"version": "2",
		"plugins": []any{},
		"sql": []any{
			map[string]any{
				"engine":  "postgresql",
				"schema":  []any{"a.sql", "b dir/"},
				"queries": "it's.sql",
				"gen":     map[string]any{"go": "{package: db}"},
			},
			map[string]any{
				"schema": []any{"x.sql", "y.sql"},
				"engine": "mysql",
				"rules":  "line one\nline two",
			},
		},
		"overrides": []any{map[string]any{"db_type": "uuid#1"}},
	}
	if !reflect.DeepEqual(got, want) {
		gb, _ := json.MarshalIndent(got, "", "  ")
		t.Errorf("got\n%s", gb)
	}
	// JSON-compatible YAML reads the same.
	if got := parseYAML([]byte(`"version": "2"`)); !reflect.DeepEqual(got, map[string]any{"version": "2"}) {
		t.Errorf("quoted key: %v", got)
	}
}

func TestURLDialect(t *testing.T) {
	for scheme, want := range map[string]schema.Dialect{
		"postgres": schema.PostgreSQL, "postgresql": schema.PostgreSQL, "mysql": schema.MySQL,
		"maria": schema.MariaDB, "sqlite": schema.SQLite, "libsql": schema.SQLite,
		"sqlserver": schema.SQLServer, "crdb": schema.CockroachDB,
	} {
		if got, _ := urlDialect(scheme); got != want {
			t.Errorf("urlDialect(%q) = %v, want %v", scheme, got, want)
		}
	}
}
