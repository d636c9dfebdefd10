// Package schema is a test double of github.com/uptrace/bun/schema: only
// the declarations idemlint's tests use.
package schema

import "context"

// BaseModel is embedded in models to carry table options in its tag.
type BaseModel struct{}

// Query is implemented by bun's query builders.
type Query interface {
	Operation() string
}

// BeforeAppendModelHook runs before a model is appended to a query.
type BeforeAppendModelHook interface {
	BeforeAppendModel(ctx context.Context, query Query) error
}
