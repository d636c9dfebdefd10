package main // want package:`.*layers/repo.PaymentRepo.InsertItem implements .*layers/service.Store.InsertItem, writes key param 1.IdempotencyKey → order_items.idempotency_key; .*layers/repo.PaymentRepo.InsertItems implements .*layers/service.Store.InsertItems, writes key param 1.\[\].IdempotencyKey → order_items.idempotency_key; .*layers/repo.PaymentRepo.InsertPayment implements .*layers/service.Store.InsertPayment, writes key param 1.IdempotencyKey → payments.idempotency_key; .*layers/repo.PaymentRepo.InsertRefund implements .*layers/service.Store.InsertRefund, writes key param 1.IdempotencyKey → refunds.idempotency_key; .*layers/repo.PaymentRepo.InsertTransfer implements .*layers/service.Store.InsertTransfer, writes key param 1.Meta.IdempotencyKey → transfers.idempotency_key` package:`pending: api.API.Pay passes empty at ifacewire/layers/api/api.go:\d+:\d+ to .*layers/service.Store.InsertPayment arg 1.IdempotencyKey; service.Payments.Refund passes a value not followed at ifacewire/layers/service/service.go:\d+:\d+ to .*layers/service.Store.InsertRefund arg 1.IdempotencyKey`

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
	a := api.New(service.New(repo.NewPaymentRepo(db))) // want `not followed: repo.PaymentRepo, wired here as service.Store, writes the IdempotencyKey field of argument 1 of Store.InsertRefund into refunds.idempotency_key, and service.Payments.Refund, at ifacewire/layers/service/service.go:\d+:\d+, passes a value that is nil when key is empty \(var k, line \d+\): bad only under that condition on service.Payments.Refund's own parameter, which idemlint does not follow to its callers` `IDEM201: idempotency key payments.idempotency_key can be NULL here: repo.PaymentRepo, wired here as service.Store, writes the IdempotencyKey field of argument 1 of Store.InsertPayment into it as NULL when it is empty, and api.API.Pay, at ifacewire/layers/api/api.go:\d+:\d+ via service.Payments.Create, passes one that is empty when the Idempotency-Key header is absent`
	_ = http.ListenAndServe(":8080", http.HandlerFunc(a.Pay))
}
