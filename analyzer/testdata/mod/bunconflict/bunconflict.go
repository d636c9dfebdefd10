// Package bunconflict upserts with bun's On("CONFLICT (…)"): the target
// names a key that no key rule knows by its name.
package bunconflict

import (
	"context"
	_ "embed"

	"github.com/uptrace/bun"
)

//go:embed schema.sql
var schema string

type Entry struct {
	bun.BaseModel `bun:"table:feed_entries"`
	ID            int64 `bun:",pk,autoincrement"`
	Feed          string
	EntryRef      *string
}

// Store writes an entry once per (feed, entry_ref); a nil ref is a NULL
// key, and every retry without one is stored again.
func Store(ctx context.Context, db *bun.DB, feed string, ref *string) error { // want Store:`writes key param 3 → feed_entries.entry_ref`
	e := &Entry{Feed: feed, EntryRef: ref} // want `IDEM201: idempotency key feed_entries.entry_ref \(used as the ON CONFLICT target at bunconflict/bunconflict.go:26\) can be NULL here`
	_, err := db.NewInsert().Model(e).On("CONFLICT (feed, entry_ref) DO NOTHING").Exec(ctx)
	return err
}

// StoreRef takes a ref that is never nil: nothing to report.
func StoreRef(ctx context.Context, db *bun.DB, feed, ref string) error {
	_, err := db.NewInsert().Model(&Entry{Feed: feed, EntryRef: &ref}).On("CONFLICT (feed, entry_ref) DO NOTHING").Exec(ctx)
	return err
}

type Tag struct {
	bun.BaseModel `bun:"table:feed_tags"`
	ID            int64 `bun:",pk,autoincrement"`
	Feed          string
	Label         *string
}

// Tag's label is unique and nullable, but no code upserts on it: a nil
// label is no missing key.
func AddTag(ctx context.Context, db *bun.DB, feed string, label *string) error {
	_, err := db.NewInsert().Model(&Tag{Feed: feed, Label: label}).Exec(ctx)
	return err
}
