package repo // want package:`.*repo.EventRepo.RecordEvent implements .*svc.EventStore.RecordEvent, writes key param 1.IdempotencyKey → events.idempotency_key; .*repo.NotifyRepo.InsertNotification implements .*svc.Notifier.InsertNotification, .*; .*repo.OrderRepo.CreateOrder implements .*svc.OrderRepository.CreateOrder, writes key param 1.IdempotencyKey → orders.idempotency_key` package:`pending: svc.Audits.Internal passes empty at ifacewire/svc/svc.go:\d+:\d+ to .*svc.AuditStore.InsertAudit arg 1.IdempotencyKey`

// Package repo implements svc's repositories with exported types: svc,
// checked before this package, sees none of them.

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"

	"github.com/uptrace/bun"

	"example.com/libs/ifacewire/svc"
)

//go:embed schema.sql
var schema string

type OrderRepo struct{ db *sql.DB }

func NewOrderRepo(db *sql.DB) *OrderRepo { return &OrderRepo{db: db} }

// CreateOrder writes an empty key as NULL.
func (r *OrderRepo) CreateOrder(ctx context.Context, in svc.OrderInput) error { // want `not followed: OrderRepo.CreateOrder writes parameter 1 \(.IdempotencyKey\) into orders.idempotency_key and implements svc.OrderRepository.CreateOrder.*judged where a package converts` CreateOrder:`writes key param 1.IdempotencyKey → orders.idempotency_key`
	_, err := r.db.ExecContext(ctx, `INSERT INTO orders (customer_id, idempotency_key) VALUES ($1, $2)`,
		in.CustomerID, sql.NullString{String: in.IdempotencyKey, Valid: in.IdempotencyKey != ""})
	return err
}

// StrictRepo rejects an empty key: no fact, nothing to match.
type StrictRepo struct{ db *sql.DB }

func NewStrictRepo(db *sql.DB) *StrictRepo { return &StrictRepo{db: db} }

func (r *StrictRepo) CreateOrder(ctx context.Context, in svc.OrderInput) error {
	if in.IdempotencyKey == "" {
		return errors.New("an idempotency key is required")
	}
	_, err := r.db.ExecContext(ctx, `INSERT INTO orders (customer_id, idempotency_key) VALUES ($1, $2)`, in.CustomerID, in.IdempotencyKey)
	return err
}

type EventRepo struct{ db *sql.DB }

func NewEventRepo(db *sql.DB) *EventRepo { return &EventRepo{db: db} }

// RecordEvent writes a nil key as NULL: its own contract finding.
func (r *EventRepo) RecordEvent(ctx context.Context, ev svc.Event) error { // want `not followed: EventRepo.RecordEvent writes parameter 1` RecordEvent:`writes key param 1.IdempotencyKey → events.idempotency_key`
	_, err := r.db.ExecContext(ctx, `INSERT INTO events (source, idempotency_key) VALUES ($1, $2)`, ev.Source, ev.IdempotencyKey) // want `IDEM201: .*RecordEvent's parameter field ev.IdempotencyKey is a \*string`
	return err
}

type notificationRow struct {
	bun.BaseModel `bun:"table:notifications"`

	ID             int64  `bun:"id,pk,autoincrement"`
	UserID         int64  `bun:"user_id,notnull"`
	IdempotencyKey string `bun:"idempotency_key,nullzero"`
}

type NotifyRepo struct{ db *bun.DB }

func NewNotifyRepo(db *bun.DB) *NotifyRepo { return &NotifyRepo{db: db} }

func toRow(n svc.Notification) notificationRow {
	return notificationRow{UserID: n.UserID, IdempotencyKey: n.IdempotencyKey}
}

// InsertNotification writes an empty key as NULL (nullzero), through a
// converter.
func (r *NotifyRepo) InsertNotification(ctx context.Context, n svc.Notification) error { // want `not followed: NotifyRepo.InsertNotification writes parameter 1` InsertNotification:`writes key param 1.IdempotencyKey → notifications.idempotency_key`
	row := toRow(n)
	_, err := r.db.NewInsert().Model(&row).Exec(ctx)
	return err
}

type AuditRepo struct{ db *sql.DB }

func NewAuditRepo(db *sql.DB) *AuditRepo { return &AuditRepo{db: db} }

// InsertAudit writes an empty key as NULL.
func (r *AuditRepo) InsertAudit(ctx context.Context, a svc.Audit) error { // want `not followed: AuditRepo.InsertAudit writes parameter 1` InsertAudit:`writes key param 1.IdempotencyKey → audits.idempotency_key`
	_, err := r.db.ExecContext(ctx, `INSERT INTO audits (event, idempotency_key) VALUES ($1, NULLIF($2, ''))`, a.Event, a.IdempotencyKey)
	return err
}
