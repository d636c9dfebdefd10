// Package nndkeys writes NULL keys into a unique rule with NULLS NOT
// DISTINCT, where a NULL collides as an empty key does (IDEM202), through
// database/sql, pgx, GORM, bun, goqu and squirrel; beside each, the same
// write under a rule whose NULLs are distinct (IDEM201), and writes that
// give the key a value or that an index predicate leaves out (silent).
package nndkeys

import (
	"context"
	"crypto/rand"
	"database/sql"
	_ "embed"
	"errors"
	"net/http"

	sq "github.com/Masterminds/squirrel"
	"github.com/doug-martin/goqu/v9"
	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

// headerKey is nil when the request has no Idempotency-Key header.
func headerKey(r *http.Request) *string {
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		return &h
	}
	return nil
}

const insertWebhook = `INSERT INTO nnd_webhooks (provider, body, deduplication_id) VALUES ($1, $2, $3)`

// SQLHeader writes the header's key, nil when it is absent.
func SQLHeader(ctx context.Context, db *sql.DB, r *http.Request, provider, body string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	_, err := db.ExecContext(ctx, insertWebhook, provider, body, key) // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be NULL here: nil when the Idempotency-Key header is absent .*; NULLs are not distinct in PostgreSQL unique constraint nnd_webhooks_provider_deduplication_id_key \(provider, deduplication_id\) \(NULLS NOT DISTINCT\), so the first keyless row is written and every other keyless request is rejected as its duplicate`
	return err
}

// SQLHeaderDistinct is SQLHeader where NULLs are distinct: IDEM201.
func SQLHeaderDistinct(ctx context.Context, db *sql.DB, r *http.Request, source string) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	_, err := db.ExecContext(ctx, `INSERT INTO nnd_events (source, idempotency_key) VALUES ($1, $2)`, source, key) // want `IDEM201: idempotency key nnd_events.idempotency_key can be NULL here: nil when the Idempotency-Key header is absent .*; NULLs are distinct in PostgreSQL unique constraint nnd_events_source_idempotency_key_key \(source, idempotency_key\), so a retry without a key is inserted again`
	return err
}

// SQLMinted gives a missing key a value: silent.
func SQLMinted(ctx context.Context, db *sql.DB, r *http.Request, provider, body string) error {
	key := headerKey(r)
	if key == nil {
		k := rand.Text()
		key = &k
	}
	_, err := db.ExecContext(ctx, insertWebhook, provider, body, key)
	return err
}

// SQLRequired rejects a request without a key: silent.
func SQLRequired(ctx context.Context, db *sql.DB, r *http.Request, provider, body string) error {
	key := headerKey(r)
	if key == nil {
		return errors.New("Idempotency-Key required")
	}
	_, err := db.ExecContext(ctx, insertWebhook, provider, body, key)
	return err
}

// SQLNullLiteral writes NULL itself, and ON CONFLICT DO NOTHING drops
// every later keyless webhook silently.
func SQLNullLiteral(ctx context.Context, db *sql.DB, provider, body string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO nnd_webhooks (provider, body, deduplication_id) VALUES ($1, $2, NULL) ON CONFLICT DO NOTHING`, provider, body) // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be NULL here: the INSERT writes NULL into deduplication_id; NULLs are not distinct in`
	return err
}

// SQLJobs: the NOT DISTINCT index leaves NULL keys out: silent.
func SQLJobs(ctx context.Context, db *sql.DB, r *http.Request, queue string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO nnd_jobs (queue, dedup_key) VALUES ($1, $2)`, queue, headerKey(r))
	return err
}

// SQLEmpty writes the header itself: empty, not NULL, when it is absent.
func SQLEmpty(ctx context.Context, db *sql.DB, r *http.Request, provider, body string) error {
	_, err := db.ExecContext(ctx, insertWebhook, provider, body, r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be empty here`
	return err
}

