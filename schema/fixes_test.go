package schema

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRequireFixes(t *testing.T) {
	const noDefaultMsg = "Make idempotency_key NOT NULL with no default"
	cases := []struct {
		name    string
		dialect Dialect
		col     string // the key's column line after "col idempotency_key "
		calls   []fakeCall
		msgs    [][]string // substrings of each fix's message
	}{
		{name: "postgresql varchar(64)", dialect: PostgreSQL, col: "varchar(64) null",
			calls: []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}},
			msgs: [][]string{
				{"Make idempotency_key NOT NULL with database default gen_random_uuid()", "backfill existing NULL rows first",
					"a random default fills only the inserts that leave the column out (one that sends NULL fails instead) and does not dedupe a client's retries"},
				{noDefaultMsg, "backfill existing NULL rows first", "the client's key or one derived from the request, which is what dedupes retries"},
			}},
		{name: "cockroachdb text", dialect: CockroachDB, col: "text null",
			calls: []fakeCall{{"idempotency_key", "gen_random_uuid()::STRING"}, {"idempotency_key", ""}}},
		{name: "cockroachdb uuid", dialect: CockroachDB, col: "uuid null",
			calls: []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}}},
		{name: "postgresql uuid", dialect: PostgreSQL, col: "uuid null",
			calls: []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}}},
		{name: "postgresql char(36)", dialect: PostgreSQL, col: "char(36) null",
			calls: []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}}},
		{name: "postgresql varchar(16) is too short", dialect: PostgreSQL, col: "varchar(16) null",
			calls: []fakeCall{{"idempotency_key", ""}}, msgs: [][]string{{noDefaultMsg}}},
		{name: "postgresql char(32) is too short", dialect: PostgreSQL, col: "char(32) null",
			calls: []fakeCall{{"idempotency_key", ""}}},
		{name: "postgresql integer", dialect: PostgreSQL, col: "bigint null",
			calls: []fakeCall{{"idempotency_key", ""}}},
		{name: "postgresql bytea", dialect: PostgreSQL, col: "bytea null",
			calls: []fakeCall{{"idempotency_key", ""}}},
		{name: "prisma String", dialect: PostgreSQL, col: "String? null",
			calls: []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}}},
		{name: "prisma String @db.VarChar(16)", dialect: PostgreSQL, col: "String? null native VarChar(16)",
			calls: []fakeCall{{"idempotency_key", ""}}},
		{name: "prisma String @db.Uuid", dialect: PostgreSQL, col: "String? null native Uuid",
			calls: []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}}},
		{name: "mysql", dialect: MySQL, col: "varchar(64) null",
			calls: []fakeCall{{"idempotency_key", "(uuid())"}, {"idempotency_key", ""}},
			msgs:  [][]string{{"with database default (uuid())", "does not dedupe"}, {noDefaultMsg}}},
		{name: "mariadb", dialect: MariaDB, col: "char(36) null",
			calls: []fakeCall{{"idempotency_key", "(uuid())"}, {"idempotency_key", ""}}},
		{name: "mysql varchar(32) is too short", dialect: MySQL, col: "varchar(32) null",
			calls: []fakeCall{{"idempotency_key", ""}}},
		{name: "sqlite", dialect: SQLite, col: "text null",
			calls: []fakeCall{{"idempotency_key", "(lower(hex(randomblob(16))))"}, {"idempotency_key", ""}},
			msgs:  [][]string{{"with database default (lower(hex(randomblob(16))))", "does not dedupe"}, {noDefaultMsg}}},
		{name: "sqlite varchar(32) fits 32 hex digits", dialect: SQLite, col: "varchar(32) null",
			calls: []fakeCall{{"idempotency_key", "(lower(hex(randomblob(16))))"}, {"idempotency_key", ""}}},
		{name: "sqlite integer", dialect: SQLite, col: "integer null",
			calls: []fakeCall{{"idempotency_key", ""}}},
		{name: "sqlserver", dialect: SQLServer, col: "nvarchar(64) null",
			calls: []fakeCall{{"idempotency_key", "newid()"}, {"idempotency_key", ""}}},
		{name: "oracle has no random default", dialect: Oracle, col: "varchar2(64) null",
			calls: []fakeCall{{"idempotency_key", ""}}},
		{name: "unknown has no random default", dialect: DialectUnknown, col: "text null",
			calls: []fakeCall{{"idempotency_key", ""}}},
		{name: "database default kept", dialect: PostgreSQL, col: "text null default md5(random()::text)",
			calls: []fakeCall{{"idempotency_key", ""}},
			msgs:  [][]string{{"Make idempotency_key NOT NULL, keeping its default md5(random()::text)", "backfill"}}},
		{name: "client-only default", dialect: PostgreSQL, col: "String? null clientdefault uuid()",
			calls: []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}},
			msgs:  [][]string{{"gen_random_uuid()"}, {"keeping its default uuid()"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := parseTestSchema(t, tc.dialect, "table t\n  col idempotency_key "+tc.col+"\n")
			syn := &fakeSyntax{}
			m.Files[0].Syntax = syn
			key := m.Tables[0].Column("idempotency_key")
			fixes, notes := requireFixes(m, key, "")
			if notes != nil {
				t.Errorf("notes: %+v", notes)
			}
			if diff := cmp.Diff(tc.calls, syn.calls); diff != "" {
				t.Errorf("RequireColumn calls (-want +got):\n%s", diff)
			}
			if len(fixes) != len(tc.calls) {
				t.Fatalf("%d fixes, want %d", len(fixes), len(tc.calls))
			}
			for i, f := range fixes {
				if len(f.Edits) != 1 || f.Edits[0].File != m.Files[0] || f.Edits[0].Start != key.TypeSpan().End {
					t.Errorf("fix %d: edits %+v do not come from the Syntax", i, f.Edits)
				}
				if i < len(tc.msgs) {
					for _, sub := range tc.msgs[i] {
						if !strings.Contains(f.Message, sub) {
							t.Errorf("fix %d: message %q does not contain %q", i, f.Message, sub)
						}
					}
				}
			}
		})
	}
}

