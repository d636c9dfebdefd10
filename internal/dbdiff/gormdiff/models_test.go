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

// Money is embedded with a prefix: its renamed Ref joins the model's
// composite unique index, behind the prefix.
type Money struct {
	Currency string  `gorm:"not null;default:'EUR'"`
	Ref      *string `gorm:"column:reference;uniqueIndex:idx_order_ref,priority:2"`
}

// Meta is embedded by a named field, without a prefix.
type Meta struct {
	Source string
	Trace  *string `gorm:"not null"`
}

type Order struct {
	ID        uint64         `gorm:"primaryKey;autoIncrement"`
	TenantID  *string        `gorm:"not null;uniqueIndex:idx_order_ref,priority:1"`
	Key       sql.NullString `gorm:"not null;uniqueIndex:idx_order_key"`
	Draft     *string        `gorm:"default:'none'"`
	Label     string         `gorm:"default:unnamed"`
	Active    bool           `gorm:"default:true"`
	Seq       int            `gorm:"not null;default:0"`
	Amount    Money          `gorm:"embedded;embeddedPrefix:amount_"`
	Meta      Meta           `gorm:"embedded"`
	ExtRef    *string        `gorm:"unique;column:external_ref"`
	Partial   *string        `gorm:"uniqueIndex:idx_order_partial,where:deleted_at IS NULL"`
	Code      string         `gorm:"type:varchar(12);not null;index:idx_order_code,class:UNIQUE"`
	Token     string         `gorm:"size:64;uniqueIndex:idx_order_tok,sort:desc"`
	Count     sql.NullInt64
	At        sql.NullTime `gorm:"not null"`
	Flag      *bool        `gorm:"not null;default:false"`
	DeletedAt gorm.DeletedAt
}

// Ledger: a composite primary key, a field tagged for two unique
// indexes (GORM keeps the last setting of a key), an index one field
// calls unique and the other does not, and a pointer to an embedded
// struct.
type Ledger struct {
	Account   string  `gorm:"primaryKey"`
	Entry     int64   `gorm:"primaryKey;autoIncrement:false"`
	Twice     *string `gorm:"uniqueIndex:idx_ledger_a;uniqueIndex:idx_ledger_b"`
	Left      *string `gorm:"index:idx_ledger_mixed,unique"`
	Right     *string `gorm:"index:idx_ledger_mixed"`
	Both      *string `gorm:"unique;uniqueIndex"`
	Meta      *Meta   `gorm:"embedded;embeddedPrefix:m_"`
	Requested *string `gorm:"not null;uniqueIndex:idx_ledger_req,priority:3"`
	Tenant    string  `gorm:"not null;uniqueIndex:idx_ledger_req,priority:1"`
}

func migrate(db *gorm.DB) error {
	return db.AutoMigrate(&Payment{}, &Customer{}, &Refund{}, &Order{}, &Ledger{})
}

var _ = Customer{}.hidden
