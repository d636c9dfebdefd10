package main // want package:`.*repo.PaymentRepo.InsertPayment implements .*service.Store.InsertPayment, writes key param 1.IdempotencyKey → payments.idempotency_key; .*repo.PaymentRepo.InsertRefund implements .*service.Store.InsertRefund, writes key param 1.Key → refunds.idempotency_key` package:`pending: handler.Handler.Refund passes empty at ifacechain/handler/handler.go:\d+:\d+ to .*ifacechain/handler.PaymentService.Refund arg 1.IdempotencyKey`

// Command payd wires repo's store to the service, and the service to the
// handler.

import (
	"database/sql"
	"net/http"

	"example.com/libs/ifacechain/handler"
	"example.com/libs/ifacechain/repo"
	"example.com/libs/ifacechain/service"
)

func main() {
	db, _ := sql.Open("postgres", "")
	store := repo.New(db)
	// InsertPayment's key path is judged here (no note for it); InsertRefund's
	// Key field is named as no key column, so its callers were not recorded.
	var s service.Store = store      // want `not followed: repo.PaymentRepo, wired here as service.Store, writes argument 1's Key of InsertRefund into refunds.idempotency_key, a path the calls of service.Store.InsertRefund are checked on only in packages that import repo`
	h := handler.New(service.New(s)) // want `not followed: service.Payments, wired here as handler.PaymentService, passes argument 1's Key of Create on to argument 1's IdempotencyKey of service.Store.InsertPayment, an interface method whose implementations out of view write the key; handler does not import service, so the calls of handler.PaymentService.Create there are not followed into service.Payments, nor through both interfaces here`
	_ = http.ListenAndServe(":8080", http.HandlerFunc(h.Pay))
}
