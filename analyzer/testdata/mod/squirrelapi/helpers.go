package squirrelapi

import (
	"context"
	"database/sql"
	"net/http"

	sq "github.com/Masterminds/squirrel"
	"github.com/google/uuid"
)

// Builder helpers: a function of the package whose body returns one chain
// built from constants is read at each call that runs its builder, as if
// the chain were written there.

func eventInsert() sq.InsertBuilder {
	return psql.Insert("events").Columns("source", "idempotency_key")
}

// The helper names the columns, the caller adds a row from a header.
func HelperEmpty(ctx context.Context, db *sql.DB, r *http.Request, source string) error {
	_, err := eventInsert().Values(source, r.Header.Get("Idempotency-Key")).RunWith(db).ExecContext(ctx) // want `IDEM202: idempotency key events.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	return err
}

// Through a builder variable, rows added in a loop with minted keys: fine.
func HelperBatch(ctx context.Context, db *sql.DB, sources []string) error {
	q := eventInsert()
	for _, s := range sources {
		q = q.Values(s, uuid.NewString())
	}
	_, err := q.RunWith(db).ExecContext(ctx)
	return err
}

// Store's helper is a method that leaves the key column out: reported
// where the columns are named.
type Store struct {
	db *sql.DB
	sb sq.StatementBuilderType
}

func (s *Store) messageInsert() sq.InsertBuilder {
	return s.sb.Insert("messages").Columns("session_id", "body") // want `IDEM201: idempotency key messages.idempotency_key can be NULL here: squirrel's Insert\("messages"\) leaves out idempotency_key`
}

func (s *Store) Post(ctx context.Context, session, body string) error {
	_, err := s.messageInsert().Values(session, body).RunWith(s.db).ExecContext(ctx)
	return err
}

// A helper whose chain uses its own parameter means something else at
// each call: not read, nothing reported.
func insertInto(table string) sq.InsertBuilder {
	return psql.Insert(table).Columns("source", "idempotency_key")
}

func HelperParam(ctx context.Context, db *sql.DB, r *http.Request, source string) error {
	_, err := insertInto("events").Values(source, r.Header.Get("Idempotency-Key")).RunWith(db).ExecContext(ctx)
	return err
}
