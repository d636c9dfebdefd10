// Package ranged writes keys built from the elements of a parameter slice
// it ranges over: a key fmt.Sprintf makes with a non-empty constant part
// is never empty, and gets no note; one a method of an interface makes
// from the element is not followed, and the note says the elements are
// not checked.
package ranged

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"time"
)

//go:embed schema.sql
var schema string

func ScheduleDigests(ctx context.Context, db *sql.DB, days []time.Time) error {
	for _, d := range days {
		if _, err := db.ExecContext(ctx, `INSERT INTO jobs (kind, dedup_key) VALUES ($1, $2)`, "digest", fmt.Sprintf("digest:%s", d.Format(time.DateOnly))); err != nil {
			return err
		}
	}
	return nil
}

type Keyer interface{ Key(time.Time) string }

func ScheduleKeyed(ctx context.Context, db *sql.DB, k Keyer, days []time.Time) error {
	for _, d := range days {
		if _, err := db.ExecContext(ctx, `INSERT INTO jobs (kind, dedup_key) VALUES ($1, $2)`, "digest", k.Key(d)); err != nil { // want `not followed: d is an element of days, a parameter ScheduleKeyed ranges over`
			return err
		}
	}
	return nil
}
