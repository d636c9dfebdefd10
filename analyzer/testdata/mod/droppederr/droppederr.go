// Package droppederr checks a key built by a constructor that returns its
// zero value with an error: a caller that drops the error, or checks it
// and goes on, writes that zero value; one that returns, replaces or
// stops on it does not.
package droppederr

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"log"
	"log/slog"
	"net/http"

	"github.com/google/uuid"

	"example.com/libs/droppederr/domain"
)

//go:embed schema.sql
var Schema string

type Store struct{ DB *sql.DB }

// Create writes the key as it is: its callers decide.
func (s *Store) Create(ctx context.Context, tenant string, k domain.IdempotencyKey) error { // want Create:`writes key param 2 → payouts.idempotency_key`
	_, err := s.DB.ExecContext(ctx, `INSERT INTO payouts (tenant_id, idempotency_key) VALUES ($1, $2)`, tenant, string(k))
	return err
}

// Refund writes a nil key as NULL: its callers decide.
func (s *Store) Refund(ctx context.Context, tenant string, k *string) error { // want Refund:`writes key param 2 → refunds.idempotency_key`
	_, err := s.DB.ExecContext(ctx, `INSERT INTO refunds (tenant_id, idempotency_key) VALUES ($1, $2)`, tenant, k) // want `IDEM201: idempotency key refunds.idempotency_key can be NULL here: Refund's parameter k is a \*string`
	return err
}

// Dropped drops the constructor's error: the zero key reaches the insert.
func Dropped(ctx context.Context, s *Store, tenant, raw string) error {
	k, _ := domain.NewIdempotencyKey(raw)
	return s.Create(ctx, tenant, k) // want `IDEM202: idempotency key payouts.idempotency_key can be empty here: empty when NewIdempotencyKey fails and its error is dropped \(line 40\): domain.NewIdempotencyKey returns "" with its error \(domain.go:20\); passed to Store.Create`
}

// DroppedPtr drops the error of a constructor that returns nil with it.
func DroppedPtr(ctx context.Context, s *Store, tenant, raw string) error {
	k, _ := domain.NewKeyPtr(raw)
	return s.Refund(ctx, tenant, k) // want `IDEM201: idempotency key refunds.idempotency_key can be NULL here: nil when NewKeyPtr fails and its error is dropped \(line 46\): domain.NewKeyPtr returns nil with its error \(domain.go:39\); passed to Store.Refund`
}

// Returned returns the error: the insert only sees a valid key.
func Returned(ctx context.Context, s *Store, tenant, raw string) error {
	k, err := domain.NewIdempotencyKey(raw)
	if err != nil {
		return err
	}
	return s.Create(ctx, tenant, k)
}

// LoggedAndReturned logs the error and returns a wrapped one.
func LoggedAndReturned(ctx context.Context, s *Store, tenant, raw string) error {
	k, err := domain.NewIdempotencyKey(raw)
	if err != nil {
		slog.Warn("rejecting a payout", "err", err)
		return errors.Join(errors.New("bad key"), err)
	}
	return s.Create(ctx, tenant, k)
}

// Replaced gives the key a value when the constructor fails.
func Replaced(ctx context.Context, s *Store, tenant, raw string) error {
	k, err := domain.NewIdempotencyKey(raw)
	if err != nil {
		k = domain.IdempotencyKey(uuid.NewString())
	}
	return s.Create(ctx, tenant, k)
}

// OnlyWhenValid writes only when the constructor succeeds.
func OnlyWhenValid(ctx context.Context, s *Store, tenant, raw string) error {
	if k, err := domain.NewIdempotencyKey(raw); err == nil {
		return s.Create(ctx, tenant, k)
	}
	return nil
}

// Stopped stops the process on the error.
func Stopped(ctx context.Context, s *Store, tenant, raw string) error {
	k, err := domain.NewIdempotencyKey(raw)
	if err != nil {
		log.Fatalf("bad key: %v", err)
	}
	return s.Create(ctx, tenant, k)
}

// LoggedOnly sees the error and goes on: the zero key reaches the insert.
func LoggedOnly(ctx context.Context, s *Store, tenant, raw string) error {
	k, err := domain.NewIdempotencyKey(raw)
	if err != nil {
		log.Printf("bad key: %v", err)
	}
	return s.Create(ctx, tenant, k) // want `IDEM202: idempotency key payouts.idempotency_key can be empty here: empty when NewIdempotencyKey fails \(line 97\): its error is checked at line 98, but this write is reached when it is not nil too, and domain.NewIdempotencyKey returns "" with its error \(domain.go:20\); passed to Store.Create`
}

