package migrate

import (
	"path/filepath"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

func TestProbe(t *testing.T) {
	root := "../../../shared/corpus"
	for _, c := range []struct {
		dir string
		d   schema.Dialect
	}{{"hatchet/migrations", schema.PostgreSQL}, {"dbos/migrations", schema.PostgreSQL}, {"dbos/migrations/sqlite", schema.SQLite}, {"river-pgx/main", schema.PostgreSQL}, {"river-sqlite/main", schema.SQLite}, {"svix/migrations", schema.PostgreSQL}, {"formance-ledger/migrations", schema.PostgreSQL}, {"trigger.dev/migrations", schema.PostgreSQL}} {
		h, err := Discover(filepath.Join(root, c.dir))
		if err != nil {
			t.Fatal(err)
		}
		m := h.Replay(c.d)
		t.Logf("%s: %v steps=%d skipped=%d first=%s last=%s tables=%d errors=%d", c.dir, h.Convention, len(h.Steps), len(h.Skipped), h.Steps[0].Version, h.Steps[len(h.Steps)-1].Version, len(m.Tables), len(m.Errors))
		for _, e := range m.Errors {
			t.Logf("  %v", e)
		}
		for _, s := range h.Steps {
			if s.Variant != 0 {
				t.Logf("  variant %s %v", s.Path, s.Variant)
			}
		}
	}
}

func TestProbeFind(t *testing.T) {
	srcs, err := FindSchemas("../../../shared/corpus")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		t.Logf("%v %v %d paths, first %s origin=%q mirrors=%q", s.Kind, s.Dialect, len(s.Paths), s.Paths[0], s.Origin, s.Mirrors)
	}
}
