// Package adapted calls a store through an interface that only an adapter
// embedding the store implements, as formance ledger's controller does:
// the store's BeginTX returns the store itself, the adapter's the
// interface, so the store is not a Store and the call has no candidate.
package adapted

import (
	"context"
	_ "embed"
	"net/http"

	"github.com/uptrace/bun"
)

//go:embed schema.sql
var schema string

type Log struct {
	bun.BaseModel `bun:"table:logs,alias:logs"`

	ID             *int64 `bun:"id,pk"`
	Ledger         string `bun:"ledger,notnull"`
	IdempotencyKey string `bun:"idempotency_key,type:varchar(256),nullzero"`
}

type Store interface {
	BeginTX(ctx context.Context) (Store, error)
	InsertLog(ctx context.Context, log *Log) error
}

type SQLStore struct{ db *bun.DB }

func (s *SQLStore) BeginTX(ctx context.Context) (*SQLStore, error) { return s, nil }

func (s *SQLStore) InsertLog(ctx context.Context, log *Log) error { // want InsertLog:`writes key param 1.IdempotencyKey → logs.idempotency_key`
	_, err := s.db.NewInsert().Model(log).Exec(ctx)
	return err
}

// adapter is a Store: InsertLog is SQLStore's, promoted.
type adapter struct{ *SQLStore }

func (a adapter) BeginTX(ctx context.Context) (Store, error) {
	s, err := a.SQLStore.BeginTX(ctx)
	return adapter{s}, err
}

type Controller struct{ store Store }

// Through the interface: not followed, and said so.
func (c *Controller) Create(r *http.Request) error {
	return c.store.InsertLog(r.Context(), &Log{Ledger: "l", IdempotencyKey: r.Header.Get("Idempotency-Key")}) // want `not followed: c.store.InsertLog is called through Store, which no key-writing method in view implements; SQLStore.InsertLog writes logs.idempotency_key with the same signature, but SQLStore does not implement Store \(a type embedding it may, as an adapter does\), so the key passed here is not checked`
}

// On the store itself: followed.
func Direct(s *SQLStore, r *http.Request) error {
	return s.InsertLog(r.Context(), &Log{Ledger: "l", IdempotencyKey: r.Header.Get("Idempotency-Key")}) // want `IDEM201: .*passed to SQLStore.InsertLog, which writes it into logs.idempotency_key as NULL when it is empty`
}

// Another interface whose InsertLog has another signature: no twin, no note.
type Archiver interface {
	InsertLog(ctx context.Context, ledger string) error
}

func Archived(a Archiver, r *http.Request) error {
	return a.InsertLog(r.Context(), r.Header.Get("Idempotency-Key"))
}
