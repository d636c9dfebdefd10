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

// tableLocks is set once, where it is declared: Lock's table is
// ledger_locks, on the model and at the insert alike.
var tableLocks = "ledger_" + "locks"

type Lock struct {
	ID             uint
	IdempotencyKey *string `gorm:"uniqueIndex"` // want `IDEM101: idempotency key Lock.IdempotencyKey is nullable, but NULLs are distinct in PostgreSQL unique index idx_ledger_locks_idempotency_key`
}

func (Lock) TableName() string { return tableLocks }

func Acquire(db *gorm.DB, key *string) error { // want Acquire:`writes key param 1 → ledger_locks.idempotency_key`
	return db.Create(&Lock{IdempotencyKey: key}).Error // want `IDEM201: idempotency key ledger_locks.idempotency_key can be NULL here: Acquire's parameter key is a \*string`
}

// tableVoids is changed by SetVoidsTable: Void's table is not known, and
// said so at its TableName.
var tableVoids = "voids"

func SetVoidsTable(name string) { tableVoids = name }

type Void struct {
	ID             uint
	IdempotencyKey *string `gorm:"uniqueIndex"`
}

func (Void) TableName() string { return tableVoids } // want `IDEM001: Void.TableName does not return a string constant: its table is not checked`

func Cancel(db *gorm.DB, key *string) error {
	return db.Create(&Void{IdempotencyKey: key}).Error
}
