// Package stmtfields executes prepared statements held in struct fields
// that a loader fills by reflection from named queries (as goyesql's
// ScanToStruct does): their SQL is not in view, which -v says once.
package stmtfields

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"
)

// Queries is filled by a loader from queries.sql, by the query tags.
type Queries struct {
	InsertMessage *sqlx.Stmt `query:"insert-message"`
	CountMessages *sqlx.Stmt `query:"count-messages"`
	DB            *sqlx.DB
}

// Store runs the queries.
type Store struct{ q *Queries }

func (s *Store) Insert(ctx context.Context, session, key string) error {
	_, err := s.q.InsertMessage.ExecContext(ctx, session, key) // want `not followed: this package executes 2 prepared statements held in struct fields it never sets in view \(CountMessages, InsertMessage: filled by reflection`
	return err
}

func (s *Store) Count(ctx context.Context) (n int, err error) {
	err = s.q.CountMessages.GetContext(ctx, &n)
	return n, err
}

// Exec through the database handle is not a prepared statement.
func (s *Store) Touch(ctx context.Context) (sql.Result, error) {
	return s.q.DB.ExecContext(ctx, `UPDATE messages SET body = body`)
}
