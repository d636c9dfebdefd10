// Package gormmap writes rows with GORM's Create of a map,
// db.Model(&MapTransfer{}).Create(map[string]any{…}): the INSERT names
// exactly the map's keys (field or column names of the Model), so a key
// the map leaves out gets the column's database default, else NULL, and
// each value is checked as a bind argument.
package gormmap

import (
	"context"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

type MapTransfer struct {
	gorm.Model
	TenantID       string `gorm:"not null;uniqueIndex:idx_map_transfer_tenant_key"`
	AmountCents    int64  `gorm:"not null"`
	IdempotencyKey string `gorm:"size:64;not null;uniqueIndex:idx_map_transfer_tenant_key"`
}

type MapRefund struct {
	ID             uint64
	AmountCents    int64
	IdempotencyKey *string `gorm:"size:64;uniqueIndex"` // want `IDEM101: idempotency key MapRefund.IdempotencyKey is nullable`
}

type MapVoucher struct {
	ID             uint64
	Code           string
	IdempotencyKey string `gorm:"size:64;not null;uniqueIndex;default:gen_random_uuid()"`
}

// HeaderKey passes the Idempotency-Key header, which may be absent.
func HeaderKey(db *gorm.DB, r *http.Request) error {
	return db.Model(&MapTransfer{}).Create(map[string]any{
		"tenant_id":       r.PathValue("tenant"),
		"amount_cents":    100,
		"idempotency_key": r.Header.Get("Idempotency-Key"), // want `IDEM202: idempotency key map_transfers.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	}).Error
}

// FieldNames names the model's fields rather than its columns.
func FieldNames(db *gorm.DB, r *http.Request) error {
	return db.WithContext(r.Context()).Model(&MapTransfer{}).Create(map[string]any{
		"TenantID":       r.PathValue("tenant"),
		"IdempotencyKey": r.Header.Get("Idempotency-Key"), // want `IDEM202: idempotency key map_transfers.idempotency_key can be empty here`
	}).Error
}

// MintedKey writes a key it made.
func MintedKey(db *gorm.DB, r *http.Request) error {
	return db.Model(&MapTransfer{}).Create(map[string]any{
		"tenant_id":       r.PathValue("tenant"),
		"idempotency_key": uuid.NewString(),
	}).Error
}

// CheckedKey rejects a request without a key.
func CheckedKey(db *gorm.DB, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("idempotency key required")
	}
	return db.Model(&MapTransfer{}).Create(map[string]any{"tenant_id": r.PathValue("tenant"), "idempotency_key": key}).Error
}

// LeftOut writes no key: the column has no default, so it is NULL.
func LeftOut(db *gorm.DB, amount int64) error {
	return db.Model(&MapRefund{}).Create(map[string]any{"amount_cents": amount}).Error // want `IDEM201: idempotency key map_refunds.idempotency_key can be NULL here: GORM's Create of a map for MapRefund leaves out idempotency_key, which has no database default`
}

// LeftOutDefault writes no key into a column with a database default.
func LeftOutDefault(db *gorm.DB, code string) error {
	return db.Model(&MapVoucher{}).Create(map[string]any{"code": code}).Error
}

// OmittedKey names the key, but Omit leaves it out.
func OmittedKey(db *gorm.DB, amount int64) error {
	k := uuid.NewString()
	return db.Model(&MapRefund{}).Omit("idempotency_key").Create(map[string]any{"amount_cents": amount, "idempotency_key": &k}).Error // want `IDEM201: idempotency key map_refunds.idempotency_key can be NULL here: GORM's Create of a map for MapRefund after Omit\("idempotency_key"\) leaves out idempotency_key`
}

// TableOnly names the table, not a model: the keys are its columns.
func TableOnly(db *gorm.DB, r *http.Request) error {
	return db.Table("map_transfers").Create(map[string]any{
		"tenant_id":       r.PathValue("tenant"),
		"idempotency_key": r.URL.Query().Get("key"), // want `IDEM202: idempotency key map_transfers.idempotency_key can be empty here`
	}).Error
}

// MapVariable sets the key after the literal, on every path.
func MapVariable(db *gorm.DB, r *http.Request) error {
	row := map[string]any{"tenant_id": r.PathValue("tenant")}
	row["idempotency_key"] = r.Header.Get("Idempotency-Key") // want `IDEM202: idempotency key map_transfers.idempotency_key can be empty here`
	return db.Model(&MapTransfer{}).Create(row).Error
}

// CreateTransfer writes the key its callers pass, inside a transaction.
func CreateTransfer(ctx context.Context, db *gorm.DB, tenant string, amount int64, key string) error { // want CreateTransfer:"writes key param 4 → map_transfers.idempotency_key"
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return tx.Model(&MapTransfer{}).Create(map[string]any{
			"tenant_id":       tenant,
			"amount_cents":    amount,
			"idempotency_key": key,
		}).Error
	})
}

// Handler passes CreateTransfer a header that may be absent.
func Handler(db *gorm.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if err := CreateTransfer(r.Context(), db, r.PathValue("tenant"), 100, key); err != nil { // want `IDEM202: idempotency key map_transfers.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}
}

// CheckedHandler passes CreateTransfer a key it checked.
func CheckedHandler(db *gorm.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			http.Error(w, "Idempotency-Key required", http.StatusBadRequest)
			return
		}
		if err := CreateTransfer(r.Context(), db, r.PathValue("tenant"), 100, key); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}
}

// ModelStruct names the row's own model before a struct's Create: the
// same as Create(&t).
func ModelStruct(db *gorm.DB, r *http.Request) error {
	t := MapTransfer{TenantID: r.PathValue("tenant"), IdempotencyKey: r.Header.Get("Idempotency-Key")}
	return db.Model(&MapTransfer{}).Create(&t).Error // want `IDEM202: idempotency key map_transfers.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
}

// ModelStructMinted, likewise, with a key it made.
func ModelStructMinted(db *gorm.DB, r *http.Request) error {
	t := MapTransfer{TenantID: r.PathValue("tenant"), IdempotencyKey: uuid.NewString()}
	return db.Model(&t).Create(&t).Error
}

// SQLKey writes SQL of its own into the key: not read, a -v note.
func SQLKey(db *gorm.DB, r *http.Request) error {
	return db.Model(&MapTransfer{}).Create(map[string]any{
		"tenant_id":       r.PathValue("tenant"),
		"idempotency_key": gorm.Expr("COALESCE(NULLIF(?, ''), gen_random_uuid()::text)", r.Header.Get("Idempotency-Key")),
	}).Error
}
