package api // want package:`pending: api.Handler.CreateOrder passes empty at ifacewire/api/api.go:\d+:\d+ to .*svc.OrderRepository.CreateOrder arg 1.IdempotencyKey; api.Handler.PlaceDecoded passes empty at .* to .*svc.OrderRepository.CreateOrder arg 1.IdempotencyKey; api.Handler.RecordEvent passes nil at .* to .*svc.EventStore.RecordEvent arg 1.IdempotencyKey; api.Handler.SendNotice passes empty at .* to .*svc.Notifier.InsertNotification arg 1.IdempotencyKey`

// Package api is the HTTP layer: it imports svc, never repo.

import (
	"crypto/rand"
	"encoding/json"
	"net/http"

	"example.com/libs/ifacewire/svc"
)

type Handler struct {
	Orders *svc.Orders
	Events *svc.Events
	Notify *svc.Notify
}

// CreateOrder passes the header, empty when it is absent: pending.
func (h *Handler) CreateOrder(w http.ResponseWriter, r *http.Request) {
	_ = h.Orders.PlaceOrder(r.Context(), svc.OrderInput{CustomerID: r.FormValue("customer"), IdempotencyKey: r.Header.Get("Idempotency-Key")})
}

// CreateOrderChecked rejects a request without the header: nothing.
func (h *Handler) CreateOrderChecked(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		http.Error(w, "Idempotency-Key is required", http.StatusBadRequest)
		return
	}
	_ = h.Orders.PlaceOrder(r.Context(), svc.OrderInput{CustomerID: r.FormValue("customer"), IdempotencyKey: key})
}

// CreateOrderMinted makes its own key: nothing.
func (h *Handler) CreateOrderMinted(w http.ResponseWriter, r *http.Request) {
	_ = h.Orders.Place(r.Context(), r.FormValue("customer"), rand.Text())
}

// PlaceDecoded passes a decoded body's key, through the wrapper Place.
func (h *Handler) PlaceDecoded(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Customer string `json:"customer"`
		Key      string `json:"key"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return
	}
	_ = h.Orders.Place(r.Context(), in.Customer, in.Key)
}

// RecordEvent passes a decoded *string key, nil when the field is absent.
func (h *Handler) RecordEvent(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Source string  `json:"source"`
		Key    *string `json:"idempotency_key"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return
	}
	_ = h.Events.Record(r.Context(), in.Source, in.Key)
}

// SendNotice passes the header to the bun-backed notifier.
func (h *Handler) SendNotice(w http.ResponseWriter, r *http.Request) {
	_ = h.Notify.Send(r.Context(), 7, r.Header.Get("Idempotency-Key"))
}
