// Package api calls elemrows' writers from handlers: each element it
// builds is judged as a single row's argument.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"example.com/libs/elemrows"
	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

func headerKey(r *http.Request) *string {
	if h := r.Header.Get("Idempotency-Key"); h != "" {
		return &h
	}
	return nil
}

func Import(ctx context.Context, db *gorm.DB, bdb *bun.DB, sdb *sqlx.DB, r *http.Request) error {
	key := headerKey(r)
	elemrows.CreateAll(db, []elemrows.In{{Session: "s", Body: "b", Key: key}})                     // want `IDEM201: .*headerKey can return a nil literal .*passed to elemrows.CreateAll`
	elemrows.Batch(ctx, sdb, []elemrows.In{{Session: "s", Body: "b", Key: key}})                   // want `IDEM201: .*passed to elemrows.Batch`
	elemrows.Pay(ctx, bdb, []elemrows.In{{Account: "a", PayKey: r.Header.Get("Idempotency-Key")}}) // want `IDEM202: .*Header.Get.*passed to elemrows.Pay`
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	elemrows.CreateAll(db, []elemrows.In{{Session: "s", Body: "b", Key: key}})
	return elemrows.Pay(ctx, bdb, []elemrows.In{{Account: "a", PayKey: *key}})
}

// A slice built here by append: each element appended is judged, and
// the header may be absent.
func Local(db *gorm.DB, r *http.Request) error {
	var in []elemrows.In
	in = append(in, elemrows.In{Session: "s", Body: "b", Key: headerKey(r)})
	return elemrows.CreateAll(db, in) // want `IDEM201: .*headerKey can return a nil literal .*each element's Key is passed to elemrows.CreateAll`
}

// The same, the header checked first: fine.
func LocalChecked(db *gorm.DB, r *http.Request) error {
	key := headerKey(r)
	if key == nil {
		return errors.New("Idempotency-Key header required")
	}
	var in []elemrows.In
	in = append(in, elemrows.In{Session: "s", Body: "b", Key: key})
	return elemrows.CreateAll(db, in)
}

// A decoded request passed on whole: any element may leave its key out,
// which CreateValid writes as NULL.
func Decoded(db *gorm.DB, r *http.Request) error {
	var in []elemrows.Ref
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	return elemrows.CreateValid(db, in) // want `IDEM201: .*empty when an element of the JSON body has no key, decoded at api.go:.*each element's Key is passed to elemrows.CreateValid, which writes it into messages.idempotency_key as NULL when it is empty`
}

// The elements of a decoded body's field, through bun, sqlx and pgx.
func DecodedField(ctx context.Context, bdb *bun.DB, sdb *sqlx.DB, conn *pgx.Conn, r *http.Request) error {
	var body struct {
		Items []elemrows.Ref `json:"items"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return err
	}
	elemrows.BunValid(ctx, bdb, body.Items)         // want `IDEM201: .*an element of the JSON body has no key.*passed to elemrows.BunValid`
	elemrows.SqlxValid(ctx, sdb, body.Items)        // want `IDEM201: .*an element of the JSON body has no key.*passed to elemrows.SqlxValid`
	return elemrows.PgxValid(ctx, conn, body.Items) // want `IDEM201: .*an element of the JSON body has no key.*passed to elemrows.PgxValid`
}

// Each decoded element checked before the call: fine (not followed, -v
// notes it).
func DecodedChecked(db *gorm.DB, r *http.Request) error {
	var in []elemrows.Ref
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	for _, x := range in {
		if x.Key == "" {
			return errors.New("every element needs a key")
		}
	}
	return elemrows.CreateValid(db, in)
}

// Elements the handler builds with keys it made: fine.
func Built(db *gorm.DB, bodies []string, mint func() string) error { // want Built:`runs its function parameters \[2\]`
	var in []elemrows.Ref
	for _, b := range bodies {
		in = append(in, elemrows.Ref{Session: "s", Body: b, Key: "k-" + mint()})
	}
	return elemrows.CreateValid(db, in)
}

// A caller's slice literal: each element judged as a single row's.
func Literal(db *gorm.DB, r *http.Request) error {
	return elemrows.CreateValid(db, []elemrows.Ref{{Session: "s", Body: "b", Key: r.Header.Get("Idempotency-Key")}}) // want `IDEM201: .*Header.Get.*passed to elemrows.CreateValid`
}

var validate = validator.New()

// A decoded body validated by go-playground: the items field dives into
// each element, whose Key is required. Fine.
func DecodedDived(db *gorm.DB, r *http.Request) error {
	var body struct {
		Items []elemrows.Tagged `json:"items" validate:"required,dive"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return err
	}
	if err := validate.Struct(&body); err != nil {
		return err
	}
	return elemrows.CreateTagged(db, body.Items)
}

