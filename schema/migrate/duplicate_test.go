package migrate

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// TestDuplicateVersions: two migrations of one version are a history the
// tools refuse (golang-migrate: "duplicate migration file", goose:
// "duplicate version"); replaying it says so, at the second file, naming
// the first. Dialect variants of one version (…_cockroach.sql) are not
// duplicates.
func TestDuplicateVersions(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string // "" for no error
	}{
		{"golang-migrate", map[string]string{
			"1_jobs.up.sql":     "CREATE TABLE jobs (id int);\n",
			"1_jobs.down.sql":   "DROP TABLE jobs;\n",
			"2_key.up.sql":      "ALTER TABLE jobs ADD COLUMN idempotency_key text UNIQUE;\n",
			"2_key_more.up.sql": "ALTER TABLE jobs ADD COLUMN other text;\n",
		}, "2_key_more.up.sql:1:1: migration version 2 is also 2_key.up.sql's: golang-migrate refuses a history with two migrations of one version"},
		{"goose", map[string]string{
			"00001_jobs.sql":  "-- +goose Up\nCREATE TABLE jobs (id int);\n",
			"00001_other.sql": "-- +goose Up\nCREATE TABLE other (id int);\n",
		}, "00001_other.sql:1:1: migration version 00001 is also 00001_jobs.sql's: goose refuses a history with two migrations of one version"},
		{"versions equal as numbers", map[string]string{
			"1_jobs.up.sql":  "CREATE TABLE jobs (id int);\n",
			"01_more.up.sql": "CREATE TABLE more (id int);\n",
		}, "migration version 01 is also 1_jobs.up.sql's"},
		{"distinct versions", map[string]string{
			"1_jobs.up.sql": "CREATE TABLE jobs (id int);\n",
			"2_more.up.sql": "CREATE TABLE more (id int);\n",
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, tc.files)
			h, err := Discover(dir)
			if err != nil {
				t.Fatal(err)
			}
			m := h.Replay(schema.PostgreSQL)
			var errs []string
			for _, e := range m.Errors {
				errs = append(errs, e.Error())
			}
			if tc.want == "" {
				if len(errs) > 0 {
					t.Errorf("errors %q", errs)
				}
				return
			}
			if len(errs) != 1 || !strings.Contains(errs[0], tc.want) {
				t.Errorf("errors %q, want one containing %q", errs, tc.want)
			}
		})
	}
}
