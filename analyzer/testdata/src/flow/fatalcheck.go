package flow

import (
	"context"
	"database/sql"
	"log"
	"os"
)

// A check whose failing side stops the program (log.Fatal, os.Exit), as
// a command's main does for a required flag, rules the empty key out
// after it: each *key is a load of its own, so the insert's value is
// not the one compared, and the check must still count (it read as the
// SA5011 shape, "compared with "" but inserted without that check").

func insertFatalChecked(ctx context.Context, db *sql.DB, account string, key *string) {
	if *key == "" {
		log.Fatal("-key is required")
	}
	db.ExecContext(ctx, insertPayment, account, *key)
}

func insertExitChecked(ctx context.Context, db *sql.DB, account string, key *string) {
	if *key == "" {
		os.Exit(2)
	}
	db.ExecContext(ctx, insertPayment, account, *key)
}

// insertFatalElsewhere checks the key on another path only: the failing
// side stops, so it never reaches the insert, and nothing here says the
// key at the insert can be empty; its callers are asked instead.
func insertFatalElsewhere(ctx context.Context, db *sql.DB, account string, key *string, strict bool) { // want insertFatalElsewhere:`writes key param 3 → payments.idempotency_key`
	if strict {
		if *key == "" {
			log.Fatal("-key is required")
		}
	}
	db.ExecContext(ctx, insertPayment, account, *key)
}
