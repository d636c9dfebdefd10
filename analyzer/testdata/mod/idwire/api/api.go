package api // want package:`pending: api.H.PostDropped passes the nil UUID at idwire/api/api.go:\d+:\d+ to example.com/libs/idwire/svc.HoldStore.InsertHold arg 1.ClientToken`

// Package api reads the client token from the query and calls the
// service; it sees neither the store nor the column.

import (
	"net/http"

	"github.com/google/uuid"

	"example.com/libs/idwire/svc"
)

type H struct{ S *svc.Svc }

// PostDropped drops Parse's error: a missing or malformed token is the
// nil UUID.
func (h *H) PostDropped(w http.ResponseWriter, r *http.Request) {
	tok, _ := uuid.Parse(r.URL.Query().Get("token"))
	_ = h.S.PlaceHold(r.Context(), svc.Hold{AccountID: 1, ClientToken: tok})
}

// PostChecked rejects it: silent.
func (h *H) PostChecked(w http.ResponseWriter, r *http.Request) {
	tok, err := uuid.Parse(r.URL.Query().Get("token"))
	if err != nil {
		http.Error(w, "token must be a UUID", http.StatusBadRequest)
		return
	}
	_ = h.S.PlaceHold(r.Context(), svc.Hold{AccountID: 1, ClientToken: tok})
}
