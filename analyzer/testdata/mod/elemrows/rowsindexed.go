package elemrows

import (
	"errors"

	"gorm.io/gorm"
)

// CreateStamped sets another field of each row through the index before
// the insert: that loop looks at no key, so each element's key is still
// the callers'.
func CreateStamped(db *gorm.DB, session string, rows []Message) error { // want CreateStamped:`writes key param 2.\[\].IdempotencyKey → messages.idempotency_key`
	for i := range rows {
		rows[i].SessionID = session
	}
	return db.Create(&rows).Error // want `IDEM201: .*CreateStamped's parameter rows is a slice, and the IdempotencyKey field of the elements is a \*string`
}

// CreateIndexChecked looks at each element's key through the index: no
// fact (a -v note).
func CreateIndexChecked(db *gorm.DB, rows []Message) error {
	for i := range rows {
		if rows[i].IdempotencyKey == nil {
			return errors.New("missing key")
		}
	}
	return db.Create(&rows).Error
}

// CreateIndexWhole hands each element on whole through the index: it may
// look at the key (a -v note).
func CreateIndexWhole(db *gorm.DB, rows []Message) error {
	for i := range rows {
		if err := validateMessage(&rows[i]); err != nil {
			return err
		}
	}
	return db.Create(&rows).Error
}

func validateMessage(m *Message) error {
	if m.IdempotencyKey == nil {
		return errors.New("missing key")
	}
	return nil
}

func stampedCallers(db *gorm.DB) {
	_ = CreateStamped(db, "s", []Message{{Body: "b"}}) // want `IDEM201: .*the IdempotencyKey field is left out, so it is nil; passed to elemrows.CreateStamped`
	_ = CreateIndexChecked(db, []Message{{Body: "b"}})
	_ = CreateIndexWhole(db, []Message{{Body: "b"}})
}
