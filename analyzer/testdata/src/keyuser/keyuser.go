// Package keyuser checks a key defensively: a vouched-for generator is
// trusted, a key of unknown origin that the code itself doubts is not.
package keyuser

import (
	"context"
	"database/sql"
	_ "embed"
	"log"

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
