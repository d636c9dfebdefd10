// Package api calls elemrows' writers from handlers: each element it
// builds is judged as a single row's argument.
package api

import (
	"context"
	"errors"
	"net/http"

	"example.com/libs/elemrows"
	"github.com/jmoiron/sqlx"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

func headerKey(r *http.Request) *string {
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		return &h
	}
	return nil
}

func Import(ctx context.Context, db *gorm.DB, bdb *bun.DB, sdb *sqlx.DB, r *http.Request) error {
	key := headerKey(r)
	elemrows.CreateAll(db, []elemrows.In{{Session: "s", Body: "b", Key: key}})                     // want `IDEM201: .*headerKey can return a nil literal .*passed to elemrows.CreateAll`
	elemrows.Batch(ctx, sdb, []elemrows.In{{Session: "s", Body: "b", Key: key}})                   // want `IDEM201: .*passed to elemrows.Batch`
	elemrows.Pay(ctx, bdb, []elemrows.In{{Account: "a", PayKey: r.Header.Get("Idempotency-Key")}}) // want `IDEM202: .*Header.Get.*passed to elemrows.Pay`
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	elemrows.CreateAll(db, []elemrows.In{{Session: "s", Body: "b", Key: key}})
	return elemrows.Pay(ctx, bdb, []elemrows.In{{Account: "a", PayKey: *key}})
}

// A slice built here, not a literal: its elements are not read (-v
// notes it; see package notes).
func Local(db *gorm.DB, r *http.Request) error {
	var in []elemrows.In
	in = append(in, elemrows.In{Session: "s", Body: "b", Key: headerKey(r)})
	return elemrows.CreateAll(db, in)
}
