package prisma

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/idemlint/idemlint/schema"
)

// Views of the model with spans replaced by the text they cover, so that
// expectations are written as source text.

type tableView struct {
	Name, Namespace, ModelName string
	NameSpan                   string
	Columns                    []colView
	Uniques                    []uniqueView
}

type colView struct {
	Name, FieldName, Type, NativeType string
	Nullable                          bool
	Default                           *defaultView
	Span, NameSpan, TypeSpan          string
}

type defaultView struct {
	Expr       string
	InDatabase bool
	Span       string
}

type uniqueView struct {
	Name  string
	Kind  schema.UniqueKind
	Parts []schema.IndexPart
	Where string
	Span  string
}

func viewTables(m *schema.Model) []tableView {
	var out []tableView
	for _, t := range m.Tables {
		tv := tableView{Name: t.Name, Namespace: t.Namespace, ModelName: t.ModelName, NameSpan: t.NameSpan.Text()}
		for _, c := range t.Columns {
			cv := colView{
				Name: c.Name, FieldName: c.FieldName(), Type: c.Type, NativeType: c.NativeType(),
				Nullable: c.Nullable, Span: c.Span.Text(), NameSpan: c.NameSpan().Text(), TypeSpan: c.TypeSpan().Text(),
			}
			if d := c.Default; d != nil {
				cv.Default = &defaultView{Expr: d.Expr, InDatabase: d.InDatabase, Span: d.Span.Text()}
			}
			tv.Columns = append(tv.Columns, cv)
		}
		for _, u := range t.Uniques {
			if u.NullsNotDistinct {
				panic("Prisma has no NULLS NOT DISTINCT")
			}
			tv.Uniques = append(tv.Uniques, uniqueView{Name: u.Name, Kind: u.Kind, Parts: u.Parts, Where: u.Where, Span: u.Span.Text()})
		}
		out = append(out, tv)
	}
	return out
}

func cols(names ...string) []schema.IndexPart {
	parts := make([]schema.IndexPart, len(names))
	for i, n := range names {
		parts[i] = schema.IndexPart{Column: n}
	}
	return parts
}

func parseOK(t *testing.T, src string) *schema.Model {
	t.Helper()
	m := Parse("schema.prisma", []byte(src))
	for _, e := range m.Errors {
		t.Errorf("unexpected error: %v", e)
	}
	checkSpans(t, []byte(src), m)
	return m
}

// col builds the expected view of a plain column whose span is its whole
// definition.
func col(span, name, typ string, nullable bool) colView {
	field, _, _ := strings.Cut(span, " ")
	ts := typ
	if nullable {
		ts += "?"
	}
	return colView{Name: name, FieldName: field, Type: typ, Nullable: nullable, Span: span, NameSpan: field, TypeSpan: ts}
}

