package api // want package:`pending: api.API.Pay passes empty at ifacewire/layers/api/api.go:\d+:\d+ to .*layers/service.Store.InsertPayment arg 1.IdempotencyKey; service.Payments.Refund passes a value not followed at ifacewire/layers/service/service.go:\d+:\d+ to .*layers/service.Store.InsertRefund arg 1.IdempotencyKey`

// Package api calls the service through an interface of its own, which
// service.Payments implements; cmd/payapi wires
// api.New(service.New(repo.NewPaymentRepo(db))).

import (
	"context"
	"net/http"

	"example.com/libs/ifacewire/layers/service"
)

type PaymentService interface {
	Create(ctx context.Context, in service.PaymentInput) error
}

type API struct{ svc PaymentService }

func New(s PaymentService) *API { return &API{svc: s} }

// Pay passes the header, empty when it is absent.
func (a *API) Pay(w http.ResponseWriter, r *http.Request) {
	_ = a.svc.Create(r.Context(), service.PaymentInput{Amount: 100, Key: r.Header.Get("Idempotency-Key")})
}

// PayRequired rejects a request without the header.
func (a *API) PayRequired(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		http.Error(w, "Idempotency-Key is required", http.StatusBadRequest)
		return
	}
	_ = a.svc.Create(r.Context(), service.PaymentInput{Amount: 100, Key: key})
}
