package prisma

import (
	"slices"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// apply applies edits to src, latest first so offsets stay valid.
func apply(t *testing.T, src []byte, edits []schema.Edit) string {
	t.Helper()
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b schema.Edit) int { return b.Start - a.Start })
	out := string(src)
	for i, e := range edits {
		if e.Start > e.End || e.End > len(out) || i > 0 && e.End > edits[i-1].Start {
			t.Fatalf("bad edit %+v", e)
		}
		out = out[:e.Start] + e.New + out[e.End:]
	}
	return out
}

func TestRequireColumn(t *testing.T) {
	tests := []struct {
		name      string
		field     string // the field line of model A
		dbDefault string
		want      string
		wantDef   string // expected default after the fix; "" for none
	}{
		{
			name:  "plain",
			field: "  key String?",
			want:  "  key String",
		},
		{
			name:      "plain with a database default",
			field:     "  key String?",
			dbDefault: "gen_random_uuid()",
			want:      `  key String @default(dbgenerated("gen_random_uuid()"))`,
			wantDef:   `dbgenerated("gen_random_uuid()")`,
		},
		{
			name:      "native type",
			field:     "  key String? @db.VarChar(64)",
			dbDefault: "md5(random()::text)",
			want:      `  key String @db.VarChar(64) @default(dbgenerated("md5(random()::text)"))`,
			wantDef:   `dbgenerated("md5(random()::text)")`,
		},
		{
			name:      "mapped, with a trailing comment",
			field:     "  key   String?   @map(\"idem_key\")   // the key",
			dbDefault: `'k-' || "id"`,
			want:      "  key   String   @map(\"idem_key\") @default(dbgenerated(\"'k-' || \\\"id\\\"\"))   // the key",
			wantDef:   `dbgenerated("'k-' || \"id\"")`,
		},
		{
			name:      "client default is kept",
			field:     "  key String? @default(uuid())",
			dbDefault: "gen_random_uuid()",
			want:      "  key String @default(uuid())",
			wantDef:   "uuid()",
		},
		{
			name:      "database default is kept",
			field:     "  key String? @default(dbgenerated(\"gen_random_uuid()\")) @unique",
			dbDefault: "other()",
			want:      "  key String @default(dbgenerated(\"gen_random_uuid()\")) @unique",
			wantDef:   `dbgenerated("gen_random_uuid()")`,
		},
		{
			name:      "already required",
			field:     "  key String",
			dbDefault: "x()",
			want:      `  key String @default(dbgenerated("x()"))`,
			wantDef:   `dbgenerated("x()")`,
		},
		{
			name:      "CRLF and a backslash",
			field:     "  key String?\r",
			dbDefault: `E'a\\b'`,
			want:      "  key String @default(dbgenerated(\"E'a\\\\\\\\b'\"))\r",
			wantDef:   `dbgenerated("E'a\\\\b'")`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "model A {\n  id Int @id\n" + tt.field + "\n  @@unique([id, key])\n}\n"
			m := parseOK(t, src)
			c := m.Tables[0].Column(map[bool]string{true: "idem_key", false: "key"}[strings.Contains(tt.field, "@map")])
			if c == nil {
				t.Fatal("no column key")
			}
			syn := m.Files[0].Syntax
			edits, err := syn.RequireColumn(c, tt.dbDefault)
			if err != nil {
				t.Fatal(err)
			}
			got := apply(t, m.Files[0].Src, edits)
			want := "model A {\n  id Int @id\n" + tt.want + "\n  @@unique([id, key])\n}\n"
			if got != want {
				t.Errorf("after fix:\n%s\nwant:\n%s", got, want)
			}
			m2 := parseOK(t, got)
			c2 := m2.Tables[0].Column(c.Name)
			if c2 == nil || c2.Nullable {
				t.Fatalf("after fix the column is %+v", c2)
			}
			var def string
			if c2.Default != nil {
				def = c2.Default.Expr
			}
			if def != tt.wantDef {
				t.Errorf("default after fix = %q, want %q", def, tt.wantDef)
			}
			if a, b := len(m.Tables[0].Uniques), len(m2.Tables[0].Uniques); a != b {
				t.Errorf("uniques: %d before the fix, %d after", a, b)
			}
		})
	}
}

