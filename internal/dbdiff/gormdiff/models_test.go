package gormdiff

import (
	"database/sql"
	"time"

	"gorm.io/gorm"
)

// The models AutoMigrate creates, read by the test as source too: every
// shape whose meaning is in question.

type Base struct {
	ID        uint `gorm:"primaryKey"`
	CreatedAt time.Time
}

type Payment struct {
	Base
	TenantID       string  `gorm:"not null;uniqueIndex:idx_tenant_key,priority:1"`
	IdempotencyKey *string `gorm:"uniqueIndex:idx_tenant_key,priority:2;size:64"`
	PlainKey       string  `gorm:"uniqueIndex"`
	Amount         int64   `gorm:"not null"`
	Note           string
	Count          int
	Flag           bool
	Ptr            *int64
	Null           sql.NullString
	Status         string `gorm:"not null;default:'new'"`
}

type Customer struct {
	gorm.Model
	ExternalID sql.NullString `gorm:"column:ext_id;unique"`
	DedupKey   string         `gorm:"not null;unique"`
	RequestID  string         `gorm:"index:,unique"`
	Audit      Audit          `gorm:"embedded;embeddedPrefix:audit_"`
	Skipped    string         `gorm:"-"`
	MigrOnly   string         `gorm:"-:migration"`
	hidden     string
}

type Audit struct {
	By string `gorm:"not null"`
	At *time.Time
}

type Refund struct {
	ID             string `gorm:"type:varchar(36)"`
	IdempotencyKey string `gorm:"not null;index:idx_refund_key,unique,priority:2"`
	MerchantID     *int64 `gorm:"index:idx_refund_key,unique,priority:1"`
	Token          string `gorm:"uniqueIndex:idx_token"`
}

func (Refund) TableName() string { return "refund_log" }

func migrate(db *gorm.DB) error { return db.AutoMigrate(&Payment{}, &Customer{}, &Refund{}) }

var _ = Customer{}.hidden
