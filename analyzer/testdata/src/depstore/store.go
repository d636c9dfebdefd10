// Package depstore writes keys whose NULL depends on what its callers pass:
// through a helper, a Valid flag, or a check that converts rather than
// rejects. Its callers (package depapi) are judged through facts.
package depstore

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"net/http"
)

//go:embed schema.sql
var Schema string

const insertEntry = `INSERT INTO entries (account, idempotency_key) VALUES ($1, $2)`

type Store struct{ DB *sql.DB }

type Entry struct {
	Account        string
	IdempotencyKey *string
}

type Input struct {
	Account string
	Key     string
}

// nullOf is NULL exactly when p is nil: its callers decide.
func nullOf(p *string) sql.NullString {
	if p == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: *p, Valid: true}
}

// InsertEntry converts the key rather than rejecting a missing one: nil
// still becomes NULL, here and for every caller that passes nil.
func (s *Store) InsertEntry(ctx context.Context, e *Entry) error { // want InsertEntry:`writes key param 1.IdempotencyKey → entries.idempotency_key`
	var t sql.NullString
	if e.IdempotencyKey != nil {
		t = sql.NullString{String: *e.IdempotencyKey, Valid: true}
	}
	_, err := s.DB.ExecContext(ctx, insertEntry, e.Account, t) // want `IDEM201: idempotency key entries.idempotency_key can be NULL here: the zero sql.NullString when e.IdempotencyKey is nil`
	return err
}

// InsertEntryChecked rejects a missing key: no finding, no fact.
func (s *Store) InsertEntryChecked(ctx context.Context, e *Entry) error {
	if e.IdempotencyKey == nil {
		return errors.New("idempotency key required")
	}
	_, err := s.DB.ExecContext(ctx, insertEntry, e.Account, nullOf(e.IdempotencyKey))
	return err
}

// InsertVia writes the key through nullOf: NULL when the caller's key is
// nil. nullOf converts nil rather than rejecting it, so the *string field
// is still the contract (reported here, as InsertEntry is), and its
// callers are judged through the fact.
func (s *Store) InsertVia(ctx context.Context, e *Entry) error { // want InsertVia:`writes key param 1.IdempotencyKey → entries.idempotency_key`
	_, err := s.DB.ExecContext(ctx, insertEntry, e.Account, nullOf(e.IdempotencyKey)) // want `IDEM201: idempotency key entries.idempotency_key can be NULL here: InsertVia's parameter field e.IdempotencyKey is a \*string, so every caller may pass nil, and nothing here checks it; nil when e.IdempotencyKey is nil; depstore.nullOf`
	return err
}

// InsertInput sets Valid from the key: NULL when the caller's key is empty.
func (s *Store) InsertInput(ctx context.Context, in Input) error { // want InsertInput:`writes key param 1.Key → entries.idempotency_key`
	_, err := s.DB.ExecContext(ctx, insertEntry, in.Account, sql.NullString{String: in.Key, Valid: in.Key != ""})
	return err
}

// InsertInputChecked refuses an empty key first: no fact.
func (s *Store) InsertInputChecked(ctx context.Context, in Input) error {
	if in.Key == "" {
		return errors.New("idempotency key required")
	}
	_, err := s.DB.ExecContext(ctx, insertEntry, in.Account, sql.NullString{String: in.Key, Valid: in.Key != ""})
	return err
}

// nullIfEmpty boxes a key for Exec: nil, so NULL, when it is empty. Its
// callers decide.
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// InsertAny writes the key through nullIfEmpty: NULL when the caller's
// key is empty.
func (s *Store) InsertAny(ctx context.Context, account, key string) error { // want InsertAny:`writes key param 2 → entries.idempotency_key`
	_, err := s.DB.ExecContext(ctx, insertEntry, account, nullIfEmpty(key))
	return err
}

// InsertAnyChecked refuses an empty key first: no fact.
func (s *Store) InsertAnyChecked(ctx context.Context, account, key string) error {
	if key == "" {
		return errors.New("idempotency key required")
	}
	_, err := s.DB.ExecContext(ctx, insertEntry, account, nullIfEmpty(key))
	return err
}

// InsertToken may write an empty key, which the table's CHECK rejects
// with an error: no IDEM202.
func (s *Store) InsertToken(ctx context.Context, r *http.Request) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO tokens (account, dedup_key) VALUES ($1, $2)`, "a", r.Header.Get("Dedup-Key"))
	return err
}

// InsertUUIDToken writes the same key into a uuid column, which cannot
// hold the empty string: the insert fails with an error, no IDEM202.
func (s *Store) InsertUUIDToken(ctx context.Context, r *http.Request) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO uuid_tokens (account, dedup_key) VALUES ($1, $2)`, "a", r.Header.Get("Dedup-Key"))
	return err
}

// InsertTokenUnchecked writes the same key into a table without the
// check: the first keyless request takes the empty key, the next collide.
func (s *Store) InsertTokenUnchecked(ctx context.Context, r *http.Request) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO tokens_unchecked (account, dedup_key) VALUES ($1, $2)`, "a", r.Header.Get("Dedup-Key")) // want `IDEM202: idempotency key tokens_unchecked.dedup_key can be empty here: empty when the Dedup-Key header is absent`
	return err
}

// InsertTokenKey writes its caller's key as it is: an empty one is the
// callers' to avoid (they are judged through the fact).
func (s *Store) InsertTokenKey(ctx context.Context, account, key string) error { // want InsertTokenKey:`writes key param 2 → tokens_unchecked.dedup_key`
	_, err := s.DB.ExecContext(ctx, `INSERT INTO tokens_unchecked (account, dedup_key) VALUES ($1, $2)`, account, key)
	return err
}
