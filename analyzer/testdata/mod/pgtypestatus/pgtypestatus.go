// Package pgtypestatus writes keys held in jackc/pgtype's types (pgx v4),
// whose flag is a Status, not a Valid bool: Status Null is NULL, Present
// holds the value, and Undefined, the zero value, fails the write
// ("cannot encode status undefined"), so a zero pgtype.Text is an error
// the caller sees, not a NULL.
package pgtypestatus

import (
	"context"
	"crypto/rand"
	_ "embed"
	"errors"
	"net/http"

	"github.com/jackc/pgtype"
	"github.com/jackc/pgx/v4/pgxpool"
)

//go:embed schema.sql
var schema string

const insertRefund = `INSERT INTO refunds (account_id, idempotency_key) VALUES ($1, $2)`

// NullStatus writes NULL outright.
func NullStatus(ctx context.Context, db *pgxpool.Pool, account int64) error {
	_, err := db.Exec(ctx, insertRefund, account, pgtype.Text{Status: pgtype.Null}) // want `IDEM201: idempotency key refunds.idempotency_key can be NULL here: Status is pgtype.Null`
	return err
}

// FromHeader writes NULL where the header is absent.
func FromHeader(ctx context.Context, db *pgxpool.Pool, account int64, r *http.Request) error {
	key := pgtype.Text{Status: pgtype.Null}
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = pgtype.Text{String: h, Status: pgtype.Present}
	}
	_, err := db.Exec(ctx, insertRefund, account, key) // want `IDEM201: idempotency key refunds.idempotency_key can be NULL here`
	return err
}

// PresentEmpty writes the header as present even when it is "".
func PresentEmpty(ctx context.Context, db *pgxpool.Pool, account int64, r *http.Request) error {
	key := pgtype.Text{String: r.Header.Get("Idempotency-Key"), Status: pgtype.Present}
	_, err := db.Exec(ctx, insertRefund, account, key) // want `IDEM202: idempotency key refunds.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	return err
}

// Undefined leaves the Status unset: pgx fails the write, no NULL is
// stored. Not reported.
func Undefined(ctx context.Context, db *pgxpool.Pool, account int64) error {
	var key pgtype.Text
	_, err := db.Exec(ctx, insertRefund, account, key)
	return err
}

// Generated always has a key.
func Generated(ctx context.Context, db *pgxpool.Pool, account int64) error {
	_, err := db.Exec(ctx, insertRefund, account, pgtype.Text{String: rand.Text(), Status: pgtype.Present})
	return err
}

// Checked rejects a request without a key.
func Checked(ctx context.Context, db *pgxpool.Pool, account int64, r *http.Request) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("missing Idempotency-Key")
	}
	_, err := db.Exec(ctx, insertRefund, account, pgtype.Text{String: h, Status: pgtype.Present})
	return err
}

// RefundLeftOut leaves the key out: Undefined, so the write fails. Not
// reported.
func RefundLeftOut(ctx context.Context, q *Queries, account int64) error {
	return q.CreateRefund(ctx, CreateRefundParams{AccountID: account})
}

// RefundNull passes NULL.
func RefundNull(ctx context.Context, q *Queries, account int64) error {
	return q.CreateRefund(ctx, CreateRefundParams{AccountID: account, IdempotencyKey: pgtype.Text{Status: pgtype.Null}}) // want `IDEM201: idempotency key refunds.idempotency_key can be NULL here`
}
