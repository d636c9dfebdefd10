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

// NamedStmt is a prepared statement with :name parameters.
type NamedStmt struct{ Stmt *Stmt }

// Stmt is a prepared statement with positional parameters.
type Stmt struct{ *sql.Stmt }

func (db *DB) PrepareNamed(query string) (*NamedStmt, error) { return &NamedStmt{}, nil }

func (db *DB) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	return &NamedStmt{}, nil
}

func (db *DB) Preparex(query string) (*Stmt, error) { return &Stmt{}, nil }

func (tx *Tx) NamedStmt(stmt *NamedStmt) *NamedStmt { return stmt }

func (tx *Tx) NamedStmtContext(ctx context.Context, stmt *NamedStmt) *NamedStmt { return stmt }

func (n *NamedStmt) Exec(arg interface{}) (sql.Result, error) { return nil, nil }

func (n *NamedStmt) ExecContext(ctx context.Context, arg interface{}) (sql.Result, error) {
	return nil, nil
}

func (n *NamedStmt) MustExec(arg interface{}) sql.Result { return nil }

func (n *NamedStmt) Get(dest interface{}, arg interface{}) error { return nil }
