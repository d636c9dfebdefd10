package analyzer_test

import (
	"testing"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

// TestUUIDKeys: a fixed-size ID key (google/uuid, gofrs, ulid) is never
// NULL or "", but its zero value is one key shared by every write that
// has none: IDEM202 "can be the nil UUID" where a parse error is dropped
// or only logged, uuid.Nil is written, the JSON body leaves the field
// out, FromStringOrNil reads an absent header, a NULL wrapper holds the
// nil UUID, or the nil UUID's text goes into a text key (a CHECK against
// "" does not stop it). An ID whose parse error is acted on, that is
// compared with the nil UUID (==, IsNil) or replaced, that is generated
// or MustParse'd, is not reported. The reject fixes are built against the
// libraries.
func TestUUIDKeys(t *testing.T) {
	dir := libraryModule(t)
	a := analyzer.New(&config.Options{Checks: "-IDEM104"})
	schematest.RunWithSuggestedFixes(t, dir, a, "./uuidkeys/...")
	buildModuleGoldens(t, dir, "uuidkeys")
}
