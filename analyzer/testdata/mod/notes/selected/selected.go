// Package selected inserts rows with INSERT … SELECT through pgx v5 (as
// hookdeck/outpost's log store does): a key taken from the arrays
// unnest(…) expands or from another table's rows is not followed, and a
// -v note says so; a bind parameter or a literal in the select list is
// checked as in VALUES.
package selected

import (
	"context"
	_ "embed"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed schema.sql
var schema string

const insertUnnest = `
	INSERT INTO payouts (account_id, idempotency_key)
	SELECT u.account_id, u.idempotency_key
	FROM unnest($1::text[], $2::text[]) AS u(account_id, idempotency_key)
	ON CONFLICT (idempotency_key) DO NOTHING`

const insertUnnestStar = `INSERT INTO payouts (account_id, idempotency_key)
	SELECT * FROM unnest($1::text[], $2::text[])`

const promote = `INSERT INTO payouts (account_id, idempotency_key)
	SELECT s.account_id, s.idempotency_key FROM staged_payouts s`

const insertIfAbsent = `INSERT INTO payouts (account_id, idempotency_key)
	SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM payouts WHERE account_id = $1)`

// InsertMany sends the rows as arrays, expanded by unnest: not followed.
func InsertMany(ctx context.Context, pool *pgxpool.Pool, accounts, keys []string) error {
	_, err := pool.Exec(ctx, insertUnnest, accounts, keys) // want `not followed: the INSERT inserts the rows of a SELECT, and payouts.idempotency_key takes u.idempotency_key from the elements of the arrays unnest\(…\) expands, one per row`
	return err
}

// InsertManyStar selects every column unnest makes, in the listed order.
func InsertManyStar(ctx context.Context, pool *pgxpool.Pool, accounts, keys []string) error {
	_, err := pool.Exec(ctx, insertUnnestStar, accounts, keys) // want `not followed: the INSERT inserts the rows of a SELECT, and payouts.idempotency_key takes SELECT \* from the elements of the arrays unnest`
	return err
}

// Promote copies staged rows, whose key column is nullable: not followed.
func Promote(ctx context.Context, pool *pgxpool.Pool) error {
	_, err := pool.Exec(ctx, promote) // want `not followed: the INSERT inserts the rows of a SELECT, and payouts.idempotency_key takes s.idempotency_key from the rows the SELECT reads`
	return err
}

// InsertIfAbsent selects its bind parameters: the key is the header,
// checked as in VALUES.
func InsertIfAbsent(ctx context.Context, pool *pgxpool.Pool, r *http.Request) error {
	_, err := pool.Exec(ctx, insertIfAbsent, r.FormValue("account"), r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key payouts.idempotency_key can be empty here: .*Idempotency-Key header is absent`
	return err
}

// InsertIfAbsentChecked rejects a request without a key: silent.
func InsertIfAbsentChecked(ctx context.Context, pool *pgxpool.Pool, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("an idempotency key is required")
	}
	_, err := pool.Exec(ctx, insertIfAbsent, r.FormValue("account"), key)
	return err
}
