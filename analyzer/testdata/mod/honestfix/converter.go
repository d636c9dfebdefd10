package honestfix

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
)

type TransferIn struct {
	From, To, Note string
	IdempotencyKey *string
}

func nullString(p *string) sql.NullString {
	if p == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: *p, Valid: true}
}

// Transfer converts its key parameter on the way in: the fix gives the
// parameter's field a value at the top, before nullString reads it.
func Transfer(ctx context.Context, db *sql.DB, in TransferIn) error { // want Transfer:`writes key param 2.IdempotencyKey → transfers.idempotency_key`
	_, err := db.ExecContext(ctx, `INSERT INTO transfers (from_account, to_account, note, idempotency_key) VALUES ($1, $2, $3, $4)`,
		in.From, in.To, in.Note, nullString(in.IdempotencyKey)) // want `IDEM201: idempotency key transfers.idempotency_key can be NULL here: Transfer's parameter field in.IdempotencyKey is a \*string, so every caller may pass nil`
	return err
}

func toText(p *string) pgtype.Text {
	if p == nil {
		return pgtype.Text{}
	}
	return pgtype.Text{String: *p, Valid: true}
}

// TransferPgx is the same through pgx and a pgtype.Text converter.
func TransferPgx(ctx context.Context, pool *pgxpool.Pool, from, to, note string, key *string) error { // want TransferPgx:`writes key param 5 → transfers.idempotency_key`
	_, err := pool.Exec(ctx, `INSERT INTO transfers (from_account, to_account, note, idempotency_key) VALUES ($1, $2, $3, $4)`,
		from, to, note, toText(key)) // want `IDEM201: idempotency key transfers.idempotency_key can be NULL here: TransferPgx's parameter key is a \*string, so every caller may pass nil`
	return err
}

// TransferChecked rejects a missing key before converting it: no finding.
func TransferChecked(ctx context.Context, db *sql.DB, in TransferIn) error {
	if in.IdempotencyKey == nil {
		return sql.ErrNoRows
	}
	_, err := db.ExecContext(ctx, `INSERT INTO transfers (from_account, to_account, note, idempotency_key) VALUES ($1, $2, $3, $4)`,
		in.From, in.To, in.Note, nullString(in.IdempotencyKey))
	return err
}

// Import leaves the key column out: no fix, and the message says why.
func Import(ctx context.Context, db *sql.DB, from, to, note string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO transfers (from_account, to_account, note) VALUES ($1, $2, $3)`, from, to, note) // want `IDEM201: idempotency key transfers.idempotency_key can be NULL here: the INSERT leaves out idempotency_key, .*; no fix is offered: where the write leaves the key out it has no value to give it`
	return err
}