func TestTables(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []tableView
	}{
		{
			name: "columns and field attributes",
			src: `model User {
  id        String   @id @default(uuid())
  email     String?  @unique(map: "user_email_key") @db.VarChar(255)
  key       String?  @map("idempotency_key") // why
  type      Int      @default(0)
  model     Role     @default(ADMIN)
  tags      String[]
  vec       Unsupported("vector(3)")?
  posts     Post[]
  profile   Profile?
  createdAt DateTime @default(now()) @updatedAt
}

model Post {
  id       Int  @id @default(autoincrement())
  author   User @relation(fields: [authorId], references: [id])
  authorId String
}

model Profile {
  id Int @id
}

enum Role {
  ADMIN
  USER
}
`,
			want: []tableView{
				{
					Name: "User", ModelName: "User", NameSpan: "User",
					Columns: []colView{
						{Name: "id", FieldName: "id", Type: "String", Span: "id        String   @id @default(uuid())", NameSpan: "id", TypeSpan: "String",
							Default: &defaultView{Expr: "uuid()", Span: "@default(uuid())"}},
						{Name: "email", FieldName: "email", Type: "String", NativeType: "VarChar(255)", Nullable: true,
							Span: `email     String?  @unique(map: "user_email_key") @db.VarChar(255)`, NameSpan: "email", TypeSpan: "String?"},
						{Name: "idempotency_key", FieldName: "key", Type: "String", Nullable: true,
							Span: `key       String?  @map("idempotency_key")`, NameSpan: "key", TypeSpan: "String?"},
						{Name: "type", FieldName: "type", Type: "Int", Span: "type      Int      @default(0)", NameSpan: "type", TypeSpan: "Int",
							Default: &defaultView{Expr: "0", InDatabase: true, Span: "@default(0)"}},
						{Name: "model", FieldName: "model", Type: "Role", Span: "model     Role     @default(ADMIN)", NameSpan: "model", TypeSpan: "Role",
							Default: &defaultView{Expr: "ADMIN", InDatabase: true, Span: "@default(ADMIN)"}},
						{Name: "tags", FieldName: "tags", Type: "String", Span: "tags      String[]", NameSpan: "tags", TypeSpan: "String[]"},
						{Name: "vec", FieldName: "vec", Type: `Unsupported("vector(3)")`, Nullable: true,
							Span: `vec       Unsupported("vector(3)")?`, NameSpan: "vec", TypeSpan: `Unsupported("vector(3)")?`},
						{Name: "createdAt", FieldName: "createdAt", Type: "DateTime", Span: "createdAt DateTime @default(now()) @updatedAt", NameSpan: "createdAt", TypeSpan: "DateTime",
							Default: &defaultView{Expr: "now()", InDatabase: true, Span: "@default(now())"}},
					},
					Uniques: []uniqueView{
						{Kind: schema.PrimaryKey, Parts: cols("id"), Span: "@id"},
						{Name: "user_email_key", Kind: schema.UniqueConstraint, Parts: cols("email"), Span: `@unique(map: "user_email_key")`},
					},
				},
				{
					Name: "Post", ModelName: "Post", NameSpan: "Post",
					Columns: []colView{
						{Name: "id", FieldName: "id", Type: "Int", Span: "id       Int  @id @default(autoincrement())", NameSpan: "id", TypeSpan: "Int",
							Default: &defaultView{Expr: "autoincrement()", InDatabase: true, Span: "@default(autoincrement())"}},
						col("authorId String", "authorId", "String", false),
					},
					Uniques: []uniqueView{{Kind: schema.PrimaryKey, Parts: cols("id"), Span: "@id"}},
				},
				{
					Name: "Profile", ModelName: "Profile", NameSpan: "Profile",
					Columns: []colView{{Name: "id", FieldName: "id", Type: "Int", Span: "id Int @id", NameSpan: "id", TypeSpan: "Int"}},
					Uniques: []uniqueView{{Kind: schema.PrimaryKey, Parts: cols("id"), Span: "@id"}},
				},
			},
		},
		{
			name: "block attributes resolve physical names, even before the fields",
			src: `model TaskRun {
  @@unique([envId, taskId(sort: Desc), key(length: 10)], name: "run_key")
  @@id(fields: [a, b], map: "pk_run", name: "ignored")
  @@index([key])
  @@fulltext([key])
  @@map("task_runs")
  @@schema("jobs")
  a     Int
  b     Int
  envId String @map("env_id")
  taskId String
  key   String? @map("idem_key")
}
`,
			want: []tableView{{
				Name: "task_runs", Namespace: "jobs", ModelName: "TaskRun", NameSpan: "TaskRun",
				Columns: []colView{
					{Name: "a", FieldName: "a", Type: "Int", Span: "a     Int", NameSpan: "a", TypeSpan: "Int"},
					{Name: "b", FieldName: "b", Type: "Int", Span: "b     Int", NameSpan: "b", TypeSpan: "Int"},
					{Name: "env_id", FieldName: "envId", Type: "String", Span: `envId String @map("env_id")`, NameSpan: "envId", TypeSpan: "String"},
					{Name: "taskId", FieldName: "taskId", Type: "String", Span: "taskId String", NameSpan: "taskId", TypeSpan: "String"},
					{Name: "idem_key", FieldName: "key", Type: "String", Nullable: true, Span: `key   String? @map("idem_key")`, NameSpan: "key", TypeSpan: "String?"},
				},
				Uniques: []uniqueView{
					{Name: "run_key", Kind: schema.UniqueConstraint, Parts: cols("env_id", "taskId", "idem_key"),
						Span: `@@unique([envId, taskId(sort: Desc), key(length: 10)], name: "run_key")`},
					{Name: "pk_run", Kind: schema.PrimaryKey, Parts: cols("a", "b"), Span: `@@id(fields: [a, b], map: "pk_run", name: "ignored")`},
				},
			}},
		},
		{
			name: "views and composite types are not tables",
			src: `type Address {
  street String
  zip    String? @unique
}

view UserInfo {
  id    Int    @unique
  email String
}

model Customer {
  id      String  @id @default(auto()) @map("_id") @db.ObjectId
  address Address?
  info    UserInfo?
}
`,
			want: []tableView{{
				Name: "Customer", ModelName: "Customer", NameSpan: "Customer",
				Columns: []colView{
					{Name: "_id", FieldName: "id", Type: "String", NativeType: "ObjectId",
						Span: `id      String  @id @default(auto()) @map("_id") @db.ObjectId`, NameSpan: "id", TypeSpan: "String",
						Default: &defaultView{Expr: "auto()", InDatabase: true, Span: "@default(auto())"}},
					{Name: "address", FieldName: "address", Type: "Address", Nullable: true, Span: "address Address?", NameSpan: "address", TypeSpan: "Address?"},
				},
				Uniques: []uniqueView{{Kind: schema.PrimaryKey, Parts: cols("_id"), Span: "@id"}},
			}},
		},
		{
			name: "BOM, CRLF, odd spacing and comments everywhere",
			src:  "\ufeff// head\r\nmodel  A  {  // open\r\n\tid\tInt\t@id // trailing\r\n  k String?   @unique( map : \"k_u\" )\r\n  @@unique( [ id ,\r\n   k ] , // mid\r\n  name: \"x\" )\r\n}\r\n",
			want: []tableView{{
				Name: "A", ModelName: "A", NameSpan: "A",
				Columns: []colView{
					{Name: "id", FieldName: "id", Type: "Int", Span: "id\tInt\t@id", NameSpan: "id", TypeSpan: "Int"},
					{Name: "k", FieldName: "k", Type: "String", Nullable: true, Span: "k String?   @unique( map : \"k_u\" )", NameSpan: "k", TypeSpan: "String?"},
				},
				Uniques: []uniqueView{
					{Kind: schema.PrimaryKey, Parts: cols("id"), Span: "@id"},
					{Name: "k_u", Kind: schema.UniqueConstraint, Parts: cols("k"), Span: "@unique( map : \"k_u\" )"},
					{Name: "x", Kind: schema.UniqueConstraint, Parts: cols("id", "k"), Span: "@@unique( [ id ,\r\n   k ] , // mid\r\n  name: \"x\" )"},
				},
			}},
		},
		{
			name: "string escapes in names and defaults",
			src: `model Q {
  a String @map("we\"ird\\name") @default("a\"b\\c\n\u00e9")
  @@map("t\u00e9")
}
`,
			want: []tableView{{
				Name: "té", ModelName: "Q", NameSpan: "Q",
				Columns: []colView{{
					Name: `we"ird\name`, FieldName: "a", Type: "String",
					Span: `a String @map("we\"ird\\name") @default("a\"b\\c\n\u00e9")`, NameSpan: "a", TypeSpan: "String",
					Default: &defaultView{Expr: `"a\"b\\c\n\u00e9"`, InDatabase: true, Span: `@default("a\"b\\c\n\u00e9")`},
				}},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := parseOK(t, tt.src)
			if diff := cmp.Diff(tt.want, viewTables(m), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("tables (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	tests := []struct {
		def  string
		inDB bool
	}{
		{`uuid()`, false},
		{`uuid(4)`, false},
		{`uuid(7)`, false},
		{`cuid()`, false},
		{`cuid(2)`, false},
		{`nanoid()`, false},
		{`nanoid(16)`, false},
		{`ulid()`, false},
		{`dbgenerated("gen_random_uuid()")`, true},
		{`dbgenerated()`, true},
		{`autoincrement()`, true},
		{`sequence(maxValue: 100)`, true},
		{`now()`, true},
		{`auto()`, true},
		{`"x"`, true},
		{`42`, true},
		{`-1.5`, true},
		{`true`, true},
		{`ACTIVE`, true},
		{`[]`, true},
		{`[1, 2]`, true},
		{`"x", map: "df_x"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.def, func(t *testing.T) {
			src := "model A {\n  a String @default(" + tt.def + ")\n}\n"
			m := parseOK(t, src)
			c := m.Tables[0].Columns[0]
			want, _, _ := strings.Cut(tt.def, ", map:")
			if c.Default == nil || c.Default.Expr != want || c.Default.InDatabase != tt.inDB {
				t.Errorf("default = %+v, want {Expr: %s, InDatabase: %v}", c.Default, want, tt.inDB)
			}
		})
	}
	m := parseOK(t, "model A {\n  a DateTime @updatedAt\n}\n")
	if d := m.Tables[0].Columns[0].Default; d != nil {
		t.Errorf("@updatedAt gave default %+v", d)
	}
}

func TestPartialIndexes(t *testing.T) {
	tests := []struct {
		where string
		want  string
	}{
		{`raw("\"b\" IS NOT NULL")`, `"b" IS NOT NULL`},
		{`{ b: { not: null } }`, `b_col IS NOT NULL`},
		{`{ b: null }`, `b_col IS NULL`},
		{`{ b: "x" }`, `b_col = 'x'`},
		{`{ b: "it's" }`, `b_col = 'it''s'`},
		{`{b: {not: "x"}}`, `b_col <> 'x'`},
		{`{ a: 3, b: { not: null }, c: true }`, `a = 3 AND b_col IS NOT NULL AND c = true`},
		{`{ c: { not: false } }`, `c <> false`},
		{`{ a: { gt: 1, lte: 9 } }`, `a > 1 AND a <= 9`},
		{`{ c: { equals: true } }`, `c = true`},
		{`{ s: ACTIVE }`, `s = 'ACTIVE'`},
		{`{ a: { weird: 1 } }`, `{ a: { weird: 1 } }`},
	}
	for _, tt := range tests {
		t.Run(tt.where, func(t *testing.T) {
			src := "model A {\n  a Int\n  b String? @map(\"b_col\")\n  c Boolean\n  s Status\n  @@unique([a, b], where: " + tt.where + ")\n}\n"
			m := parseOK(t, src)
			u := m.Tables[0].Uniques[0]
			if u.Where != tt.want {
				t.Errorf("Where = %q, want %q", u.Where, tt.want)
			}
			if diff := cmp.Diff(cols("a", "b_col"), u.Parts); diff != "" {
				t.Errorf("parts (-want +got):\n%s", diff)
			}
		})
	}
	m := parseOK(t, "model A {\n  k String? @unique(where: { k: { not: null } })\n}\n")
	if got := m.Tables[0].Uniques[0].Where; got != "k IS NOT NULL" {
		t.Errorf("field @unique where = %q", got)
	}
}

func TestDialect(t *testing.T) {
	for provider, want := range map[string]schema.Dialect{
		"postgresql":  schema.PostgreSQL,
		"postgres":    schema.PostgreSQL,
		"mysql":       schema.MySQL,
		"sqlite":      schema.SQLite,
		"sqlserver":   schema.SQLServer,
		"cockroachdb": schema.CockroachDB,
		"mongodb":     schema.MongoDB,
		"unheard-of":  schema.DialectUnknown,
	} {
		src := "generator client {\n  provider = \"prisma-client-js\"\n  previewFeatures = [\"multiSchema\", \"partialIndexes\"]\n}\n\ndatasource db {\n  provider = \"" + provider + "\"\n  url      = env(\"DATABASE_URL\")\n  schemas  = [\"public\", \"auth\"]\n}\n"
		m := parseOK(t, src)
		if m.Dialect != want {
			t.Errorf("provider %q: dialect %v, want %v", provider, m.Dialect, want)
		}
		if got := m.DialectSpan.Text(); got != `"`+provider+`"` {
			t.Errorf("provider %q: dialect span %q", provider, got)
		}
	}
	if m := parseOK(t, "model A {\n  id Int @id\n}\n"); m.Dialect != schema.DialectUnknown || m.DialectSpan.IsValid() {
		t.Errorf("no datasource: dialect %v, span %v", m.Dialect, m.DialectSpan)
	}
}

func TestComments(t *testing.T) {
	src := "// top\n/// doc for A\nmodel A { // open\n  /// idemlint:key\n  k String? //trailing\r\n  /* block\n   comment */ id Int @id\n}\n//\n// last"
	m := parseOK(t, src)
	f := m.Files[0]
	type cv struct{ Span, Text string }
	var got []cv
	for _, c := range f.Comments {
		got = append(got, cv{c.Span.Text(), c.Text})
	}
	want := []cv{
		{"// top", "top"},
		{"/// doc for A", "doc for A"},
		{"// open", "open"},
		{"/// idemlint:key", "idemlint:key"},
		{"//trailing", "trailing"},
		{"/* block\n   comment */", "block\n   comment"},
		{"//", ""},
		{"// last", "last"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("comments (-want +got):\n%s", diff)
	}
	k := m.Tables[0].Column("k")
	if ok, why := (schema.KeyMatcher{}).IsKey(m.Tables[0], k); !ok {
		t.Errorf("/// idemlint:key above k not seen (%s)", why)
	}
}

func TestParseFiles(t *testing.T) {
	files := []*schema.File{
		schema.NewFile("schema/user.prisma", []byte("model User {\n  id    String @id\n  posts Post[]\n  role  Role\n}\n")),
		schema.NewFile("schema/post.prisma", []byte("model Post {\n  id     String  @id\n  user   User    @relation(fields: [userId], references: [id])\n  userId String\n  key    String?\n  @@unique([userId, key])\n}\n")),
		schema.NewFile("schema/schema.prisma", []byte("datasource db {\n  provider = \"mysql\"\n  url = env(\"DATABASE_URL\")\n  relationMode = \"prisma\"\n}\nenum Role {\n  A\n}\n")),
	}
	m := ParseFiles(files)
	for _, e := range m.Errors {
		t.Errorf("unexpected error: %v", e)
	}
	if m.Dialect != schema.MySQL || m.DialectSpan.File != files[2] {
		t.Errorf("dialect %v from %v", m.Dialect, m.DialectSpan)
	}
	var names []string
	for _, tb := range m.Tables {
		names = append(names, tb.Name)
		for _, c := range tb.Columns {
			names = append(names, "  "+c.Name)
		}
	}
	want := []string{"User", "  id", "  role", "Post", "  id", "  userId", "  key"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
	if got := m.Table("Post").Columns[2].Span.File; got != files[1] {
		t.Errorf("column span file = %v", got)
	}
	for _, f := range files {
		if _, ok := f.Syntax.(Syntax); !ok {
			t.Errorf("%s: Syntax = %T", f.Path, f.Syntax)
		}
	}

	// Two datasources and a model defined twice are errors.
	m = ParseFiles([]*schema.File{
		schema.NewFile("a.prisma", []byte("datasource a {\n  provider = \"mysql\"\n}\nmodel X {\n  id Int @id\n}\n")),
		schema.NewFile("b.prisma", []byte("datasource b {\n  provider = \"sqlite\"\n}\nmodel X {\n  id Int @id\n}\n")),
	})
	var msgs []string
	for _, e := range m.Errors {
		msgs = append(msgs, e.Error())
	}
	wantMsgs := []string{
		`b.prisma:1:1: more than one datasource: "a" is already declared at a.prisma:1:1`,
		`b.prisma:4:7: model "X" is already defined as a model`,
	}
	if diff := cmp.Diff(wantMsgs, msgs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if m.Dialect != schema.MySQL {
		t.Errorf("dialect = %v, want the first datasource's", m.Dialect)
	}
}

func TestLoadDir(t *testing.T) {
	m, err := LoadDir("../../testdata/prisma/multi")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.Errors {
		t.Errorf("unexpected error: %v", e)
	}
	var paths []string
	for _, f := range m.Files {
		paths = append(paths, strings.TrimPrefix(f.Path, "../../testdata/prisma/multi/"))
	}
	if diff := cmp.Diff([]string{"a_models/job.prisma", "a_models/nested/run.prisma", "schema.prisma"}, paths); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if m.Dialect != schema.PostgreSQL {
		t.Errorf("dialect = %v", m.Dialect)
	}
	run := m.Table("runs")
	if run == nil || run.Column("idempotency_key") == nil || len(run.Uniques) != 2 {
		t.Fatalf("table runs = %+v", run)
	}
	if got := run.Uniques[1].Columns(); !cmp.Equal(got, []string{"job_id", "idempotency_key"}) {
		t.Errorf("unique = %v", got)
	}
	if _, err := LoadDir("../../testdata/prisma/does-not-exist"); err == nil {
		t.Error("LoadDir of a missing folder: no error")
	}
}

// TestDuplicateFields: Prisma rejects a field (or enum value) defined twice
// in one block; the error is at the second, and the model keeps the first.
func TestDuplicateFields(t *testing.T) {
	tests := []struct {
		src      string
		wantErrs []string
		wantCols []string // of table A
	}{
		{"model A{A String@default(A())\nA String?}", []string{`f.prisma:2:1: field "A" is already defined in model "A" at f.prisma:1:9`}, []string{"A"}},
		{"model A {\n  id Int @id\n  k  String\n  k  String? @unique\n  K  String?\n}\n", []string{`f.prisma:4:3: field "k" is already defined in model "A" at f.prisma:3:3`}, []string{"id", "k", "K"}},
		{"enum E {\n  X\n  X\n}\nmodel A {\n  id Int @id\n  e E\n}\n", []string{`f.prisma:3:3: value "X" is already defined in enum "E" at f.prisma:2:3`}, []string{"id", "e"}},
		{"type T {\n  a Int\n  a Int\n}\nmodel A {\n  id Int @id\n}\n", []string{`f.prisma:3:3: field "a" is already defined in type "T" at f.prisma:2:3`}, []string{"id"}},
		{"model A {\n  id Int @id\n  a  Int @map(\"b\")\n  b2 Int\n}\n", nil, []string{"id", "b", "b2"}},
	}
	for _, tt := range tests {
		m := Parse("f.prisma", []byte(tt.src))
		var errs []string
		for _, e := range m.Errors {
			errs = append(errs, e.Error())
		}
		if diff := cmp.Diff(tt.wantErrs, errs); diff != "" {
			t.Errorf("%q: errors (-want +got):\n%s", tt.src, diff)
		}
		var cols []string
		if a := m.Table("A"); a != nil {
			for _, c := range a.Columns {
				cols = append(cols, c.Name)
			}
		}
		if diff := cmp.Diff(tt.wantCols, cols); diff != "" {
			t.Errorf("%q: columns (-want +got):\n%s", tt.src, diff)
		}
	}
}
