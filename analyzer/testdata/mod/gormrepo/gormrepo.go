// Package gormrepo inserts into models another package declares: the
// table is the one their TableName names, and a prefixed embedded key is
// read.
package gormrepo

import (
	"context"
	"errors"
	"net/http"
	"strings"

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

// ErrNoKey is what a repository that rejects a keyless row returns.
var ErrNoKey = errors.New("idempotency key required")

// Repo is a repository layer over GORM.
type Repo struct{ DB *gorm.DB }

// ReleaseKeyed rejects an empty key itself: its callers have nothing to get
// wrong, whatever they pass.
func (r *Repo) ReleaseKeyed(ctx context.Context, user, key string) error {
	if key == "" {
		return ErrNoKey
	}
	return r.DB.WithContext(ctx).Create(&gormmodels.Release{Request: gormmodels.Request{IdempotencyKey: key, UserID: user}}).Error
}

// ReleaseKeyedBlank rejects a blank key, by its length.
func (r *Repo) ReleaseKeyedBlank(ctx context.Context, user, key string) error {
	if len(strings.TrimSpace(key)) == 0 {
		return ErrNoKey
	}
	return r.DB.WithContext(ctx).Create(&gormmodels.Release{Request: gormmodels.Request{IdempotencyKey: key, UserID: user}}).Error
}

// ReleaseShort rejects short keys only: an empty one is still written.
func (r *Repo) ReleaseShort(ctx context.Context, user, key string) error { // want ReleaseShort:`writes key param 2 → ledger_releases.request_idempotency_key`
	if len(key) == 1 {
		return ErrNoKey
	}
	return r.DB.WithContext(ctx).Create(&gormmodels.Release{Request: gormmodels.Request{IdempotencyKey: key, UserID: user}}).Error
}

// ReleaseAny writes whatever key it is given.
func (r *Repo) ReleaseAny(ctx context.Context, user, key string) error { // want ReleaseAny:`writes key param 2 → ledger_releases.request_idempotency_key`
	return r.DB.WithContext(ctx).Create(&gormmodels.Release{Request: gormmodels.Request{IdempotencyKey: key, UserID: user}}).Error
}

// ReleaseRow inserts the row it is given.
func (r *Repo) ReleaseRow(ctx context.Context, row *gormmodels.Release) error { // want ReleaseRow:`writes key param 1.Request.IdempotencyKey → ledger_releases.request_idempotency_key`
	return r.DB.WithContext(ctx).Create(row).Error
}

// Svc is a service layer that hands the repository a row literal.
type Svc struct{ R *Repo }

// Release checks the key before it builds the row.
func (s *Svc) Release(ctx context.Context, user, key string) error {
	if key != "" {
		return s.R.ReleaseRow(ctx, &gormmodels.Release{Request: gormmodels.Request{IdempotencyKey: key, UserID: user}})
	}
	return ErrNoKey
}

// ReleaseUnchecked does not.
func (s *Svc) ReleaseUnchecked(ctx context.Context, user, key string) error { // want ReleaseUnchecked:`writes key param 2 → ledger_releases.request_idempotency_key`
	return s.R.ReleaseRow(ctx, &gormmodels.Release{Request: gormmodels.Request{IdempotencyKey: key, UserID: user}})
}

func ServeRelease(r *http.Request, repo *Repo, s *Svc) {
	ctx := r.Context()
	_ = repo.ReleaseKeyed(ctx, "u", r.Header.Get("Idempotency-Key"))
	_ = repo.ReleaseKeyedBlank(ctx, "u", r.Header.Get("Idempotency-Key"))
	_ = repo.ReleaseShort(ctx, "u", r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key ledger_releases.request_idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*passed to Repo.ReleaseShort`
	_ = repo.ReleaseAny(ctx, "u", r.Header.Get("Idempotency-Key"))   // want `IDEM202: idempotency key ledger_releases.request_idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*passed to Repo.ReleaseAny`
	_ = s.Release(ctx, "u", r.Header.Get("Idempotency-Key"))
	_ = s.ReleaseUnchecked(ctx, "u", r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key ledger_releases.request_idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*passed to Svc.ReleaseUnchecked`
}

// HoldReturned returns the row it created, as repositories do: a use of
// the row after the insert does not change what was written.
func HoldReturned(ctx context.Context, db *gorm.DB, r *http.Request, account string) (*gormmodels.Hold, error) {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	h := gormmodels.Hold{AccountID: account, IdempotencyKey: key}
	if err := db.WithContext(ctx).Create(&h).Error; err != nil { // want `IDEM201: idempotency key ledger_holds.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
		return nil, err
	}
	return &h, nil
}

// HoldReturnedPtr: the same through a pointer variable.
func HoldReturnedPtr(ctx context.Context, db *gorm.DB, r *http.Request, account string) (*gormmodels.Hold, error) {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	h := &gormmodels.Hold{AccountID: account}
	h.IdempotencyKey = key
	if err := db.WithContext(ctx).Create(h).Error; err != nil { // want `IDEM201: idempotency key ledger_holds.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
		return nil, err
	}
	return h, nil
}

// HoldReturnedRequired returns its row too, with the key required.
func HoldReturnedRequired(ctx context.Context, db *gorm.DB, r *http.Request, account string) (*gormmodels.Hold, error) {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return nil, errors.New("Idempotency-Key header required")
	}
	h := gormmodels.Hold{AccountID: account, IdempotencyKey: &k}
	if err := db.WithContext(ctx).Create(&h).Error; err != nil {
		return nil, err
	}
	return &h, nil
}

// HoldsReused inserts one variable per account in a loop and hands it to
// a function after each insert, which may change other fields before the
// next one: its key is still the *string parameter nobody checks.
func HoldsReused(ctx context.Context, db *gorm.DB, accounts []string, key *string) error { // want HoldsReused:`writes key param 3 → ledger_holds.idempotency_key`
	h := gormmodels.Hold{IdempotencyKey: key}
	for _, a := range accounts {
		h.AccountID = a
		if err := db.WithContext(ctx).Create(&h).Error; err != nil { // want `IDEM201: idempotency key ledger_holds.idempotency_key can be NULL here: HoldsReused's parameter key is a \*string, so every caller may pass nil`
			return err
		}
		resetHold(&h)
	}
	return nil
}

func resetHold(h *gormmodels.Hold) { h.ID = 0 }
