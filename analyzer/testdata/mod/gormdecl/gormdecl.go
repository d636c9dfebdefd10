// Package gormdecl declares its tables as GORM models, with no SQL: the
// schema findings are reported at the Go fields, and inserts are checked
// against the tables AutoMigrate creates.
package gormdecl

import "gorm.io/gorm"

type Charge struct {
	ID             uint
	AccountID      string  `gorm:"not null;uniqueIndex:idx_account_key"`
	IdempotencyKey *string `gorm:"uniqueIndex:idx_account_key"` // want `IDEM101: idempotency key Charge.IdempotencyKey is nullable, but NULLs are distinct in PostgreSQL unique index idx_account_key`
}

// Refund's key is NOT NULL: nothing to report.
type Refund struct {
	ID             uint
	IdempotencyKey string `gorm:"not null;uniqueIndex"`
}

func Pay(db *gorm.DB, account string, key *string) error { // want Pay:`writes key param 2 → charges.idempotency_key`
	return db.Create(&Charge{AccountID: account, IdempotencyKey: key}).Error // want `IDEM201: idempotency key charges.idempotency_key can be NULL here: Pay's parameter key is a \*string`
}

// Refunded writes a key whose column is NOT NULL; its callers are told (a
// fact) so that an empty key they pass is reported where they pass it.
func Refunded(db *gorm.DB, key string) error { // want Refunded:`writes key param 1 → refunds.idempotency_key`
	return db.Create(&Refund{IdempotencyKey: key}).Error
}
