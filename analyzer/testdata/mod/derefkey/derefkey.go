// Package derefkey writes keys that a pointer-dereferencing helper makes
// from a *string: lo.FromPtr(nil), lo.FromPtrOr(nil, "") and a local
// deref(nil) are "", which a NOT NULL key, or a partial unique index
// WHERE key IS NOT NULL, takes as a real key: the first keyless request
// is stored under "", and every later one collides with it.
package derefkey

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/samber/lo"
	"gorm.io/gorm"

	"example.com/libs/derefkey/txdb"
	"example.com/libs/entapi/ent"
)

//go:embed schema.sql
var schema string

type Input struct {
	Account string
	Key     *string `json:"key"`
}

type Repo struct{ client *ent.Client }

// Create is flexprice's shape: the *string key dereferenced by lo.FromPtr
// into ent's string setter.
func (r *Repo) Create(ctx context.Context, in *Input) error { // want Create:`writes key param 1.Key → payments.idempotency_key`
	return r.client.Payment.Create().
		SetAccountID(in.Account).
		SetIdempotencyKey(lo.FromPtr(in.Key)). // want `IDEM202: idempotency key payments.idempotency_key can be empty here: Create's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; empty \(lo.FromPtr of nil\) when in.Key is nil`
		Exec(ctx)
}

// CreateChecked rejects a missing key first: no finding.
func (r *Repo) CreateChecked(ctx context.Context, in *Input) error {
	if in.Key == nil {
		return errors.New("idempotency key required")
	}
	return r.client.Payment.Create().
		SetAccountID(in.Account).
		SetIdempotencyKey(lo.FromPtr(in.Key)).
		Exec(ctx)
}

// CreateOrEmpty: lo.FromPtrOr with an empty fallback is lo.FromPtr.
func (r *Repo) CreateOrEmpty(ctx context.Context, in *Input) error { // want CreateOrEmpty:`writes key param 1.Key → payments.idempotency_key`
	return r.client.Payment.Create().
		SetAccountID(in.Account).
		SetIdempotencyKey(lo.FromPtrOr(in.Key, "")). // want `IDEM202: .*CreateOrEmpty's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; empty \(lo.FromPtrOr of nil, with an empty fallback\) when in.Key is nil`
		Exec(ctx)
}

// CreateOrMinted: a minted fallback is a key; a key sent empty is the
// callers' to avoid.
func (r *Repo) CreateOrMinted(ctx context.Context, in *Input) error {
	return r.client.Payment.Create().
		SetAccountID(in.Account).
		SetIdempotencyKey(lo.FromPtrOr(in.Key, uuid.NewString())).
		Exec(ctx)
}

// deref is the hand-written lo.FromPtr.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// CreateDeref: the same through deref.
func (r *Repo) CreateDeref(ctx context.Context, in *Input) error { // want CreateDeref:`writes key param 1.Key → payments.idempotency_key`
	return r.client.Payment.Create().
		SetAccountID(in.Account).
		SetIdempotencyKey(deref(in.Key)). // want `IDEM202: .*CreateDeref's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; nil when in.Key is nil; derefkey.deref can return empty when p is nil`
		Exec(ctx)
}

