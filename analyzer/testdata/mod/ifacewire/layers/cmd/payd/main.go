package main // want package:`.*layers/repo.PaymentRepo.InsertItem implements .*layers/service.Store.InsertItem, writes key param 1.IdempotencyKey → order_items.idempotency_key; .*layers/repo.PaymentRepo.InsertItems implements .*layers/service.Store.InsertItems, writes key param 1.\[\].IdempotencyKey → order_items.idempotency_key; .*layers/repo.PaymentRepo.InsertPayment implements .*layers/service.Store.InsertPayment, writes key param 1.IdempotencyKey → payments.idempotency_key; .*layers/repo.PaymentRepo.InsertTransfer implements .*layers/service.Store.InsertTransfer, writes key param 1.Meta.IdempotencyKey → transfers.idempotency_key` package:`pending: handler.Handler.CreatePayment passes empty at ifacewire/layers/handler/handler.go:\d+:\d+ to .*layers/service.Store.InsertPayment arg 1.IdempotencyKey; handler.Handler.CreateTransfer passes empty at ifacewire/layers/handler/handler.go:\d+:\d+ to .*layers/service.Store.InsertTransfer arg 1.Meta.IdempotencyKey; handler.Handler.AddItems passes empty at ifacewire/layers/handler/handler.go:\d+:\d+ to .*layers/service.Store.InsertItem arg 1.IdempotencyKey; handler.Handler.AddItemsBatch passes empty at ifacewire/layers/handler/handler.go:\d+:\d+ to .*layers/service.Store.InsertItems arg 1.\[\].IdempotencyKey`

// Command payd wires repo's store to the service.

import (
	"database/sql"
	"net/http"

	"example.com/libs/ifacewire/layers/handler"
	"example.com/libs/ifacewire/layers/repo"
	"example.com/libs/ifacewire/layers/service"
)

func main() {
	db, _ := sql.Open("postgres", "")
	h := &handler.Handler{Payments: service.New(repo.NewPaymentRepo(db))} // want `IDEM201: idempotency key order_items.idempotency_key can be NULL here: repo.PaymentRepo, wired here as service.Store, writes the IdempotencyKey field of argument 1 of Store.InsertItem into it as NULL when it is empty, and handler.Handler.AddItems, at .* via service.Payments.AddItems, passes one that is empty when the Idempotency-Key header is absent` `IDEM201: idempotency key order_items.idempotency_key can be NULL here: repo.PaymentRepo, wired here as service.Store, writes the IdempotencyKey field of each element of argument 1 of Store.InsertItems into it as NULL when it is empty, and handler.Handler.AddItemsBatch, at .* via service.Payments.AddItemsBatch, passes one that is empty` `IDEM201: idempotency key payments.idempotency_key can be NULL here: repo.PaymentRepo, wired here as service.Store, writes the IdempotencyKey field of argument 1 of Store.InsertPayment into it as NULL when it is empty, and handler.Handler.CreatePayment, at ifacewire/layers/handler/handler.go:\d+:\d+ via service.Payments.Create, passes one that is empty when the Idempotency-Key header is absent` `IDEM201: idempotency key transfers.idempotency_key can be NULL here: repo.PaymentRepo, wired here as service.Store, writes the Meta.IdempotencyKey field of argument 1 of Store.InsertTransfer into it as NULL when it is empty, and handler.Handler.CreateTransfer, at .* via service.Payments.Transfer, passes one that is empty when the Idempotency-Key header is absent`
	_ = http.ListenAndServe(":8080", http.HandlerFunc(h.CreatePayment))
}
