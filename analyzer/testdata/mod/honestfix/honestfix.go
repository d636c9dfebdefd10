// Package honestfix checks what the derived-key fix says it hashes. A
// field the handler fills from a request header (DeliveryID from
// X-Delivery-ID) is left out, as headers are, with the header named; the
// same field decoded from the body (BodyDeliveryID) is hashed. A payout's
// key is not derived from its merchant and amount alone, since two equal
// payouts are two requests; with a client's request id beside them it is.
package honestfix

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"io"
	"net/http"
)

//go:embed schema.sql
var schema string

type WebhookIn struct {
	Provider       string
	DeliveryID     string
	Payload        string
	IdempotencyKey *string
}

func WebhookHandler(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		key := r.Header.Get("Idempotency-Key")
		in := WebhookIn{
			Provider:   r.PathValue("provider"),
			DeliveryID: r.Header.Get("X-Delivery-ID"),
			Payload:    string(body),
		}
		if key != "" {
			in.IdempotencyKey = &key
		}
		_ = RecordWebhook(r.Context(), db, in) // want `IDEM201: idempotency key webhooks.idempotency_key can be NULL here: IdempotencyKey is not set in the WebhookIn literal when the Idempotency-Key header is absent`
	}
}

func RecordWebhook(ctx context.Context, db *sql.DB, in WebhookIn) error { // want RecordWebhook:`writes key param 2.IdempotencyKey → webhooks.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO webhooks (provider, delivery_id, payload, idempotency_key) VALUES ($1, $2, $3, $4)`,
		in.Provider, in.DeliveryID, in.Payload, in.IdempotencyKey) // want `IDEM201: idempotency key webhooks.idempotency_key can be NULL here: RecordWebhook's parameter field in.IdempotencyKey is a \*string`
	return err
}

// BodyWebhookIn is decoded from the body whole: its delivery id is the
// sender's, sent again with each retry of the body.
type BodyWebhookIn struct {
	Provider       string  `json:"provider"`
	BodyDeliveryID string  `json:"delivery_id"`
	Payload        string  `json:"payload"`
	IdempotencyKey *string `json:"idempotency_key"`
}

func BodyWebhookHandler(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in BodyWebhookIn
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			return
		}
		_ = RecordBodyWebhook(r.Context(), db, in) // want `IDEM201: idempotency key webhooks.idempotency_key can be NULL here: nil when the JSON body has no idempotency_key`
	}
}

func RecordBodyWebhook(ctx context.Context, db *sql.DB, in BodyWebhookIn) error { // want RecordBodyWebhook:`writes key param 2.IdempotencyKey → webhooks.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO webhooks (provider, delivery_id, payload, idempotency_key) VALUES ($1, $2, $3, $4)`,
		in.Provider, in.BodyDeliveryID, in.Payload, in.IdempotencyKey) // want `IDEM201: idempotency key webhooks.idempotency_key can be NULL here: RecordBodyWebhook's parameter field in.IdempotencyKey is a \*string`
	return err
}

// Payout moves money: merchant and amount do not identify a request.
func Payout(ctx context.Context, db *sql.DB, merchantID string, amountCents int64, key *string) error { // want Payout:`writes key param 4 → payouts.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO payouts (merchant_id, amount_cents, idempotency_key) VALUES ($1, $2, $3)`,
		merchantID, amountCents, key) // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: Payout's parameter key is a \*string`
	return err
}

// PayoutWithRequestID has the client's request id beside the amount: that
// identifies the request, so a key is derived from it.
func PayoutWithRequestID(ctx context.Context, db *sql.DB, merchantID string, amountCents int64, clientRequestID string, key *string) error { // want PayoutWithRequestID:`writes key param 5 → payouts.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO payouts (merchant_id, amount_cents, client_request_id, idempotency_key) VALUES ($1, $2, $3, $4)`,
		merchantID, amountCents, clientRequestID, key) // want `IDEM201: idempotency key payouts.idempotency_key can be NULL here: PayoutWithRequestID's parameter key is a \*string`
	return err
}