// Handled hands the error to a helper of its own and branches on what it
// says: not known, not reported.
func Handled(w http.ResponseWriter, r *http.Request, s *Store) {
	k, err := domain.NewIdempotencyKey(r.Header.Get("Idempotency-Key"))
	if failed(w, err) {
		return
	}
	_ = s.Create(r.Context(), "t", k)
}

func failed(w http.ResponseWriter, err error) bool {
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return true
	}
	return false
}

// Fallback drops the error of a constructor that returns a key with it.
func Fallback(ctx context.Context, s *Store, tenant, raw string) error {
	k, _ := domain.KeyOrDefault(raw)
	return s.Create(ctx, tenant, k)
}

// CheckedKey drops the error but checks the key itself.
func CheckedKey(ctx context.Context, s *Store, tenant, raw string) error {
	k, _ := domain.NewIdempotencyKey(raw)
	if k == "" {
		return domain.ErrMissingKey
	}
	return s.Create(ctx, tenant, k)
}

// MetaDropped drops the ok of a helper that returns a map's entry with
// it: the key is "" where the metadata has none.
func MetaDropped(ctx context.Context, s *Store, tenant string, meta map[string]string) error {
	k, _ := domain.KeyFromMeta(meta)
	return s.Create(ctx, tenant, k) // want `IDEM202: idempotency key payouts.idempotency_key can be empty here: empty when KeyFromMeta finds none and its ok is dropped \(line 140\): domain.KeyFromMeta returns "" with a false ok, as a map lookup does for a missing entry \(domain.go:48\); passed to Store.Create`
}

// LookupDropped drops the ok of a helper that returns "" with a false ok.
func LookupDropped(ctx context.Context, s *Store, tenant string, meta map[string]string) error {
	k, _ := domain.LookupKey(meta)
	return s.Create(ctx, tenant, k) // want `IDEM202: idempotency key payouts.idempotency_key can be empty here: empty when LookupKey finds none and its ok is dropped \(line 146\): domain.LookupKey returns "" with a false ok \(domain.go:55\); passed to Store.Create`
}

// MetaTestedOnly tests the ok, logs and goes on: the "" reaches the insert.
func MetaTestedOnly(ctx context.Context, s *Store, tenant string, meta map[string]string) error {
	k, ok := domain.KeyFromMeta(meta)
	if !ok {
		log.Print("message without a key")
	}
	return s.Create(ctx, tenant, k) // want `IDEM202: idempotency key payouts.idempotency_key can be empty here: empty when KeyFromMeta finds none \(line 152\): its ok is tested, but this write is reached when it is false too, and domain.KeyFromMeta returns "" with a false ok`
}

// MetaRejected returns when the ok is false.
func MetaRejected(ctx context.Context, s *Store, tenant string, meta map[string]string) error {
	k, ok := domain.KeyFromMeta(meta)
	if !ok {
		return domain.ErrMissingKey
	}
	return s.Create(ctx, tenant, k)
}

// MetaWhenFound writes only when the key was found.
func MetaWhenFound(ctx context.Context, s *Store, tenant string, meta map[string]string) error {
	if k, ok := domain.LookupKey(meta); ok {
		return s.Create(ctx, tenant, k)
	}
	return nil
}

// HeaderDropped drops the ok of a helper whose value is empty whenever
// its ok is false: the header's "" reaches the insert.
func HeaderDropped(r *http.Request, s *Store) error {
	k, _ := domain.HeaderKey(r.Header)
	return s.Create(r.Context(), "t", k) // want `IDEM202: idempotency key payouts.idempotency_key can be empty here: empty when HeaderKey finds none and its ok is dropped \(line \d+\): domain.HeaderKey returns IdempotencyKey\(strings.TrimSpace\(h.Get\("Idempotency-Key"\)\)\), empty when the Idempotency-Key header is absent`
}

// HeaderRejected returns when the ok is false.
func HeaderRejected(r *http.Request, s *Store) error {
	k, ok := domain.HeaderKey(r.Header)
	if !ok {
		return domain.ErrMissingKey
	}
	return s.Create(r.Context(), "t", k)
}
