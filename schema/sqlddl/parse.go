package sqlddl

import (
	"github.com/idemlint/idemlint/schema"
)

// Parse reads one declarative SQL file (a schema dump or a schema.sql that
// is applied whole) into a new model. Its columns can be fixed in place.
func Parse(path string, src []byte, d schema.Dialect) *schema.Model {
	m := &schema.Model{Dialect: d}
	f := schema.NewFile(path, src)
	f.Syntax = &Syntax{Declarative: true}
	Apply(m, f)
	return m
}

// Apply replays the statements of f, in order, into m, using m.Dialect.
// When f has no Syntax it gets a non-declarative one: columns that a
// migration defined are fixed by a new migration, never by editing the old
// one. Set f.Syntax to &Syntax{Declarative: true} first to read one more
// declarative file.
//
// Apply rebuilds its lookup tables (tables and keys by name) from m on every
// call; to replay many files in sequence use a [Replayer], which keeps them.
func Apply(m *schema.Model, f *schema.File) {
	newState(m).apply(f)
}

// A Replayer applies files to one model in sequence (migrations in order),
// keeping between files the lookup tables Apply would rebuild for each: a
// history of n files costs O(total size) rather than O(n × model).
//
// The model must not be changed by anything else between calls; if its
// tables were, the Replayer notices a different table count and rebuilds.
type Replayer struct {
	st *state
}

// NewReplayer returns a Replayer that applies files to m.
func NewReplayer(m *schema.Model) *Replayer {
	return &Replayer{st: newState(m)}
}

// Model returns the model files are applied to.
func (p *Replayer) Model() *schema.Model { return p.st.m }

// Apply replays f into the model, as [Apply] does.
func (p *Replayer) Apply(f *schema.File) {
	if len(p.st.m.Tables) != p.st.nTables {
		p.st = newState(p.st.m)
	}
	p.st.apply(f)
}
