package flow

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// messageBody is a request body; its key is optional in JSON.
type messageBody struct {
	SessionID      string  `json:"sessionId"`
	Body           string  `json:"body"`
	IdempotencyKey *string `json:"idempotencyKey"`
}

// decodeJSON is the decode helper a service's handlers share: the body
// it decodes is the request's, as if decoded in the handler.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("invalid body: %w", err)
	}
	return nil
}

// decodeChecked also validates what it decodes: not read, so it is no
// plain decoder, and its callers' values stay unknown.
func decodeChecked(r *http.Request, dst *messageBody) error {
	if err := json.NewDecoder(r.Body).Decode(dst); err != nil {
		return err
	}
	if dst.IdempotencyKey == nil {
		return errors.New("idempotencyKey required")
	}
	return nil
}

func postViaHelper(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	var in messageBody
	if err := decodeJSON(w, r, &in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	_, _ = db.ExecContext(r.Context(), insertMessage, in.SessionID, in.Body, in.IdempotencyKey) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the JSON body has no idempotencyKey, decoded at decodehelper.go:43`
}

func postViaHelperChecked(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	var in messageBody
	if err := decodeJSON(w, r, &in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if in.IdempotencyKey == nil {
		http.Error(w, "idempotencyKey required", http.StatusBadRequest)
		return
	}
	_, _ = db.ExecContext(r.Context(), insertMessage, in.SessionID, in.Body, in.IdempotencyKey)
}

func postViaValidatingHelper(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	var in messageBody
	if err := decodeChecked(r, &in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	_, _ = db.ExecContext(r.Context(), insertMessage, in.SessionID, in.Body, in.IdempotencyKey)
}
