// Package funcvalue hands a function that inserts its parameter's key to
// another as a value (a callback), or keeps it in a table: the calls made
// through a value kept are not checked, which a note says where the value
// is taken; a call written out is checked as any other.
package funcvalue

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"
)

//go:embed schema.sql
var schema string

type Job struct{ Tenant, Key string }

type Store struct{ db *sql.DB }

func (s *Store) insertOne(ctx context.Context, j Job) error { // want insertOne:`writes key param 1.Key → jobs.idempotency_key`
	_, err := s.db.ExecContext(ctx, `INSERT INTO jobs (tenant, idempotency_key) VALUES ($1, $2)`, j.Tenant, j.Key)
	return err
}

func each(ctx context.Context, jobs []Job, fn func(context.Context, Job) error) error {
	for _, j := range jobs {
		if err := fn(ctx, j); err != nil {
			return err
		}
	}
	return nil
}

// Batch passes insertOne on as a callback to each, which calls it with
// each element: the call is checked as one of each writing the elements'
// Key, and a slice held in a variable is not read.
func (s *Store) Batch(w http.ResponseWriter, r *http.Request) {
	jobs := []Job{{Tenant: r.PathValue("tenant"), Key: r.URL.Query().Get("key")}}
	_ = each(r.Context(), jobs, s.insertOne) // want `not followed: jobs, passed to funcvalue.each with Store.insertOne as its callback, which writes each element's Key into jobs.idempotency_key, is not a slice literal nor a parameter`
}

// Routes keeps insertOne in a table of handlers: the calls made through
// it are not checked.
func (s *Store) Routes() map[string]func(context.Context, Job) error {
	return map[string]func(context.Context, Job) error{
		"insert": s.insertOne, // want `not followed: Store.insertOne, which writes j.Key into jobs.idempotency_key, is used here as a value, and the calls made through it are not checked`
	}
}

// One calls it: checked there.
func (s *Store) One(w http.ResponseWriter, r *http.Request) {
	_ = s.insertOne(r.Context(), Job{Tenant: r.PathValue("tenant"), Key: r.Header.Get("Idempotency-Key")}) // want `IDEM202: idempotency key jobs.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
}
