// Package keyuser checks a key defensively: a vouched-for generator is
// trusted, a key of unknown origin that the code itself doubts is not.
package keyuser

import (
	"context"
	"database/sql"
	_ "embed"
	"log"
	"net/http"

	"keys"
)

//go:embed schema.sql
var schema string

const insertPayment = `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`

func vouched(ctx context.Context, db *sql.DB, account string) error {
	key := keys.New()
	if key == "" {
		log.Print("impossible: keys.New returned no key")
	}
	_, err := db.ExecContext(ctx, insertPayment, account, key)
	return err
}

func doubted(ctx context.Context, db *sql.DB, account string, ok bool) error {
	key := keys.Either(ok)
	if key == "" {
		log.Print("no key")
	}
	_, err := db.ExecContext(ctx, insertPayment, account, key) // want `IDEM202: .*compared with "" at line`
	return err
}

const insertMessage = `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`

// fromHeader passes keys.NullString a header that may be absent: NULL.
func fromHeader(ctx context.Context, db *sql.DB, r *http.Request) error {
	_, err := db.ExecContext(ctx, insertMessage, "s", keys.NullString(r.Header.Get("Idempotency-Key"))) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent \(Header.Get, line \d+\); keys.NullString returns sql.NullString\{…\}, Valid is false when s is empty`
	return err
}

// fromCheckedHeader refuses a keyless request first.
func fromCheckedHeader(ctx context.Context, db *sql.DB, r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return nil
	}
	_, err := db.ExecContext(ctx, insertMessage, "s", keys.NullString(k))
	return err
}
