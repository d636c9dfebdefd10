// Package models holds the domain values, as formance payments does: a
// webhook delivery, whose ID the server mints when the delivery arrives.
package models

// Webhook is one delivery of a provider's webhook.
type Webhook struct {
	ID             string
	ConnectorID    string
	Body           []byte
	Headers        map[string][]string
	IdempotencyKey *string
}

// Ping has nothing but a minted ID besides its key.
type Ping struct {
	ID             string
	IdempotencyKey *string
}
