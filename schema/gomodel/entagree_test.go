package gomodel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
)

// TestEntAgreesWithGenerated reads real ent projects twice: their
// ent/schema package, as idemlint reads it, and the ent/migrate/schema.go
// ent generated from it, which is what ent's migration creates. The two
// must agree on every table's nullability and unique rules.
//
// The projects are folders holding ent/schema and ent/migrate/schema.go,
// listed in IDEMLINT_ENT_PROJECTS (separated by the OS list separator),
// for instance a checkout of github.com/flexprice/flexprice.
func TestEntAgreesWithGenerated(t *testing.T) {
	list := os.Getenv("IDEMLINT_ENT_PROJECTS")
	if list == "" {
		t.Skip("IDEMLINT_ENT_PROJECTS is not set: no real ent project to compare with its generated migrate/schema.go")
	}
	for _, root := range filepath.SplitList(list) {
		t.Run(filepath.Base(root), func(t *testing.T) {
			gen, err := os.ReadFile(filepath.Join(root, "ent", "migrate", "schema.go"))
			if err != nil {
				t.Fatal(err)
			}
			oracle := ReadEntMigrate(schema.NewFile("ent/migrate/schema.go", gen), schema.PostgreSQL)
			var models []*schema.Model
			for _, m := range readDir(t, filepath.Join(root, "ent", "schema")) {
				if len(m.Tables) > 0 {
					models = append(models, m)
				}
				for _, e := range m.Errors {
					t.Errorf("read error: %v", e)
				}
			}
			if len(models) != 1 {
				t.Fatalf("%d models from ent/schema, want 1", len(models))
			}
			got, want := summary(models[0]), summary(oracle)
			for name, lines := range want {
				if isJoinTable(lines) && got[name] == nil {
					delete(want, name) // an M2M edge's join table
				}
			}
			stripDefaults(got)
			stripDefaults(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ent/schema as read (+) against ent/migrate/schema.go (-):\n%s", diff)
			}
			t.Logf("%d tables agree", len(got))
		})
	}
}

// isJoinTable: two columns making up the primary key, nothing else.
func isJoinTable(lines []string) bool {
	return len(lines) == 3 && strings.HasPrefix(lines[2], "primary key (") && strings.Count(lines[2], ",") == 1
}

// stripDefaults drops default expressions, which the generated file
// spells evaluated ("published") and the schema as Go (string(types.X)):
// only whether a column has a database default is compared.
func stripDefaults(s map[string][]string) {
	for _, lines := range s {
		for i, l := range lines {
			if j := strings.Index(l, " default "); j >= 0 {
				if strings.HasSuffix(l, " (client)") {
					lines[i] = l[:j]
				} else {
					lines[i] = l[:j] + " default"
				}
			}
		}
	}
}
