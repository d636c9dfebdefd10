// Package api calls svc with keys from requests.
package api

import (
	"crypto/rand"
	"net/http"

	"example.com/libs/entcond/svc"
)

type API struct{ svc *svc.Service }

// Post passes the query parameter: empty when absent, and Post leaves the
// key out then.
func (a *API) Post(w http.ResponseWriter, r *http.Request) {
	_ = a.svc.Post(r.Context(), r.FormValue("session"), r.FormValue("body"), r.URL.Query().Get("dedup")) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: empty when the "dedup" query parameter is absent`
}

// PostMinted passes a key made here: nothing to report.
func (a *API) PostMinted(w http.ResponseWriter, r *http.Request) {
	_ = a.svc.Post(r.Context(), r.FormValue("session"), r.FormValue("body"), rand.Text())
}

// PostPtr passes nil: reported here too.
func (a *API) PostPtr(w http.ResponseWriter, r *http.Request) {
	_ = a.svc.PostPtr(r.Context(), r.FormValue("session"), r.FormValue("body"), nil) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here`
}

// PostChecked passes the query parameter to a method that rejects "".
func (a *API) PostChecked(w http.ResponseWriter, r *http.Request) {
	_ = a.svc.PostChecked(r.Context(), r.FormValue("session"), r.FormValue("body"), r.URL.Query().Get("dedup"))
}
