// Package api calls condrows' writers from handlers: an empty key it can
// pass is a NULL key there.
package api

import (
	"context"
	"crypto/rand"
	"errors"
	"net/http"

	"example.com/libs/condrows"
	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
)

func Import(ctx context.Context, db *bun.DB, conn *pgx.Conn, r *http.Request) error {
	h := r.Header.Get("Idempotency-Key")
	condrows.Save(ctx, db, []condrows.In{{Session: "s", Body: "b", Key: h}})    // want `IDEM201: .*empty when the Idempotency-Key header is absent.*passed to condrows.Save`
	condrows.SaveOne(ctx, db, condrows.In{Session: "s", Body: "b", Key: h})     // want `IDEM201: .*empty when the Idempotency-Key header is absent.*passed to condrows.SaveOne`
	condrows.Queue(ctx, conn, []condrows.In{{Session: "s", Body: "b", Key: h}}) // want `IDEM201: .*empty when the Idempotency-Key header is absent.*passed to condrows.Queue`
	condrows.SaveMinted(ctx, db, []condrows.In{{Session: "s", Body: "b", Key: h}})
	condrows.Save(ctx, db, []condrows.In{{Session: "s", Body: "b", Key: rand.Text()}})
	if h == "" {
		return errors.New("Idempotency-Key header required")
	}
	condrows.SaveOne(ctx, db, condrows.In{Session: "s", Body: "b", Key: h})
	return condrows.Save(ctx, db, []condrows.In{{Session: "s", Body: "b", Key: h}})
}
