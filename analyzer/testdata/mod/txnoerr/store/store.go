// Package store runs its writes inside transaction helpers whose
// function parameter returns nothing: the helper records the error on
// the transaction, or the function has none to give.
package store

import (
	"context"
	"database/sql"
	_ "embed"
)

//go:embed schema.sql
var schema string

// Order's Key is "" when the client sent none.
type Order struct {
	Account string
	Key     string
}

// nullable writes "" as NULL.
func nullable(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// Queries wraps a transaction, as sqlc's generated Queries does.
type Queries struct{ tx *sql.Tx }

type Store struct {
	db    *sql.DB
	hooks []func(tx *sql.Tx)
}

// InTx runs fn between begin and commit.
func (s *Store) InTx(ctx context.Context, fn func(tx *sql.Tx)) error { // want InTx:`runs its function parameters \[1\]`
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	fn(tx)
	return tx.Commit()
}

// WithTx hands fn a Queries on a transaction, through InTx.
func WithTx(ctx context.Context, s *Store, fn func(q *Queries)) error { // want WithTx:`runs its function parameters \[2\]`
	return s.InTx(ctx, func(tx *sql.Tx) { fn(&Queries{tx: tx}) })
}

// OnCommit keeps fn for later: it does not run while OnCommit does.
func (s *Store) OnCommit(fn func(tx *sql.Tx)) {
	s.hooks = append(s.hooks, fn)
}

func (q *Queries) insertOrder(ctx context.Context, account, key string) { // want insertOrder:`writes key param 2 → orders.idempotency_key`
	_, _ = q.tx.ExecContext(ctx, `INSERT INTO orders (account, idempotency_key) VALUES ($1, $2)`, account, nullable(key))
}

// CreateOrder writes in.Key inside the closure InTx runs: as if it wrote
// it itself, so its callers decide.
func (s *Store) CreateOrder(ctx context.Context, in Order) error { // want CreateOrder:`writes key param 1.Key → orders.idempotency_key`
	return s.InTx(ctx, func(tx *sql.Tx) {
		_, _ = tx.ExecContext(ctx, `INSERT INTO orders (account, idempotency_key) VALUES ($1, $2)`, in.Account, nullable(in.Key))
	})
}

// CreateOrderQ writes key through WithTx's Queries.
func (s *Store) CreateOrderQ(ctx context.Context, account, key string) error { // want CreateOrderQ:`writes key param 2 → orders.idempotency_key`
	return WithTx(ctx, s, func(q *Queries) { q.insertOrder(ctx, account, key) })
}

// CreateOrderChecked rejects a missing key before the closure: no fact.
func (s *Store) CreateOrderChecked(ctx context.Context, in Order) error {
	if in.Key == "" {
		return sql.ErrNoRows
	}
	return s.InTx(ctx, func(tx *sql.Tx) {
		_, _ = tx.ExecContext(ctx, `INSERT INTO orders (account, idempotency_key) VALUES ($1, $2)`, in.Account, nullable(in.Key))
	})
}

// CreateOrderLater hands the closure to OnCommit, which keeps it: the
// write is not CreateOrderLater's, so no fact for its callers.
func (s *Store) CreateOrderLater(ctx context.Context, in Order) {
	s.OnCommit(func(tx *sql.Tx) {
		_, _ = tx.ExecContext(ctx, `INSERT INTO orders (account, idempotency_key) VALUES ($1, $2)`, in.Account, nullable(in.Key))
	})
}
