// Package api decodes requests and hands them through the mapping package
// to the store: the key's path crosses three packages.
package api

import (
	"encoding/json"
	"net/http"

	"example.com/libs/mappers"
	"example.com/libs/mappers/dto"
	"example.com/libs/mappers/mapping"
)

type H struct{ S *mappers.Store }

// Post maps a body whose key may be absent and passes it on.
func (h *H) Post(w http.ResponseWriter, r *http.Request) {
	var req dto.TransferRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return
	}
	t := mapping.TransferFromDTO(req)
	_ = h.S.InsertAny(r.Context(), &t) // want `IDEM201: idempotency key mapped_transfers.idempotency_key can be NULL here: nil when the JSON body has no idempotency_key, decoded at api.go:\d+; mapping.TransferFromDTO returns a value whose IdempotencyKey is nil: nil when in.IdempotencyKey is nil`
}

// PostMinted maps it through the mapper that fills a key: silent.
func (h *H) PostMinted(w http.ResponseWriter, r *http.Request) {
	var req dto.TransferRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return
	}
	_ = h.S.InsertAny(r.Context(), mapping.TransferWithKey(req))
}

// PostChecked rejects a keyless body first: silent.
func (h *H) PostChecked(w http.ResponseWriter, r *http.Request) {
	var req dto.TransferRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.IdempotencyKey == nil {
		http.Error(w, "idempotency_key is required", http.StatusBadRequest)
		return
	}
	t := mapping.TransferFromDTO(req)
	_ = h.S.InsertAny(r.Context(), &t)
}

// PostHeader hands the header, "" when absent, to a mapper that makes ""
// NULL.
func (h *H) PostHeader(w http.ResponseWriter, r *http.Request) {
	_ = h.S.InsertKeyed(r.Context(), 1, r.Header.Get("Idempotency-Key")) // want `IDEM201: idempotency key mapped_transfers.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent`
}

// PostHeaderChecked rejects an absent header: silent.
func (h *H) PostHeaderChecked(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		http.Error(w, "Idempotency-Key is required", http.StatusBadRequest)
		return
	}
	_ = h.S.InsertKeyed(r.Context(), 1, key)
}
