package sqlinsert

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/idemlint/idemlint/schema"
)

func TestParse(t *testing.T) {
	pg, my := schema.PostgreSQL, schema.MySQL
	tests := []struct {
		name  string
		d     schema.Dialect
		query string
		want  *Insert
	}{
		{"positional", pg, `INSERT INTO messages (session_id, body, idempotency_key) VALUES ($1, $2, $3)`,
			&Insert{Table: "messages", Columns: cols("session_id", "body", "idempotency_key"),
				Rows: [][]Value{{{Kind: Param, Index: 1}, {Kind: Param, Index: 2}, {Kind: Param, Index: 3}}}}},
		{"qualified quoted upper", pg, `insert into public."Messages" ("sessionId", KEY) values ($2, $1) on conflict do nothing`,
			&Insert{Table: "Messages", Namespace: "public", Columns: cols("sessionId", "key"), OnConflict: true,
				Rows: [][]Value{{{Kind: Param, Index: 2}, {Kind: Param, Index: 1}}}}},
		{"question marks count in order", my, "INSERT IGNORE INTO `t` (a, b, c) VALUES (?, 'x', ?)",
			&Insert{Table: "t", Columns: cols("a", "b", "c"), OnConflict: true,
				Rows: [][]Value{{{Kind: Param, Index: 1}, {Kind: Literal}, {Kind: Param, Index: 2}}}}},
		{"null default empty", pg, `INSERT INTO t (a, b, c, d) VALUES (NULL, DEFAULT, '', now())`,
			&Insert{Table: "t", Columns: cols("a", "b", "c", "d"),
				Rows: [][]Value{{{Kind: Null}, {Kind: Default}, {Kind: Literal, EmptyLiteral: true}, {Kind: Expr}}}}},
		{"nullif and coalesce", pg, `INSERT INTO t (a, b, c) VALUES (NULLIF($1, ''), COALESCE($2, gen_random_uuid()::text), $3::uuid)`,
			&Insert{Table: "t", Columns: cols("a", "b", "c"),
				Rows: [][]Value{{{Kind: Expr, Index: 1, NullIfEmpty: true}, {Kind: Expr, Index: 2, NeverNull: true}, {Kind: Param, Index: 3}}}}},
		{"named sqlx", schema.SQLite, `INSERT OR IGNORE INTO t (a, b) VALUES (:a, :key)`,
			&Insert{Table: "t", Columns: cols("a", "b"), OnConflict: true,
				Rows: [][]Value{{{Kind: Param, Name: "a"}, {Kind: Param, Name: "key"}}}}},
		{"named with casts", pg, `INSERT INTO t (a, b) VALUES (:a::text, @b::uuid)`,
			&Insert{Table: "t", Columns: cols("a", "b"),
				Rows: [][]Value{{{Kind: Param, Name: "a"}, {Kind: Param, Name: "b"}}}}},
		{"pgx named and sqlc narg", pg, `INSERT INTO t (a, b) VALUES (@a, sqlc.narg(key))`,
			&Insert{Table: "t", Columns: cols("a", "b"),
				Rows: [][]Value{{{Kind: Param, Name: "a"}, {Kind: Param, Name: "key", MaybeNull: true}}}}},
		{"multi-row", pg, `INSERT INTO t (a, b) VALUES ($1, $2), ($3, NULL)`,
			&Insert{Table: "t", Columns: cols("a", "b"),
				Rows: [][]Value{{{Kind: Param, Index: 1}, {Kind: Param, Index: 2}}, {{Kind: Param, Index: 3}, {Kind: Null}}}}},
		{"with and select", pg, `WITH x AS (SELECT 1) INSERT INTO t (a, b) SELECT $1, $2 FROM x WHERE true`,
			&Insert{Table: "t", Columns: cols("a", "b"), FromSelect: true,
				Rows: [][]Value{{{Kind: Param, Index: 1}, {Kind: Param, Index: 2}}}}},
		{"no column list", pg, `INSERT INTO t VALUES ($1, $2) RETURNING id`,
			&Insert{Table: "t", Rows: [][]Value{{{Kind: Param, Index: 1}, {Kind: Param, Index: 2}}}}},
		{"default values", pg, `INSERT INTO t DEFAULT VALUES`, &Insert{Table: "t", DefaultValue: true}},
		{"on duplicate key", my, `INSERT INTO t (a) VALUES (?) ON DUPLICATE KEY UPDATE a = VALUES(a)`,
			&Insert{Table: "t", Columns: cols("a"), OnConflict: true, Rows: [][]Value{{{Kind: Param, Index: 1}}}}},
		{"mysql insert set", my, "INSERT INTO `t` SET a = ?, t.b = NULLIF(?, ''), c = 'x' ON DUPLICATE KEY UPDATE a = VALUES(a)",
			&Insert{Table: "t", Columns: cols("a", "b", "c"), OnConflict: true,
				Rows: [][]Value{{{Kind: Param, Index: 1}, {Kind: Expr, Index: 2, NullIfEmpty: true}, {Kind: Literal}}}}},
		{"mysql insert set row alias", my, `INSERT INTO t SET a = ?, b = ? AS new ON DUPLICATE KEY UPDATE b = new.b`,
			&Insert{Table: "t", Columns: cols("a", "b"), OnConflict: true,
				Rows: [][]Value{{{Kind: Param, Index: 1}, {Kind: Param, Index: 2}}}}},
		{"comments", pg, "-- add a message\nINSERT /* hint */ INTO t (a) VALUES ($1)",
			&Insert{Table: "t", Columns: cols("a"), Rows: [][]Value{{{Kind: Param, Index: 1}}}}},
		{"select is not an insert", pg, `SELECT * FROM t WHERE a = $1`, nil},
		{"update is not an insert", pg, `UPDATE t SET a = 'INSERT INTO x'`, nil},
	}
	ignore := cmp.Options{
		cmpopts.IgnoreFields(Insert{}, "Start", "End"),
		cmpopts.IgnoreFields(Column{}, "Start", "End"),
		cmpopts.IgnoreFields(Value{}, "Start", "End", "Text"),
		cmpopts.EquateEmpty(),
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.query, tt.d)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, ignore); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func cols(names ...string) []Column {
	var out []Column
	for _, n := range names {
		out = append(out, Column{Name: n})
	}
	return out
}

