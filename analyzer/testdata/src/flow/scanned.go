package flow

import (
	"bufio"
	"context"
	"database/sql"
	"io"
	"strings"
)

// importPaymentKeys writes one key per line of the input: a blank line
// writes "".
func importPaymentKeys(ctx context.Context, db *sql.DB, account string, in io.Reader) error {
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		if _, err := db.ExecContext(ctx, insertPayment, account, strings.TrimSpace(sc.Text())); err != nil { // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the line scanned is blank \(Scanner.Text, line \d+\)`
			return err
		}
	}
	return sc.Err()
}

// importPaymentKeysSkipping skips blank lines.
func importPaymentKeysSkipping(ctx context.Context, db *sql.DB, account string, in io.Reader) error {
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		key := strings.TrimSpace(sc.Text())
		if key == "" {
			continue
		}
		if _, err := db.ExecContext(ctx, insertPayment, account, key); err != nil {
			return err
		}
	}
	return sc.Err()
}
