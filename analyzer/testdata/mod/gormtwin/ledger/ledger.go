// Package ledger declares a GORM model named Account, as package
// gormtwin/billing does; this one's key is NOT NULL: nothing to report.
package ledger

type Account struct {
	ID             uint
	TenantID       string  `gorm:"not null;uniqueIndex:idx_ledger_key,priority:1"`
	IdempotencyKey *string `gorm:"not null;uniqueIndex:idx_ledger_key,priority:2"`
}

func (Account) TableName() string { return "ledger_accounts" }
