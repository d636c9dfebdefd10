// Package billing declares a GORM model named Account; package
// gormtwin/ledger declares another of that name. Each is its own table.
package billing

// Account's key is nullable in its unique index: every retry that
// arrives without a key is stored again.
type Account struct {
	ID             uint
	TenantID       string  `gorm:"not null;uniqueIndex:idx_billing_key,priority:1"`
	IdempotencyKey *string `gorm:"uniqueIndex:idx_billing_key,priority:2"` // want `IDEM101: idempotency key Account.IdempotencyKey is nullable, but NULLs are distinct in PostgreSQL unique index idx_billing_key \(tenant_id, idempotency_key\)`
}

func (Account) TableName() string { return "billing_accounts" }

// Person has no TableName: GORM names its table people, by
// jinzhu/inflection, and so must an insert that sees only the type.
type Person struct {
	ID             uint
	IdempotencyKey *string `gorm:"uniqueIndex"` // want `IDEM101: idempotency key Person.IdempotencyKey is nullable, but NULLs are distinct in PostgreSQL unique index idx_people_idempotency_key`
}
