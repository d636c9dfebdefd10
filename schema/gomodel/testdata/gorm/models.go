package models

import (
	"database/sql"
	"time"

	"gorm.io/gorm"
)

type Base struct {
	ID        string `gorm:"primaryKey;type:uuid;default:gen_random_uuid()"`
	CreatedAt time.Time
}

// Payment: the key is a plain string in a unique index, nullable in the
// database because it lacks `not null`.
type Payment struct {
	Base
	TenantID       string  `gorm:"not null;uniqueIndex:idx_tenant_key,priority:1"`
	IdempotencyKey *string `gorm:"uniqueIndex:idx_tenant_key,priority:2;size:64"`
	Amount         int64   `gorm:"not null;check:,amount > 0"`
	Customer       Customer
	CustomerID     uint
}

type Customer struct {
	gorm.Model
	ExternalID sql.NullString `gorm:"column:ext_id"`
	DedupKey   string         `gorm:"not null;unique;check:chk_customers_dedup,length(dedup_key) > 0"`
	RequestID  string         `gorm:"index:,unique,where:request_id IS NOT NULL"`
	Audit      Audit          `gorm:"embedded;embeddedPrefix:audit_"`
	ignored    string
	Skipped    string `gorm:"-"`
}

type Audit struct {
	By string
}

type Refund struct {
	ID             uint
	IdempotencyKey string `gorm:"not null;index:idx_refund_key,unique;check:idempotency_key <> ''"`
	MerchantID     *int64 `gorm:"index:idx_refund_key,unique"`
}

func (Refund) TableName() string { return "refund_log" }

func migrate(db *gorm.DB) error {
	return db.AutoMigrate(&Payment{}, &Customer{}, &Refund{})
}
