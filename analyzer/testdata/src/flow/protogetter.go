package flow

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
)

// createPaymentRequest is as protoc-gen-go writes a message with a proto3
// optional field: the getter returns "" when the field is unset.
type createPaymentRequest struct {
	AccountID      string  `json:"account_id"`
	IdempotencyKey *string `json:"idempotency_key,omitempty"`
}

func (x *createPaymentRequest) GetIdempotencyKey() string { // want GetIdempotencyKey:`result 0 empty when argument 0.IdempotencyKey\* is empty; empty when argument 0.IdempotencyKey is nil`
	if x != nil && x.IdempotencyKey != nil {
		return *x.IdempotencyKey
	}
	return ""
}

// CreatePayment writes the getter's value: "" when the request's key is
// unset. Exported and taking a *string, it is reported itself (the type
// is the contract), and its callers in view are judged on what they pass.
func CreatePayment(ctx context.Context, db *sql.DB, req *createPaymentRequest) error { // want CreatePayment:`writes key param 2.IdempotencyKey → payments.idempotency_key`
	_, err := db.ExecContext(ctx, insertPayment, req.AccountID, req.GetIdempotencyKey()) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: CreatePayment's parameter field req.IdempotencyKey is a \*string, so every caller may pass nil`
	return err
}

// createPaymentHandler passes a decoded request whose key may be unset.
func createPaymentHandler(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req createPaymentRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			return
		}
		_ = CreatePayment(r.Context(), db, &req) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: nil when the JSON body has no idempotency_key, decoded at protogetter.go:37; req.IdempotencyKey is passed to flow.CreatePayment, which writes it into payments.idempotency_key as the empty string when it is nil`
	}
}

// createPaymentChecked rejects a request without a key.
func createPaymentChecked(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req createPaymentRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			return
		}
		if req.IdempotencyKey == nil || *req.IdempotencyKey == "" {
			http.Error(w, errors.New("missing idempotency_key").Error(), http.StatusBadRequest)
			return
		}
		_ = CreatePayment(r.Context(), db, &req)
	}
}

// EnqueuePayments writes the getter's value of each request of a slice of
// pointers, as a batch endpoint does: every element's key may be unset.
func EnqueuePayments(ctx context.Context, db *sql.DB, reqs []*createPaymentRequest) error { // want EnqueuePayments:`writes key param 2.\[\].IdempotencyKey → payments.idempotency_key`
	for _, r := range reqs {
		if _, err := db.ExecContext(ctx, insertPayment, r.AccountID, r.GetIdempotencyKey()); err != nil { // want `IDEM202: idempotency key payments.idempotency_key can be empty here: EnqueuePayments's parameter reqs is a slice, and the IdempotencyKey field of the elements is a \*string, so every caller may pass nil in any element, and nothing here checks it; nil when the IdempotencyKey of an element of reqs is nil; createPaymentRequest.GetIdempotencyKey can return empty when x.IdempotencyKey is nil`
			return err
		}
	}
	return nil
}

// enqueuePaymentsHandler passes decoded requests, any of which may leave
// the key out.
func enqueuePaymentsHandler(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var reqs []*createPaymentRequest
		if err := json.NewDecoder(r.Body).Decode(&reqs); err != nil {
			return
		}
		_ = EnqueuePayments(r.Context(), db, reqs) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: nil when an element of the JSON body has no idempotency_key, decoded at protogetter.go:75; each element's IdempotencyKey is passed to flow.EnqueuePayments, which writes it into payments.idempotency_key as the empty string when it is nil`
	}
}

// enqueueOne passes one request whose key is set.
func enqueueOne(ctx context.Context, db *sql.DB, account, key string) error {
	return EnqueuePayments(ctx, db, []*createPaymentRequest{{AccountID: account, IdempotencyKey: &key}})
}

// enqueueUnkeyed passes one request with no key.
func enqueueUnkeyed(ctx context.Context, db *sql.DB, account string) error {
	return EnqueuePayments(ctx, db, []*createPaymentRequest{{AccountID: account}}) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: the IdempotencyKey field is left out, so it is nil; passed to flow.EnqueuePayments, which writes it into payments.idempotency_key as the empty string when it is nil`
}

// enqueueKeyedHandler gives every decoded request a key of its own before
// the batch: the elements the getter reads are never unset.
func enqueueKeyedHandler(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var reqs []*createPaymentRequest
		if err := json.NewDecoder(r.Body).Decode(&reqs); err != nil {
			return
		}
		for i, req := range reqs {
			k := req.AccountID + ":" + string(rune('a'+i))
			req.IdempotencyKey = &k
		}
		_ = EnqueuePayments(r.Context(), db, reqs)
	}
}

// EnqueueFilled fills an unset key from the account before it reads the
// getter: no element reaches the insert without one.
func EnqueueFilled(ctx context.Context, db *sql.DB, reqs []*createPaymentRequest) error {
	for _, r := range reqs {
		if r.IdempotencyKey == nil {
			k := "acct:" + r.AccountID
			r.IdempotencyKey = &k
		}
		if _, err := db.ExecContext(ctx, insertPayment, r.AccountID, r.GetIdempotencyKey()); err != nil {
			return err
		}
	}
	return nil
}

func (x *createPaymentRequest) GetAccountID() string { // want GetAccountID:`result 0 empty when argument 0.AccountID is empty; empty when argument 0 is nil`
	if x != nil {
		return x.AccountID
	}
	return ""
}

// createPaymentSibling reads another getter of the request first: a
// getter only reads through its receiver, so the key is still the
// decoded one.
func createPaymentSibling(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req createPaymentRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			return
		}
		_, _ = db.ExecContext(r.Context(), insertPayment, req.GetAccountID(), req.GetIdempotencyKey()) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: nil when the JSON body has no idempotency_key`
	}
}
