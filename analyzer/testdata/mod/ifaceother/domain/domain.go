// Package domain declares the stores the application calls; their
// implementations live in other packages.
package domain

import (
	"context"
	"database/sql"
)

type Payout struct {
	MerchantID     string
	IdempotencyKey sql.NullString
}

// PayoutStore is implemented by pgstore's unexported pgPayoutStore only.
type PayoutStore interface {
	Create(ctx context.Context, p Payout) error
}

type Refund struct {
	MerchantID     string
	IdempotencyKey *string
}

// RefundStore is implemented by pgstore's pgRefundStore and by memstore's
// Store, which app does not import.
type RefundStore interface {
	Insert(ctx context.Context, r Refund) error
}
