// Package api receives deliveries: it mints each one's ID, so two
// deliveries of the same webhook get two IDs.
package api

import (
	"context"
	"crypto/rand"
	"io"
	"net/http"

	"example.com/libs/derived/models"
)

// NewWebhook is where a delivery's ID comes from.
func NewWebhook(r *http.Request, connectorID string) (models.Webhook, error) { // want NewWebhook:`result 0.ID never empty, result 0.ConnectorID empty when argument 1 is empty, result 0.Body may be empty, result 0.IdempotencyKey may be nil`
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return models.Webhook{}, err
	}
	return models.Webhook{
		ID:          rand.Text(),
		ConnectorID: connectorID,
		Body:        body,
		Headers:     r.Header,
	}, nil
}

// NewPing mints everything.
func NewPing(ctx context.Context) models.Ping { // want NewPing:`result 0.ID never empty, result 0.IdempotencyKey may be nil`
	return models.Ping{ID: rand.Text()}
}
