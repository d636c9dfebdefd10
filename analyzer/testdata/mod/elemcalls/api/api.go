// Package api calls elemcalls' importers with decoded request bodies: the
// element fact reaches it across the package boundary.
package api

import (
	"encoding/json"
	"net/http"

	"example.com/libs/elemcalls"
	"example.com/libs/sqlcpgx/db"
)

func Import(q *db.Queries, r *http.Request) error {
	var in []elemcalls.Message
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	return elemcalls.ImportMessages(r.Context(), q, in) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when an element of the JSON body has no Key, decoded at api.go:\d+; each element's Key is passed to elemcalls.ImportMessages`
}

func ImportChecked(q *db.Queries, r *http.Request) error {
	var in []elemcalls.Message
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	return elemcalls.ImportChecked(r.Context(), q, in)
}
