// Package gormcheck declares GORM models whose check: settings AutoMigrate
// creates as CHECK constraints: one that is false for the empty key makes
// an empty key fail the insert loudly (no IDEM202), one on another column
// or one an empty key passes changes nothing. (No AutoMigrate call here:
// one would make its types the only GORM models of the whole test module.)
package gormcheck

import (
	"net/http"

	"gorm.io/gorm"
)

// Payback's named check rejects the empty key.
type Payback struct {
	ID             uint
	IdempotencyKey string `gorm:"type:varchar(64);not null;uniqueIndex;check:chk_paybacks_key,idempotency_key <> ''"`
}

// Rebate's unnamed check (GORM names it chk_rebates_idempotency_key)
// rejects the empty key too.
type Rebate struct {
	ID             uint
	IdempotencyKey string `gorm:"not null;uniqueIndex;check:length(idempotency_key) > 0"`
}

// Chargeback's check is on another column: an empty key passes it.
type Chargeback struct {
	ID             uint
	IdempotencyKey string `gorm:"not null;uniqueIndex"`
	Reason         string `gorm:"check:length(reason) < 200"`
}

// Credit's check lets the empty key through (it only bounds the length).
type Credit struct {
	ID             uint
	IdempotencyKey string `gorm:"not null;uniqueIndex;check:chk_credits_key,length(idempotency_key) <= 64"`
}

func PaybackFrom(db *gorm.DB, r *http.Request) error {
	return db.Create(&Payback{IdempotencyKey: r.Header.Get("Idempotency-Key")}).Error
}

func RebateFrom(db *gorm.DB, r *http.Request) error {
	return db.Create(&Rebate{IdempotencyKey: r.Header.Get("Idempotency-Key")}).Error
}

func ChargebackFrom(db *gorm.DB, r *http.Request) error {
	return db.Create(&Chargeback{IdempotencyKey: r.Header.Get("Idempotency-Key"), Reason: r.FormValue("reason")}).Error // want `IDEM202: idempotency key chargebacks.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
}

func CreditFrom(db *gorm.DB, r *http.Request) error {
	return db.Create(&Credit{IdempotencyKey: r.Header.Get("Idempotency-Key")}).Error // want `IDEM202: idempotency key credits.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
}
