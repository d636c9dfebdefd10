// Package api is the chat service's HTTP layer.
package api

import (
	"encoding/json"
	"net/http"

	"example.com/chat/store"
)

// Handler serves the chat API.
type Handler struct {
	Store *store.Store
}

// PostMessage stores the message in the JSON body. Its idempotencyKey is
// optional, so a client that sends none passes a nil key on.
func (h *Handler) PostMessage(w http.ResponseWriter, r *http.Request) {
	var in store.CreateMessageInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := h.Store.CreateMessage(r.Context(), in); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
