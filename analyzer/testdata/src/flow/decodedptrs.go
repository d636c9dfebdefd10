package flow

import (
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"net/http"
)

type paymentIn struct {
	Account string `json:"account"`
	Key     string `json:"key"`
}

// importPaymentsPtrs inserts each decoded element of a []*paymentIn: any
// element may leave its key out, as with a []paymentIn.
func importPaymentsPtrs(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var ins []*paymentIn
		if err := json.NewDecoder(r.Body).Decode(&ins); err != nil {
			return
		}
		for _, in := range ins {
			_, _ = db.ExecContext(r.Context(), insertPayment, in.Account, in.Key) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when an element of the JSON body has no key, decoded at decodedptrs.go:20`
		}
	}
}

// importPaymentsPtrsFilled gives every element a key first, through its
// pointer: not reported.
func importPaymentsPtrsFilled(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var ins []*paymentIn
		if err := json.NewDecoder(r.Body).Decode(&ins); err != nil {
			return
		}
		for _, in := range ins {
			in.Key = rand.Text()
		}
		for _, in := range ins {
			_, _ = db.ExecContext(r.Context(), insertPayment, in.Account, in.Key)
		}
	}
}

// importPaymentsPtrsChecked rejects an element without a key: not
// reported.
func importPaymentsPtrsChecked(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var ins []*paymentIn
		if err := json.NewDecoder(r.Body).Decode(&ins); err != nil {
			return
		}
		for _, in := range ins {
			if in.Key == "" {
				http.Error(w, "key required", http.StatusBadRequest)
				return
			}
		}
		for _, in := range ins {
			_, _ = db.ExecContext(r.Context(), insertPayment, in.Account, in.Key)
		}
	}
}