// Handle decodes the key from the JSON body, where it may be missing, and
// hands it to Create: reported at the call too.
func Handle(w http.ResponseWriter, req *http.Request, r *Repo) {
	var in Input
	if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := r.Create(req.Context(), &in); err != nil { // want `IDEM202: .*nil when the JSON body has no key, decoded at derefkey.go:\d+; in.Key is passed to Repo.Create, which writes it into payments.idempotency_key as the empty string when it is nil`
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// HandleMinted fills a missing key before the call: no finding.
func HandleMinted(w http.ResponseWriter, req *http.Request, r *Repo) {
	var in Input
	if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if in.Key == nil {
		k := uuid.NewString()
		in.Key = &k
	}
	if err := r.Create(req.Context(), &in); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// Job is a GORM row whose dedup key is a plain string: GORM writes "" as
// it is.
type Job struct {
	ID       int64
	Queue    string
	DedupKey string
}

type Queue struct{ db *gorm.DB }

// Enqueue puts lo.FromPtr's result into a row field.
func (q *Queue) Enqueue(ctx context.Context, in Input) error { // want Enqueue:`writes key param 1.Key → jobs.dedup_key`
	return q.db.WithContext(ctx).Create(&Job{Queue: in.Account, DedupKey: lo.FromPtr(in.Key)}).Error // want `IDEM202: idempotency key jobs.dedup_key can be empty here: Enqueue's parameter field in.Key is a \*string, .*empty \(lo.FromPtr of nil\) when in.Key is nil; unique index jobs_dedup`
}

// EnqueueVar: the same row kept in a variable first.
func (q *Queue) EnqueueVar(ctx context.Context, in Input) error { // want EnqueueVar:`writes key param 1.Key → jobs.dedup_key`
	job := Job{Queue: in.Account, DedupKey: lo.FromPtr(in.Key)} // want `IDEM202: .*EnqueueVar's parameter field in.Key is a \*string, .*empty \(lo.FromPtr of nil\) when in.Key is nil`
	return q.db.WithContext(ctx).Create(&job).Error
}

// EnqueueChecked rejects a missing key: no finding.
func (q *Queue) EnqueueChecked(ctx context.Context, in Input) error {
	if in.Key == nil || *in.Key == "" {
		return errors.New("dedup key required")
	}
	return q.db.WithContext(ctx).Create(&Job{Queue: in.Account, DedupKey: lo.FromPtr(in.Key)}).Error
}

// EnqueueHeader: lo.FromPtr of a header that may be absent.
func (q *Queue) EnqueueHeader(req *http.Request, queue string) error {
	var key *string
	if h := req.Header.Get("Idempotency-Key"); h != "" {
		key = &h
	}
	return q.db.WithContext(req.Context()).Create(&Job{Queue: queue, DedupKey: lo.FromPtr(key)}).Error // want `IDEM202: .*empty \(lo.FromPtr of nil\) when the Idempotency-Key header is absent`
}

// TxRepo is flexprice's CreateWithLineItems: the row is a captured
// pointer parameter, written inside the closure its client's WithTx
// runs (an interface of another package, whose implementation calls the
// closure before it returns, so its fact says so): as if Create wrote it.
type TxRepo struct{ client txdb.IClient }

func (r *TxRepo) CreateInTx(ctx context.Context, in *Input) error { // want CreateInTx:`writes key param 1.Key → payments.idempotency_key`
	return r.client.WithTx(ctx, func(ctx context.Context) error {
		return r.client.Writer(ctx).Payment.Create().
			SetAccountID(in.Account).
			SetIdempotencyKey(lo.FromPtr(in.Key)). // want `IDEM202: .*CreateInTx's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; empty \(lo.FromPtr of nil\) when in.Key is nil`
			Exec(ctx)
	})
}

// CreateInTxChecked rejects a missing key first: no finding, no fact.
func (r *TxRepo) CreateInTxChecked(ctx context.Context, in *Input) error {
	if in.Key == nil {
		return errors.New("idempotency key required")
	}
	return r.client.WithTx(ctx, func(ctx context.Context) error {
		return r.client.Writer(ctx).Payment.Create().
			SetAccountID(in.Account).
			SetIdempotencyKey(lo.FromPtr(in.Key)).
			Exec(ctx)
	})
}

// HandleTx hands the decoded body to CreateInTx: reported at the call.
func HandleTx(w http.ResponseWriter, req *http.Request, r *TxRepo) {
	var in Input
	if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := r.CreateInTx(req.Context(), &in); err != nil { // want `IDEM202: .*nil when the JSON body has no key, decoded at derefkey.go:\d+; in.Key is passed to TxRepo.CreateInTx, which writes it into payments.idempotency_key as the empty string when it is nil`
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// EnqueueInTx writes the row inside GORM's Transaction, which runs the
// closure before it returns: as if EnqueueInTx wrote it.
func (q *Queue) EnqueueInTx(ctx context.Context, in Input) error { // want EnqueueInTx:`writes key param 1.Key → jobs.dedup_key`
	return q.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return tx.Create(&Job{Queue: in.Account, DedupKey: lo.FromPtr(in.Key)}).Error // want `IDEM202: .*EnqueueInTx's parameter field in.Key is a \*string, so every caller may pass nil, and nothing here checks it; empty \(lo.FromPtr of nil\) when in.Key is nil`
	})
}

// EnqueueInTxChecked rejects a missing key before the transaction: no
// finding, no fact.
func (q *Queue) EnqueueInTxChecked(ctx context.Context, in Input) error {
	if in.Key == nil || *in.Key == "" {
		return errors.New("dedup key required")
	}
	return q.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return tx.Create(&Job{Queue: in.Account, DedupKey: lo.FromPtr(in.Key)}).Error
	})
}
