package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
)

// edgeDef is the option struct the project's edge helpers take.
type edgeDef struct {
	name string
	t    any
}

// edgeTo builds an edge the way many projects do, out of the reader's
// view: each use is the same unreadable shape.
func edgeTo(d *edgeDef) ent.Edge {
	return edge.To(d.name, d.t)
}
