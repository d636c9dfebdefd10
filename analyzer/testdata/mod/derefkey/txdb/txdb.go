// Package txdb is a module's own database client, as flexprice's
// internal/postgres: an interface whose WithTx runs fn in a transaction,
// implemented by a client that calls fn before it returns (directly, or
// through an unexported helper), so that its fact tells the
// repositories in other packages that their closures run inside their
// own calls.
package txdb

import (
	"context"

	"example.com/libs/entapi/ent"
)

type txKey struct{}

// IClient is what the repositories hold.
type IClient interface {
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error // want WithTx:`runs its function parameters \[1\]`
	Writer(ctx context.Context) *ent.Client
}

type Client struct{ ent *ent.Client }

func New(c *ent.Client) *Client { return &Client{ent: c} }

func (c *Client) Writer(ctx context.Context) *ent.Client {
	if tx, ok := ctx.Value(txKey{}).(*ent.Tx); ok {
		return tx.Client()
	}
	return c.ent
}

func (c *Client) WithTx(ctx context.Context, fn func(ctx context.Context) error) error { // want WithTx:`runs its function parameters \[1\]`
	return c.withTx(ctx, fn)
}

func (c *Client) withTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*ent.Tx); ok {
		return fn(ctx)
	}
	tx, err := c.ent.Tx(ctx)
	if err != nil {
		return err
	}
	if err := fn(context.WithValue(ctx, txKey{}, tx)); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
