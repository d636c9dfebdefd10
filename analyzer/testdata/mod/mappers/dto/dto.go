// Package dto is the request body as the client sends it.
package dto

type TransferRequest struct {
	AccountID      int64   `json:"account_id"`
	IdempotencyKey *string `json:"idempotency_key"`
}
