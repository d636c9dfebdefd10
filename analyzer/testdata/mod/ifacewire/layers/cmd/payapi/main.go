package main // want package:`.*layers/repo.PaymentRepo.InsertItem implements .*layers/service.Store.InsertItem, writes key param 1.IdempotencyKey → order_items.idempotency_key; .*layers/repo.PaymentRepo.InsertItems implements .*layers/service.Store.InsertItems, writes key param 1.\[\].IdempotencyKey → order_items.idempotency_key; .*layers/repo.PaymentRepo.InsertPayment implements .*layers/service.Store.InsertPayment, writes key param 1.IdempotencyKey → payments.idempotency_key; .*layers/repo.PaymentRepo.InsertTransfer implements .*layers/service.Store.InsertTransfer, writes key param 1.Meta.IdempotencyKey → transfers.idempotency_key` package:`pending: api.API.Pay passes empty at ifacewire/layers/api/api.go:\d+:\d+ to .*layers/service.Store.InsertPayment arg 1.IdempotencyKey`

// Command payapi wires the service, behind api's own interface, to
// repo's store.

import (
	"database/sql"
	"net/http"

	"example.com/libs/ifacewire/layers/api"
	"example.com/libs/ifacewire/layers/repo"
	"example.com/libs/ifacewire/layers/service"
)

func main() {
	db, _ := sql.Open("postgres", "")
	a := api.New(service.New(repo.NewPaymentRepo(db))) // want `IDEM201: idempotency key payments.idempotency_key can be NULL here: repo.PaymentRepo, wired here as service.Store, writes the IdempotencyKey field of argument 1 of Store.InsertPayment into it as NULL when it is empty, and api.API.Pay, at ifacewire/layers/api/api.go:\d+:\d+ via service.Payments.Create, passes one that is empty when the Idempotency-Key header is absent`
	_ = http.ListenAndServe(":8080", http.HandlerFunc(a.Pay))
}
