package dbdiff

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitIndexSQL(t *testing.T) {
	parts, where := splitIndexSQL(`CREATE UNIQUE INDEX "i(x)" ON t (lower(a), b COLLATE NOCASE DESC, 'x,y' || c) WHERE a IS NOT NULL AND "where" = 1`)
	want := []string{"lower(a)", "b", "'x,y' || c"}
	if !cmp.Equal(parts, want) || where != `a IS NOT NULL AND "where" = 1` {
		t.Errorf("parts = %q, where = %q", parts, where)
	}
}

func TestDiffMatchesUnnamed(t *testing.T) {
	u := func(name string) Unique {
		return Unique{Name: name, Kind: KindIndex, Parts: []Part{{Column: "a"}}}
	}
	db := &Schema{Tables: []Table{{Name: "t", Uniques: []Unique{u("t_a_idx")}}}}
	if d := Diff(db, &Schema{Tables: []Table{{Name: "t", Uniques: []Unique{u("")}}}}); d != "" {
		t.Errorf("unnamed unique does not match:\n%s", d)
	}
	if d := Diff(db, &Schema{Tables: []Table{{Name: "t", Uniques: []Unique{u("other")}}}}); d == "" {
		t.Errorf("differently named uniques match")
	}
}
