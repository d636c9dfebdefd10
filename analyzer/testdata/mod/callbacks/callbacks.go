// Package callbacks hands a method that inserts its parameter's key to
// another function as a value: the function calls it with its own
// parameters (each element's field, or a parameter as it is), so its
// callers' values are judged as if they called the method themselves.
package callbacks

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"net/http"
)

//go:embed schema.sql
var schema string

type Store struct{ DB *sql.DB }

func (s *Store) InsertOutbox(ctx context.Context, topic, dedupID string) error { // want InsertOutbox:`writes key param 2 → outbox.dedup_id`
	_, err := s.DB.ExecContext(ctx, `INSERT INTO outbox (topic, dedup_id) VALUES ($1, $2)`, topic, dedupID)
	return err
}

type item struct {
	Topic   string `json:"topic"`
	DedupID string `json:"dedup_id"`
}

type insertFunc func(ctx context.Context, topic, dedupID string) error

// forEach calls insert with each element's fields.
func forEach(ctx context.Context, items []item, insert insertFunc) error {
	for _, it := range items {
		if err := insert(ctx, it.Topic, it.DedupID); err != nil {
			return err
		}
	}
	return nil
}

// forEachChecked rejects an element without a key before the callback.
func forEachChecked(ctx context.Context, items []item, insert insertFunc) error {
	for _, it := range items {
		if it.DedupID == "" {
			return errors.New("dedup_id is required")
		}
		if err := insert(ctx, it.Topic, it.DedupID); err != nil {
			return err
		}
	}
	return nil
}

// withRetry calls fn with its own arguments, once more on failure.
func withRetry(ctx context.Context, topic, key string, fn func(context.Context, string, string) error) error {
	if err := fn(ctx, topic, key); err != nil {
		return fn(ctx, topic, key)
	}
	return nil
}

type H struct{ S *Store }

// ViaMethodValue decodes items whose dedup_id may be absent.
func (h *H) ViaMethodValue(w http.ResponseWriter, r *http.Request) {
	var items []item
	if err := json.NewDecoder(r.Body).Decode(&items); err != nil {
		return
	}
	_ = forEach(r.Context(), items, h.S.InsertOutbox) // want `IDEM202: idempotency key outbox.dedup_id can be empty here: empty when an element of the JSON body has no dedup_id, decoded at callbacks.go:69; each element's DedupID is passed to callbacks.forEach with Store.InsertOutbox as its callback, which writes it into outbox.dedup_id`
}

// ViaChecked hands the same decoded items to a function that rejects an
// element without a key.
func (h *H) ViaChecked(w http.ResponseWriter, r *http.Request) {
	var items []item
	if err := json.NewDecoder(r.Body).Decode(&items); err != nil {
		return
	}
	_ = forEachChecked(r.Context(), items, h.S.InsertOutbox)
}

// Retried passes the header, empty when absent, through the retry helper.
func (h *H) Retried(w http.ResponseWriter, r *http.Request) {
	_ = withRetry(r.Context(), "orders", r.Header.Get("Idempotency-Key"), h.S.InsertOutbox) // want `IDEM202: idempotency key outbox.dedup_id can be empty here: empty when the Idempotency-Key header is absent`
}

// RetriedKeyed rejects a request without the header first.
func (h *H) RetriedKeyed(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		http.Error(w, "Idempotency-Key required", http.StatusBadRequest)
		return
	}
	_ = withRetry(r.Context(), "orders", key, h.S.InsertOutbox)
}

// Publish takes items from its own callers: they decide, through forEach.
func (h *H) Publish(ctx context.Context, items []item) error { // want Publish:`writes key param 1.\[\].DedupID → outbox.dedup_id`
	return forEach(ctx, items, h.S.InsertOutbox)
}

func (h *H) publishOne(ctx context.Context, topic string) error {
	return h.Publish(ctx, []item{{Topic: topic}}) // want `IDEM202: idempotency key outbox.dedup_id can be empty here: the DedupID field is left out, so it is empty`
}

func main() { _ = schema }
