// Package bunremote inserts through a generic bun repository of another
// package (repo): Insert's calls are read here by its fact; InsertNamed's
// are not, which repo's note says.
package bunremote

import (
	"context"
	_ "embed"

	"github.com/uptrace/bun"

	"example.com/libs/notes/bunremote/repo"
)

//go:embed schema.sql
var schema string

type Parcel struct {
	bun.BaseModel  `bun:"table:parcels"`
	ID             int64   `bun:"id,pk,autoincrement"`
	OrderID        int64   `bun:"order_id,notnull"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

func Send(ctx context.Context, db bun.IDB, order int64) error {
	return repo.New[Parcel](db).Insert(ctx, &Parcel{OrderID: order}) // want `IDEM201: idempotency key parcels.idempotency_key can be NULL here: the IdempotencyKey field is left out of the Parcel literal`
}

func SendNamed(ctx context.Context, db bun.IDB, order int64) error {
	return repo.New[Parcel](db).InsertNamed(ctx, &Parcel{OrderID: order})
}
