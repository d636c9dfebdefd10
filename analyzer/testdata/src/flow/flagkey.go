package flow

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"log"
)

// A key read from a command-line flag whose default is "": flag.String
// returns a pointer to the default until the flag is given, so *key is
// empty on every run without it.

func runFromFlags(ctx context.Context, db *sql.DB) {
	key := flag.String("key", "", "idempotency key of this run")
	batch := flag.String("batch", "nightly", "batch name")
	strict := flag.Bool("strict", false, "require -key")
	flag.Parse()
	if *strict {
		if *key == "" {
			log.Fatal("-key is required")
		}
		db.ExecContext(ctx, insertPayment, "acct", *key) // checked above
		return
	}
	db.ExecContext(ctx, insertPayment, "acct", *key)   // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the -key flag is not given \(flag.String, line \d+\)`
	db.ExecContext(ctx, insertPayment, "acct", *batch) // a default that is not empty
}

func runFromFlagSet(ctx context.Context, db *sql.DB, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	key := fs.String("dedup-key", "", "idempotency key of this import")
	if err := fs.Parse(args); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, insertPayment, "acct", *key) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the -dedup-key flag is not given \(flag.String, line \d+\)`
	return err
}

// Flags declared as package variables, as most commands declare them.
var (
	runKey   = flag.String("run-key", "", "idempotency key of this run")
	runBatch = flag.String("run-batch", "nightly", "batch name")
)

func runFromPackageFlags(ctx context.Context, db *sql.DB) {
	flag.Parse()
	db.ExecContext(ctx, insertPayment, "acct", *runKey)   // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the -run-key flag is not given \(flag.String, line \d+\)`
	db.ExecContext(ctx, insertPayment, "acct", *runBatch) // a default that is not empty
}

func runFromPackageFlagsChecked(ctx context.Context, db *sql.DB) {
	flag.Parse()
	if *runKey == "" {
		log.Fatal("-run-key is required")
	}
	db.ExecContext(ctx, insertPayment, "acct", *runKey)
}

// Flags bound to variables: flag.StringVar (and a FlagSet's) writes the
// default into the variable, and flag.Parse the value given.
func runFromFlagVars(ctx context.Context, db *sql.DB) {
	var key, batch string
	flag.StringVar(&key, "var-key", "", "idempotency key of this run")
	flag.StringVar(&batch, "var-batch", "nightly", "batch name")
	flag.Parse()
	db.ExecContext(ctx, insertPayment, "acct", key)   // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the -var-key flag is not given \(flag.StringVar, line \d+\)`
	db.ExecContext(ctx, insertPayment, "acct", batch) // a default that is not empty
}

func runFromFlagSetVarChecked(ctx context.Context, db *sql.DB, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	var key string
	fs.StringVar(&key, "import-key", "", "idempotency key of this import")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if key == "" {
		return errors.New("-import-key is required")
	}
	_, err := db.ExecContext(ctx, insertPayment, "acct", key)
	return err
}
