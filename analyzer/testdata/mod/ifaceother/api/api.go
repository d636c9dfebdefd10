package api // want package:".*pgstore.pgPayoutStore.Create implements .*; .*pgstore.pgRefundStore.Insert implements .*"

// Package api imports app, not pgstore: pgstore's fact reaches it
// re-exported by app.

import (
	"crypto/rand"
	"database/sql"
	"net/http"

	"example.com/libs/ifaceother/app"
	"example.com/libs/ifaceother/domain"
)

type Handler struct{ app *app.App }

// Payout passes the header's value, empty when the header is absent.
func (h *Handler) Payout(w http.ResponseWriter, r *http.Request) {
	_ = h.app.PayoutFor(r.Context(), r.FormValue("merchant"), r.Header.Get("Idempotency-Key")) // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent`
}

// Direct calls app's PayoutStore itself, passing the header as the key
// whether or not it is there.
func (h *Handler) Direct(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	_ = h.app.Payouts.Create(r.Context(), domain.Payout{MerchantID: r.FormValue("merchant"), IdempotencyKey: sql.NullString{String: key, Valid: key != ""}}) // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: .*Idempotency-Key header`
}

// DirectMinted passes a key made here: nothing to report.
func (h *Handler) DirectMinted(w http.ResponseWriter, r *http.Request) {
	_ = h.app.Payouts.Create(r.Context(), domain.Payout{MerchantID: r.FormValue("merchant"), IdempotencyKey: sql.NullString{String: rand.Text(), Valid: true}})
}
