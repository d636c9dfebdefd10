// Package notnullwrap writes NULL wrappers whose payload is empty exactly
// when they are invalid (sql.NullString{String: k, Valid: k != ""}, a zero
// pgtype.Text left on one side of a check, guregu's zero.StringFrom) into
// a NOT NULL key, where they are NULL and rejected loudly (no IDEM202),
// and into a nullable one, where the NULL repeats (IDEM201); beside them,
// wrappers that are valid with an empty payload (Valid: true, null.StringFrom,
// a Valid flag set after an empty String) are IDEM202 under NOT NULL.
package notnullwrap

import (
	"context"
	"database/sql"
	_ "embed"
	"net/http"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"gopkg.in/guregu/null.v4"
	"gopkg.in/guregu/null.v4/zero"
	"gorm.io/gorm"
)

//go:embed schema.sql
var schema string

type In struct {
	Customer string
	Key      string
}

// OrderNull: "" is invalid, so NULL, which NOT NULL rejects: no fact,
// nothing at the function or its callers.
func OrderNull(ctx context.Context, db *sql.DB, in In) error {
	_, err := db.ExecContext(ctx, `INSERT INTO orders (customer, idempotency_key) VALUES ($1, $2)`,
		in.Customer, sql.NullString{String: in.Key, Valid: in.Key != ""})
	return err
}

// OrderText: the zero pgtype.Text when in.Key is empty is NULL, not "".
func OrderText(ctx context.Context, db *pgxpool.Pool, in In) error {
	var t pgtype.Text
	if in.Key != "" {
		t = pgtype.Text{String: in.Key, Valid: true}
	}
	_, err := db.Exec(ctx, `INSERT INTO orders (customer, idempotency_key) VALUES ($1, $2)`, in.Customer, t)
	return err
}

// OrderValid: Valid: true writes in.Key as it is, "" included: its
// callers decide.
func OrderValid(ctx context.Context, db *sql.DB, in In) error { // want OrderValid:`writes key param 2.Key → orders.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO orders (customer, idempotency_key) VALUES ($1, $2)`,
		in.Customer, sql.NullString{String: in.Key, Valid: true})
	return err
}

// PayNull and PayText: the same wrappers over a nullable key, whose NULLs
// repeat: their callers' "" is IDEM201.
func PayNull(ctx context.Context, db *sql.DB, amount int64, k string) error { // want PayNull:`writes key param 3 → payments.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO payments (amount, idempotency_key) VALUES ($1, $2)`,
		amount, sql.NullString{String: k, Valid: k != ""})
	return err
}

func PayText(ctx context.Context, db *pgxpool.Pool, amount int64, in In) error { // want PayText:`writes key param 3.Key → payments.idempotency_key`
	var t pgtype.Text
	if in.Key != "" {
		t = pgtype.Text{String: in.Key, Valid: true}
	}
	_, err := db.Exec(ctx, `INSERT INTO payments (amount, idempotency_key) VALUES ($1, $2)`, amount, t)
	return err
}

type H struct {
	DB   *sql.DB
	Pool *pgxpool.Pool
	G    *gorm.DB
}

func (h *H) Order(r *http.Request) {
	in := In{Customer: "c", Key: r.Header.Get("Idempotency-Key")}
	_ = OrderNull(r.Context(), h.DB, in)
	_ = OrderText(r.Context(), h.Pool, in)
	_ = OrderValid(r.Context(), h.DB, in) // want `IDEM202: idempotency key orders.idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*in.Key is passed to notnullwrap.OrderValid`
}

func (h *H) Pay(r *http.Request) {
	k := r.Header.Get("Idempotency-Key")
	_ = PayNull(r.Context(), h.DB, 1, k)            // want `IDEM201: idempotency key payments.idempotency_key can be NULL here: empty when the Idempotency-Key header is absent .*passed to notnullwrap.PayNull, which writes it into payments.idempotency_key as NULL when it is empty`
	_ = PayText(r.Context(), h.Pool, 1, In{Key: k}) // want `IDEM201: idempotency key payments.idempotency_key can be NULL here: .*passed to notnullwrap.PayText, which writes it into payments.idempotency_key as NULL when it is empty`
}

