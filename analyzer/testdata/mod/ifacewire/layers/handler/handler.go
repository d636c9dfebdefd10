package handler // want package:`pending: handler.Handler.CreatePayment passes empty at ifacewire/layers/handler/handler.go:\d+:\d+ to .*layers/service.Store.InsertPayment arg 1.IdempotencyKey; handler.Handler.CreateTransfer passes empty at ifacewire/layers/handler/handler.go:\d+:\d+ to .*layers/service.Store.InsertTransfer arg 1.Meta.IdempotencyKey; handler.Handler.AddItems passes empty at ifacewire/layers/handler/handler.go:\d+:\d+ to .*layers/service.Store.InsertItem arg 1.IdempotencyKey; handler.Handler.AddItemsBatch passes empty at ifacewire/layers/handler/handler.go:\d+:\d+ to .*layers/service.Store.InsertItems arg 1.\[\].IdempotencyKey; service.Payments.Refund passes a value not followed at ifacewire/layers/service/service.go:\d+:\d+ to .*layers/service.Store.InsertRefund arg 1.IdempotencyKey`

// Package handler reads requests and calls the service.

import (
	"crypto/rand"
	"net/http"

	"example.com/libs/ifacewire/layers/service"
)

type Handler struct{ Payments *service.Payments }

// CreatePayment passes the header, empty when it is absent.
func (h *Handler) CreatePayment(w http.ResponseWriter, r *http.Request) {
	_ = h.Payments.Create(r.Context(), service.PaymentInput{Amount: 100, Key: r.Header.Get("Idempotency-Key")})
}

// CreatePaymentRequired rejects a request without the header.
func (h *Handler) CreatePaymentRequired(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		http.Error(w, "Idempotency-Key is required", http.StatusBadRequest)
		return
	}
	_ = h.Payments.Create(r.Context(), service.PaymentInput{Amount: 100, Key: key})
}

// CreateTransfer passes the header nested in Meta.
func (h *Handler) CreateTransfer(w http.ResponseWriter, r *http.Request) {
	_ = h.Payments.Transfer(r.Context(), service.TransferInput{AccountID: r.FormValue("account"), Meta: service.Meta{IdempotencyKey: r.Header.Get("Idempotency-Key")}})
}

// CreateTransferMinted makes its own key: nothing.
func (h *Handler) CreateTransferMinted(w http.ResponseWriter, r *http.Request) {
	_ = h.Payments.Transfer(r.Context(), service.TransferInput{AccountID: r.FormValue("account"), Meta: service.Meta{IdempotencyKey: rand.Text()}})
}

// AddItems passes the header as each item's key, one at a time.
func (h *Handler) AddItems(w http.ResponseWriter, r *http.Request) {
	_ = h.Payments.AddItems(r.Context(), service.OrderInput{Items: []service.Item{{SKU: "a", IdempotencyKey: r.Header.Get("Idempotency-Key")}}})
}

// AddItemsBatch passes the header as each item's key, in one call.
func (h *Handler) AddItemsBatch(w http.ResponseWriter, r *http.Request) {
	_ = h.Payments.AddItemsBatch(r.Context(), service.OrderInput{Items: []service.Item{{SKU: "a", IdempotencyKey: r.Header.Get("Idempotency-Key")}}})
}

// AddItemsChecked goes through the service that rejects a missing key.
func (h *Handler) AddItemsChecked(w http.ResponseWriter, r *http.Request) {
	_ = h.Payments.AddItemsChecked(r.Context(), service.OrderInput{Items: []service.Item{{SKU: "a", IdempotencyKey: r.Header.Get("Idempotency-Key")}}})
}

// AddItemsMinted makes each item's key: nothing.
func (h *Handler) AddItemsMinted(w http.ResponseWriter, r *http.Request) {
	_ = h.Payments.AddItemsBatch(r.Context(), service.OrderInput{Items: []service.Item{{SKU: "a", IdempotencyKey: rand.Text()}}})
}

// Refund passes the header to a service that makes an empty key nil.
func (h *Handler) Refund(w http.ResponseWriter, r *http.Request) {
	_ = h.Payments.Refund(r.Context(), 100, r.Header.Get("Idempotency-Key"))
}
