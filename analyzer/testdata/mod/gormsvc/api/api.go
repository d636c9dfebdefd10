// Package api calls gormsvc's service from HTTP handlers.
package api

import (
	"net/http"

	"example.com/libs/gormsvc"
)

type Handler struct{ S *gormsvc.Service }

func (h *Handler) Pay(w http.ResponseWriter, r *http.Request) {
	var key *string
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	_ = h.S.Pay(r.Context(), gormsvc.PayInput{Amount: 1, Key: key})        // want `IDEM201: idempotency key remits.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent .*passed to Service.Pay`
	_ = h.S.PaySQL(r.Context(), gormsvc.PayInput{Amount: 1, Key: key})     // want `IDEM201: idempotency key remits.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent .*passed to Service.PaySQL`
	_ = h.S.PayChecked(r.Context(), gormsvc.PayInput{Amount: 1, Key: key}) // checked by the service: nothing to report
}

func (h *Handler) Order(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	_ = h.S.Order(r.Context(), gormsvc.OrderInput{Amount: 1, Key: key})    // want `IDEM202: idempotency key bookings.idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*passed to Service.Order,`
	_ = h.S.OrderSQL(r.Context(), gormsvc.OrderInput{Amount: 1, Key: key}) // want `IDEM202: idempotency key bookings.idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*passed to Service.OrderSQL`
}

// OrderRequired checks the header first: nothing to report.
func (h *Handler) OrderRequired(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		http.Error(w, "Idempotency-Key required", http.StatusBadRequest)
		return
	}
	_ = h.S.Order(r.Context(), gormsvc.OrderInput{Amount: 1, Key: key})
	_ = h.S.OrderSQL(r.Context(), gormsvc.OrderInput{Amount: 1, Key: key})
}
