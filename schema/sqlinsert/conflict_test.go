package sqlinsert

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
)

func TestConflictTarget(t *testing.T) {
	for _, tc := range []struct {
		sql        string
		cols       []string
		constraint string
	}{
		{`INSERT INTO runs (a, b) VALUES ($1, $2) ON CONFLICT (parent_id, "childKey") DO NOTHING`, []string{"parent_id", "childKey"}, ""},
		{`insert into runs (a) values ($1) on conflict (Tenant_ID, key) where key is not null do update set a = excluded.a`, []string{"tenant_id", "key"}, ""},
		{`INSERT INTO runs (a) VALUES ($1) ON CONFLICT ON CONSTRAINT runs_child_key DO NOTHING`, nil, "runs_child_key"},
		{`INSERT INTO runs (a) VALUES ($1) ON CONFLICT ((lower(email))) DO NOTHING`, nil, ""},
		{`INSERT INTO runs (a) VALUES ($1) ON CONFLICT DO NOTHING`, nil, ""},
		{`INSERT INTO runs (a) VALUES ($1)`, nil, ""},
	} {
		ins, err := Parse(tc.sql, schema.PostgreSQL)
		if err != nil || ins == nil {
			t.Fatalf("Parse(%s): %v", tc.sql, err)
		}
		if diff := cmp.Diff(tc.cols, ins.ConflictColumns); diff != "" || ins.ConflictConstraint != tc.constraint {
			t.Errorf("%s: columns (-want +got):\n%s constraint %q, want %q", tc.sql, diff, ins.ConflictConstraint, tc.constraint)
		}
	}
}