// The same without the dive: go-playground checks the slice, not its
// elements, so an element may still leave its key out.
func DecodedNotDived(db *gorm.DB, r *http.Request) error {
	var body struct {
		Items []elemrows.Tagged `json:"items" validate:"required"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return err
	}
	if err := validate.Struct(&body); err != nil {
		return err
	}
	return elemrows.CreateTagged(db, body.Items) // want `IDEM201: .*an element of the JSON body has no key, decoded at api.go:\d+, and the validator called at api.go:\d+ does not require it of each element.*passed to elemrows.CreateTagged`
}

// A dive into elements whose Key has no rule: nothing requires it.
func DecodedDivedUntagged(db *gorm.DB, r *http.Request) error {
	var body struct {
		Items []elemrows.Ref `json:"items" validate:"dive"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return err
	}
	if err := validate.Struct(&body); err != nil {
		return err
	}
	return elemrows.CreateValid(db, body.Items) // want `IDEM201: .*an element of the JSON body has no key, decoded at api.go:\d+, and the validator called at api.go:\d+ does not require it of each element.*passed to elemrows.CreateValid`
}

// A decoded slice validated with Var and a dive: each element's Key is
// required by its own tag. Fine.
func DecodedVarDived(db *gorm.DB, r *http.Request) error {
	var in []elemrows.Tagged
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if err := validate.Var(in, "required,dive"); err != nil {
		return err
	}
	return elemrows.CreateTagged(db, in)
}

// Var without a dive requires the slice, not what its elements hold.
func DecodedVarNotDived(db *gorm.DB, r *http.Request) error {
	var in []elemrows.Tagged
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		return err
	}
	if err := validate.Var(in, "required"); err != nil {
		return err
	}
	return elemrows.CreateTagged(db, in) // want `IDEM201: .*an element of the JSON body has no key, decoded at api.go:\d+, and the validator called at api.go:\d+ does not require it of each element.*passed to elemrows.CreateTagged`
}

// ImportItem is the handler's own element type.
type ImportItem struct {
	Session string `json:"session"`
	Key     string `json:"key,omitempty"`
}

// Forward builds elemrows' rows from its own parameter's elements and
// hands them on: each element's Key is its callers', so it gets the fact.
func Forward(db *gorm.DB, items []ImportItem) error { // want Forward:`writes key param 1.\[\].Key → messages.idempotency_key`
	refs := make([]elemrows.Ref, 0, len(items))
	for _, it := range items {
		refs = append(refs, elemrows.Ref{Session: it.Session, Body: "b", Key: it.Key})
	}
	return elemrows.CreateValid(db, refs)
}

// ForwardDecoded passes a decoded body on to Forward: any element may
// leave its key out.
func ForwardDecoded(db *gorm.DB, r *http.Request) error {
	var items []ImportItem
	if err := json.NewDecoder(r.Body).Decode(&items); err != nil {
		return err
	}
	return Forward(db, items) // want `IDEM201: .*empty when an element of the JSON body has no key, decoded at api.go:\d+; each element's Key is passed to api.Forward, which writes it into messages.idempotency_key as NULL when it is empty`
}

// ForwardChecked rejects an element without a key first: not reported.
func ForwardChecked(db *gorm.DB, r *http.Request) error {
	var items []ImportItem
	if err := json.NewDecoder(r.Body).Decode(&items); err != nil {
		return err
	}
	for _, it := range items {
		if it.Key == "" {
			return errors.New("every item needs a key")
		}
	}
	return Forward(db, items)
}
