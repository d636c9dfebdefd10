package flow

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"io"
	"os"
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

// paymentKeyFromFile writes the contents of a key file: an empty file
// writes "".
func paymentKeyFromFile(ctx context.Context, db *sql.DB, account, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, insertPayment, account, strings.TrimSpace(string(b))) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the file is empty \(os.ReadFile, line \d+\)`
	return err
}

// paymentKeyFromFileChecked rejects an empty one.
func paymentKeyFromFileChecked(ctx context.Context, db *sql.DB, account, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	key := strings.TrimSpace(string(b))
	if key == "" {
		return errors.New("empty key file")
	}
	_, err = db.ExecContext(ctx, insertPayment, account, key)
	return err
}

// paymentKeyFromBody writes the raw body: a request without one writes "".
func paymentKeyFromBody(ctx context.Context, db *sql.DB, account string, body io.Reader) error {
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, insertPayment, account, string(b)) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when what it reads is empty`
	return err
}

// paymentKeyHashingBody derives the key from the body: never empty.
func paymentKeyHashingBody(ctx context.Context, db *sql.DB, account string, body io.Reader) error {
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	_, err = db.ExecContext(ctx, insertPayment, account, hex.EncodeToString(sum[:]))
	return err
}
