// Package domain holds the request types the handler and the service
// share, so that neither imports the other.
package domain

type PaymentInput struct {
	Amount int64
	Key    string
}

type RefundInput struct {
	Amount         int64
	IdempotencyKey string
}

type Meta struct{ IdempotencyKey string }

// TransferInput carries its key behind a pointer field.
type TransferInput struct {
	Amount int64
	Meta   *Meta
}