func TestRequireFixesWithoutSyntax(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, "table t\n  col idempotency_key text null\n  unique (idempotency_key)\n")
	if fixes, _ := requireFixes(m, m.Tables[0].Columns[0], ""); fixes != nil {
		t.Errorf("fixes without a Syntax: %+v", fixes)
	}
	// The finding is still reported, without fixes.
	got := summarize(Check(m, Options{}))
	want := []summary{{Code: "IDEM101", Line: 2, Column: "idempotency_key", Related: 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	// A column whose span has no file offers no fix either.
	if fixes, _ := requireFixes(m, &Column{Name: "k", Type: "text", Nullable: true}, ""); fixes != nil {
		t.Errorf("fixes for a column without a file: %+v", fixes)
	}
}

func TestRequireFixesSyntaxError(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, "table t\n  col idempotency_key text null\n")
	m.Files[0].Syntax = &fakeSyntax{err: errors.New("cannot spell it")}
	if fixes, notes := requireFixes(m, m.Tables[0].Columns[0], ""); len(fixes) != 0 || len(notes) != 0 {
		t.Errorf("fixes from a failing Syntax: %+v, notes %+v", fixes, notes)
	}
	m.Files[0].Syntax = emptySyntax{}
	if fixes, notes := requireFixes(m, m.Tables[0].Columns[0], ""); len(fixes) != 0 || len(notes) != 0 {
		t.Errorf("fixes without edits: %+v, notes %+v", fixes, notes)
	}
}

type emptySyntax struct{}

func (emptySyntax) RequireColumn(*Column, string) ([]Edit, error) { return nil, nil }

func TestTypeLength(t *testing.T) {
	cases := []struct {
		typ string
		n   int
		ok  bool
	}{
		{"varchar(64)", 64, true},
		{"string varchar( 16 )", 16, true},
		{"varchar(max)", 0, false},
		{"text", 0, false},
		{"numeric(10,2)", 0, false},
		{")(", 0, false},
	}
	for _, tc := range cases {
		n, ok := typeLength(tc.typ)
		if n != tc.n || ok != tc.ok {
			t.Errorf("typeLength(%q) = %d, %v, want %d, %v", tc.typ, n, ok, tc.n, tc.ok)
		}
	}
}

// migrationSyntax refuses in-place edits, as a file of a migration history
// does, and answers with the next migration.
type migrationSyntax struct {
	migErr error
	calls  []fakeCall
}

func (s *migrationSyntax) RequireColumn(c *Column, dbDefault string) ([]Edit, error) {
	return nil, errors.New("migration may have run")
}

