// Package scanrow builds a goqu row with a converter, then scans a column
// of another query into one field of it before the insert (raystack
// frontier's audit records): the scan writes that field, not the key
// beside it, so the key is still followed to the converter and its
// callers; a scan into the key itself is named as what stops the reading.
package scanrow

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"net/http"

	"github.com/doug-martin/goqu/v9"
)

//go:embed schema.sql
var schema string

type Input struct {
	OrgID string
	Key   string
}

type record struct {
	OrgID   string         `db:"org_id"`
	OrgName string         `db:"org_name"`
	Key     sql.NullString `db:"idempotency_key"`
}

// toRecord leaves the key NULL when the input has none; it returns an
// error beside the row, as raystack frontier's transformFromDomain does.
func toRecord(in Input) (record, error) {
	if in.OrgID == "" {
		return record{}, errors.New("no organisation")
	}
	var key sql.NullString
	if in.Key != "" {
		key = sql.NullString{String: in.Key, Valid: true}
	}
	return record{OrgID: in.OrgID, Key: key}, nil
}

// Create scans the organisation's name into the row, then inserts it: the
// key is NULL exactly when in.Key is empty, which its callers decide.
func Create(ctx context.Context, db *sql.DB, in Input) error { // want Create:"writes key param 2.Key → records.idempotency_key"
	rec, err := toRecord(in)
	if err != nil {
		return err
	}
	_ = db.QueryRowContext(ctx, "SELECT name FROM orgs WHERE id = $1", in.OrgID).Scan(&rec.OrgName)
	q, args, err := goqu.Dialect("postgres").Insert("records").Rows(rec).ToSQL()
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, q, args...)
	return err
}

// ScanKey scans into the key itself: the scan may write it, and the note
// names the scan.
func ScanKey(ctx context.Context, db *sql.DB, in Input) error {
	rec, err := toRecord(in)
	if err != nil {
		return err
	}
	_ = db.QueryRowContext(ctx, "SELECT key FROM pending WHERE org = $1", in.OrgID).Scan(&rec.Key)
	q, args, err := goqu.Dialect("postgres").Insert("records").Rows(rec).ToSQL() // want `not followed: the address of rec is passed to Row.Scan before this call`
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, q, args...)
	return err
}

// FromHeader passes a key that is empty when the header is absent: NULL.
func FromHeader(ctx context.Context, db *sql.DB, r *http.Request) error {
	return Create(ctx, db, Input{OrgID: r.PathValue("org"), Key: r.Header.Get("Idempotency-Key")}) // want `IDEM201: idempotency key records.idempotency_key can be NULL here`
}

// FromHeaderChecked rejects a request without a key: fine.
func FromHeaderChecked(ctx context.Context, db *sql.DB, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		return http.ErrNoCookie
	}
	return Create(ctx, db, Input{OrgID: r.PathValue("org"), Key: key})
}

// toRow returns one literal whose key is a local it computes, not a
// field of its parameter: the key is the field of its result at the
// insert, followed into toRow.
func toRow(in Input) record {
	var key sql.NullString
	if in.Key != "" {
		key = sql.NullString{String: in.Key, Valid: true}
	}
	return record{OrgID: in.OrgID, Key: key}
}

// CreateInline inserts toRow's result: NULL exactly when in.Key is empty,
// which its callers decide (not "not a Go value").
func CreateInline(ctx context.Context, db *sql.DB, in Input) error { // want CreateInline:"writes key param 2.Key → records.idempotency_key"
	q, args, err := goqu.Dialect("postgres").Insert("records").Rows(toRow(in)).ToSQL()
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, q, args...)
	return err
}

// toRowMinted mints the key it returns: nothing for the callers.
func toRowMinted(in Input) record {
	key := sql.NullString{String: "minted-" + in.OrgID, Valid: true}
	return record{OrgID: in.OrgID, Key: key}
}

func CreateMinted(ctx context.Context, db *sql.DB, in Input) error {
	row := toRowMinted(in)
	q, args, err := goqu.Dialect("postgres").Insert("records").Rows(row).ToSQL()
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, q, args...)
	return err
}

// InlineFromHeader: CreateInline's callers decide; an absent header is NULL.
func InlineFromHeader(ctx context.Context, db *sql.DB, r *http.Request) error {
	return CreateInline(ctx, db, Input{OrgID: "o", Key: r.Header.Get("Idempotency-Key")}) // want `IDEM201: idempotency key records.idempotency_key can be NULL here`
}
