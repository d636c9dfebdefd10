// Package bunrepo is a repository layer over bun shaped like a ledger's:
// the store takes the row's key as a plain string that bun's nullzero
// writes as NULL when it is empty, inserts inside a closure that a
// tracing wrapper runs, names its table through a helper that prefixes
// it, and sets the id with Value only when the caller gave none. The
// store cannot know whether a key was sent; its callers are judged.
package bunrepo

import (
	"context"
	_ "embed"
	"errors"
	"net/http"

	"github.com/google/uuid"
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

type Store struct {
	db     *bun.DB
	ledger string
}

func (s *Store) relation(name string) string { return `"` + s.ledger + `".` + name }

func trace(ctx context.Context, name string, fn func(context.Context) error) error {
	return fn(ctx)
}

// InsertLog writes log as it is: a log without a key gets a NULL one.
func (s *Store) InsertLog(ctx context.Context, log *Log) error { // want InsertLog:`writes key param 1.IdempotencyKey → logs.idempotency_key`
	return trace(ctx, "InsertLog", func(ctx context.Context) error {
		query := s.db.NewInsert().
			Model(&Log{ID: log.ID, Ledger: s.ledger, IdempotencyKey: log.IdempotencyKey}).
			ModelTableExpr(s.relation("logs")).
			Returning("*")
		if log.ID == nil {
			query = query.Value("id", "nextval('log_id')")
		}
		_, err := query.Exec(ctx)
		return err
	})
}

// InsertWithKey takes the key alone.
func (s *Store) InsertWithKey(ctx context.Context, key string) error { // want InsertWithKey:`writes key param 1 → logs.idempotency_key`
	_, err := s.db.NewInsert().Model(&Log{Ledger: s.ledger, IdempotencyKey: key}).Exec(ctx)
	return err
}

// InsertOtherTable writes a table no schema here declares under the
// computed name: not read.
func (s *Store) InsertOtherTable(ctx context.Context, key string) error {
	_, err := s.db.NewInsert().Model(&Log{Ledger: s.ledger, IdempotencyKey: key}).ModelTableExpr(s.relation("archived_logs")).Exec(ctx)
	return err
}

func CreateLog(s *Store, r *http.Request) error {
	return s.InsertLog(r.Context(), &Log{Ledger: "main", IdempotencyKey: r.Header.Get("Idempotency-Key")}) // want `IDEM201: idempotency key logs.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent.*passed to Store.InsertLog, which writes it into logs.idempotency_key as NULL when it is empty`
}

func CreateWithKey(s *Store, r *http.Request) error {
	return s.InsertWithKey(r.Context(), r.Header.Get("Idempotency-Key")) // want `IDEM201: .*passed to Store.InsertWithKey, which writes it into logs.idempotency_key as NULL when it is empty`
}

func CreateRequired(s *Store, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("Idempotency-Key header required")
	}
	return s.InsertWithKey(r.Context(), key)
}

func CreateGenerated(s *Store, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		key = uuid.NewString()
	}
	return s.InsertLog(r.Context(), &Log{Ledger: "main", IdempotencyKey: key})
}

// InsertInTx writes log inside bun's transaction closure: the closure's
// Model(log) is the declaration's parameter, whose callers decide.
func (s *Store) InsertInTx(ctx context.Context, log *Log) error { // want InsertInTx:`writes key param 1.IdempotencyKey → logs.idempotency_key`
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(log).Exec(ctx)
		return err
	})
}

func CreateInTx(s *Store, r *http.Request) error {
	return s.InsertInTx(r.Context(), &Log{Ledger: "main", IdempotencyKey: r.Header.Get("Idempotency-Key")}) // want `IDEM201: .*empty when the Idempotency-Key header is absent.*passed to Store.InsertInTx, which writes it into logs.idempotency_key as NULL when it is empty`
}

func CreateInTxGenerated(s *Store) error {
	return s.InsertInTx(context.Background(), &Log{Ledger: "main", IdempotencyKey: uuid.NewString()})
}

// Deliveries without an id are kept, each one (the partial index leaves
// NULL keys out); a pointer to "" is not NULL: bun writes "", which the
// index does not leave out.
type Delivery struct {
	bun.BaseModel `bun:"table:deliveries"`

	ID       int64   `bun:"id,pk,autoincrement"`
	Body     string  `bun:"body"`
	DedupKey *string `bun:"dedup_key"`
}

func (s *Store) RecordDelivery(ctx context.Context, d *Delivery) error { // want RecordDelivery:`writes key param 1.DedupKey → deliveries.dedup_key`
	_, err := s.db.NewInsert().Model(d).Exec(ctx)
	return err
}

func DeliveryEmptyID(s *Store, r *http.Request) error {
	id := r.Header.Get("Webhook-Id")
	return s.RecordDelivery(r.Context(), &Delivery{Body: "b", DedupKey: &id}) // want `IDEM202: idempotency key deliveries.dedup_key can be empty here: empty when the Webhook-Id header is absent .*passed to Store.RecordDelivery`
}

func DeliveryNilWhenAbsent(s *Store, r *http.Request) error {
	var dedup *string
	if id := r.Header.Get("Webhook-Id"); id != "" {
		dedup = &id
	}
	return s.RecordDelivery(r.Context(), &Delivery{Body: "b", DedupKey: dedup})
}

// keyedLog maps logs with the key as a pointer, set only when one was
// given.
type keyedLog struct {
	bun.BaseModel `bun:"table:logs"`

	ID             *int64  `bun:"id,pk"`
	Ledger         string  `bun:"ledger,notnull"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

// InsertKeyed sets the key only when it is not empty: NULL otherwise,
// which its callers decide (as for Valid: key != "").
func (s *Store) InsertKeyed(ctx context.Context, key string) error { // want InsertKeyed:`writes key param 1 → logs.idempotency_key`
	rec := keyedLog{Ledger: s.ledger}
	if key != "" {
		rec.IdempotencyKey = &key
	}
	_, err := s.db.NewInsert().Model(&rec).Exec(ctx)
	return err
}

func CreateKeyed(s *Store, r *http.Request) error {
	return s.InsertKeyed(r.Context(), r.Header.Get("Idempotency-Key")) // want `IDEM201: idempotency key logs.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent`
}

func CreateKeyedGenerated(s *Store) error {
	return s.InsertKeyed(context.Background(), uuid.NewString())
}
