package handler // want package:`pending: handler.Handler.Refund passes empty at ifacechain/handler/handler.go:\d+:\d+ to .*ifacechain/handler.PaymentService.Refund arg 1.IdempotencyKey`

// Package handler calls the service through its own interface and does
// not import service.

import (
	"context"
	"net/http"

	"example.com/libs/ifacechain/domain"
)

type PaymentService interface {
	Create(ctx context.Context, in domain.PaymentInput) error
	Refund(ctx context.Context, in domain.RefundInput) error
	Transfer(ctx context.Context, in domain.TransferInput) error
}

type Handler struct{ svc PaymentService }

func New(s PaymentService) *Handler { return &Handler{svc: s} }

// Pay passes the header, empty when it is absent: the service writes it
// as the key. Not followed (noted at the wiring).
func (h *Handler) Pay(w http.ResponseWriter, r *http.Request) {
	_ = h.svc.Create(r.Context(), domain.PaymentInput{Amount: 1, Key: r.Header.Get("Idempotency-Key")})
}

func (h *Handler) Refund(w http.ResponseWriter, r *http.Request) {
	_ = h.svc.Refund(r.Context(), domain.RefundInput{Amount: 1, IdempotencyKey: r.Header.Get("Idempotency-Key")}) // want `not followed: h.svc.Refund is called through an interface that service.Payments implements in packages this one does not import`
}

// Transfer's key is behind the pointer field Meta: the call gets one note
// saying so, not a second one about the call through the interface.
func (h *Handler) Transfer(w http.ResponseWriter, r *http.Request) {
	in := domain.TransferInput{Amount: 1, Meta: &domain.Meta{IdempotencyKey: r.Header.Get("Idempotency-Key")}}
	_ = h.svc.Transfer(r.Context(), in) // want `not followed: in, passed to PaymentService.Transfer, which writes its Meta.IdempotencyKey into argument 1's Meta.IdempotencyKey of handler.PaymentService.Transfer, an interface method whose implementations out of view write the key, reaches the key through the pointer field Meta`
}
