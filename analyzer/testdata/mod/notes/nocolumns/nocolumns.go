// Package nocolumns writes rows with INSERTs that name no columns
// (INSERT INTO payments VALUES ($1, $2, $3, $4)): each value goes into the
// table's column at its position, in the schema's order after all
// migrations (ALTER TABLE ADD COLUMN appends), through database/sql, pgx
// and sqlx. Where the schema's column count is not the VALUES count, the
// key is not guessed: a note says so.
package nocolumns

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

//go:embed migrations
var migrations embed.FS

// headerKey is nil when the request has no key.
func headerKey(r *http.Request) *string {
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		return &k
	}
	return nil
}

// database/sql: the fourth value is the key (added by the second
// migration), nil when the header is absent.
func SQLNoColumns(ctx context.Context, db *sql.DB, r *http.Request, id int64, account string, amount int64) error {
	_, err := db.ExecContext(ctx, `INSERT INTO payments VALUES ($1, $2, $3, $4)`, id, account, amount, headerKey(r)) // want `IDEM201: idempotency key payments.idempotency_key can be NULL here: nocolumns.headerKey can return a nil literal`
	return err
}

// The same INSERT with a key that is always there: nothing to report.
func SQLNoColumnsKeyed(ctx context.Context, db *sql.DB, id int64, account string, amount int64) error {
	_, err := db.ExecContext(ctx, `INSERT INTO payments VALUES ($1, $2, $3, $4)`, id, account, amount, rand.Text())
	return err
}

// A nil key in the third position goes into amount, not the key: the
// header's key in the fourth is checked.
func SQLNoColumnsOrder(ctx context.Context, db *sql.DB, r *http.Request, id int64, account string) error {
	k := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, `INSERT INTO payments VALUES ($1, $2, $3, $4)`, id, account, nil, k) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: .*Idempotency-Key header`
	return err
}

// pgx: the same positions.
func PgxNoColumns(ctx context.Context, pool *pgxpool.Pool, r *http.Request, id int64, account string, amount int64) error {
	_, err := pool.Exec(ctx, `INSERT INTO payments VALUES ($1, $2, $3, $4)`, id, account, amount, r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: .*Idempotency-Key header`
	return err
}

func PgxNoColumnsKeyed(ctx context.Context, pool *pgxpool.Pool, r *http.Request, id int64, account string, amount int64) error {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		k = rand.Text()
	}
	_, err := pool.Exec(ctx, `INSERT INTO payments VALUES ($1, $2, $3, $4)`, id, account, amount, k)
	return err
}

// Payment binds sqlx's :names by db tag.
type Payment struct {
	ID             int64   `db:"id"`
	AccountID      string  `db:"account_id"`
	Amount         int64   `db:"amount"`
	IdempotencyKey *string `db:"idempotency_key"`
}

// sqlx: the named values fill the columns in order too; the key field is
// left out of the literal.
func SqlxNoColumns(ctx context.Context, db *sqlx.DB, id int64, account string) error {
	_, err := db.NamedExecContext(ctx, `INSERT INTO payments VALUES (:id, :account_id, :amount, :idempotency_key)`, Payment{ID: id, AccountID: account}) // want `IDEM201: idempotency key payments.idempotency_key can be NULL here: .*IdempotencyKey.*left out`
	return err
}

func SqlxNoColumnsKeyed(ctx context.Context, db *sqlx.DB, id int64, account string) error {
	k := rand.Text()
	_, err := db.NamedExecContext(ctx, `INSERT INTO payments VALUES (:id, :account_id, :amount, :idempotency_key)`, Payment{ID: id, AccountID: account, IdempotencyKey: &k})
	return err
}

// Three values where the schema gives refunds four columns (reason was
// added): which one is the key is not guessed.
func SQLNoColumnsStale(ctx context.Context, db *sql.DB, id, payment int64, r *http.Request) error {
	_, err := db.ExecContext(ctx, `INSERT INTO refunds VALUES ($1, $2, $3)`, id, payment, headerKey(r)) // want `not followed: the INSERT names no columns, and its rows have 3 values where table refunds has 4 columns in the schema idemlint read \(after its migrations\), so which value goes into idempotency_key is not known`
	return err
}

// Four values for four columns: the key is the third, and checked.
func SQLNoColumnsCurrent(ctx context.Context, db *sql.DB, id, payment int64, r *http.Request) error {
	_, err := db.ExecContext(ctx, `INSERT INTO refunds VALUES ($1, $2, $3, $4)`, id, payment, headerKey(r), "duplicate") // want `IDEM201: idempotency key refunds.idempotency_key can be NULL here: nocolumns.headerKey can return a nil literal`
	return err
}
