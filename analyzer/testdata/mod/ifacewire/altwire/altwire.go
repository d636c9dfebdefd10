package altwire // want package:`.*repo.EventRepo.RecordEvent implements .*svc.EventStore.RecordEvent, writes key param 1.IdempotencyKey → events.idempotency_key; .*repo.NotifyRepo.InsertNotification implements .*svc.Notifier.InsertNotification, .*; .*repo.OrderRepo.CreateOrder implements .*svc.OrderRepository.CreateOrder, writes key param 1.IdempotencyKey → orders.idempotency_key` package:`pending: api.Handler.CreateOrder passes empty at ifacewire/api/api.go:\d+:\d+ to .*svc.OrderRepository.CreateOrder arg 1.IdempotencyKey; api.Handler.PlaceDecoded passes empty at .* to .*svc.OrderRepository.CreateOrder arg 1.IdempotencyKey; api.Handler.RecordEvent passes nil at .* to .*svc.EventStore.RecordEvent arg 1.IdempotencyKey; api.Handler.SendNotice passes empty at .* to .*svc.Notifier.InsertNotification arg 1.IdempotencyKey`

// Package altwire wires the strict repository, which rejects an empty
// key: the same pending calls are not reported here.

import (
	"database/sql"

	"example.com/libs/ifacewire/api"
	"example.com/libs/ifacewire/repo"
	"example.com/libs/ifacewire/svc"
)

func New(db *sql.DB) *api.Handler {
	var r svc.OrderRepository
	r = repo.NewStrictRepo(db)
	return &api.Handler{Orders: svc.NewOrders(r)}
}
