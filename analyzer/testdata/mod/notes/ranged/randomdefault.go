package ranged

import (
	"context"
	"database/sql"
)

// Record leaves the key to the column's random default (what the
// random-default fix adds): no finding, since every row has a key, but a
// note that a retry gets a new one, so a quiet run does not read as
// "retries are deduplicated".
func Record(ctx context.Context, db *sql.DB, kind string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO events (kind) VALUES ($1)`, kind) // want `IDEM201 not reported: the INSERT leaves out dedup_key, so events.dedup_key gets its random default gen_random_uuid\(\): every row has a key, but a retry of this write gets a new one and is inserted again`
	return err
}

// RecordKeyed writes the client's key: no note.
func RecordKeyed(ctx context.Context, db *sql.DB, kind, key string) error {
	if key == "" {
		return sql.ErrNoRows
	}
	_, err := db.ExecContext(ctx, `INSERT INTO events (kind, dedup_key) VALUES ($1, $2)`, kind, key)
	return err
}
