package gormcreate

import (
	"encoding/json"
	"errors"
	"net/http"

	"gopkg.in/guregu/null.v4"
	"gorm.io/gorm"
)

// Order's key is the database's when the field is nil: GORM leaves a nil
// pointer tagged default: out of the INSERT, but writes a pointer to ""
// as the empty string.
type Order struct {
	ID             uint
	AccountID      string
	IdempotencyKey *string `gorm:"default:gen_random_uuid()"`
}

type orderIn struct {
	AccountID string `json:"accountId"`
	Key       string `json:"idempotencyKey"`
}

func createOrder(db *gorm.DB, r *http.Request) error {
	var in orderIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	return db.Create(&Order{AccountID: in.AccountID, IdempotencyKey: &in.Key}).Error // want `IDEM202: idempotency key orders.idempotency_key can be empty here: .*idempotencyKey`
}

func createOrderHeader(db *gorm.DB, r *http.Request, a string) error {
	h := r.Header.Get("Idempotency-Key")
	return db.Create(&Order{AccountID: a, IdempotencyKey: &h}).Error // want `IDEM202: .*Header.Get`
}

func createOrderNilWhenEmpty(db *gorm.DB, r *http.Request) error {
	var in orderIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	var key *string
	if in.Key != "" {
		key = &in.Key
	}
	return db.Create(&Order{AccountID: in.AccountID, IdempotencyKey: key}).Error // nil: the database's key
}

func createOrderChecked(db *gorm.DB, r *http.Request) error {
	var in orderIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if in.Key == "" {
		return errors.New("idempotencyKey required")
	}
	return db.Create(&Order{AccountID: in.AccountID, IdempotencyKey: &in.Key}).Error
}

func createOrderLeftOut(db *gorm.DB, a string) error {
	return db.Create(&Order{AccountID: a}).Error // the database's key
}

// NullOrder's key is a guregu null.String tagged default: GORM leaves only
// a zero (invalid) one to the database; a valid "" (null.StringFrom of an
// absent header) is no zero value, and is written as the empty string.
type NullOrder struct {
	ID             uint
	AccountID      string
	IdempotencyKey null.String `gorm:"default:gen_random_uuid()"`
}

func (NullOrder) TableName() string { return "orders" }

func createNullOrder(db *gorm.DB, r *http.Request, a string) error {
	return db.Create(&NullOrder{AccountID: a, IdempotencyKey: null.StringFrom(r.Header.Get("Idempotency-Key"))}).Error // want `IDEM202: idempotency key orders.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
}

func createNullOrderInvalidWhenEmpty(db *gorm.DB, r *http.Request, a string) error {
	h := r.Header.Get("Idempotency-Key")
	return db.Create(&NullOrder{AccountID: a, IdempotencyKey: null.NewString(h, h != "")}).Error // invalid where empty: the database's key
}