// TestRequireColumnKeepsAlignment: in a model laid out as prisma format
// lays it out, the fix leaves it laid out the same way (types and
// attributes each in one column per run of fields, the attribute column
// one past the longest type); a model aligned by hand keeps its layout.
func TestRequireColumnKeepsAlignment(t *testing.T) {
	for _, tc := range []struct {
		name, dbDefault string
		before, after   string
	}{
		{
			name:      "the attribute column stays: a longer type sets it",
			dbDefault: "gen_random_uuid()",
			before: `model Message {
  id             BigInt      @id @default(autoincrement())
  session        ChatSession @relation(fields: [sessionId], references: [id])
  body           String
  // Optional: older clients send none.
  idempotencyKey String?     @map("idempotency_key") @db.VarChar(64)
  createdAt      DateTime    @default(now())

  @@unique([id, idempotencyKey])
}
`,
			after: `model Message {
  id             BigInt      @id @default(autoincrement())
  session        ChatSession @relation(fields: [sessionId], references: [id])
  body           String
  // Optional: older clients send none.
  idempotencyKey String      @map("idempotency_key") @db.VarChar(64) @default(dbgenerated("gen_random_uuid()"))
  createdAt      DateTime    @default(now())

  @@unique([id, idempotencyKey])
}
`,
		},
		{
			name: "the longest type loses its ?: the column moves left on every line of the run",
			before: `model Job {
  id    Int       @id
  key   DateTime? @unique
  queue String
  at    Int       @default(0)

  other  String  @default("")
  other2 String?
}
`,
			after: `model Job {
  id    Int      @id
  key   DateTime @unique
  queue String
  at    Int      @default(0)

  other  String  @default("")
  other2 String?
}
`,
		},
		{
			name:      "a field without attributes gets its first in the column",
			dbDefault: "gen_random_uuid()",
			before: `model Job {
  id  Int     @id
  key String? // optional
  n   Json    @default("{}")
}
`,
			after: `model Job {
  id  Int    @id
  key String @default(dbgenerated("gen_random_uuid()")) // optional
  n   Json   @default("{}")
}
`,
		},
		{
			name: "hand-aligned: the ? alone",
			before: `model Job {
  id Int @id
  key   String?   @unique
}
`,
			after: `model Job {
  id Int @id
  key   String   @unique
}
`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parseOK(t, tc.before)
			var c *schema.Column
			for _, col := range m.Tables[0].Columns {
				if col.Nullable && (col.Name == "key" || col.Name == "idempotency_key") {
					c = col
				}
			}
			if c == nil {
				t.Fatal("no nullable key")
			}
			edits, err := m.Files[0].Syntax.RequireColumn(c, tc.dbDefault)
			if err != nil {
				t.Fatal(err)
			}
			if got := apply(t, m.Files[0].Src, edits); got != tc.after {
				t.Errorf("after fix:\n%s\nwant:\n%s", got, tc.after)
			}
		})
	}
}

func TestRequireColumnErrors(t *testing.T) {
	if _, err := (Syntax{}).RequireColumn(&schema.Column{Name: "x", Nullable: true}, ""); err == nil {
		t.Error("column without position: no error")
	}
	m := parseOK(t, "model A {\n  k String?\n}\n")
	c := *m.Tables[0].Columns[0]
	ts := c.TypeSpan()
	ts.End-- // no longer ends at "?"
	c.SetTypeSpan(ts)
	if _, err := (Syntax{}).RequireColumn(&c, ""); err == nil {
		t.Error("type without \"?\": no error")
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		``:          `""`,
		`a"b`:       `"a\"b"`,
		`a\b`:       `"a\\b"`,
		"l1\nl2\t":  `"l1\nl2\t"`,
		"\x01é":     `"\u0001é"`,
		`now()::tz`: `"now()::tz"`,
	} {
		got := quote(in)
		if got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
		if back := unquote(got); back != in {
			t.Errorf("unquote(quote(%q)) = %q", in, back)
		}
	}
}

// TestClientDefaultFixes: a nullable key whose default Prisma Client
// fills (uuid()) keeps it when the fix makes it required, since Prisma
// allows one @default: the only fix offered says so, and none claims a
// database default it does not add.
func TestClientDefaultFixes(t *testing.T) {
	m := parseOK(t, `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Payment {
  id             String  @id
  idempotencyKey String? @unique @default(uuid())
}
`)
	var fixes []schema.Fix
	for _, f := range schema.Check(m, schema.Options{}) {
		if f.Code == "IDEM101" {
			fixes = f.Fixes
		}
	}
	if len(fixes) != 1 {
		t.Fatalf("%d fixes, want 1: %+v", len(fixes), fixes)
	}
	msg := fixes[0].Message
	if !strings.Contains(msg, "keeping its default uuid(), which the database does not fill") || strings.Contains(msg, "gen_random_uuid") {
		t.Errorf("fix message %q", msg)
	}
	if got := apply(t, m.Files[0].Src, fixes[0].Edits); !strings.Contains(got, "idempotencyKey String @unique @default(uuid())") {
		t.Errorf("after fix:\n%s", got)
	}
}
