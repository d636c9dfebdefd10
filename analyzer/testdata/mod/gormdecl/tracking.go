package gormdecl

import "gorm.io/gorm"

// Waybill is only ever stored inline, its columns prefixed (embedded;
// embeddedPrefix): GORM makes no waybills table, so its key is reported
// once, as the consignments column it becomes.
type Waybill struct {
	Carrier  string
	DedupKey *string `gorm:"size:128;uniqueIndex"` // want `IDEM101: idempotency key Consignment.DedupKey is nullable, but NULLs are distinct in PostgreSQL unique index idx_consignments_waybill_dedup_key \(waybill_dedup_key\)`
}

type Consignment struct {
	ID      uint
	OrderID uint    `gorm:"not null"`
	Waybill Waybill `gorm:"embedded;embeddedPrefix:waybill_"`
}

// Consign inserts a consignment (no AutoMigrate here: the struct maps
// rows, and its table is checked because the code writes it).
func Consign(db *gorm.DB, orderID uint, key *string) error { // want Consign:`writes key param 2 → consignments.waybill_dedup_key`
	return db.Create(&Consignment{OrderID: orderID, Waybill: Waybill{DedupKey: key}}).Error // want `IDEM201: idempotency key consignments.waybill_dedup_key can be NULL here: Consign's parameter key is a \*string`
}
