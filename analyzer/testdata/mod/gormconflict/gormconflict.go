// Package gormconflict upserts with GORM's clause.OnConflict: its Columns
// name a key that no key rule knows by its name.
package gormconflict

import (
	_ "embed"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

//go:embed schema.sql
var schema string

type Transfer struct {
	ID          int64
	Account     string
	TransferRef *string
}

func (Transfer) TableName() string { return "transfers" }

// Save writes a transfer once per (account, transfer_ref); a nil ref is a
// NULL key, and every retry without one is stored again.
func Save(db *gorm.DB, account string, ref *string) error { // want Save:`writes key param 2 → transfers.transfer_ref`
	t := Transfer{Account: account, TransferRef: ref} // want `IDEM201: idempotency key transfers.transfer_ref \(used as the ON CONFLICT target at gormconflict/gormconflict.go:27\) can be NULL here`
	return db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "account"}, {Name: "transfer_ref"}},
		DoNothing: true,
	}).Create(&t).Error
}

// SaveRef takes a ref that is never nil: nothing to report.
func SaveRef(db *gorm.DB, account, ref string) error {
	t := Transfer{Account: account, TransferRef: &ref}
	return db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "account"}, {Name: "transfer_ref"}},
		DoNothing: true,
	}).Create(&t).Error
}

type Note struct {
	ID      int64
	Account string
	NoteRef *string
}

func (Note) TableName() string { return "transfer_notes" }

// A note's ref is unique and nullable, but no code upserts on it.
func AddNote(db *gorm.DB, account string, ref *string) error {
	return db.Create(&Note{Account: account, NoteRef: ref}).Error
}
