// Package derivedrows checks what a derived key is made of when the row
// in a variable carries more than the request: an id the database assigns
// (id bigserial) is left out, and a client-sent id of a struct type is in.
package derivedrows

import (
	"crypto/rand"
	"database/sql/driver"
	_ "embed"
	"net/http"

	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

// A ClientRequestID is the id a client sends with its request, and
// repeats when it retries.
type ClientRequestID struct {
	Source string
	Seq    int64
}

func (c ClientRequestID) Value() (driver.Value, error) { return c.Source, nil }

type Payout struct {
	ID              int64 // id bigserial: the database assigns it on insert
	Account         string
	Amount          int64
	ClientRequestID ClientRequestID
	Trace           string // minted per request by Create
	IdempotencyKey  *string
}

func (Payout) TableName() string { return "payouts" }

type PayoutRequest struct {
	Account         string
	Amount          int64
	ClientRequestID ClientRequestID
}

// The row's ID is zero before the insert and the database's afterwards,
// and its Trace is made up here: neither identifies the request, so the
// derived key reads the account, the amount and the client's request id.
func Create(db *gorm.DB, r *http.Request, in PayoutRequest) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	p := Payout{Account: in.Account, Amount: in.Amount, ClientRequestID: in.ClientRequestID}
	p.IdempotencyKey = key
	p.Trace = rand.Text()
	return db.Create(&p).Error // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent`
}

// With the key checked: nothing to report.
func CreateChecked(db *gorm.DB, r *http.Request, in PayoutRequest) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return http.ErrNoCookie
	}
	p := Payout{Account: in.Account, Amount: in.Amount, ClientRequestID: in.ClientRequestID, IdempotencyKey: &h}
	return db.Create(&p).Error
}
