package sqlddl

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
)

// TestReplayerClone replays the first steps of a history once, then the
// last ones on a Clone, and checks that the model is the one a replay of
// every step gives, and that the original did not change: generated names
// that must avoid earlier names (an index's, a renamed key's), a
// nullability changed later, comments, and spans in the copy's own files.
func TestReplayerClone(t *testing.T) {
	steps := []string{
		"CREATE TABLE jobs (id bigint PRIMARY KEY, key text, owner text);\nCREATE INDEX jobs_key_key ON jobs (key);\n-- idemlint:key jobs.key\n",
		"ALTER TABLE jobs ADD CONSTRAINT jobs_owner_uq UNIQUE (owner);\nALTER TABLE jobs RENAME CONSTRAINT jobs_owner_uq TO jobs_owner_key;\n",
		"CREATE TABLE gone (id int UNIQUE);\nDROP TABLE gone;\n",
		"ALTER TABLE jobs ADD UNIQUE (key);\nALTER TABLE jobs ALTER COLUMN owner SET NOT NULL;\nCREATE UNIQUE INDEX ON jobs (owner);\n",
		"ALTER TABLE jobs ADD UNIQUE (owner);\nCREATE TABLE gone (id int UNIQUE);\n",
	}
	file := func(i int) *schema.File {
		return schema.NewFile(fmt.Sprintf("%d.sql", i+1), []byte(steps[i]))
	}
	for split := range len(steps) + 1 {
		whole := NewReplayer(&schema.Model{Dialect: schema.PostgreSQL})
		for i := range steps {
			whole.Apply(file(i))
		}
		want := describeModel(whole.Model())

		prefix := NewReplayer(&schema.Model{Dialect: schema.PostgreSQL})
		for i := range split {
			prefix.Apply(file(i))
		}
		before := describeModel(prefix.Model())
		for range 2 { // the same prefix twice: cloning leaves it as it was
			rest := prefix.Clone()
			for i := split; i < len(steps); i++ {
				rest.Apply(file(i))
			}
			if diff := cmp.Diff(want, describeModel(rest.Model())); diff != "" {
				t.Fatalf("cloned after %d steps (-whole +cloned):\n%s", split, diff)
			}
		}
		if diff := cmp.Diff(before, describeModel(prefix.Model())); diff != "" {
			t.Fatalf("the replay cloned after %d steps changed (-before +after):\n%s", split, diff)
		}
	}
}

// describeModel says what a check reads of m, spans as file and offsets,
// and fails on a span into a file that is not m's.
func describeModel(m *schema.Model) []string {
	files := map[*schema.File]bool{}
	for _, f := range m.Files {
		files[f] = true
	}
	span := func(s schema.Span) string {
		if s.File == nil {
			return "-"
		}
		if !files[s.File] {
			return "FOREIGN " + s.String()
		}
		return s.String()
	}
	var out []string
	for _, t := range m.Tables {
		out = append(out, "table "+t.Name+" "+span(t.Span)+" "+span(t.NameSpan))
		for _, c := range t.Columns {
			out = append(out, fmt.Sprintf("  column %s %s null=%v %s changed %s", c.Name, c.Type, c.Nullable, span(c.Span), span(NullabilityChangedBy(c))))
		}
		for _, u := range t.Uniques {
			out = append(out, fmt.Sprintf("  unique %s %v %v %s", u.Name, u.Kind, u.Parts, span(u.Span)))
		}
	}
	for _, f := range m.Files {
		for _, c := range f.Comments {
			out = append(out, "comment "+span(c.Span)+" "+c.Text)
		}
	}
	for _, e := range m.Errors {
		out = append(out, "error "+e.Error())
	}
	return out
}
