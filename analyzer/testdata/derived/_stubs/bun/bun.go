// Package bun is a test double of github.com/uptrace/bun: only the types
// and method signatures idemlint's tests call.
package bun

import (
	"context"
	"database/sql"

	"github.com/uptrace/bun/schema"
)

type (
	BaseModel             = schema.BaseModel
	Query                 = schema.Query
	BeforeAppendModelHook = schema.BeforeAppendModelHook
)

// BeforeInsertHook is invoked before executing INSERT queries.
type BeforeInsertHook interface {
	BeforeInsert(ctx context.Context, query *InsertQuery) error
}

type DB struct{ *sql.DB }

func (db *DB) NewInsert() *InsertQuery { return &InsertQuery{} }

func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error) { return Tx{}, nil }

type Tx struct{ *sql.Tx }

func (tx Tx) NewInsert() *InsertQuery { return &InsertQuery{} }

// IDB is the interface of DB, Conn and Tx.
type IDB interface {
	NewInsert() *InsertQuery
}

func NewInsertQuery(db *DB) *InsertQuery { return &InsertQuery{} }

type InsertQuery struct{}

func (q *InsertQuery) Model(model any) *InsertQuery                               { return q }
func (q *InsertQuery) Column(columns ...string) *InsertQuery                      { return q }
func (q *InsertQuery) ExcludeColumn(columns ...string) *InsertQuery               { return q }
func (q *InsertQuery) Value(column string, expr string, args ...any) *InsertQuery { return q }
func (q *InsertQuery) On(s string, args ...any) *InsertQuery                      { return q }
func (q *InsertQuery) Set(query string, args ...any) *InsertQuery                 { return q }
func (q *InsertQuery) Returning(query string, args ...any) *InsertQuery           { return q }
func (q *InsertQuery) ModelTableExpr(query string, args ...any) *InsertQuery      { return q }
func (q *InsertQuery) Ignore() *InsertQuery                                       { return q }
func (q *InsertQuery) Operation() string                                          { return "INSERT" }
func (q *InsertQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) {
	return nil, nil
}
func (q *InsertQuery) Scan(ctx context.Context, dest ...any) error { return nil }
