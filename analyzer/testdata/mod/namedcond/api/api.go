// Package api calls store with keys from requests.
package api

import (
	"crypto/rand"
	"encoding/json"
	"net/http"

	"example.com/libs/namedcond/store"
)

type API struct{ st *store.Store }

type holdRequest struct {
	ReservationID string  `json:"reservation_id"`
	TerminalRef   *string `json:"terminal_ref,omitempty"`
}

// Hold passes the body's optional reference: nil when the client sent none.
func (a *API) Hold(w http.ResponseWriter, r *http.Request) {
	var req holdRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return
	}
	_ = a.st.RecordHold(r.Context(), store.HoldInput{ReservationID: req.ReservationID, Key: req.TerminalRef}) // want `IDEM201: idempotency key holds.idempotency_key can be NULL here: nil when the JSON body has no terminal_ref`
}

// HoldMinted passes a key made here: nothing to report.
func (a *API) HoldMinted(w http.ResponseWriter, r *http.Request) {
	k := rand.Text()
	_ = a.st.RecordHold(r.Context(), store.HoldInput{ReservationID: r.FormValue("reservation_id"), Key: &k})
}
