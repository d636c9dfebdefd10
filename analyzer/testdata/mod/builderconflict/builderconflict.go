// Package builderconflict upserts with query builders that write the ON
// CONFLICT clause apart from the INSERT: squirrel's Suffix and goqu's
// OnConflict(goqu.DoUpdate(…)). The target names a key that no key rule
// knows by its name.
package builderconflict

import (
	"context"
	"database/sql"
	_ "embed"

	sq "github.com/Masterminds/squirrel"
	"github.com/doug-martin/goqu/v9"
)

//go:embed schema.sql
var schema string

func toNullString(p *string) sql.NullString {
	if p == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: *p, Valid: true}
}

// Label stores a label once per (order_id, carrier_ref); a nil ref is a
// NULL key, and every retry without one is stored again.
func Label(ctx context.Context, db *sql.DB, orderID int64, ref *string) error { // want Label:`writes key param 3 → carrier_labels.carrier_ref`
	_, err := sq.Insert("carrier_labels").
		Columns("order_id", "carrier_ref").
		Values(orderID, toNullString(ref)). // want `IDEM201: idempotency key carrier_labels.carrier_ref \(used as the ON CONFLICT target at builderconflict/builderconflict.go:32\) can be NULL here`
		Suffix("ON CONFLICT (order_id, carrier_ref) DO NOTHING").
		PlaceholderFormat(sq.Dollar).
		RunWith(db).
		ExecContext(ctx)
	return err
}

// LabelRef takes a ref that is never NULL: nothing to report.
func LabelRef(ctx context.Context, db *sql.DB, orderID int64, ref string) error {
	_, err := sq.Insert("carrier_labels").
		Columns("order_id", "carrier_ref").
		Values(orderID, ref).
		SuffixExpr(sq.Expr("ON CONFLICT (order_id, carrier_ref) DO NOTHING")).
		PlaceholderFormat(sq.Dollar).
		RunWith(db).
		ExecContext(ctx)
	return err
}

// A suffix that names no conflict target says nothing about note_ref.
func Note(ctx context.Context, db *sql.DB, orderID int64, ref *string) error {
	_, err := sq.Insert("label_notes").
		Columns("order_id", "note_ref").
		Values(orderID, ref).
		Suffix("RETURNING id").
		PlaceholderFormat(sq.Dollar).
		RunWith(db).
		ExecContext(ctx)
	return err
}

type record struct {
	Source   string  `db:"source"`
	RemoteID *string `db:"remote_id"`
	Payload  string  `db:"payload"`
}

// Sync upserts on (source, remote_id) with goqu; a nil remote id is a NULL
// key.
func Sync(ctx context.Context, db *goqu.Database, source, payload string, remoteID *string) error { // want Sync:`writes key param 4 → sync_records.remote_id`
	_, err := db.Insert("sync_records").
		Rows(record{Source: source, RemoteID: remoteID, Payload: payload}). // want `IDEM201: idempotency key sync_records.remote_id \(used as the ON CONFLICT target at builderconflict/builderconflict.go:74\) can be NULL here`
		OnConflict(goqu.DoUpdate("source, remote_id", goqu.Record{"payload": payload})).
		Executor().ExecContext(ctx)
	return err
}
