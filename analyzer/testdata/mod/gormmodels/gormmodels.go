// Package gormmodels declares GORM models for another package to insert
// into: their TableName methods and embedded prefixes are read there.
package gormmodels

// Hold's key closes a composite unique index, ordered by priority.
type Hold struct {
	ID             uint
	AccountID      string  `gorm:"not null;uniqueIndex:idx_hold_key,priority:1"`
	IdempotencyKey *string `gorm:"uniqueIndex:idx_hold_key,priority:2"` // want `IDEM101: idempotency key Hold.IdempotencyKey is nullable, but NULLs are distinct in PostgreSQL unique index idx_hold_key \(account_id, idempotency_key\)`
}

func (Hold) TableName() string { return "ledger_holds" }

// Request is stored inline, its columns prefixed with request_.
type Request struct {
	IdempotencyKey string `gorm:"not null;uniqueIndex"`
	UserID         string
}

// Release's key is a prefixed column of an embedded struct, NOT NULL.
type Release struct {
	ID      uint
	Request Request `gorm:"embedded;embeddedPrefix:request_"`
}

func (Release) TableName() string { return "ledger_releases" }
