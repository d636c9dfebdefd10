// Package api calls store's transaction-closure writers with keys from
// the request.
package api

import (
	"crypto/rand"
	"net/http"

	"example.com/libs/txnoerr/store"
)

type Handler struct{ s *store.Store }

// Create passes the header's key, empty when the header is absent.
func (h *Handler) Create(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	_ = h.s.CreateOrder(r.Context(), store.Order{Account: r.FormValue("account"), Key: key}) // want `IDEM201: .*empty when the Idempotency-Key header is absent .*passed to Store.CreateOrder`
	_ = h.s.CreateOrderQ(r.Context(), r.FormValue("account"), key)                           // want `IDEM201: .*empty when the Idempotency-Key header is absent .*passed to Store.CreateOrderQ`
	h.s.CreateOrderLater(r.Context(), store.Order{Account: r.FormValue("account"), Key: key})
}

// CreateMinted passes a key made here: nothing to report.
func (h *Handler) CreateMinted(w http.ResponseWriter, r *http.Request) {
	k := rand.Text()
	_ = h.s.CreateOrder(r.Context(), store.Order{Account: r.FormValue("account"), Key: k})
	_ = h.s.CreateOrderQ(r.Context(), r.FormValue("account"), k)
}
