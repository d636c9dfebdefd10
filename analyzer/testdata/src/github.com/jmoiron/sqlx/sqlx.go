// Package sqlx is a test double of github.com/jmoiron/sqlx: only the
// signatures idemlint's tests call.
package sqlx

import (
	"context"
	"database/sql"
)

type DB struct{ *sql.DB }

type Tx struct{ *sql.Tx }

type Rows struct{ *sql.Rows }

type Ext interface {
	Exec(query string, args ...interface{}) (sql.Result, error)
}

func (db *DB) NamedExec(query string, arg interface{}) (sql.Result, error) { return nil, nil }

func (db *DB) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	return nil, nil
}

func (db *DB) NamedQuery(query string, arg interface{}) (*Rows, error) { return nil, nil }

func (db *DB) BindNamed(query string, arg interface{}) (string, []interface{}, error) {
	return query, nil, nil
}

func (tx *Tx) NamedExec(query string, arg interface{}) (sql.Result, error) { return nil, nil }

func NamedExec(e Ext, query string, arg interface{}) (sql.Result, error) { return nil, nil }
