package sqlcptr

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/google/uuid"
)

// A handler that decodes the JSON body into the store's input and takes
// the key from a header: the key field is tagged json:"-", so the
// decoder never writes it, and it keeps its zero (nil) unless the header
// is sent. The decode is no unknown write of the key.
type jobBody struct {
	Queue string  `json:"queue"`
	Key   *string `json:"-"`
}

func enqueueBodyHeaderKey(s *Store, w http.ResponseWriter, r *http.Request) error {
	var b jobBody
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		return err
	}
	if keys := r.Header.Values("Idempotency-Key"); len(keys) > 0 {
		b.Key = &keys[0]
	}
	return s.Enqueue(r.Context(), JobIn{Queue: b.Queue, Key: b.Key}) // want `IDEM201: .*b.Key may be left unset when r.Header.Values\("Idempotency-Key"\) is empty .*passed to Store.Enqueue`
}

// The header is required: fine.
func enqueueBodyHeaderKeyRequired(s *Store, w http.ResponseWriter, r *http.Request) error {
	var b jobBody
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		return err
	}
	if keys := r.Header.Values("Idempotency-Key"); len(keys) > 0 {
		b.Key = &keys[0]
	}
	if b.Key == nil {
		return errors.New("Idempotency-Key header required")
	}
	return s.Enqueue(r.Context(), JobIn{Queue: b.Queue, Key: b.Key})
}

// A key minted on every path: fine.
func enqueueBodyMintedKey(s *Store, w http.ResponseWriter, r *http.Request) error {
	var b jobBody
	if err := json.Unmarshal([]byte(r.FormValue("job")), &b); err != nil {
		return err
	}
	k := uuid.NewString()
	b.Key = &k
	return s.Enqueue(r.Context(), JobIn{Queue: b.Queue, Key: b.Key})
}

// Decoded from the body (json:"key"): nil when the body has none, as
// before; the json:"-" rule is only about fields the decoder skips.
type jobBodyKeyed struct {
	Queue string  `json:"queue"`
	Key   *string `json:"key"`
}

func enqueueBodyKey(s *Store, w http.ResponseWriter, r *http.Request) error {
	var b jobBodyKeyed
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		return err
	}
	return s.Enqueue(r.Context(), JobIn{Queue: b.Queue, Key: b.Key}) // want `IDEM201: .*nil when the JSON body has no key, decoded at decodeheader.go:\d+.*passed to Store.Enqueue`
}

// A field named "-" in the JSON (json:"-,") is decoded: nil when the
// body has no "-".
type jobBodyDash struct {
	Queue string  `json:"queue"`
	Key   *string `json:"-,"`
}

func enqueueBodyDash(s *Store, w http.ResponseWriter, r *http.Request) error {
	var b jobBodyDash
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		return err
	}
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		b.Key = &h
	}
	return s.Enqueue(r.Context(), JobIn{Queue: b.Queue, Key: b.Key}) // want `IDEM201: .*passed to Store.Enqueue`
}
