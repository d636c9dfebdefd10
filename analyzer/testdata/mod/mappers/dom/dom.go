// Package dom is the domain's transfer, between the API and the store.
package dom

type Transfer struct {
	AccountID      int64
	IdempotencyKey *string
}
