package sqlxnamed

import (
	"context"
	"database/sql"
	"errors"
	"net/http"

	"github.com/jmoiron/sqlx"
)

const insertNote = `INSERT INTO notes (author, idempotency_key) VALUES (:author, :idempotency_key)`

type noteRecord struct {
	Author string         `db:"author"`
	Key    sql.NullString `db:"idempotency_key"`
}

// inTx runs fn in a transaction, as services' transaction helpers do.
func inTx(ctx context.Context, db *sqlx.DB, fn func(tx *sqlx.Tx) error) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// NoteInTx builds the row before the transaction and writes it in the
// closure: NULL where key is empty, which the callers decide.
func NoteInTx(ctx context.Context, db *sqlx.DB, author, key string) error { // want NoteInTx:`writes key param 3 → notes.idempotency_key`
	rec := noteRecord{Author: author, Key: sql.NullString{String: key, Valid: key != ""}}
	return inTx(ctx, db, func(tx *sqlx.Tx) error {
		_, err := tx.NamedExecContext(ctx, insertNote, rec)
		return err
	})
}

func noteFromHeader(db *sqlx.DB, r *http.Request) error {
	return NoteInTx(r.Context(), db, "a", r.Header.Get("Idempotency-Key")) // want `IDEM201: idempotency key notes.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent \(Header.Get, line 43\); passed to sqlxnamed.NoteInTx, which writes it into notes.idempotency_key as NULL when it is empty`
}

// NoteInTxChecked rejects an empty key first: its callers pass anything.
func NoteInTxChecked(ctx context.Context, db *sqlx.DB, author, key string) error {
	if key == "" {
		return errors.New("idempotency key required")
	}
	rec := noteRecord{Author: author, Key: sql.NullString{String: key, Valid: true}}
	return inTx(ctx, db, func(tx *sqlx.Tx) error {
		_, err := tx.NamedExecContext(ctx, insertNote, rec)
		return err
	})
}

func noteCheckedFromHeader(db *sqlx.DB, r *http.Request) error {
	return NoteInTxChecked(r.Context(), db, "a", r.Header.Get("Idempotency-Key"))
}

// noteInTxHeader makes the row from a header that may be absent: a valid
// "" is written as "".
func noteInTxHeader(ctx context.Context, db *sqlx.DB, r *http.Request) error {
	rec := noteRecord{Author: "a", Key: sql.NullString{String: r.Header.Get("Idempotency-Key"), Valid: true}}
	return inTx(ctx, db, func(tx *sqlx.Tx) error {
		_, err := tx.NamedExecContext(ctx, insertNote, rec) // want `IDEM202: idempotency key notes.idempotency_key can be empty here: empty when the Idempotency-Key header is absent \(Header.Get, line 65\); rec.Key is written into the row`
		return err
	})
}
