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