func TestSpans(t *testing.T) {
	q := `INSERT INTO t (a, idempotency_key) VALUES ($1, NULLIF($2, ''))`
	ins, err := Parse(q, schema.PostgreSQL)
	if err != nil {
		t.Fatal(err)
	}
	if got := q[ins.Columns[1].Start:ins.Columns[1].End]; got != "idempotency_key" {
		t.Errorf("column span = %q", got)
	}
	if got := ins.Rows[0][1].Text; got != "NULLIF($2, '')" {
		t.Errorf("value text = %q", got)
	}
}

func TestErrors(t *testing.T) {
	for _, q := range []string{
		`INSERT INTO`,
		`INSERT INTO t (a, b VALUES ($1)`,
		`INSERT INTO t (a) VALUES ($1`,
		`INSERT INTO t (a) FOO`,
		`INSERT INTO t (a) VALUES ('unterminated)`,
	} {
		if ins, err := Parse(q, schema.PostgreSQL); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", q, ins)
		}
	}
}

// FuzzParse keeps its seeds in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, q string) {
		ins, err := Parse(q, schema.PostgreSQL)
		if err != nil || ins == nil {
			return
		}
		for _, c := range ins.Columns {
			if c.Start < 0 || c.End > len(q) || c.Start > c.End {
				t.Fatalf("column span out of range: %+v", c)
			}
		}
		for _, r := range ins.Rows {
			for _, v := range r {
				if v.Start < 0 || v.End > len(q) || v.Start > v.End {
					t.Fatalf("value span out of range: %+v", v)
				}
			}
		}
	})
}
