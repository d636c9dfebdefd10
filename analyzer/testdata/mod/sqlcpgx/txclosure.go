package sqlcpgx

import (
	"context"
	"crypto/rand"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"example.com/libs/sqlcpgx/db"
)

// A store whose writes run in transaction closures: pgx.BeginFunc and
// pgx.BeginTxFunc call the closure before they return, as does the
// store's own inTx, so a parameter the closure captures is written by
// the store's method itself: the contract and the fact are the
// method's, as for Charge above. A closure kept for later (Later) is
// not its caller's write.
type TxStore struct {
	pool  *pgxpool.Pool
	q     *db.Queries
	later []func(context.Context) error
}

// ChargeInTx converts a *string key inside pgx.BeginFunc's closure.
func (s *TxStore) ChargeInTx(ctx context.Context, in ChargeIn) error { // want ChargeInTx:`writes key param 1.Key → messages.idempotency_key`
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return s.q.WithTx(tx).CreateMessage(ctx, db.CreateMessageParams{SessionID: in.Session, Body: in.Body, IdempotencyKey: toText(in.Key)}) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: ChargeInTx's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; nil when in.Key is nil; sqlcpgx.toText .*; passed to Queries.CreateMessage`
	})
}

// ChargeInTxChecked rejects a missing key before the transaction: no
// finding, no fact.
func (s *TxStore) ChargeInTxChecked(ctx context.Context, in ChargeIn) error {
	if in.Key == nil {
		return errors.New("key required")
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return s.q.WithTx(tx).CreateMessage(ctx, db.CreateMessageParams{SessionID: in.Session, Body: in.Body, IdempotencyKey: toText(in.Key)})
	})
}

// ReplyInTx writes NULL when key is empty (Valid: key != ""), inside
// pgx.BeginTxFunc's closure: its callers decide.
func (s *TxStore) ReplyInTx(ctx context.Context, sess pgtype.UUID, key string) error { // want ReplyInTx:`writes key param 2 → messages.idempotency_key`
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		return s.q.WithTx(tx).CreateMessage(ctx, db.CreateMessageParams{SessionID: sess, Body: "reply", IdempotencyKey: pgtype.Text{String: key, Valid: key != ""}})
	})
}

func replyFromHeader(ctx context.Context, s *TxStore, r *http.Request, sess pgtype.UUID) error {
	return s.ReplyInTx(ctx, sess, r.Header.Get("Idempotency-Key")) // want `IDEM201: .*empty when the Idempotency-Key header is absent .*passed to TxStore.ReplyInTx, which writes it into messages.idempotency_key as NULL when it is empty`
}

func replyChecked(ctx context.Context, s *TxStore, r *http.Request, sess pgtype.UUID) error {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return errors.New("Idempotency-Key header required")
	}
	return s.ReplyInTx(ctx, sess, k)
}

// inTx is the store's own transaction helper: it calls fn before it
// returns.
func (s *TxStore) inTx(ctx context.Context, fn func(q *db.Queries) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := fn(s.q.WithTx(tx)); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// NoteInTx is flexprice's shape: the row is a captured pointer
// parameter, written in the closure the store's helper runs.
func (s *TxStore) NoteInTx(ctx context.Context, in *ChargeIn) error { // want NoteInTx:`writes key param 1.Key → messages.idempotency_key`
	return s.inTx(ctx, func(q *db.Queries) error {
		return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: in.Session, Body: in.Body, IdempotencyKey: toText(in.Key)}) // want `IDEM201: .*NoteInTx's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; nil when in.Key is nil`
	})
}

func noteKeyless(ctx context.Context, s *TxStore, sess pgtype.UUID) error {
	return s.NoteInTx(ctx, &ChargeIn{Session: sess, Body: "closed"}) // want `IDEM201: .*the Key field is left out, so it is nil; passed to TxStore.NoteInTx`
}

