// Package bunrepo is a repository layer over bun shaped like a ledger's:
// the store takes the row's key as a plain string that bun's nullzero
// writes as NULL when it is empty, inserts inside a closure that a
// tracing wrapper runs, names its table through a helper that prefixes
// it, and sets the id with Value only when the caller gave none. The
// store cannot know whether a key was sent; its callers are judged.
package bunrepo

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
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

// InsertKeyInTx builds the row inside the closure from its key
// parameter, which the closure captures: RunInTx runs the closure before
// it returns, so the key is InsertKeyInTx's callers' to decide.
func (s *Store) InsertKeyInTx(ctx context.Context, key string) error { // want InsertKeyInTx:`writes key param 1 → logs.idempotency_key`
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&Log{Ledger: "main", IdempotencyKey: key}).Exec(ctx)
		return err
	})
}

func CreateKeyInTx(s *Store, r *http.Request) error {
	return s.InsertKeyInTx(r.Context(), r.Header.Get("Idempotency-Key")) // want `IDEM201: .*empty when the Idempotency-Key header is absent.*passed to Store.InsertKeyInTx, which writes it into logs.idempotency_key as NULL when it is empty`
}

func CreateKeyInTxRequired(s *Store, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("Idempotency-Key header required")
	}
	return s.InsertKeyInTx(r.Context(), key)
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

// deliveryIn is a request body: DedupKey is a string, "" when the body
// has none.
type deliveryIn struct {
	Body     string `json:"body"`
	DedupKey string `json:"dedup_key"`
}

// The address of a string field into the *string key: never nil, but
// pointing to "" when the body or the header has no key, which the
// partial index (WHERE dedup_key IS NOT NULL) then holds as a key. With
// database/sql, pgx and bun, and beside each the key checked or minted.
func SQLFieldJSON(db *sql.DB, r *http.Request) error {
	var in deliveryIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	_, err := db.ExecContext(r.Context(), "INSERT INTO deliveries (body, dedup_key) VALUES ($1, $2)", in.Body, &in.DedupKey) // want `IDEM202: idempotency key deliveries.dedup_key can be empty here: empty when the JSON body has no dedup_key`
	return err
}

func SQLFieldJSONChecked(db *sql.DB, r *http.Request) error {
	var in deliveryIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if in.DedupKey == "" {
		return errors.New("missing dedup_key")
	}
	_, err := db.ExecContext(r.Context(), "INSERT INTO deliveries (body, dedup_key) VALUES ($1, $2)", in.Body, &in.DedupKey)
	return err
}

func SQLFieldHeader(db *sql.DB, r *http.Request) error {
	var in deliveryIn
	in.DedupKey = r.Header.Get("Webhook-Id")
	_, err := db.ExecContext(r.Context(), "INSERT INTO deliveries (body, dedup_key) VALUES ($1, $2)", "b", &in.DedupKey) // want `IDEM202: .*empty when the Webhook-Id header is absent`
	return err
}

func SQLLocalHeader(db *sql.DB, r *http.Request) error {
	id := r.Header.Get("Webhook-Id")
	_, err := db.ExecContext(r.Context(), "INSERT INTO deliveries (body, dedup_key) VALUES ($1, $2)", "b", &id) // want `IDEM202: .*empty when the Webhook-Id header is absent`
	return err
}

func SQLLocalMinted(db *sql.DB, r *http.Request) error {
	id := uuid.NewString()
	_, err := db.ExecContext(r.Context(), "INSERT INTO deliveries (body, dedup_key) VALUES ($1, $2)", "b", &id)
	return err
}

func PgxFieldJSON(pool *pgxpool.Pool, r *http.Request) error {
	var in deliveryIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	_, err := pool.Exec(r.Context(), "INSERT INTO deliveries (body, dedup_key) VALUES ($1, $2)", in.Body, &in.DedupKey) // want `IDEM202: .*empty when the JSON body has no dedup_key`
	return err
}

func PgxFieldJSONMinted(pool *pgxpool.Pool, r *http.Request) error {
	var in deliveryIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if in.DedupKey == "" {
		in.DedupKey = uuid.NewString()
	}
	_, err := pool.Exec(r.Context(), "INSERT INTO deliveries (body, dedup_key) VALUES ($1, $2)", in.Body, &in.DedupKey)
	return err
}

func BunFieldJSON(db *bun.DB, r *http.Request) error {
	var in deliveryIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	row := Delivery{Body: in.Body}
	row.DedupKey = &in.DedupKey
	_, err := db.NewInsert().Model(&row).Exec(r.Context()) // want `IDEM202: .*empty when the JSON body has no dedup_key.*row.DedupKey is written into the row`
	return err
}

func BunFieldJSONChecked(db *bun.DB, r *http.Request) error {
	var in deliveryIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	row := Delivery{Body: in.Body}
	if in.DedupKey != "" {
		row.DedupKey = &in.DedupKey
	}
	_, err := db.NewInsert().Model(&row).Exec(r.Context())
	return err
}
