// Package api calls service, which calls repo's PayoutStore: the key a
// handler passes is judged through both.
package api

import (
	"crypto/rand"
	"net/http"

	"example.com/libs/ifaceimpl/service"
)

type Handler struct{ svc *service.Service }

// Payout passes the header's value, empty when the header is absent.
func (h *Handler) Payout(w http.ResponseWriter, r *http.Request) {
	_ = h.svc.PayoutFor(r.Context(), r.FormValue("merchant"), r.Header.Get("Idempotency-Key")) // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent`
}

// PayoutMinted passes a key made here: nothing to report.
func (h *Handler) PayoutMinted(w http.ResponseWriter, r *http.Request) {
	_ = h.svc.PayoutFor(r.Context(), r.FormValue("merchant"), rand.Text())
}
