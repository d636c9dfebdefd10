// Package pgx is a test double of github.com/jackc/pgx/v5: only the
// signatures idemlint's tests call.
package pgx

import "context"

type NamedArgs map[string]any

type StrictNamedArgs map[string]any

type Identifier []string

type CommandTag struct{}

type Rows interface{ Close() }

type CopyFromSource interface {
	Next() bool
	Values() ([]any, error)
	Err() error
}

func CopyFromRows(rows [][]any) CopyFromSource { return nil }

type Conn struct{}

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (CommandTag, error) {
	return CommandTag{}, nil
}

func (c *Conn) CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	return 0, nil
}

func (c *Conn) SendBatch(ctx context.Context, b *Batch) BatchResults { return nil }

type BatchResults interface{ Close() error }

type Batch struct{}

type QueuedQuery struct{}

func (b *Batch) Queue(query string, arguments ...any) *QueuedQuery { return &QueuedQuery{} }

// Tx is an interface, as in pgx: CopyFrom through it is recognised too.
type Tx interface {
	CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error)
	Exec(ctx context.Context, sql string, arguments ...any) (CommandTag, error)
}
