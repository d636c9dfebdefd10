// Package bunindex creates its unique rules with bun's NewCreateIndex
// rather than with tags: a composite unique index over a nullable key
// lets keyless rows repeat (IDEM101, and IDEM201 where a nil key is
// written), a partial one that leaves keyless rows out does not.
package bunindex

import (
	"context"
	"net/http"

	"github.com/uptrace/bun"
)

type Delivery struct {
	bun.BaseModel `bun:"table:idx_deliveries"`

	ID             int64   `bun:",pk,autoincrement"`
	Source         string  `bun:",notnull"`
	IdempotencyKey *string `bun:"idempotency_key"` // want `IDEM101: idempotency key Delivery.IdempotencyKey is nullable, but NULLs are distinct in PostgreSQL unique index idx_deliveries_source_key \(source, idempotency_key\)`
	Body           []byte  `bun:",notnull"`
}

type Receipt struct {
	bun.BaseModel `bun:"table:idx_receipts"`

	ID             int64   `bun:",pk,autoincrement"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

// Migrate creates the tables and their unique indexes.
func Migrate(ctx context.Context, db *bun.DB) error {
	for _, m := range []any{(*Delivery)(nil), (*Receipt)(nil)} {
		if _, err := db.NewCreateTable().Model(m).IfNotExists().Exec(ctx); err != nil {
			return err
		}
	}
	if _, err := db.NewCreateIndex().Model((*Delivery)(nil)).Index("idx_deliveries_source_key").Unique().IfNotExists().
		Column("source", "idempotency_key").Exec(ctx); err != nil {
		return err
	}
	_, err := db.NewCreateIndex().Model((*Receipt)(nil)).Index("idx_receipts_key").Unique().
		Column("idempotency_key").Where("idempotency_key IS NOT NULL").Exec(ctx)
	return err
}

// InsertDelivery writes the key its callers pass, unchecked.
func InsertDelivery(ctx context.Context, db *bun.DB, d *Delivery) error { // want InsertDelivery:"writes key param 2.IdempotencyKey → idx_deliveries.idempotency_key"
	_, err := db.NewInsert().Model(d).Exec(ctx) // want `IDEM201: idempotency key idx_deliveries.idempotency_key can be NULL here: InsertDelivery's parameter field d.IdempotencyKey is a \*string`
	return err
}

// InsertReceipt writes a key that may be nil: keyless receipts are left
// out of the partial index.
func InsertReceipt(ctx context.Context, db *bun.DB, r *http.Request) error {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	_, err := db.NewInsert().Model(&Receipt{IdempotencyKey: key}).Exec(ctx)
	return err
}
