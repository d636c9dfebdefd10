package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExcludesNull(t *testing.T) {
	cases := []struct {
		where string
		want  bool
	}{
		{"", false},
		{"key IS NOT NULL", true},
		{"KEY is not null", true},
		{`"key" IS NOT NULL AND other`, true},
		{"other AND key IS NOT NULL", true},
		{"key <> ''", true},
		{"key != ''", true},
		{"'' <> key", true},
		{"t.key IS NOT NULL", true},
		{`"t"."key" IS NOT NULL`, true},
		{"`key` IS NOT NULL", true},
		{"[key] IS NOT NULL", true},
		{"NOT (key IS NULL)", true},
		{"NOT key IS NULL", true},
		{"key::text IS NOT NULL", true},
		{"(key IS NOT NULL)", true},
		{"key BETWEEN 'a' AND 'z'", true},
		{"key NOT BETWEEN 'a' AND 'z'", true},
		{"x AND key BETWEEN 'a' AND 'z'", true},
		{"key BETWEEN 'a' AND 'z' AND x", true},
		// A BETWEEN inside parentheses must not swallow the top-level AND.
		{"(a BETWEEN 1 AND 2) AND key IS NOT NULL", true},
		{"length(key) > 0", true},
		{"key IN ('a', 'b')", true},
		{"key NOT IN ('a', 'b')", true},
		{"key LIKE 'a%'", true},
		{"key ~ '^k'", true},
		{"(key IS NOT NULL OR x) AND key <> ''", true},
		{"key <> '' OR key IS NOT NULL", true},

		{"key IS NOT NULL OR x", false},
		{"x OR key IS NOT NULL", false},
		{"coalesce(key, '') <> ''", false},
		{"COALESCE(key, '') <> ''", false},
		{"ifnull(key, '') <> ''", false},
		{"concat(key, 'x') <> 'x'", false},
		{"key IS NULL", false},
		{"key IS DISTINCT FROM 'x'", false},
		{"key IS NOT DISTINCT FROM 'x'", false},
		{"NOT (key IS NOT NULL)", false},
		{"other IS NOT NULL", false},
		{"key_old IS NOT NULL", false},
		{"x = 'key IS NOT NULL'", false},
		{"deleted_at IS NULL", false},
		{"((", false},
		{"'unterminated", false},
	}
	for _, tc := range cases {
		if got := excludesNull(tc.where, "key"); got != tc.want {
			t.Errorf("excludesNull(%q, key) = %v, want %v", tc.where, got, tc.want)
		}
	}
	// The column is compared case-insensitively, as predicates are.
	if !excludesNull("idempotencykey IS NOT NULL", "idempotencyKey") {
		t.Error("a mixed-case column name is not matched")
	}
}

func TestPredicateTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{`"Key" IS NOT NULL`, []string{"key", "is", "not", "null"}},
		{`t."Key" <> ''`, []string{"key", "<>", "''"}},
		{`"public"."t"."Key" >= 'it''s'`, []string{"key", ">=", "'"}},
		{"`db`.`key` != ''", []string{"key", "!=", "''"}},
		{"[dbo].[Key] IS NULL", []string{"key", "is", "null"}},
		{"key::text ~* 'a'", []string{"key", "::", "text", "~*", "'"}},
		{"coalesce(key,'')<>''", []string{"coalesce", "(", "key", ",", "''", ")", "<>", "''"}},
		{"a\tAND\r\nb", []string{"a", "and", "b"}},
		{`"unterminated`, []string{"unterminated"}},
		{"[x", []string{"x"}},
		{"'open", []string{"'"}},
		{"", nil},
	}
	for _, tc := range cases {
		if diff := cmp.Diff(tc.want, predicateTokens(tc.in)); diff != "" {
			t.Errorf("predicateTokens(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}
