package sqlddl

import (
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

const jobsTable = "CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n"

// TestStrayCharacters: a character glued before a statement, invisible to
// a reader (a byte order mark, a NUL, a no-break space) or a template
// action, used to make the statement unknown, and it was skipped without
// a word. Each case must yield the jobs table; the ones the database may
// refuse also get an error at the character.
func TestStrayCharacters(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		errAt     string // "" when no error is expected, else "line:col"
	}{
		{"byte order mark at the start", "\uFEFF" + jobsTable, ""},
		{"byte order mark between statements", "CREATE TABLE a (id int);\n\uFEFF" + jobsTable, "2:1"},
		{"NUL between statements", "CREATE TABLE a (id int);\x00" + jobsTable, "1:25"},
		{"no-break space between statements", "CREATE TABLE a (id int);\u00a0" + jobsTable, "1:25"},
		{"no-break space inside", "CREATE\u00a0TABLE jobs (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n", "1:7"},
		{"template action", "{{ if .Partitioned }}" + jobsTable + "{{ end }}\n", ""},
		{"template comment", "{{- /* c */ -}}" + jobsTable, ""},
		{"template after a statement", "CREATE TABLE a (id int);\n{{ template \"x\" . }}\n" + jobsTable, ""},
		{"unknown word", "frobnicate " + jobsTable, "1:1"},
		{"SQL Server IF", "IF OBJECT_ID('jobs') IS NULL " + jobsTable, ""},
		{"schema element", "CREATE SCHEMA app CREATE TABLE jobs (id bigint PRIMARY KEY, idempotency_key text UNIQUE);\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, d := range []schema.Dialect{schema.PostgreSQL, schema.MySQL, schema.SQLite, schema.SQLServer} {
				m := Parse("x.sql", []byte(tc.src), d)
				if findTable(m, "jobs") == nil {
					t.Errorf("%s: no table jobs: %q", d, summary(m))
				}
				var errs []string
				for _, e := range m.Errors {
					errs = append(errs, e.Error())
				}
				if tc.errAt == "" && len(errs) > 0 {
					t.Errorf("%s: errors %q", d, errs)
				}
				if tc.errAt != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0], "x.sql:"+tc.errAt+":")) {
					t.Errorf("%s: errors %q, want one at %s", d, errs, tc.errAt)
				}
			}
		})
	}
}

// TestSkippedStatementMentioningKey: a statement idemlint does not know
// and skips is reported when it mentions UNIQUE or a key-like column; one
// it knows to skip (an INSERT) is not.
func TestSkippedStatementMentioningKey(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want string // "" for no error
	}{
		{"@@ jobs ADD UNIQUE (idempotency_key);\n", "x.sql:1:1: statement not read: idemlint does not know statements that start with `@@`, and this one mentions `UNIQUE`"},
		{"frobnicate jobs idempotency_key;\n", "x.sql:1:1: statement not read: idemlint does not know statements that start with `frobnicate`, and this one mentions `idempotency_key`"},
		{"INSERT INTO jobs (idempotency_key) VALUES ('a');\n", ""},
		{"GRANT CREATE TABLE TO alice;\n", ""},
		{"frobnicate jobs;\n", ""},
	} {
		m := Parse("x.sql", []byte(tc.src), schema.PostgreSQL)
		var got string
		for _, e := range m.Errors {
			got += e.Error()
		}
		if got != tc.want {
			t.Errorf("%q: errors %q, want %q", tc.src, got, tc.want)
		}
		if len(m.Tables) != 0 {
			t.Errorf("%q: tables %q", tc.src, summary(m))
		}
	}
}

func findTable(m *schema.Model, name string) *schema.Table {
	for _, t := range m.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TestPsqlGo: psql's \g (and \gx, \gset, \gexec) ends a statement as ';'
// does; it used to be read as part of the statement, which then swallowed
// the next one.
func TestPsqlGo(t *testing.T) {
	for _, src := range []string{
		"CREATE TABLE a (id int) \\g\n" + jobsTable,
		"SELECT 1 \\gx\n" + jobsTable,
		"CREATE TABLE a (id int)\n\\g\n" + jobsTable,
		"SELECT now() AS t \\gset\n" + jobsTable,
	} {
		m := Parse("x.sql", []byte(src), schema.PostgreSQL)
		if findTable(m, "jobs") == nil || len(m.Errors) > 0 {
			t.Errorf("%q: %q", src, summary(m))
		}
		if strings.HasPrefix(src, "CREATE TABLE a") && findTable(m, "a") == nil {
			t.Errorf("%q: no table a: %q", src, summary(m))
		}
	}
}
