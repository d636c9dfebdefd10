package main // want package:`.*repo.EventRepo.RecordEvent implements .*svc.EventStore.RecordEvent, writes key param 1.IdempotencyKey → events.idempotency_key; .*repo.NotifyRepo.InsertNotification implements .*svc.Notifier.InsertNotification, .*; .*repo.OrderRepo.CreateOrder implements .*svc.OrderRepository.CreateOrder, writes key param 1.IdempotencyKey → orders.idempotency_key` package:`pending: api.Handler.CreateOrder passes empty at ifacewire/api/api.go:\d+:\d+ to .*svc.OrderRepository.CreateOrder arg 1.IdempotencyKey; api.Handler.PlaceDecoded passes empty at .* to .*svc.OrderRepository.CreateOrder arg 1.IdempotencyKey; api.Handler.RecordEvent passes nil at .* to .*svc.EventStore.RecordEvent arg 1.IdempotencyKey; api.Handler.SendNotice passes empty at .* to .*svc.Notifier.InsertNotification arg 1.IdempotencyKey`

// Command server wires repo's implementations to svc's interfaces: the
// one package that sees the handlers' calls (through api's fact) and the
// implementations (through repo's).

import (
	"database/sql"
	"net/http"

	"github.com/uptrace/bun"

	"example.com/libs/ifacewire/api"
	"example.com/libs/ifacewire/repo"
	"example.com/libs/ifacewire/svc"
)

func main() {
	db, _ := sql.Open("postgres", "")
	var bdb *bun.DB
	h := &api.Handler{
		Orders: svc.NewOrders(repo.NewOrderRepo(db)),   // want `IDEM201: idempotency key orders.idempotency_key can be NULL here: repo.OrderRepo, wired here as svc.OrderRepository, writes the IdempotencyKey field of argument 1 of OrderRepository.CreateOrder into it as NULL when it is empty, and api.Handler.CreateOrder, at ifacewire/api/api.go:\d+:\d+ via svc.Orders.PlaceOrder, passes one that is empty when the Idempotency-Key header is absent \(Header.Get, line \d+\); NULLs are distinct in PostgreSQL unique constraint .*; no fix is offered: the value comes from api.Handler.CreateOrder` `IDEM201: .*repo.OrderRepo, wired here as svc.OrderRepository, .*api.Handler.PlaceDecoded, at ifacewire/api/api.go:\d+:\d+ via svc.Orders.Place, passes one that is empty when the JSON body has no key`
		Events: svc.NewEvents(repo.NewEventRepo(db)),   // want `IDEM201: idempotency key events.idempotency_key can be NULL here: repo.EventRepo, wired here as svc.EventStore, .*api.Handler.RecordEvent, at .* via svc.Events.Record, passes one that is nil`
		Notify: svc.NewNotify(repo.NewNotifyRepo(bdb)), // want `IDEM201: idempotency key notifications.idempotency_key can be NULL here: repo.NotifyRepo, wired here as svc.Notifier, .*as NULL when it is empty, and api.Handler.SendNotice, at .* via svc.Notify.Send, passes one that is empty when the Idempotency-Key header is absent`
	}
	_ = svc.NewAudits(repo.NewAuditRepo(db)) // want `IDEM201 not reported for audits.idempotency_key: repo.AuditRepo, wired here as svc.AuditStore, writes the NULL svc.Audits.Internal passes \(ifacewire/svc/svc.go:\d+:\d+\) on purpose, as the column's comment says: "nullable for internal calls"` `IDEM201 not reported for audits.idempotency_key: repo.AuditRepo, wired here as svc.AuditStore, writes the NULL svc.Audits.Removed passes \(ifacewire/svc/svc.go:\d+:\d+\) on purpose`
	_ = http.ListenAndServe(":8080", http.HandlerFunc(h.CreateOrder))
}
