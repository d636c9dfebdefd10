package api // want package:`pending: api.Handler.Submit passes empty at ifacestruct/api/api.go:\d+:\d+ to .*svc.PayoutRepository.Create arg 1.Key; svc.Payouts.ImportLegacy passes empty at .*`

import (
	"net/http"

	"example.com/libs/ifacestruct/core"
	"example.com/libs/ifacestruct/svc"
)

type Handler struct{ Payouts *svc.Payouts }

// Submit passes the header as it is: pending.
func (h *Handler) Submit(w http.ResponseWriter, r *http.Request) {
	p := core.Payout{TenantID: r.PathValue("tenant"), Amount: 100, Key: core.IdempotencyKey(r.Header.Get("Idempotency-Key"))}
	if err := h.Payouts.Submit(r.Context(), p); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// SubmitChecked validates the key first: nothing pending.
func (h *Handler) SubmitChecked(w http.ResponseWriter, r *http.Request) {
	key, err := core.NewIdempotencyKey(r.Header.Get("Idempotency-Key"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := h.Payouts.Submit(r.Context(), core.Payout{TenantID: r.PathValue("tenant"), Amount: 100, Key: key}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
