// Package store writes runs; it imports nothing of db, as is common when
// queries are plain strings.
package store

import (
	"database/sql"
	"errors"
)

const insertRun = `INSERT INTO runs (parent_id, child_ref) VALUES ($1, $2)
ON CONFLICT (parent_id, child_ref) DO NOTHING`

// An upsert by email: email is a natural key, and NOT the target of a
// unique whose columns differ, so nickname stays unreported.
const upsertEmail = `INSERT INTO runs (email) VALUES ($1) ON CONFLICT (nickname, email) DO NOTHING`

func CreateRun(db *sql.DB, parent, child string) error {
	_, err := db.Exec(insertRun, parent, child)
	return err
}

// The row Touch writes has no parent and no child: it writes neither
// column of the key the code upserts on, so it is another kind of row
// (a root run), not a keyless retry of that upsert; a key only by use is
// a key of the rows the upsert writes.
func Touch(db *sql.DB, email string) error {
	_, err := db.Exec(upsertEmail, email)
	return err
}

// A child run written with its parent and without its reference: NULL in
// one column of the key the code upserts on, and every retry inserted
// again.
func Adopt(db *sql.DB, parent string) error {
	_, err := db.Exec(`INSERT INTO runs (parent_id) VALUES ($1)`, parent) // want `IDEM201: idempotency key runs.child_ref \(used as the ON CONFLICT target at store/runs.go:10\) can be NULL here: the INSERT leaves out child_ref`
	return err
}

// The Go side knows the same keys: child_ref is a key because the code
// upserts on it, so a nil child writes a NULL key.
func CreateChild(db *sql.DB, parent string, child *string) error { // want CreateChild:`writes key param 2 → runs.child_ref`
	_, err := db.Exec(insertRun, parent, child) // want `IDEM201: idempotency key runs.child_ref \(used as the ON CONFLICT target at store/runs.go:10\) can be NULL here: CreateChild's parameter child is a \*string`
	return err
}

// The same insert with the key checked first: nothing to report.
func CreateChildChecked(db *sql.DB, parent string, child *string) error {
	if child == nil {
		return errMissingChild
	}
	_, err := db.Exec(insertRun, parent, child)
	return err
}

var errMissingChild = errors.New("child reference required")

// nickname is unique and nullable too, but no code upserts on it: a nil
// nickname is no missing key.
func CreateNamed(db *sql.DB, parent, child string, nickname *string) error {
	_, err := db.Exec(`INSERT INTO runs (parent_id, child_ref, nickname) VALUES ($1, $2, $3)`, parent, child, nickname)
	return err
}

// A root run: an empty reference in a rule of two columns that only the
// upsert makes keys. Nothing says which column carries a key, so ” is a
// value like any other here (one root run per parent, on purpose); only a
// NULL, distinct whichever column holds it, defeats the rule.
func CreateRoot(db *sql.DB, parent string) error {
	_, err := db.Exec(`INSERT INTO runs (parent_id, child_ref) VALUES ($1, '') ON CONFLICT (parent_id, child_ref) DO NOTHING`, parent)
	return err
}

// An empty code in a rule that holds only the code, the upsert's target:
// one key shared by every caller that has none.
func ClaimUnnamed(db *sql.DB, owner string) error {
	_, err := db.Exec(`INSERT INTO claims (code, owner) VALUES ('', $1) ON CONFLICT (code) DO NOTHING`, owner) // want `IDEM202: idempotency key claims.code \(used as the ON CONFLICT target at store/runs.go:\d+\) can be empty here: the INSERT writes the empty string into code`
	return err
}

// request_dedup's columns are keys by its table's name.
func Remember(db *sql.DB, scope string, token *string) error { // want Remember:`writes key param 1 → request_dedup.scope, param 2 → request_dedup.token`
	_, err := db.Exec(`INSERT INTO request_dedup (scope, token) VALUES ($1, $2)`, scope, token) // want `IDEM201: idempotency key request_dedup.token \(its table request_dedup holds idempotency keys, by its name\) can be NULL here`
	return err
}

// A token that is never nil: nothing to report.
func RememberToken(db *sql.DB, scope, token string) error { // want RememberToken:`writes key param 1 → request_dedup.scope, param 2 → request_dedup.token`
	_, err := db.Exec(`INSERT INTO request_dedup (scope, token) VALUES ($1, $2)`, scope, token)
	return err
}

const insertOutbox = `INSERT INTO outbox (tenant, idempotency_key) VALUES ($1, $2) ON CONFLICT (tenant, idempotency_key) DO NOTHING`

// An empty tenant is a scope like any other: requests still differ by
// their key. Only the key's emptiness makes keyless requests collide.
func Enqueue(db *sql.DB, key string) error { // want Enqueue:`writes key param 1 → outbox.idempotency_key`
	if _, err := db.Exec(insertOutbox, "", key); err != nil {
		return err
	}
	_, err := db.Exec(insertOutbox, "t1", "") // want `IDEM202: idempotency key outbox.idempotency_key can be empty here`
	return err
}

const insertTransfer = `INSERT INTO transfers (account_id, idempotency_key, amount) VALUES ($1, $2, $3)
ON CONFLICT (account_id, idempotency_key) DO NOTHING`

// account is the key's scope in the upsert's target: a nil account is
// the schema's IDEM103, not a NULL key here; the key itself is checked.
func Transfer(db *sql.DB, account *int64, key string, amount int64) error { // want Transfer:`writes key param 2 → transfers.idempotency_key`
	_, err := db.Exec(insertTransfer, account, key, amount)
	return err
}

// The same upsert with no key at all.
func TransferKeyless(db *sql.DB, account *int64, amount int64) error {
	_, err := db.Exec(insertTransfer, account, "", amount) // want `IDEM202: idempotency key transfers.idempotency_key can be empty here: an empty string literal`
	return err
}

// A fingerprint without an agent: NULL in one column of a rule of two
// that holds its NULLs not distinct and that only the upsert makes keys.
// A NULL there is a value like any other (one row per device without an
// agent), not a keyless request: nothing to report.
func Pin(db *sql.DB, device string) error {
	_, err := db.Exec(`INSERT INTO pins (device, agent) VALUES ($1, NULL) ON CONFLICT (device, agent) DO NOTHING`, device)
	return err
}
