// Package gormsave writes rows with GORM's Save, which creates a row
// whose primary key is zero (and updates one whose primary key is set,
// creating it only when none exists): a Save that leaves the primary key
// out is an insert, checked as Create is.
package gormsave

import (
	"net/http"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

type Coupon struct {
	ID             uint64
	Code           string  `gorm:"not null"`
	IdempotencyKey *string `gorm:"type:varchar(64);uniqueIndex"` // want `IDEM101: idempotency key Coupon.IdempotencyKey is nullable`
}

// Ticket's primary key is tagged, not named ID.
type Ticket struct {
	Number         string `gorm:"primaryKey"`
	Seat           string
	IdempotencyKey string `gorm:"type:varchar(64);not null;uniqueIndex"`
}

func headerKey(r *http.Request) *string {
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		return &k
	}
	return nil
}

// SaveNew leaves the primary key out: Save creates the row.
func SaveNew(db *gorm.DB, r *http.Request) error {
	key := headerKey(r)
	return db.Save(&Coupon{Code: r.FormValue("code"), IdempotencyKey: key}).Error // want `IDEM201: idempotency key coupons.idempotency_key can be NULL here: .*headerKey`
}

// SaveNewKeyed leaves the primary key out, with a key it made.
func SaveNewKeyed(db *gorm.DB, r *http.Request) error {
	key := uuid.NewString()
	return db.Save(&Coupon{Code: r.FormValue("code"), IdempotencyKey: &key}).Error
}

// SaveExisting sets the primary key: Save updates the row it names.
func SaveExisting(db *gorm.DB, id uint64, r *http.Request) error {
	return db.Save(&Coupon{ID: id, Code: r.FormValue("code"), IdempotencyKey: headerKey(r)}).Error
}

// SaveTickets saves new tickets, their primary key left out: each is
// created, its key from a header that may be absent.
func SaveTickets(db *gorm.DB, r *http.Request) error {
	return db.Save(&[]Ticket{{Seat: "1A", IdempotencyKey: r.Header.Get("Idempotency-Key")}}).Error // want `IDEM202: idempotency key tickets.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
}

// SaveTicket names its ticket: an update (or an insert of that number).
func SaveTicket(db *gorm.DB, number string, r *http.Request) error {
	return db.Save(&Ticket{Number: number, Seat: "1A", IdempotencyKey: r.Header.Get("Idempotency-Key")}).Error
}
