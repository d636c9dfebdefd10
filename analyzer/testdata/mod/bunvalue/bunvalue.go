// Package bunvalue writes the key with bun's InsertQuery.Value(column,
// "?", arg): bun binds arg as the column's value, whatever the model's
// field holds, so arg is judged as a bind argument is. A Value whose SQL
// is its own (Value("dedup_key", "gen_random_uuid()")) is not followed.
package bunvalue

import (
	"context"
	_ "embed"
	"net/http"

	"github.com/uptrace/bun"
)

//go:embed schema.sql
var schema string

type Export struct {
	bun.BaseModel `bun:"table:exports"`
	ID            int64  `bun:",pk,autoincrement"`
	RequestedBy   string `bun:",notnull"`
	DedupKey      string `bun:",notnull"`
}

type Import struct {
	bun.BaseModel  `bun:"table:imports"`
	ID             int64   `bun:",pk,autoincrement"`
	Source         string  `bun:",notnull"`
	IdempotencyKey *string `bun:""`
}

// fromHeader binds a header that may be absent.
func fromHeader(ctx context.Context, db *bun.DB, r *http.Request) error {
	e := &Export{RequestedBy: "u"}
	_, err := db.NewInsert().Model(e).Value("dedup_key", "?", r.Header.Get("X-Export-Key")).Exec(ctx) // want `IDEM202: idempotency key exports.dedup_key can be empty here: empty when the X-Export-Key header is absent`
	return err
}

// WithKey binds its string parameter: its callers decide.
func WithKey(ctx context.Context, db *bun.DB, by, key string) error { // want WithKey:`writes key param 3 → exports.dedup_key`
	_, err := db.NewInsert().Model(&Export{RequestedBy: by}).Value("dedup_key", "?", key).Exec(ctx)
	return err
}

func withKeyFromHeader(ctx context.Context, db *bun.DB, r *http.Request) error {
	return WithKey(ctx, db, "u", r.Header.Get("X-Export-Key")) // want `IDEM202: .*passed to bunvalue.WithKey`
}

// scheduled binds a key it makes: fine, and the field DedupKey the
// literal leaves out is not written (Value overrides it).
func scheduled(ctx context.Context, db *bun.DB, day string) error {
	_, err := db.NewInsert().Model(&Export{RequestedBy: "cron"}).Value("dedup_key", "?", "nightly-"+day).Exec(ctx)
	return err
}

// sqlOfItsOwn: not followed.
func sqlOfItsOwn(ctx context.Context, db *bun.DB) error {
	_, err := db.NewInsert().Model(&Export{RequestedBy: "cron"}).Value("dedup_key", "gen_random_uuid()::text").Exec(ctx)
	return err
}

// nilKey binds a *string that is nil when the header is absent: NULL.
func nilKey(ctx context.Context, db *bun.DB, r *http.Request) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	_, err := db.NewInsert().Model(&Import{Source: "api"}).Value("idempotency_key", "?", key).Exec(ctx) // want `IDEM201: idempotency key imports.idempotency_key can be NULL here: nil when`
	return err
}
