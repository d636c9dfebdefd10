// Package framework declares a generic mixin that stands for its type
// argument and that argument's own mixins, as openmeter's entutils does.
package framework

import (
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
)

type WithMixins interface {
	ent.Mixin
	Mixin() []ent.Mixin
}

type Recursive[T WithMixins] struct{ mixin.Schema }

func (Recursive[T]) Fields() []ent.Field {
	var base T
	fields := base.Fields()
	for _, m := range base.Mixin() {
		fields = slices.Concat(fields, m.Fields())
	}
	return fields
}

func (Recursive[T]) Indexes() []ent.Index {
	var base T
	return base.Indexes()
}

// Tagged[T] is generic but declares its own fields: it is not T.
type Tagged[T any] struct{ mixin.Schema }

func (Tagged[T]) Fields() []ent.Field { return nil }

type NamespaceMixin struct{ mixin.Schema }

func (NamespaceMixin) Fields() []ent.Field {
	return []ent.Field{field.String("namespace").Optional()}
}
