// Package prepstmt executes INSERTs prepared elsewhere: sqlx's named
// statements, and statements prepared in a constructor into struct fields.
package prepstmt

import (
	"context"
	"crypto/rand"
	"database/sql"
	_ "embed"
	"errors"
	"net/http"

	"github.com/jmoiron/sqlx"
)

//go:embed schema.sql
var schema string

const (
	insertMessage = `INSERT INTO messages (session_id, body, idempotency_key) VALUES (:session_id, :body, :idempotency_key)`
	insertPayment = `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`
	insertJob     = `INSERT INTO jobs (queue, dedup_key) VALUES ($1, $2)`
)

type Message struct {
	SessionID      string  `db:"session_id"`
	Body           string  `db:"body"`
	IdempotencyKey *string `db:"idempotency_key"`
}

func headerKey(r *http.Request) *string {
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		return &h
	}
	return nil
}

func prepareNamed(db *sqlx.DB, r *http.Request, s, b string) error {
	stmt, err := db.PrepareNamed(insertMessage)
	if err != nil {
		return err
	}
	stmt.Exec(Message{SessionID: s, Body: b}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: the IdempotencyKey field is left out of the Message literal, so sqlx writes NULL`
	k := rand.Text()
	stmt.Exec(Message{SessionID: s, Body: b, IdempotencyKey: &k})
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	_, err = stmt.Exec(&Message{SessionID: s, Body: b, IdempotencyKey: key}) // want `IDEM201: .*nil when the Idempotency-Key header is absent`
	return err
}

func prepareNamedGuarded(ctx context.Context, db *sqlx.DB, r *http.Request, s, b string) error {
	stmt, err := db.PrepareNamedContext(ctx, insertMessage)
	if err != nil {
		return err
	}
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	_, err = stmt.ExecContext(ctx, Message{SessionID: s, Body: b, IdempotencyKey: key})
	return err
}

func namedStmtInTx(ctx context.Context, db *sqlx.DB, tx *sqlx.Tx, s, b string) {
	stmt, _ := db.PrepareNamed(insertMessage)
	txStmt := tx.NamedStmtContext(ctx, stmt)
	txStmt.MustExec(Message{SessionID: s, Body: b})          // want `IDEM201: .*left out of the Message literal`
	tx.NamedStmt(stmt).Exec(map[string]any{"session_id": s}) // sqlx fails on the missing names: no row
	var id int64
	tx.NamedStmt(stmt).Get(&id, Message{SessionID: s, Body: b}) // want `IDEM201: .*left out of the Message literal`
}

// Store prepares its statements once, in New.
type Store struct {
	db         *sql.DB
	insertPay  *sql.Stmt
	insertJob  *sql.Stmt
	insertAny  *sql.Stmt
	insertMsgs *sqlx.NamedStmt
}

func New(db *sql.DB, x *sqlx.DB) (*Store, error) {
	s := &Store{db: db}
	var err error
	if s.insertPay, err = db.Prepare(insertPayment); err != nil {
		return nil, err
	}
	job, err := db.Prepare(insertJob)
	if err != nil {
		return nil, err
	}
	s.insertJob = job
	named, err := x.PrepareNamed(insertMessage)
	if err != nil {
		return nil, err
	}
	s.insertMsgs = named
	if s.insertAny, err = db.Prepare(insertPayment); err != nil {
		return nil, err
	}
	return s, nil
}

// SetAny replaces insertAny with a statement from outside: not known.
func (s *Store) SetAny(stmt *sql.Stmt) { s.insertAny = stmt }

func (s *Store) Pay(ctx context.Context, r *http.Request, a string) error {
	_, err := s.insertPay.ExecContext(ctx, a, r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: .*Header.Get`
	return err
}

func (s *Store) PayWithKey(ctx context.Context, a string) error {
	_, err := s.insertPay.ExecContext(ctx, a, rand.Text())
	return err
}

// Job's key is optional on purpose (a partial unique index).
func (s *Store) Job(ctx context.Context, r *http.Request, q string) error {
	_, err := s.insertJob.ExecContext(ctx, q, headerKey(r))
	return err
}

func (s *Store) Any(ctx context.Context, r *http.Request, a string) error {
	_, err := s.insertAny.ExecContext(ctx, a, r.Header.Get("Idempotency-Key")) // its statement is not known
	return err
}

func (s *Store) Message(sess, body string) error {
	_, err := s.insertMsgs.Exec(Message{SessionID: sess, Body: body}) // want `IDEM201: .*left out of the Message literal`
	return err
}

func (s *Store) MessageTx(tx *sql.Tx, ctx context.Context, a string, key string) error { // want MessageTx:`writes key param 3 → payments.idempotency_key`
	_, err := tx.StmtContext(ctx, s.insertPay).ExecContext(ctx, a, key)
	return err
}

func caller(ctx context.Context, s *Store, tx *sql.Tx, a string) {
	s.MessageTx(tx, ctx, a, "") // want `IDEM202: .*passed to Store.MessageTx`
}
