package pgxapi

import (
	"context"
	"errors"
	"log"
	"net/http"

	gofrs "github.com/gofrs/uuid/v5"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// A UUID key parsed from a header into a NULL wrapper whose Valid is the
// parse's success (Valid: err == nil): NULL when the header is absent,
// since the parser fails on an empty string.
func eventParsedKey(ctx context.Context, conn *pgx.Conn, r *http.Request, src string) error {
	id, err := uuid.Parse(r.Header.Get("Idempotency-Key"))
	key := uuid.NullUUID{UUID: id, Valid: err == nil}
	_, err = conn.Exec(ctx, `INSERT INTO events (source, idempotency_key) VALUES ($1, $2)`, src, key) // want `IDEM201: .*Valid is false when uuid.Parse fails, as it does when the Idempotency-Key header is absent`
	return err
}

// The same into pgx's pgtype.UUID.
func eventParsedPgtype(ctx context.Context, conn *pgx.Conn, r *http.Request, src string) error {
	id, err := uuid.Parse(r.Header.Get("Idempotency-Key"))
	_, err = conn.Exec(ctx, `INSERT INTO events (source, idempotency_key) VALUES ($1, $2)`, src, pgtype.UUID{Bytes: id, Valid: err == nil}) // want `IDEM201: .*Valid is false when uuid.Parse fails`
	return err
}

// The parse error rejected first: Valid is true on every path to the
// write.
func eventParsedChecked(ctx context.Context, conn *pgx.Conn, r *http.Request, src string) error {
	id, err := uuid.Parse(r.Header.Get("Idempotency-Key"))
	if err != nil {
		return errors.New("Idempotency-Key must be a UUID")
	}
	key := uuid.NullUUID{UUID: id, Valid: err == nil}
	_, err = conn.Exec(ctx, `INSERT INTO events (source, idempotency_key) VALUES ($1, $2)`, src, key)
	return err
}

// An empty header rejected first: the parse may still fail on a
// malformed key, which the code does not show to happen; not reported.
func eventParsedPresent(ctx context.Context, conn *pgx.Conn, r *http.Request, src string) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("Idempotency-Key required")
	}
	id, err := uuid.Parse(h)
	key := uuid.NullUUID{UUID: id, Valid: err == nil}
	_, err = conn.Exec(ctx, `INSERT INTO events (source, idempotency_key) VALUES ($1, $2)`, src, key)
	return err
}

// The parse error only logged: the write is still reached when the parse
// fails, so Valid is false there as when nothing looks at the error.
func eventParsedLogged(ctx context.Context, conn *pgx.Conn, r *http.Request, src string) error {
	id, err := uuid.Parse(r.Header.Get("Idempotency-Key"))
	if err != nil {
		log.Printf("bad Idempotency-Key: %v", err)
	}
	_, err = conn.Exec(ctx, `INSERT INTO events (source, idempotency_key) VALUES ($1, $2)`, src, uuid.NullUUID{UUID: id, Valid: err == nil}) // want `IDEM201: .*Valid is false when uuid.Parse fails, as it does when the Idempotency-Key header is absent`
	return err
}

// The parse error logged, then the write skipped: Valid is true wherever
// the write runs.
func eventParsedLoggedReturn(ctx context.Context, conn *pgx.Conn, r *http.Request, src string) error {
	id, err := uuid.Parse(r.Header.Get("Idempotency-Key"))
	if err != nil {
		log.Printf("bad Idempotency-Key: %v", err)
		return err
	}
	_, err = conn.Exec(ctx, `INSERT INTO events (source, idempotency_key) VALUES ($1, $2)`, src, uuid.NullUUID{UUID: id, Valid: err == nil})
	return err
}

// The parse error handed to a helper of the package, whose answer is
// branched on: what it does is not known, so nothing is said.
func eventParsedHandled(ctx context.Context, conn *pgx.Conn, r *http.Request, src string) error {
	id, err := uuid.Parse(r.Header.Get("Idempotency-Key"))
	if badKey(err) {
		return err
	}
	_, err = conn.Exec(ctx, `INSERT INTO events (source, idempotency_key) VALUES ($1, $2)`, src, uuid.NullUUID{UUID: id, Valid: err == nil})
	return err
}

func badKey(err error) bool { return err != nil }

// gofrs/uuid's NullUUID is a NULL wrapper as google/uuid's is: invalid
// when FromString fails on an absent header, and when left zero.
func eventGofrsParsed(ctx context.Context, conn *pgx.Conn, r *http.Request, src string) error {
	id, err := gofrs.FromString(r.Header.Get("Idempotency-Key"))
	_, err = conn.Exec(ctx, `INSERT INTO events (source, idempotency_key) VALUES ($1, $2)`, src, gofrs.NullUUID{UUID: id, Valid: err == nil}) // want `IDEM201: .*Valid is false when uuid.FromString fails, as it does when the Idempotency-Key header is absent`
	return err
}

func eventGofrsZero(ctx context.Context, conn *pgx.Conn, src string) error {
	_, err := conn.Exec(ctx, `INSERT INTO events (source, idempotency_key) VALUES ($1, $2)`, src, gofrs.NullUUID{}) // want `IDEM201: .*the zero uuid.NullUUID`
	return err
}
