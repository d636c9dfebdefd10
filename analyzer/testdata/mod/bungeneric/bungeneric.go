// Package bungeneric writes bun rows through a generic repository: the
// row's type, so its table and columns, is the caller's type argument, so
// each call of Insert or InsertMany is read as bun's insert of the row
// the caller passes.
package bungeneric

import (
	"context"
	_ "embed"
	"encoding/json"
	"net/http"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
)

//go:embed schema.sql
var Schema string

type Movement struct {
	bun.BaseModel  `bun:"table:movements"`
	ID             int64   `bun:"id,pk,autoincrement"`
	WarehouseID    int64   `bun:"warehouse_id,notnull"`
	IdempotencyKey *string `bun:"idempotency_key"`
}

type Count struct {
	bun.BaseModel `bun:"table:counts"`
	ID            int64  `bun:"id,pk,autoincrement"`
	DedupKey      string `bun:"dedup_key,notnull"`
}

// Repo is the generic repository.
type Repo[T any] struct{ db bun.IDB }

func (r *Repo[T]) Insert(ctx context.Context, row *T) error { // want Insert:`writes param 1 as a bun row`
	_, err := r.db.NewInsert().Model(row).Exec(ctx)
	return err
}

func (r *Repo[T]) InsertMany(ctx context.Context, rows []T) error { // want InsertMany:`writes param 1 as a bun row`
	_, err := r.db.NewInsert().Model(&rows).Exec(ctx)
	return err
}

// Record writes a *string key unchecked: every caller may pass nil.
func Record(ctx context.Context, r *Repo[Movement], wh int64, key *string) error { // want Record:`writes key param 3 → movements.idempotency_key`
	return r.Insert(ctx, &Movement{WarehouseID: wh, IdempotencyKey: key}) // want `IDEM201: idempotency key movements.idempotency_key can be NULL here: Record's parameter key is a \*string`
}

// RecordGenerated gives every movement a key.
func RecordGenerated(ctx context.Context, r *Repo[Movement], wh int64) error {
	key := uuid.NewString()
	return r.Insert(ctx, &Movement{WarehouseID: wh, IdempotencyKey: &key})
}

// RecordHeader writes the header's key, "" when it is absent.
func RecordHeader(ctx context.Context, r *Repo[Count], req *http.Request) error {
	return r.Insert(ctx, &Count{DedupKey: req.Header.Get("Idempotency-Key")}) // want `IDEM202: idempotency key counts.dedup_key can be empty here: empty when the Idempotency-Key header is absent`
}

// ImportCounts builds its rows from a decoded body in a loop.
func ImportCounts(w http.ResponseWriter, req *http.Request, repo *Repo[Count]) {
	var in []struct {
		DedupKey string `json:"dedup_key"`
	}
	if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
		return
	}
	rows := make([]Count, 0, len(in))
	for _, l := range in {
		rows = append(rows, Count{DedupKey: l.DedupKey}) // want `IDEM202: idempotency key counts.dedup_key can be empty here: empty when an element of the JSON body has no dedup_key`
	}
	_ = repo.InsertMany(req.Context(), rows)
}

// NewRepo is how other packages get a Repo (shipments).
func NewRepo[T any](db bun.IDB) *Repo[T] { return &Repo[T]{db: db} }

// InsertOrSkip dedupes by the table's unique rules: a retry is skipped.
func (r *Repo[T]) InsertOrSkip(ctx context.Context, row *T) error { // want InsertOrSkip:`writes param 1 as a bun row`
	_, err := r.db.NewInsert().Model(row).On("CONFLICT DO NOTHING").Exec(ctx)
	return err
}

// InsertNamed picks its columns: not carried to other packages' calls.
func (r *Repo[T]) InsertNamed(ctx context.Context, row *T) error {
	_, err := r.db.NewInsert().Model(row).Column("dedup_key").Exec(ctx)
	return err
}