// SetValid: the flag set after an empty String: a valid "".
func (h *H) SetValid(r *http.Request) error {
	var t pgtype.Text
	t.String = r.Header.Get("Idempotency-Key")
	t.Valid = true
	_, err := h.Pool.Exec(r.Context(), `INSERT INTO orders (customer, idempotency_key) VALUES ($1, $2)`, "c", t) // want `IDEM202: idempotency key orders.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	return err
}

// LenValid and LeftOutValid: "" is invalid (len(k) > 0), or every value
// is (Valid left out): NULL, rejected by NOT NULL.
func (h *H) LenValid(r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	_, err := h.Pool.Exec(r.Context(), `INSERT INTO orders (customer, idempotency_key) VALUES ($1, $2)`, "c", pgtype.Text{String: k, Valid: len(k) > 0})
	return err
}

func (h *H) LeftOutValid(r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	_, err := h.Pool.Exec(r.Context(), `INSERT INTO orders (customer, idempotency_key) VALUES ($1, $2)`, "c", pgtype.Text{String: k})
	return err
}

type Order struct {
	ID             int64
	Customer       string
	IdempotencyKey sql.NullString
}

// Gorm and GormValid: the same through a GORM row in a variable.
func (h *H) Gorm(r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	o := Order{Customer: "c", IdempotencyKey: sql.NullString{String: k, Valid: k != ""}}
	return h.G.Create(&o).Error
}

func (h *H) GormValid(r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	o := Order{Customer: "c", IdempotencyKey: sql.NullString{String: k, Valid: true}}
	return h.G.Create(&o).Error // want `IDEM202: idempotency key orders.idempotency_key can be empty here: empty when the Idempotency-Key header is absent .*o.IdempotencyKey is written into the row`
}

// Zero and Null: guregu's zero.StringFrom is invalid for "" (NULL),
// null.StringFrom is valid whatever its argument (a valid "").
func (h *H) Zero(ctx context.Context, r *http.Request) error {
	_, err := h.DB.ExecContext(ctx, `INSERT INTO orders (customer, idempotency_key) VALUES ($1, $2)`, "c", zero.StringFrom(r.Header.Get("Idempotency-Key")))
	return err
}

func (h *H) Null(ctx context.Context, r *http.Request) error {
	_, err := h.DB.ExecContext(ctx, `INSERT INTO orders (customer, idempotency_key) VALUES ($1, $2)`, "c", null.StringFrom(r.Header.Get("Idempotency-Key"))) // want `IDEM202: idempotency key orders.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	return err
}

// NewString: guregu's NewString(k, k != "") is NULL for "".
func (h *H) NewString(ctx context.Context, r *http.Request) error {
	k := r.Header.Get("Idempotency-Key")
	_, err := h.DB.ExecContext(ctx, `INSERT INTO orders (customer, idempotency_key) VALUES ($1, $2)`, "c", null.NewString(k, k != ""))
	return err
}

type wrapRow struct {
	Customer string
	Key      sql.NullString
}

func loadRow() wrapRow { return wrapRow{Key: sql.NullString{Valid: true}} }

// Reloaded: the wrapper comes whole from loadRow, Valid set, before its
// String is stored: a valid "".
func (h *H) Reloaded(r *http.Request) error {
	var row wrapRow
	row = loadRow()
	row.Key.String = r.Header.Get("Idempotency-Key")
	_, err := h.DB.ExecContext(r.Context(), `INSERT INTO orders (customer, idempotency_key) VALUES ($1, $2)`, "c", row.Key) // want `IDEM202: idempotency key orders.idempotency_key can be empty here: empty when the Idempotency-Key header is absent`
	return err
}
