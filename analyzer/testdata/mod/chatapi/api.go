// Package chatapi is the handler layer of the example: it decodes
// the request and calls the repository in another package.
package chatapi

import (
	"encoding/json"
	"net/http"

	"example.com/libs/chatrepo"
	"example.com/libs/httpx"
	"github.com/go-playground/validator/v10"
)

type H struct{ R *chatrepo.Repo }

var validate = validator.New()

// Post passes on whatever the client sent: no idempotencyKey, nil key.
func (h *H) Post(w http.ResponseWriter, r *http.Request) {
	var in chatrepo.CreateMessageInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.R.Create(r.Context(), in) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the JSON body has no idempotencyKey, decoded at api.go:\d+; in.IdempotencyKey is passed to Repo.Create, which writes it into messages.idempotency_key`
}

// PostGen passes it on to generated code, which is not reported itself:
// the fix is here, before the call. (Post's finding has no fix: Create's
// own fix, at its top, covers every caller.)
func (h *H) PostGen(w http.ResponseWriter, r *http.Request) {
	var in chatrepo.CreateMessageInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.R.CreateGen(r.Context(), in) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: nil when the JSON body has no idempotencyKey, decoded at api.go:\d+; in.IdempotencyKey is passed to Repo.CreateGen, which writes it into messages.idempotency_key`
}

// PostChecked refuses a keyless body.
func (h *H) PostChecked(w http.ResponseWriter, r *http.Request) {
	var in chatrepo.CreateMessageInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if in.IdempotencyKey == nil {
		http.Error(w, "idempotencyKey required", http.StatusBadRequest)
		return
	}
	h.R.Create(r.Context(), in)
}

// PostValidated has the validator check the required key.
func (h *H) PostValidated(w http.ResponseWriter, r *http.Request) {
	var in chatrepo.ValidatedInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := validate.Struct(in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.R.Create(r.Context(), chatrepo.CreateMessageInput{SessionID: in.SessionID, IdempotencyKey: in.IdempotencyKey})
}

// PostGenerated derives a key when the client sent none.
func (h *H) PostGenerated(w http.ResponseWriter, r *http.Request) {
	var in chatrepo.CreateMessageInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if in.IdempotencyKey == nil {
		k := in.SessionID + ":" + r.Header.Get("X-Request-Id")
		in.IdempotencyKey = &k
	}
	h.R.Create(r.Context(), in)
}

// keyOf is the same-package helper.
func keyOf(r *http.Request) string { return r.Header.Get("Idempotency-Key") }

// PostHeader reads the key through keyOf: "" when the header is absent.
func (h *H) PostHeader(w http.ResponseWriter, r *http.Request) {
	k := keyOf(r)
	h.R.CreateKey(r.Context(), r.URL.Query().Get("session"), k) // want `IDEM202: idempotency key messages.idempotency_key can be empty here: .*keyOf.*Header.Get.*passed to Repo.CreateKey`
}

// PostHelper reads it through a helper of another package.
func (h *H) PostHelper(w http.ResponseWriter, r *http.Request) {
	h.R.CreateKey(r.Context(), "s", httpx.KeyOf(r)) // want `IDEM202: .*KeyOf.*Header.Get.*passed to Repo.CreateKey`
}

// PostHelperPtr passes the helper's *string on in a struct literal.
func (h *H) PostHelperPtr(w http.ResponseWriter, r *http.Request) {
	h.R.Create(r.Context(), chatrepo.CreateMessageInput{SessionID: "s", IdempotencyKey: httpx.KeyPtr(r)}) // want `IDEM201: .*KeyPtr.*passed to Repo.Create`
}

// PostHelperNew uses a helper that always has a key.
func (h *H) PostHelperNew(w http.ResponseWriter, r *http.Request) {
	h.R.CreateKey(r.Context(), "s", httpx.KeyOrNew(r))
}

// PostRequired checks the helper's error.
func (h *H) PostRequired(w http.ResponseWriter, r *http.Request) {
	k, err := httpx.Required(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.R.CreateKey(r.Context(), "s", k)
}

// PostCheckedRepo calls the repository that checks the key itself.
func (h *H) PostCheckedRepo(w http.ResponseWriter, r *http.Request) {
	var in chatrepo.CreateMessageInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return
	}
	h.R.CreateChecked(r.Context(), in)
}
