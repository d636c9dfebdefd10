package migrate

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/prisma"
)

// uniqueSets renders a table's plain-column unique rules as sorted strings,
// ignoring names and how they were declared (Prisma's @@unique is a unique
// index in the SQL it generates) and partial indexes.
func uniqueSets(tb *schema.Table) []string {
	var out []string
	for _, u := range tb.Uniques {
		if u.Where != "" {
			continue // hand-written partial indexes: Prisma cannot express them
		}
		s := strings.Join(u.Columns(), ",")
		if u.Kind == schema.PrimaryKey {
			s = "pk:" + s
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Prisma Migrate generated trigger.dev's 820 migrations from schema.prisma,
// so replaying them must reach the schema's nullability and unique sets for
// every table: an oracle written by nobody on this team.
func TestCorpusTriggerDevMatchesPrismaSchema(t *testing.T) {
	root := corpusDir(t)
	src, err := os.ReadFile(filepath.Join(root, "trigger.dev", "schema.prisma"))
	if err != nil {
		t.Fatal(err)
	}
	want := prisma.Parse("schema.prisma", src)
	h, err := Discover(filepath.Join(root, "trigger.dev", "migrations"))
	if err != nil {
		t.Fatal(err)
	}
	got := h.Replay(schema.PostgreSQL)
	seen := map[string]bool{}
	mismatch := func(key, format string, args ...any) {
		if why, ok := knownReplayGaps[key]; ok {
			seen[key] = true
			t.Logf("known sqlddl gap (%s): "+format, append([]any{why}, args...)...)
			return
		}
		t.Errorf(format, args...)
	}
	for _, wt := range want.Tables {
		gt := got.Table(wt.Name)
		if gt == nil {
			mismatch(wt.Name, "table %s (model %s) missing after replay", wt.Name, wt.ModelName)
			continue
		}
		for _, wc := range wt.Columns {
			gc := gt.Column(wc.Name)
			if gc == nil {
				mismatch(wt.Name+"."+wc.Name, "%s.%s missing after replay", wt.Name, wc.Name)
				continue
			}
			if strings.HasSuffix(wc.Type, "[]") || strings.HasSuffix(wc.TypeSpan().Text(), "[]") {
				// A Prisma list is a nullable SQL array (Prisma reads NULL as
				// []), so the two models rightly differ.
				continue
			}
			if gc.Nullable != wc.Nullable {
				mismatch(wt.Name+"."+wc.Name, "%s.%s: nullable %v after replay, %v in schema.prisma (%v)", wt.Name, wc.Name, gc.Nullable, wc.Nullable, gc.Span)
			}
		}
		if g, w := uniqueSets(gt), uniqueSets(wt); strings.Join(g, " | ") != strings.Join(w, " | ") {
			mismatch(wt.Name+" uniques", "%s uniques:\n  replay: %v\n  prisma: %v", wt.Name, g, w)
		}
	}
	for _, gt := range got.Tables {
		// Prisma's implicit many-to-many tables (_AToB) have no model, and
		// tables in another database schema are not Prisma's.
		if strings.HasPrefix(gt.Name, "_") || gt.Namespace != "" && gt.Namespace != "public" {
			continue
		}
		if want.Table(gt.Name) == nil {
			mismatch(gt.Name, "table %s exists after replay but not in schema.prisma (%v)", gt.Name, gt.Span)
		}
	}
	for key := range knownReplayGaps {
		if !seen[key] {
			t.Logf("known gap %q no longer seen: drop it from knownReplayGaps", key)
		}
	}
}

// knownReplayGaps are differences caused by sqlddl limitations reported to
// its owner; they are logged, not failed, until fixed.
var knownReplayGaps = map[string]string{
	// 20231024122736_runtime_environment_shortcodes adds the column and its
	// unique index inside a DO $$ … $$ block, which sqlddl does not read.
	"RuntimeEnvironment.shortcode": "DDL inside DO block",
	"RuntimeEnvironment uniques":   "DDL inside DO block",
}
