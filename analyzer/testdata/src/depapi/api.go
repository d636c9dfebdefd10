// Package depapi calls depstore with keys from requests.
package depapi

import (
	"net/http"

	"depstore"
)

type H struct{ S *depstore.Store }

func headerKey(r *http.Request) *string {
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		return &k
	}
	return nil
}

// Post passes a key that is nil without the header.
func (h *H) Post(r *http.Request) {
	var e depstore.Entry
	e.Account = r.FormValue("account")
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		e.IdempotencyKey = &k
	}
	_ = h.S.InsertEntry(r.Context(), &e) // want `IDEM201: idempotency key entries.idempotency_key can be NULL here: e.IdempotencyKey may be left unset when the Idempotency-Key header is absent \(line \d+\); e.IdempotencyKey is passed to Store.InsertEntry`
}

// PostRequired rejects a keyless request first.
func (h *H) PostRequired(r *http.Request) {
	e := depstore.Entry{Account: r.FormValue("account"), IdempotencyKey: headerKey(r)}
	if e.IdempotencyKey == nil {
		return
	}
	_ = h.S.InsertEntry(r.Context(), &e)
}

// PostVia passes a key that is nil without the header, through a helper.
func (h *H) PostVia(r *http.Request) {
	_ = h.S.InsertVia(r.Context(), &depstore.Entry{Account: "a", IdempotencyKey: headerKey(r)}) // want `IDEM201: idempotency key entries.idempotency_key can be NULL here: depapi.headerKey can return`
}

// PostInput passes the header itself: empty without it, which
// InsertInput writes as NULL.
func (h *H) PostInput(r *http.Request) {
	_ = h.S.InsertInput(r.Context(), depstore.Input{Account: "a", Key: r.Header.Get("Idempotency-Key")}) // want `IDEM201: idempotency key entries.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent .*; passed to Store.InsertInput, which writes it into entries.idempotency_key as NULL when it is empty`
}

// PostAny passes the header itself to a store that boxes it with
// nullIfEmpty: NULL without the header.
func (h *H) PostAny(r *http.Request) {
	_ = h.S.InsertAny(r.Context(), "a", r.Header.Get("Idempotency-Key")) // want `IDEM201: idempotency key entries.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent .*; passed to Store.InsertAny, which writes it into entries.idempotency_key as NULL when it is empty`
}

// PostAnyChecked checks the header first: nothing to report.
func (h *H) PostAnyChecked(r *http.Request) {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return
	}
	_ = h.S.InsertAny(r.Context(), "a", k)
}

// PostInputChecked checks the header first.
func (h *H) PostInputChecked(r *http.Request) {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return
	}
	_ = h.S.InsertInput(r.Context(), depstore.Input{Account: "a", Key: k})
}
