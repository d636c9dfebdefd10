// Package mysqlset inserts with MySQL's and MariaDB's INSERT … SET form,
// whose assignments name the columns as a column list does.
package mysqlset

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"
)

//go:embed schema.sql
var schema string

func set(ctx context.Context, db *sql.DB, r *http.Request, acct, amt int64, key string) { // want set:`writes key param 5 → transfers.idempotency_key`
	db.ExecContext(ctx, "INSERT INTO transfers SET account_id = ?, amount_cents = ?", acct, amt)                                                                              // want `IDEM201: idempotency key transfers.idempotency_key can be NULL here: the INSERT leaves out idempotency_key, which has no database default`
	db.ExecContext(ctx, "INSERT INTO transfers SET account_id = ?, amount_cents = ?, idempotency_key = NULL", acct, amt)                                                      // want `IDEM201: .*the INSERT writes NULL into idempotency_key`
	db.ExecContext(ctx, "INSERT INTO holds SET account_id = ?, idempotency_token = ?", acct, r.Header.Get("Idempotency-Key"))                                                 // want `IDEM202: idempotency key holds.idempotency_token can be empty here: empty when the Idempotency-Key header is absent`
	db.ExecContext(ctx, "INSERT IGNORE INTO `transfers` SET `account_id` = ?, amount_cents = ?, idempotency_key = NULLIF(?, '')", acct, amt, r.Header.Get("Idempotency-Key")) // want `IDEM201: .*empty when the Idempotency-Key header is absent`

	// Negative cases, side by side.
	db.ExecContext(ctx, "INSERT INTO holds SET account_id = ?, idempotency_token = ? ON DUPLICATE KEY UPDATE account_id = account_id", acct, "h-"+key)                                    // never empty
	db.ExecContext(ctx, "INSERT INTO transfers SET account_id = ?, amount_cents = ?, idempotency_key = ? AS new ON DUPLICATE KEY UPDATE amount_cents = new.amount_cents", acct, amt, key) // a value-typed key: never NULL
}
