// Package genericrepo keeps each table's INSERT in a field of a generic
// sqlx repository, set by its constructor: the statement runs where its
// rows are the type parameter's, so a note says it is not read.
package genericrepo

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Repo[T any] struct {
	db     *sqlx.DB
	insert string
	list   string
}

func NewRepo[T any](db *sqlx.DB, insert, list string) *Repo[T] {
	return &Repo[T]{db: db, insert: insert, list: list}
}

func (r *Repo[T]) Insert(ctx context.Context, row T) error {
	_, err := r.db.NamedExecContext(ctx, r.insert, row) // want `not followed: the INSERT executed here is held in the field insert, which NewRepo sets from its parameter insert, given insertEntry by a call, so its table and columns, and any key it writes, are not checked`
	return err
}

// List runs the other field, which only ever holds a SELECT: no note.
func (r *Repo[T]) List(ctx context.Context, arg T) error {
	_, err := r.db.NamedQueryContext(ctx, r.list, arg)
	return err
}

type Entry struct {
	Account  string `db:"account"`
	DedupKey string `db:"dedup_key"`
}

const (
	insertEntry = `INSERT INTO jobs (queue, dedup_key) VALUES (:account, :dedup_key)`
	listEntries = `SELECT * FROM jobs WHERE queue = :account`
)

func NewEntries(db *sqlx.DB) *Repo[Entry] {
	return NewRepo[Entry](db, insertEntry, listEntries)
}