func (s *migrationSyntax) RequireColumnMigration(c *Column, dbDefault string) ([]CreateFile, string, error) {
	s.calls = append(s.calls, fakeCall{c.Name, dbDefault})
	if s.migErr != nil {
		return nil, "", s.migErr
	}
	sql := "-- idemlint: make " + c.Name + " required\nUPDATE t SET " + c.Name + " = gen_random_uuid() WHERE " + c.Name + " IS NULL;\n\nALTER TABLE t ALTER COLUMN " + c.Name + " SET NOT NULL;\n"
	return []CreateFile{{Path: "migrations/0002_require_key.sql", Content: []byte(sql)}}, sql, nil
}

func TestRequireFixesMigration(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, "table t\n  col idempotency_key text null\n  unique (idempotency_key)\n")
	key := m.Tables[0].Columns[0]
	syn := &migrationSyntax{}
	m.Files[0].Syntax = syn
	fixes, notes := requireFixes(m, key, "")
	if len(notes) != 0 {
		t.Errorf("notes: %+v", notes)
	}
	if diff := cmp.Diff([]fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}}, syn.calls); diff != "" {
		t.Errorf("RequireColumnMigration calls (-want +got):\n%s", diff)
	}
	if len(fixes) != 2 {
		t.Fatalf("%d fixes, want 2", len(fixes))
	}
	for i, f := range fixes {
		if len(f.Edits) != 0 || len(f.Creates) != 1 || f.Creates[0].Path != "migrations/0002_require_key.sql" {
			t.Errorf("fix %d: edits %+v creates %+v", i, f.Edits, f.Creates)
		}
		want := ", in a new migration migrations/0002_require_key.sql: UPDATE t SET idempotency_key = gen_random_uuid() WHERE idempotency_key IS NULL; ALTER TABLE t ALTER COLUMN idempotency_key SET NOT NULL;"
		if !strings.HasSuffix(f.Message, want) {
			t.Errorf("fix %d: message %q does not end with %q", i, f.Message, want)
		}
	}
	if !strings.Contains(fixes[0].Message, "does not dedupe a client's retries") {
		t.Errorf("fix 0 loses the note on random defaults: %q", fixes[0].Message)
	}

	// A migration the syntax cannot write becomes one note, not a fix.
	syn = &migrationSyntax{migErr: errors.New("SQLite cannot alter a column's nullability; rebuild the table")}
	m.Files[0].Syntax = syn
	fixes, notes = requireFixes(m, key, "")
	if len(fixes) != 0 || len(notes) != 1 || notes[0].Message != syn.migErr.Error() || notes[0].Span != key.Span {
		t.Errorf("fixes %+v, notes %+v", fixes, notes)
	}
	got := Check(m, Options{})
	if len(got) != 1 || len(got[0].Fixes) != 0 || len(got[0].Related) != 2 || got[0].Related[1].Message != syn.migErr.Error() {
		t.Errorf("finding with a failing migration:\n%s", messages(got))
	}
}

func TestIDEM101RelatedProvenance(t *testing.T) {
	m := parseTestSchema(t, PostgreSQL, "table t\n  col idempotency_key text null\n  unique (idempotency_key)\n")
	mig := NewFile("migrations/0003.sql", []byte("ALTER TABLE t ALTER COLUMN idempotency_key DROP NOT NULL;\n"))
	def := NewFile("migrations/0001.sql", []byte("CREATE TABLE t (idempotency_key text NOT NULL);\n"))
	key := m.Tables[0].Columns[0]
	key.SetNullSpan(mig.Span(0, len(mig.Src)-1))
	key.SetDefinedBy(def.Span(0, len(def.Src)-1))
	got := Check(m, Options{})
	if len(got) != 1 {
		t.Fatalf("findings:\n%s", messages(got))
	}
	var rel []string
	for _, r := range got[0].Related {
		rel = append(rel, r.Span.String()+" "+r.Message)
	}
	want := []string{
		"test.schema:3:3 unique constraint (idempotency_key) lets rows with a NULL idempotency_key repeat",
		"migrations/0003.sql:1:1 idempotency_key was made nullable here",
		"migrations/0001.sql:1:1 idempotency_key is created here",
	}
	if diff := cmp.Diff(want, rel); diff != "" {
		t.Errorf("related (-want +got):\n%s", diff)
	}
}

