package pgtypestatus

import (
	"context"
	"crypto/rand"
	"net/http"

	"github.com/jackc/pgtype"
	"github.com/jackc/pgx/v4/pgxpool"
)

// pgtype's Set fills the value from anything: a nil pointer makes Status
// Null, a string makes it Present with that string.

// SetFromParam sets the key from its caller's pointer: NULL when it is
// nil, which the signature lets every caller pass.
func SetFromParam(ctx context.Context, db *pgxpool.Pool, account int64, key *string) error { // want SetFromParam:`writes key param 3 → refunds.idempotency_key`
	var t pgtype.Text
	if err := t.Set(key); err != nil {
		return err
	}
	_, err := db.Exec(ctx, insertRefund, account, t) // want `IDEM201: idempotency key refunds.idempotency_key can be NULL here: SetFromParam's parameter key is a \*string, so every caller may pass nil, and nothing here checks it; nil when key is nil; pgtype.Text.Set makes Status pgtype.Null when it is nil`
	return err
}

// SetHeader sets the header as it is: Present over "" when absent.
func SetHeader(ctx context.Context, db *pgxpool.Pool, account int64, r *http.Request) error {
	var t pgtype.Text
	if err := t.Set(r.Header.Get("Idempotency-Key")); err != nil {
		return err
	}
	_, err := db.Exec(ctx, insertRefund, account, t) // want `IDEM202: idempotency key refunds.idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*pgtype.Text.Set stores it as it is`
	return err
}

// SetNil sets NULL outright.
func SetNil(ctx context.Context, db *pgxpool.Pool, account int64) error {
	var t pgtype.Text
	_ = t.Set(nil)
	_, err := db.Exec(ctx, insertRefund, account, t) // want `IDEM201: idempotency key refunds.idempotency_key can be NULL here: pgtype.Text.Set\(nil\) makes Status pgtype.Null`
	return err
}

// SetGenerated sets a fresh key, as a string or through a pointer to
// one: never NULL, never empty.
func SetGenerated(ctx context.Context, db *pgxpool.Pool, account int64) error {
	var t, u pgtype.Text
	if err := t.Set(rand.Text()); err != nil {
		return err
	}
	k := rand.Text()
	if err := u.Set(&k); err != nil {
		return err
	}
	if _, err := db.Exec(ctx, insertRefund, account, t); err != nil {
		return err
	}
	_, err := db.Exec(ctx, insertRefund, account, u)
	return err
}
