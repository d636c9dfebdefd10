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
func NewWebhook(r *http.Request, connectorID string) (models.Webhook, error) {
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
func NewPing(ctx context.Context) models.Ping {
	return models.Ping{ID: rand.Text()}
}
