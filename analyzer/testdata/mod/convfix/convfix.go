// Package convfix writes keys through a NULL wrapper made at the insert:
// a converter of the package (toNullString(req.Key)) or a literal whose
// Valid tests its own payload (sql.NullString{String: tok, Valid: tok !=
// ""}). The wrapper cannot be assigned, so the fix gives the value it is
// made of a key before the insert; a converter that may return NULL for
// another reason gets no fix.
package convfix

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"net/http"

	"github.com/jackc/pgx/v5/pgtype"
)

//go:embed schema.sql
var schema string

const insertLabel = `INSERT INTO labels (order_id, carrier, idempotency_key) VALUES ($1, $2, $3)`

func toNullString(p *string) sql.NullString {
	if p == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: *p, Valid: true}
}

type labelRequest struct {
	OrderID int64   `json:"order_id"`
	Carrier string  `json:"carrier"`
	Key     *string `json:"key"`
}

// Decoded: req.Key is nil when the body has none; toNullString turns
// that into NULL. The fix gives req.Key a key before the insert.
func Decoded(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	var req labelRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	_, err := db.ExecContext(r.Context(), insertLabel, req.OrderID, req.Carrier, toNullString(req.Key)) // want `IDEM201: idempotency key labels.idempotency_key can be NULL here: nil when the JSON body has no key`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// FormToken: the literal's Valid is its payload tested against "": the
// fix gives tok a key, and Valid is then true.
func FormToken(ctx context.Context, db *sql.DB, r *http.Request, orderID int64) error {
	tok := r.FormValue("token")
	_, err := db.ExecContext(ctx, insertLabel, orderID, "dhl", sql.NullString{String: tok, Valid: tok != ""}) // want `IDEM201: idempotency key labels.idempotency_key can be NULL here: Valid is false when the "token" form value is absent`
	return err
}

// HeaderText: pgtype.Text with Valid: len(h) > 0, the same shape.
func HeaderText(ctx context.Context, db *sql.DB, r *http.Request, orderID int64) error {
	h := r.Header.Get("Idempotency-Key")
	_, err := db.ExecContext(ctx, insertLabel, orderID, "ups", pgtype.Text{String: h, Valid: len(h) > 0}) // want `IDEM201: idempotency key labels.idempotency_key can be NULL here: Valid is false when the Idempotency-Key header is absent`
	return err
}

// legacyText also returns NULL for a key it drops: a key given to p
// would not make the result valid, so no fix is offered.
func legacyText(p *string) pgtype.Text {
	if p == nil || *p == "legacy" {
		return pgtype.Text{}
	}
	return pgtype.Text{String: *p, Valid: true}
}

func Legacy(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	var req labelRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	_, err := db.ExecContext(r.Context(), insertLabel, req.OrderID, req.Carrier, legacyText(req.Key)) // want `IDEM201: idempotency key labels.idempotency_key can be NULL here: .*no fix is offered`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// Flagged: Valid is a flag of its own, not the payload's test: an
// empty token with the flag set is written as "", and no fix is offered.
func Flagged(ctx context.Context, db *sql.DB, r *http.Request, orderID int64) error {
	tok := r.FormValue("token")
	ok := r.FormValue("keyed") == "1"
	_, err := db.ExecContext(ctx, insertLabel, orderID, "dhl", sql.NullString{String: tok, Valid: ok}) // want `IDEM202: idempotency key labels.idempotency_key can be empty here: .*no fix is offered`
	return err
}

// Checked: the key is rejected when absent: no finding.
func Checked(ctx context.Context, db *sql.DB, r *http.Request, orderID int64) error {
	tok := r.FormValue("token")
	if tok == "" {
		return http.ErrNoCookie
	}
	_, err := db.ExecContext(ctx, insertLabel, orderID, "dhl", sql.NullString{String: tok, Valid: tok != ""})
	return err
}
