// Package convlit converts a task to its row with a converter called on a
// composite literal that wraps the caller's parameter (yandex perforator's
// TaskToRow(&Task{Meta: meta})), then inserts the row with sqlx: the key
// is nil exactly when meta.Key is empty, so the callers of AddTask decide.
package convlit

import (
	"context"
	_ "embed"
	"errors"
	"net/http"

	"github.com/jmoiron/sqlx"
)

//go:embed schema.sql
var schema string

type Meta struct {
	ID  string
	Key string
}

type Task struct {
	ID   string
	Meta *Meta
	Spec string
}

type TaskRow struct {
	ID             string  `db:"id"`
	IdempotencyKey *string `db:"idempotency_key"`
	Spec           string  `db:"spec"`
}

// TaskToRow sets the key only when the task's meta has one.
func TaskToRow(t *Task) (*TaskRow, error) { // want TaskToRow:`result 0.ID empty when argument 0.ID is empty, result 0.IdempotencyKey nil when argument 0.Meta\*.Key is empty, result 0.IdempotencyKey never empty, result 0.Spec empty when argument 0.Spec is empty`
	if t.Meta == nil {
		return nil, errors.New("no meta")
	}
	var row TaskRow
	row.ID = t.ID
	if t.Meta.Key != "" {
		row.IdempotencyKey = &t.Meta.Key
	}
	row.Spec = t.Spec
	return &row, nil
}

type Service struct{ db *sqlx.DB }

// AddTask wraps its parameter in a literal for the converter.
func (s *Service) AddTask(ctx context.Context, meta *Meta, spec string) (string, error) { // want AddTask:"writes key param 1.Key → tasks.idempotency_key" AddTask:"result 0 empty with its error"
	row, err := TaskToRow(&Task{ID: meta.ID, Meta: meta, Spec: spec})
	if err != nil {
		return "", err
	}
	var id string
	err = s.db.GetContext(ctx, &id,
		`INSERT INTO tasks (id, idempotency_key, spec) VALUES ($1, $2, $3)
		 ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key RETURNING id`,
		row.ID, row.IdempotencyKey, row.Spec)
	return id, err
}

// AddTaskMinted wraps a literal whose key it mints itself: nothing for
// its callers.
func (s *Service) AddTaskMinted(ctx context.Context, id, spec string) error {
	row, err := TaskToRow(&Task{ID: id, Meta: &Meta{ID: id, Key: "task-" + id}, Spec: spec})
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO tasks (id, idempotency_key, spec) VALUES ($1, $2, $3)`, row.ID, row.IdempotencyKey, row.Spec)
	return err
}

// Handle passes the header as the key: empty when absent, so NULL.
func Handle(s *Service, r *http.Request) error {
	_, err := s.AddTask(r.Context(), &Meta{ID: r.PathValue("id"), Key: r.Header.Get("Idempotency-Key")}, "spec") // want `IDEM201: idempotency key tasks.idempotency_key can be NULL here`
	return err
}

// HandleChecked rejects a request without a key: fine.
func HandleChecked(s *Service, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return errors.New("missing Idempotency-Key")
	}
	_, err := s.AddTask(r.Context(), &Meta{ID: r.PathValue("id"), Key: key}, "spec")
	return err
}
