// Package sqlcptr is a store over sqlc's pgx/v5 output with
// emit_pointers_for_null_types (package db), whose nullable dedup key is
// a *string in the generated params. The generated CreateJob is never
// reported itself; a store that writes its own *string parameter into
// the params unchecked is where every caller may pass nil, as when it
// inserts with GORM or bun itself: IDEM201 at the store, and the fact
// for its callers.
package sqlcptr

import (
	"context"
	"crypto/rand"
	"errors"
	"net/http"

	"example.com/libs/sqlcptr/db"
)

type JobIn struct {
	Queue string
	Key   *string
}

type Store struct{ q *db.Queries }

func (s *Store) Enqueue(ctx context.Context, in JobIn) error { // want Enqueue:`writes key param 1.Key → jobs.dedup_key`
	return s.q.CreateJob(ctx, db.CreateJobParams{Queue: in.Queue, DedupKey: in.Key}) // want `IDEM201: idempotency key jobs.dedup_key can be NULL here: Enqueue's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; passed to Queries.CreateJob, which writes it into jobs.dedup_key`
}

// EnqueueChecked rejects a missing key first: no finding, no fact.
func (s *Store) EnqueueChecked(ctx context.Context, in JobIn) error {
	if in.Key == nil {
		return errors.New("dedup key required")
	}
	return s.q.CreateJob(ctx, db.CreateJobParams{Queue: in.Queue, DedupKey: in.Key})
}

// EnqueueKey takes the key itself.
func (s *Store) EnqueueKey(ctx context.Context, queue string, key *string) error { // want EnqueueKey:`writes key param 2 → jobs.dedup_key`
	return s.q.CreateJob(ctx, db.CreateJobParams{Queue: queue, DedupKey: key}) // want `IDEM201: .*EnqueueKey's parameter key is a \*string, so every caller may pass nil, and nothing here checks it; passed to Queries.CreateJob`
}

// EnqueueMinted gives a missing key a value: no finding. A pointer to
// "" is still written as it is, which the constraint takes as a key: the
// fact tells its callers so (an empty key, not a nil one).
func (s *Store) EnqueueMinted(ctx context.Context, queue string, key *string) error { // want EnqueueMinted:`writes key param 2 → jobs.dedup_key`
	if key == nil {
		k := rand.Text()
		key = &k
	}
	return s.q.CreateJob(ctx, db.CreateJobParams{Queue: queue, DedupKey: key})
}

// EnqueueParams passes sqlc's params it was handed: the contract is its
// parameter's field.
func (s *Store) EnqueueParams(ctx context.Context, p db.CreateJobParams) error { // want EnqueueParams:`writes key param 1.DedupKey → jobs.dedup_key`
	return s.q.CreateJob(ctx, p) // want `IDEM201: .*EnqueueParams's parameter field p.DedupKey is a \*string, so every caller may pass nil, and nothing here checks it; passed to Queries.CreateJob`
}

// Callers of the store: judged through its fact.
func enqueueFromHeader(ctx context.Context, s *Store, r *http.Request) error {
	var key *string
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	return s.EnqueueKey(ctx, "mail", key) // want `IDEM201: .*passed to Store.EnqueueKey`
}

func enqueueKeyed(ctx context.Context, s *Store, r *http.Request) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("Idempotency-Key header required")
	}
	return s.EnqueueKey(ctx, "mail", &h)
}

// EnqueueStamped sets another field of its parameter after the insert
// (what the caller gets back): the key field is still the caller's value,
// so the contract and its fix at the top stand.
func (s *Store) EnqueueStamped(ctx context.Context, in JobIn) (JobIn, error) { // want EnqueueStamped:`writes key param 1.Key → jobs.dedup_key`
	err := s.q.CreateJob(ctx, db.CreateJobParams{Queue: in.Queue, DedupKey: in.Key}) // want `IDEM201: .*EnqueueStamped's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; passed to Queries.CreateJob`
	in.Queue = "done/" + in.Queue
	return in, err
}

// EnqueueRekeyed overwrites the key field itself after the insert: still
// reported, but a fix at the top, which assumes the field holds the
// caller's value throughout, is not offered.
func (s *Store) EnqueueRekeyed(ctx context.Context, in JobIn) (JobIn, error) { // want EnqueueRekeyed:`writes key param 1.Key → jobs.dedup_key`
	err := s.q.CreateJob(ctx, db.CreateJobParams{Queue: in.Queue, DedupKey: in.Key}) // want `IDEM201: .*EnqueueRekeyed's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; .*no fix is offered`
	in.Key = nil
	return in, err
}
