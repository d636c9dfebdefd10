package api // want package:`pending: api.H.PostBoth passes empty at fmtwire/api/api.go:\d+:\d+ to example.com/libs/fmtwire/app.Store.Place arg 1.IdempotencyKey; api.H.PostBoth passes the same value for every request without a key at fmtwire/api/api.go:\d+:\d+ to example.com/libs/fmtwire/app.Store.Place arg 2.DedupKey`

// Package api reads the keys from the request and calls the service; it
// sees neither the store nor the columns.

import (
	"net/http"

	"example.com/libs/fmtwire/app"
)

type H struct{ S *app.Service }

// PostBoth passes two headers, either may be absent: the wiring reports
// each key column.
func (h *H) PostBoth(w http.ResponseWriter, r *http.Request) {
	cmd := app.ImportCommand{ExternalKey: r.Header.Get("Idempotency-Key"), EventKey: r.Header.Get("X-Event-Key")}
	_ = h.S.Import(r.Context(), cmd)
}

// PostChecked rejects a request without both: silent.
func (h *H) PostChecked(w http.ResponseWriter, r *http.Request) {
	cmd := app.ImportCommand{ExternalKey: r.Header.Get("Idempotency-Key"), EventKey: r.Header.Get("X-Event-Key")}
	if cmd.ExternalKey == "" || cmd.EventKey == "" {
		http.Error(w, "both keys are required", http.StatusBadRequest)
		return
	}
	_ = h.S.Import(r.Context(), cmd)
}
