// Package inview checks the contract rule against functions whose callers
// are all in view: an unexported helper that inserts an unchecked *string
// is not reported when every call of it is seen, since its callers are
// judged instead; the rule moves up to the first function whose callers
// are not all seen (an exported one), or stays at the helper when it is
// used as a value, named by an interface, or not called at all.
package inview

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"net/http"
)

//go:embed schema.sql
var Schema string

type Repo struct{ DB *sql.DB }

var ErrNoKey = errors.New("no idempotency key")

// insert's callers are all below, and each checks the key: nothing to report.
func (r *Repo) insert(ctx context.Context, session string, key *string) error { // want insert:`writes key param 2 → messages.idempotency_key`
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, session, key)
	return err
}

type Input struct {
	SessionID string
	Key       *string
}

func (r *Repo) Create(ctx context.Context, in Input) error {
	if in.Key == nil {
		return ErrNoKey
	}
	return r.insert(ctx, in.SessionID, in.Key)
}

func (r *Repo) CreateWithKey(ctx context.Context, session, key string) error { // want CreateWithKey:`writes key param 2 → messages.idempotency_key`
	return r.insert(ctx, session, &key)
}

// write's only caller forwards its own unchecked parameter: the contract
// is Forward's.
func (r *Repo) write(ctx context.Context, session string, key *string) error { // want write:`writes key param 2 → messages.idempotency_key`
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, session, key)
	return err
}

func (r *Repo) Forward(ctx context.Context, session string, key *string) error { // want Forward:`writes key param 2 → messages.idempotency_key`
	return r.write(ctx, session, key) // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: Forward's parameter key is a \*string, so every caller may pass nil, and nothing here checks it; passed to Repo.write`
}

// Two unexported layers: the contract is the exported one's.
func (r *Repo) store(ctx context.Context, session string, key *string) error { // want store:`writes key param 2 → messages.idempotency_key`
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ($1, $2)`, session, key)
	return err
}

func (r *Repo) middle(ctx context.Context, in Input) error { // want middle:`writes key param 1.Key → messages.idempotency_key`
	return r.store(ctx, in.SessionID, in.Key)
}

func (r *Repo) Layered(ctx context.Context, in Input) error { // want Layered:`writes key param 1.Key → messages.idempotency_key`
	return r.middle(ctx, in) // want `IDEM201: .*Layered's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; passed to Repo.middle`
}

// A caller that may pass nil is reported at its call, with its own path.
func (r *Repo) Post(w http.ResponseWriter, req *http.Request) {
	var key *string
	if k := req.Header.Get("Idempotency-Key"); k != "" {
		key = &k
	}
	_ = r.insert(req.Context(), "s", key) // want `IDEM201: .*can be NULL here: .*nil.*passed to Repo.insert`
}

// valued is used as a function value: its callers are not all seen.
func valued(ctx context.Context, db *sql.DB, key *string) error { // want valued:`writes key param 2 → messages.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ('s', $1)`, key) // want `IDEM201: .*valued's parameter key is a \*string, so every caller may pass nil`
	return err
}

var Hook = valued

// uncalled has no callers yet: its type is the contract for those to come.
func uncalled(ctx context.Context, db *sql.DB, key *string) error { // want uncalled:`writes key param 2 → messages.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ('s', $1)`, key) // want `IDEM201: .*uncalled's parameter key is a \*string, so every caller may pass nil`
	return err
}

// saver names save: a call through it is not seen, so save is reported.
type saver interface {
	save(ctx context.Context, key *string) error
}

func (r *Repo) save(ctx context.Context, key *string) error { // want save:`writes key param 1 → messages.idempotency_key`
	_, err := r.DB.ExecContext(ctx, `INSERT INTO messages (session_id, idempotency_key) VALUES ('s', $1)`, key) // want `IDEM201: .*save's parameter key is a \*string, so every caller may pass nil`
	return err
}

func SaveChecked(ctx context.Context, s saver, key string) error { // want SaveChecked:`writes key param 2 → messages.idempotency_key`
	return s.save(ctx, &key)
}
