// Package bunshop inserts into the tables of bunshop/models, which are
// declared only as bun models: a repository layer whose callers decode
// JSON and read headers.
package bunshop

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/uptrace/bun"

	"example.com/libs/bunshop/models"
)

type Repo struct{ db *bun.DB }

// CreateOrder writes its parameter into the key: its callers decide.
func (r *Repo) CreateOrder(ctx context.Context, customer string, key *string) error { // want CreateOrder:`writes key param 2 → shop_orders.idempotency_key`
	_, err := r.db.NewInsert().Model(&models.ShopOrder{CustomerID: customer, IdempotencyKey: key}).Exec(ctx) // want `IDEM201: .*CreateOrder's parameter key is a \*string, so every caller may pass nil`
	return err
}

// CreateTransfer writes t.RequestID: its callers decide.
func (r *Repo) CreateTransfer(ctx context.Context, t *models.ShopTransfer) error { // want CreateTransfer:`writes key param 1.RequestID → shop_transfers.request_id`
	_, err := r.db.NewInsert().Model(t).Exec(ctx)
	return err
}

// Backfill leaves the key out: bun writes DEFAULT, and there is none.
func (r *Repo) Backfill(ctx context.Context, customer string) error {
	_, err := r.db.NewInsert().Model(&models.ShopOrder{CustomerID: customer}).Exec(ctx) // want `IDEM201: .*the IdempotencyKey field is left out of the ShopOrder literal, so bun leaves idempotency_key to its database default, and it has none`
	return err
}

// Enqueue leaves the key to its database default: fine.
func (r *Repo) Enqueue(ctx context.Context, queue string) error {
	_, err := r.db.NewInsert().Model(&models.ShopJob{Queue: queue}).Exec(ctx)
	return err
}

type orderReq struct {
	Customer       string  `json:"customer"`
	IdempotencyKey *string `json:"idempotency_key"`
}

func PostOrder(r *Repo, req *http.Request) error {
	var in orderReq
	if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
		return err
	}
	return r.CreateOrder(req.Context(), in.Customer, in.IdempotencyKey) // want `IDEM201: .*nil when the JSON body has no idempotency_key.*passed to Repo.CreateOrder`
}

func PostOrderChecked(r *Repo, req *http.Request) error {
	var in orderReq
	if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
		return err
	}
	if in.IdempotencyKey == nil {
		return errors.New("idempotency_key required")
	}
	return r.CreateOrder(req.Context(), in.Customer, in.IdempotencyKey)
}

func PostTransfer(r *Repo, req *http.Request) error {
	t := &models.ShopTransfer{AccountID: "a", RequestID: req.Header.Get("Idempotency-Key")}
	return r.CreateTransfer(req.Context(), t) // want `IDEM202: .*Header.Get.*passed to Repo.CreateTransfer`
}

func PostTransferChecked(r *Repo, req *http.Request) error {
	key := req.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("Idempotency-Key required")
	}
	return r.CreateTransfer(req.Context(), &models.ShopTransfer{AccountID: "a", RequestID: key})
}
