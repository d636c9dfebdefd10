package svc // want package:`pending: svc.Audits.Internal passes empty at ifacewire/svc/svc.go:\d+:\d+ to .*svc.AuditStore.InsertAudit arg 1.IdempotencyKey`

// Package svc declares the repositories it calls ("accept interfaces"):
// their implementations live in package repo, which imports this one,
// and cmd/server wires them. Nothing here sees what a repository does
// with the key.

import (
	"context"
	"errors"
)

type OrderInput struct {
	CustomerID     string
	IdempotencyKey string
}

// OrderRepository is implemented by repo.OrderRepo (an empty key is
// written as NULL) and repo.StrictRepo (an empty key is rejected).
type OrderRepository interface {
	CreateOrder(ctx context.Context, in OrderInput) error
}

type Orders struct{ repo OrderRepository }

func NewOrders(r OrderRepository) *Orders { return &Orders{repo: r} }

// PlaceOrder passes its input on unchecked: its callers decide.
func (s *Orders) PlaceOrder(ctx context.Context, in OrderInput) error { // want PlaceOrder:`passes to param 1.IdempotencyKey → example.com/libs/ifacewire/svc.OrderRepository.CreateOrder arg 1.IdempotencyKey`
	return s.repo.CreateOrder(ctx, in) // want `not followed: s.repo.CreateOrder is called through an interface that repo.OrderRepo, repo.StrictRepo implement in packages this one does not import.*judged where a package that sees this call's callers converts`
}

// Place builds the input from its own key: a wrapper, judged the same.
func (s *Orders) Place(ctx context.Context, customer, key string) error { // want Place:`passes to param 2 → example.com/libs/ifacewire/svc.OrderRepository.CreateOrder arg 1.IdempotencyKey`
	return s.PlaceOrder(ctx, OrderInput{CustomerID: customer, IdempotencyKey: key})
}

// PlaceChecked rejects an empty key before the call: no fact.
func (s *Orders) PlaceChecked(ctx context.Context, in OrderInput) error {
	if in.IdempotencyKey == "" {
		return errors.New("an idempotency key is required")
	}
	return s.repo.CreateOrder(ctx, in) // want `not followed: s.repo.CreateOrder is called through an interface`
}

type Event struct {
	Source         string
	IdempotencyKey *string
}

// EventStore is implemented by repo.EventRepo, whose key is a *string.
type EventStore interface {
	RecordEvent(ctx context.Context, ev Event) error
}

type Events struct{ store EventStore }

func NewEvents(s EventStore) *Events { return &Events{store: s} }

// Record passes its key on unchecked.
func (e *Events) Record(ctx context.Context, source string, key *string) error { // want Record:`passes to param 2 → example.com/libs/ifacewire/svc.EventStore.RecordEvent arg 1.IdempotencyKey`
	return e.store.RecordEvent(ctx, Event{Source: source, IdempotencyKey: key}) // want `not followed: e.store.RecordEvent is called through an interface that repo.EventRepo implements`
}

type Notification struct {
	UserID         int64
	IdempotencyKey string
}

// Notifier is implemented by repo.NotifyRepo over bun, whose nullzero
// writes an empty key as NULL.
type Notifier interface {
	InsertNotification(ctx context.Context, n Notification) error
}

type Notify struct{ n Notifier }

func NewNotify(n Notifier) *Notify { return &Notify{n: n} }

// Send passes its key on unchecked.
func (s *Notify) Send(ctx context.Context, user int64, key string) error { // want Send:`passes to param 2 → example.com/libs/ifacewire/svc.Notifier.InsertNotification arg 1.IdempotencyKey`
	return s.n.InsertNotification(ctx, Notification{UserID: user, IdempotencyKey: key}) // want `not followed: s.n.InsertNotification is called through an interface that repo.NotifyRepo implements`
}

type Audit struct {
	Event          string
	IdempotencyKey string
}

// AuditStore is implemented by repo.AuditRepo, whose column's comment
// says NULL keys are meant for internal calls.
type AuditStore interface {
	InsertAudit(ctx context.Context, a Audit) error
}

type Audits struct{ store AuditStore }

func NewAudits(s AuditStore) *Audits { return &Audits{store: s} }

// Internal writes no key on purpose: at the wiring, a note.
func (a *Audits) Internal(ctx context.Context, event string) error {
	return a.store.InsertAudit(ctx, Audit{Event: event}) // want `not followed: a.store.InsertAudit is called through an interface that repo.AuditRepo implements`
}

// write is the helper every internal audit goes through (frontier's
// membership.Service.createAuditRecord): its callers decide.
func (a *Audits) write(ctx context.Context, au Audit) error { // want write:`passes to param 1.IdempotencyKey → example.com/libs/ifacewire/svc.AuditStore.InsertAudit arg 1.IdempotencyKey`
	return a.store.InsertAudit(ctx, au) // want `not followed: a.store.InsertAudit is called through an interface that repo.AuditRepo implements`
}

// Removed leaves the key out through the helper, on purpose as well: at
// the wiring, a note.
func (a *Audits) Removed(ctx context.Context) error {
	return a.write(ctx, Audit{Event: "removed"})
}
