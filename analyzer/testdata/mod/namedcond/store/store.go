// Package store binds a key through pgx.NamedArgs, setting its name only
// when the caller's pointer is not nil: pgx sends NULL for a name the map
// lacks, so the key is NULL exactly where the pointer is nil.
package store

import (
	"context"
	_ "embed"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed schema.sql
var schema string

type Store struct{ pool *pgxpool.Pool }

type HoldInput struct {
	ReservationID string
	Key           *string
}

const insertHold = `INSERT INTO holds (reservation_id, idempotency_key) VALUES (@reservation_id, @idempotency_key)`

// RecordHold converts a nil key into a left-out name rather than reject
// it: reported here, and its callers are judged on what they pass.
func (s *Store) RecordHold(ctx context.Context, in HoldInput) error { // want RecordHold:"writes key param 1.Key → holds.idempotency_key"
	args := pgx.NamedArgs{"reservation_id": in.ReservationID}
	if in.Key != nil {
		args["idempotency_key"] = *in.Key
	}
	_, err := s.pool.Exec(ctx, insertHold, args) // want `IDEM201: idempotency key holds.idempotency_key can be NULL here: the "idempotency_key" key is left out of the NamedArgs literal of args and set only when in.Key is not nil, so pgx writes NULL`
	return err
}

// RecordHoldChecked rejects a nil key first: no finding, no fact.
func (s *Store) RecordHoldChecked(ctx context.Context, in HoldInput) error {
	if in.Key == nil {
		return errors.New("idempotency key required")
	}
	args := pgx.NamedArgs{"reservation_id": in.ReservationID}
	if in.Key != nil {
		args["idempotency_key"] = *in.Key
	}
	_, err := s.pool.Exec(ctx, insertHold, args)
	return err
}
