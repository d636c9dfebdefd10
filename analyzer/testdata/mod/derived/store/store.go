// Package store writes deliveries, converting the domain value into its
// bun row type first, as formance payments does. Its derived-key fix must
// not hash the ID: the server mints it per delivery (package api), so a
// retried delivery would get a new key. The body identifies a retry.
package store

import (
	"context"

	"github.com/uptrace/bun"

	"example.com/libs/derived/models"
)

type Store struct{ DB *bun.DB }

type webhook struct {
	bun.BaseModel `bun:"table:webhook_deliveries"`

	ID             string  `bun:"id,pk"`
	ConnectorID    string  `bun:"connector_id,notnull"`
	Body           []byte  `bun:"body"`
	IdempotencyKey *string `bun:"idempotency_key,type:text"`
}

func fromWebhookModels(from models.Webhook) webhook {
	return webhook{ID: from.ID, ConnectorID: from.ConnectorID, Body: from.Body, IdempotencyKey: from.IdempotencyKey}
}

// toWebhookModels is the way back: a round trip brings no new ID.
func toWebhookModels(from webhook) models.Webhook {
	return models.Webhook{ID: from.ID, ConnectorID: from.ConnectorID, Body: from.Body, IdempotencyKey: from.IdempotencyKey}
}

func (s *Store) WebhooksInsert(ctx context.Context, w models.Webhook) error { // want WebhooksInsert:`writes key param 1.IdempotencyKey → webhook_deliveries.idempotency_key`
	toInsert := fromWebhookModels(w) // want `IDEM201: idempotency key webhook_deliveries.idempotency_key can be NULL here: WebhooksInsert's parameter field w.IdempotencyKey is a \*string`
	_, err := s.DB.NewInsert().Model(&toInsert).On("CONFLICT (id) DO NOTHING").Exec(ctx)
	return err
}

type ping struct {
	bun.BaseModel `bun:"table:pings"`

	ID             string  `bun:"id,pk"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

// PingsInsert has nothing stable to derive a key from: only the random
// fix, which says that only a client-sent key dedupes retries.
func fromPing(from models.Ping) ping {
	return ping{ID: from.ID, IdempotencyKey: from.IdempotencyKey}
}

func (s *Store) PingsInsert(ctx context.Context, p models.Ping) error { // want PingsInsert:`writes key param 1.IdempotencyKey → pings.idempotency_key`
	row := fromPing(p) // want `IDEM201: idempotency key pings.idempotency_key can be NULL here`
	_, err := s.DB.NewInsert().Model(&row).Exec(ctx)
	return err
}
