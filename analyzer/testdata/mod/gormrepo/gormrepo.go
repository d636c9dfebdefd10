// Package gormrepo inserts into models another package declares: the
// table is the one their TableName names, and a prefixed embedded key is
// read.
package gormrepo

import (
	"context"
	"errors"
	"net/http"

	"gorm.io/gorm"

	"example.com/libs/gormmodels"
)

func Hold(ctx context.Context, db *gorm.DB, r *http.Request, account string) error {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	return db.WithContext(ctx).Create(&gormmodels.Hold{AccountID: account, IdempotencyKey: key}).Error // want `IDEM201: idempotency key ledger_holds.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
}

func HoldRequired(ctx context.Context, db *gorm.DB, r *http.Request, account string) error {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return errors.New("Idempotency-Key header required")
	}
	return db.WithContext(ctx).Create(&gormmodels.Hold{AccountID: account, IdempotencyKey: &k}).Error
}

func Release(ctx context.Context, db *gorm.DB, r *http.Request) error {
	row := gormmodels.Release{Request: gormmodels.Request{IdempotencyKey: r.Header.Get("Idempotency-Key")}}
	row.Request.UserID = r.Header.Get("X-User")
	return db.WithContext(ctx).Create(&row).Error // want `IDEM202: idempotency key ledger_releases.request_idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
}

func ReleaseRequired(ctx context.Context, db *gorm.DB, r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return errors.New("Idempotency-Key header required")
	}
	row := gormmodels.Release{Request: gormmodels.Request{IdempotencyKey: k, UserID: r.Header.Get("X-User")}}
	return db.WithContext(ctx).Create(&row).Error
}