// PgxNamed leaves the key out of its named arguments: NULL.
func PgxNamed(ctx context.Context, conn *pgx.Conn, provider, body string) error {
	_, err := conn.Exec(ctx, `INSERT INTO nnd_webhooks (provider, body, deduplication_id) VALUES (@provider, @body, @deduplication_id)`,
		pgx.NamedArgs{"provider": provider, "body": body}) // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be NULL here: the "deduplication_id" key is left out of the NamedArgs literal, so pgx writes NULL; NULLs are not distinct in`
	return err
}

// Store's Insert takes the key as a *string: every caller may pass nil,
// which collides under NULLS NOT DISTINCT (the contract rule, IDEM202).
type Store struct{ DB *sql.DB }

func (s *Store) Insert(ctx context.Context, provider, body string, key *string) error { // want Insert:`writes key param 3 → nnd_webhooks.deduplication_id`
	_, err := s.DB.ExecContext(ctx, insertWebhook, provider, body, key) // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be NULL here: .*Insert's parameter key is a \*string, so every caller may pass nil.*NULLs are not distinct in`
	return err
}

// Webhook is the GORM and goqu model of nnd_webhooks.
type Webhook struct {
	ID              int64   `gorm:"primaryKey" db:"id" goqu:"skipinsert"`
	Provider        string  `db:"provider"`
	Body            string  `db:"body"`
	DeduplicationID *string `db:"deduplication_id"`
}

func (Webhook) TableName() string { return "nnd_webhooks" }

// BunWebhook is bun's model of nnd_webhooks.
type BunWebhook struct {
	bun.BaseModel `bun:"table:nnd_webhooks"`

	ID              int64 `bun:"id,pk,autoincrement"`
	Provider        string
	Body            string
	DeduplicationID *string
}

// GormLeftOut leaves the key out of the row: GORM writes NULL.
func GormLeftOut(db *gorm.DB, provider, body string) error {
	return db.Create(&Webhook{Provider: provider, Body: body}).Error // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be NULL here: the DeduplicationID field is left out of the Webhook literal, so GORM writes NULL; NULLs are not distinct in`
}

// GormKeyed sets the key from a value that is never nil: silent.
func GormKeyed(db *gorm.DB, provider, body string) error {
	k := rand.Text()
	return db.Create(&Webhook{Provider: provider, Body: body, DeduplicationID: &k}).Error
}

// BunHeader writes the header's key, nil when absent.
func BunHeader(ctx context.Context, db *bun.DB, r *http.Request, provider, body string) error {
	w := &BunWebhook{Provider: provider, Body: body, DeduplicationID: headerKey(r)}
	_, err := db.NewInsert().Model(w).Exec(ctx) // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be NULL here: nndkeys.headerKey can return a nil literal .*; w.DeduplicationID is written into the row; NULLs are not distinct in`
	return err
}

// GoquHeader writes the header's key, nil when absent.
func GoquHeader(ctx context.Context, db *goqu.Database, r *http.Request, provider, body string) error {
	_, err := db.Insert("nnd_webhooks").Rows(Webhook{Provider: provider, Body: body, DeduplicationID: headerKey(r)}).Executor().ExecContext(ctx) // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be NULL here: nndkeys.headerKey can return a nil literal .*; NULLs are not distinct in`
	return err
}

// SquirrelLeftOut leaves the key column out of the INSERT: NULL.
func SquirrelLeftOut(db *sql.DB, provider, body string) error {
	_, err := sq.Insert("nnd_webhooks").Columns("provider", "body"). // want `IDEM202: idempotency key nnd_webhooks.deduplication_id can be NULL here: squirrel's Insert\("nnd_webhooks"\) leaves out deduplication_id`
										Values(provider, body).RunWith(db).Exec()
	return err
}

// SquirrelJobs: the index leaves NULL keys out: silent.
func SquirrelJobs(db *sql.DB, queue string) error {
	_, err := sq.Insert("nnd_jobs").Columns("queue").Values(queue).RunWith(db).Exec()
	return err
}
