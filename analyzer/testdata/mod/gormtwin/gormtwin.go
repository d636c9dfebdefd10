// Package gormtwin inserts into the tables of two GORM models of one
// type name, billing.Account and ledger.Account, whose TableName methods
// are declared in their own packages: each insert is checked against its
// own model's table, not against whichever Account was read first.
package gormtwin

import (
	"gorm.io/gorm"

	"example.com/libs/gormtwin/billing"
	"example.com/libs/gormtwin/ledger"
)

// OpenBilling writes a key that may be nil into billing_accounts, whose
// unique index takes every NULL.
func OpenBilling(db *gorm.DB, tenant string, key *string) error { // want OpenBilling:`writes key param 2 → billing_accounts.idempotency_key`
	return db.Create(&billing.Account{TenantID: tenant, IdempotencyKey: key}).Error // want `IDEM201: idempotency key billing_accounts.idempotency_key can be NULL here: OpenBilling's parameter key is a \*string`
}

// OpenLedger writes the same into ledger_accounts, whose key is NOT NULL:
// a nil key fails the insert loudly, nothing to report. (Checked against
// billing's Account, it would be IDEM201.)
func OpenLedger(db *gorm.DB, tenant string, key *string) error { // want OpenLedger:`writes key param 2 → ledger_accounts.idempotency_key`
	return db.Create(&ledger.Account{TenantID: tenant, IdempotencyKey: key}).Error
}

// AddPerson writes into people, the table GORM names after billing.Person
// (not persons).
func AddPerson(db *gorm.DB, key *string) error { // want AddPerson:`writes key param 1 → people.idempotency_key`
	return db.Create(&billing.Person{IdempotencyKey: key}).Error // want `IDEM201: idempotency key people.idempotency_key can be NULL here: AddPerson's parameter key is a \*string`
}
