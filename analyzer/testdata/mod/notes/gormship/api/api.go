// Package api is the handler and service over gormship's repository: the
// service builds a Shipment from the request and passes it by value or by
// address, or passes the key on to a helper-building repository method.
package api

import (
	"context"
	"encoding/json"
	"net/http"

	"example.com/libs/notes/gormship"
)

type ReturnRequest struct {
	OrderID        string  `json:"order_id"`
	IdempotencyKey *string `json:"idempotency_key"`
}

type Service struct{ R *gormship.Repo }

func (s *Service) ReturnShipment(ctx context.Context, req ReturnRequest) error { // want ReturnShipment:`writes key param 1.IdempotencyKey → shipments.idempotency_key`
	sh := gormship.Shipment{OrderID: req.OrderID, IdempotencyKey: req.IdempotencyKey}
	return s.R.Save(ctx, sh)
}

func (s *Service) ReturnHelper(ctx context.Context, req ReturnRequest) error { // want ReturnHelper:`writes key param 1.IdempotencyKey → shipments.idempotency_key`
	return s.R.ReturnShipment(ctx, req.OrderID, req.IdempotencyKey)
}

type H struct{ S *Service }

func (h *H) Return(w http.ResponseWriter, r *http.Request) {
	var req ReturnRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	_ = h.S.ReturnShipment(r.Context(), req) // want `IDEM201: .*nil when the JSON body has no idempotency_key.*req.IdempotencyKey is passed to Service.ReturnShipment`
	_ = h.S.ReturnHelper(r.Context(), req)   // want `IDEM201: .*nil when the JSON body has no idempotency_key.*req.IdempotencyKey is passed to Service.ReturnHelper`
}

func (h *H) ReturnChecked(w http.ResponseWriter, r *http.Request) {
	var req ReturnRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.IdempotencyKey == nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	_ = h.S.ReturnShipment(r.Context(), req)
}