// TestRequireFixesUpsertTarget: a key whose NULL-repeating rules are the
// targets of upserts the code sends gets only the NOT NULL fix, saying
// why a random default would not help; the same key with no upsert on
// that rule (or an upsert on another rule) keeps both fixes.
func TestRequireFixesUpsertTarget(t *testing.T) {
	const src = "table t\n  col account text\n  col idempotency_key text null\n  col other text\n  unique t_account_key (account, idempotency_key)\n  unique (other, idempotency_key)\n"
	cases := []struct {
		name      string
		conflicts []ConflictTarget
		calls     []fakeCall
		upsertMsg bool
	}{
		{name: "upserts on both rules' columns", upsertMsg: true,
			conflicts: []ConflictTarget{{Table: "t", Columns: []string{"idempotency_key", "account"}, At: "store.go:12"},
				{Table: "t", Columns: []string{"other", "idempotency_key"}, At: "store.go:30"}},
			calls: []fakeCall{{"idempotency_key", ""}}},
		{name: "upserts on a constraint and columns", upsertMsg: true,
			conflicts: []ConflictTarget{{Table: "t", Constraint: "t_account_key", At: "store.go:12"},
				{Columns: []string{"idempotency_key", "other"}, At: "store.go:30"}},
			calls: []fakeCall{{"idempotency_key", ""}}},
		{name: "an upsert on one of the two rules",
			conflicts: []ConflictTarget{{Table: "t", Constraint: "t_account_key", At: "store.go:12"}},
			calls:     []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}}},
		{name: "no upsert",
			calls: []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}}},
		{name: "upsert on another table",
			conflicts: []ConflictTarget{{Table: "u", Columns: []string{"account", "idempotency_key"}, At: "store.go:12"}},
			calls:     []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}}},
		{name: "upsert on a rule with another column",
			conflicts: []ConflictTarget{{Table: "t", Columns: []string{"account"}, At: "store.go:12"}},
			calls:     []fakeCall{{"idempotency_key", "gen_random_uuid()"}, {"idempotency_key", ""}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := parseTestSchema(t, PostgreSQL, src)
			syn := &fakeSyntax{}
			m.Files[0].Syntax = syn
			var f *Finding
			fs := Check(m, Options{Keys: KeyMatcher{Conflicts: tc.conflicts}})
			for i := range fs {
				if fs[i].Code == "IDEM101" && fs[i].Column.Name == "idempotency_key" {
					f = &fs[i]
				}
			}
			if f == nil {
				t.Fatalf("no IDEM101 in %+v", fs)
			}
			if diff := cmp.Diff(tc.calls, syn.calls); diff != "" {
				t.Errorf("RequireColumn calls (-want +got):\n%s", diff)
			}
			last := f.Fixes[len(f.Fixes)-1].Message
			if got := strings.Contains(last, "a random default would not help: the upsert at store.go:12"); got != tc.upsertMsg {
				t.Errorf("NOT NULL fix %q: says the upsert %v, want %v", last, got, tc.upsertMsg)
			}
		})
	}
}

// TestGroupedKeysFix: the columns of an upsert target that are keys only
// by that use are one finding, whose fix makes them all NOT NULL when each
// column's fix is an edit in place, and makes the first one so (saying
// the others need the same) when each would add a migration of its own.
func TestGroupedKeysFix(t *testing.T) {
	const src = "table t\n  col id bigserial\n  col subject text null\n  col object text null\n  pk (id)\n  unique t_rel (subject, object)\n"
	km := KeyMatcher{Conflicts: []ConflictTarget{{Table: "t", Columns: []string{"subject", "object"}, At: "store.go:12"}}}

	m := parseTestSchema(t, PostgreSQL, src)
	m.Files[0].Syntax = &fakeSyntax{}
	fs := Check(m, Options{Keys: km})
	if len(fs) != 1 || len(fs[0].Fixes) != 1 {
		t.Fatalf("in place: findings %v, want one with one fix", summarize(fs))
	}
	fx := fs[0].Fixes[0]
	if !strings.HasPrefix(fx.Message, "Make subject and object NOT NULL with no default") || len(fx.Edits) != 2 {
		t.Errorf("in place: fix %q with %d edits, want both columns", fx.Message, len(fx.Edits))
	}

	m = parseTestSchema(t, PostgreSQL, src)
	m.Files[0].Syntax = &migrationSyntax{}
	fs = Check(m, Options{Keys: km})
	if len(fs) != 1 || len(fs[0].Fixes) != 1 || len(fs[0].Fixes[0].Creates) != 1 || !strings.Contains(fs[0].Fixes[0].Message, "Make subject NOT NULL") {
		t.Fatalf("migration: findings %v, want one with subject's fix", summarize(fs))
	}
	last := fs[0].Related[len(fs[0].Related)-1]
	if last.Message != "the fix offered makes subject NOT NULL alone (each column's fix adds a migration of its own); object needs the same" {
		t.Errorf("migration: last related %q", last.Message)
	}
}
