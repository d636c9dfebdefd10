package flow

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
)

// payScopedKey builds the key from the account and the client's key: a
// request without one gets "<account>:", the same for every keyless
// payment of the account, which the unique rule rejects as a duplicate.
func payScopedKey(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	key := fmt.Sprintf("%s:%s", accountID, r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, accountID, key) // want `IDEM202: idempotency key payments.idempotency_key can be the same value for every request without a key here: fmt.Sprintf\("%s:%s", …\) is its other parts alone when r.Header.Get\("Idempotency-Key"\) is empty: empty when the Idempotency-Key header is absent`
	return err
}

// payScopedChecked rejects a missing key first.
func payScopedChecked(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	h := r.Header.Get("Idempotency-Key")
	if h == "" {
		return errors.New("Idempotency-Key required")
	}
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, accountID, fmt.Sprintf("%s:%s", accountID, h))
	return err
}

// payScopedRandom adds a generated part: every key differs.
func payScopedRandom(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	key := fmt.Sprintf("%s:%s:%s", accountID, r.Header.Get("Idempotency-Key"), rand.Text())
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, accountID, key)
	return err
}

// chargeScopedKey: a CHECK against "" rejects an empty key, but not
// "<account>:", which is what every keyless request writes here.
func chargeScopedKey(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	key := fmt.Sprintf("%s:%s", accountID, r.Header.Get("Idempotency-Key"))
	_, err := db.ExecContext(ctx, `INSERT INTO charges (account_id, idempotency_key) VALUES ($1, $2)`, accountID, key) // want `IDEM202: idempotency key charges.idempotency_key can be the same value for every request without a key here: fmt.Sprintf\("%s:%s", …\) is its other parts alone when r.Header.Get\("Idempotency-Key"\) is empty`
	return err
}

// chargePlainKey: an empty key fails the CHECK, loudly: nothing to report.
func chargePlainKey(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO charges (account_id, idempotency_key) VALUES ($1, $2)`, accountID, r.Header.Get("Idempotency-Key"))
	return err
}

// InsertCharge writes its key parameter: its callers are judged.
func InsertCharge(ctx context.Context, db *sql.DB, accountID, key string) error { // want InsertCharge:`writes key param 3 → charges.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO charges (account_id, idempotency_key) VALUES ($1, $2)`, accountID, key)
	return err
}

// InsertScopedPayment writes its key parameter into payments (no CHECK).
func InsertScopedPayment(ctx context.Context, db *sql.DB, accountID, key string) error { // want InsertScopedPayment:`writes key param 3 → payments.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, accountID, key)
	return err
}

// chargeScopedViaFunc passes the format to a function that inserts it.
func chargeScopedViaFunc(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	clientKey := r.Header.Get("Idempotency-Key")
	return InsertCharge(ctx, db, accountID, fmt.Sprintf("%s:%s", accountID, clientKey)) // want `IDEM202: idempotency key charges.idempotency_key can be the same value for every request without a key here: fmt.Sprintf\("%s:%s", …\) is its other parts alone when r.Header.Get\("Idempotency-Key"\) is empty: empty when the Idempotency-Key header is absent \(Header.Get, line 66\); passed to flow.InsertCharge`
}

// payScopedViaFunc: the same through a function fact, without a CHECK.
func payScopedViaFunc(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	clientKey := r.Header.Get("Idempotency-Key")
	return InsertScopedPayment(ctx, db, accountID, fmt.Sprintf("%s:%s", accountID, clientKey)) // want `IDEM202: idempotency key payments.idempotency_key can be the same value for every request without a key here: fmt.Sprintf\("%s:%s", …\) is its other parts alone when r.Header.Get\("Idempotency-Key"\) is empty: empty when the Idempotency-Key header is absent \(Header.Get, line 72\); passed to flow.InsertScopedPayment`
}

// chargeViaFuncChecked rejects a missing key first.
func chargeViaFuncChecked(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	clientKey := r.Header.Get("Idempotency-Key")
	if clientKey == "" {
		return errors.New("Idempotency-Key required")
	}
	return InsertCharge(ctx, db, accountID, fmt.Sprintf("%s:%s", accountID, clientKey))
}

// chargePlainViaFunc: a plain empty key fails the CHECK in InsertCharge.
func chargePlainViaFunc(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	return InsertCharge(ctx, db, accountID, r.Header.Get("Idempotency-Key"))
}

// insertScopedCharge scopes its caller's key by account, into charges,
// whose CHECK rejects "" but not "<account>:": its callers decide.
func insertScopedCharge(ctx context.Context, db *sql.DB, accountID, clientKey string) error { // want insertScopedCharge:`writes key param 3 → charges.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO charges (account_id, idempotency_key) VALUES ($1, $2)`, accountID, fmt.Sprintf("%s:%s", accountID, clientKey))
	return err
}

// insertScopedPay does the same into payments, which has no CHECK.
func insertScopedPay(ctx context.Context, db *sql.DB, accountID, clientKey string) error { // want insertScopedPay:`writes key param 3 → payments.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`, accountID, fmt.Sprintf("%s:%s", accountID, clientKey))
	return err
}

// chargeScopedInside passes the header, empty when absent, to both.
func chargeScopedInside(ctx context.Context, db *sql.DB, r *http.Request, accountID string) error {
	if err := insertScopedCharge(ctx, db, accountID, r.Header.Get("Idempotency-Key")); err != nil { // want `IDEM202: idempotency key charges.idempotency_key can be the same value for every request without a key here: empty when the Idempotency-Key header is absent \(Header.Get, line \d+\); passed to flow.insertScopedCharge, which writes it into charges.idempotency_key as one part of a key format, whose other parts alone are then the key`
		return err
	}
	return insertScopedPay(ctx, db, accountID, r.Header.Get("Idempotency-Key")) // want `IDEM202: idempotency key payments.idempotency_key can be the same value for every request without a key here: empty when the Idempotency-Key header is absent \(Header.Get, line \d+\); passed to flow.insertScopedPay, which writes it into payments.idempotency_key as one part of a key format`
}

// chargeScopedFresh passes a fresh key: not reported.
func chargeScopedFresh(ctx context.Context, db *sql.DB, accountID string) error {
	return insertScopedCharge(ctx, db, accountID, rand.Text())
}