func noteKeyed(ctx context.Context, s *TxStore, sess pgtype.UUID, day string) error {
	key := "closed:" + day
	return s.NoteInTx(ctx, &ChargeIn{Session: sess, Body: "closed", Key: &key})
}

// Later keeps the closure for a later flush: whether it runs, and when,
// is out of view here, so Later is not taken as writing its parameter
// (no fact, and its callers are not judged).
func (s *TxStore) Later(in ChargeIn) {
	s.later = append(s.later, func(ctx context.Context) error {
		return s.q.CreateMessage(ctx, db.CreateMessageParams{SessionID: in.Session, Body: in.Body, IdempotencyKey: toText(in.Key)})
	})
}

func laterKeyless(s *TxStore, sess pgtype.UUID) {
	s.Later(ChargeIn{Session: sess, Body: "later"})
}

// The key a handler assigns on some paths only, before a transaction
// closure captures it (a unit of work's closure, pgx.BeginFunc's): the
// closure reads the variable as it is where the closure is made, which
// every assignment comes before. The calls made before that (reading the
// header) cannot write the variable: its address is not captured yet.
func replyInTxFromHeaderValues(ctx context.Context, s *TxStore, r *http.Request, sess pgtype.UUID) error {
	var key *string
	if vals := r.Header.Values("Idempotency-Key"); len(vals) > 0 {
		key = &vals[0]
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return s.q.WithTx(tx).CreateMessage(ctx, db.CreateMessageParams{SessionID: sess, Body: "reply", IdempotencyKey: toText(key)}) // want `IDEM201: .*nil when r.Header.Values\("Idempotency-Key"\) is empty .*passed to Queries.CreateMessage`
	})
}

// The same with two assignments (an empty start, then the header when
// it is sent): the empty one reaches the closure.
func replyInTxDefaultEmpty(ctx context.Context, s *TxStore, r *http.Request, sess pgtype.UUID) error {
	key := ""
	if vals := r.Header.Values("Idempotency-Key"); len(vals) > 0 {
		key = vals[0]
	}
	return s.inTx(ctx, func(q *db.Queries) error {
		return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: sess, Body: "reply", IdempotencyKey: pgtype.Text{String: key, Valid: true}}) // want `IDEM202: .*empty when r.Header.Values\("Idempotency-Key"\) is empty .*passed to Queries.CreateMessage`
	})
}

// Rejected before the closure is made: fine.
func replyInTxRejected(ctx context.Context, s *TxStore, r *http.Request, sess pgtype.UUID) error {
	key := ""
	if vals := r.Header.Values("Idempotency-Key"); len(vals) > 0 {
		key = vals[0]
	}
	if key == "" {
		return errors.New("Idempotency-Key header required")
	}
	return s.inTx(ctx, func(q *db.Queries) error {
		return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: sess, Body: "reply", IdempotencyKey: pgtype.Text{String: key, Valid: true}})
	})
}

// Filled before the closure is made: fine.
func replyInTxFilled(ctx context.Context, s *TxStore, r *http.Request, sess pgtype.UUID) error {
	var key string
	if vals := r.Header.Values("Idempotency-Key"); len(vals) > 0 {
		key = vals[0]
	}
	if key == "" {
		key = rand.Text()
	}
	return s.inTx(ctx, func(q *db.Queries) error {
		return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: sess, Body: "reply", IdempotencyKey: pgtype.Text{String: key, Valid: true}})
	})
}

// Assigned again after the closure is made, before it runs: what the
// closure reads is not followed (no finding, and no guess).
func replyInTxReassigned(ctx context.Context, s *TxStore, r *http.Request, sess pgtype.UUID) error {
	key := ""
	fn := func(q *db.Queries) error {
		return q.CreateMessage(ctx, db.CreateMessageParams{SessionID: sess, Body: "reply", IdempotencyKey: pgtype.Text{String: key, Valid: true}})
	}
	key = r.Header.Values("Idempotency-Key")[0]
	return s.inTx(ctx, fn)
}
