// Package cobraflags checks keys read from cobra commands' flags (pflag):
// a flag bound to a variable the command's RunE reads
// (cmd.Flags().StringVar(&key, "key", "", …)), or read back by name
// (cmd.Flags().GetString("key")), holds its default until the command
// line gives it: "" when the default is "" (IDEM202). A check in RunE, a
// default that is not empty, a flag cobra requires (MarkFlagRequired), or
// a variable something else assigns is not reported.
package cobraflags

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"

	"github.com/spf13/cobra"
)

//go:embed schema.sql
var Schema string

const insertJob = `INSERT INTO jobs (name, idempotency_key) VALUES ($1, $2)`

func insert(ctx context.Context, db *sql.DB, name, key string) error { // want insert:`writes key param 3 → jobs.idempotency_key`
	_, err := db.ExecContext(ctx, insertJob, name, key)
	return err
}

// newRunCmd binds --key to a variable its RunE reads.
func newRunCmd(db *sql.DB) *cobra.Command {
	var key string
	cmd := &cobra.Command{
		Use: "run NAME",
		RunE: func(cmd *cobra.Command, args []string) error {
			return insert(cmd.Context(), db, args[0], key) // want `IDEM202: idempotency key jobs.idempotency_key can be empty here: empty when the --key flag is not given \(pflag StringVar, line 38\)`
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "idempotency key")
	return cmd
}

type importOptions struct {
	file     string
	dedupKey string
}

// newImportCmd binds a field of an options struct, with a shorthand.
func newImportCmd(db *sql.DB) *cobra.Command {
	var opts importOptions
	cmd := &cobra.Command{
		Use: "import",
		RunE: func(cmd *cobra.Command, args []string) error {
			return insert(cmd.Context(), db, opts.file, opts.dedupKey) // want `IDEM202: idempotency key jobs.idempotency_key can be empty here: empty when the --dedup-key flag is not given \(pflag StringVarP, line 57\)`
		},
	}
	cmd.Flags().StringVar(&opts.file, "file", "data.csv", "file to import")
	cmd.Flags().StringVarP(&opts.dedupKey, "dedup-key", "k", "", "idempotency key")
	return cmd
}

// newGetCmd reads the flag back by name.
func newGetCmd(db *sql.DB) *cobra.Command {
	cmd := &cobra.Command{
		Use: "get NAME",
		RunE: func(cmd *cobra.Command, args []string) error {
			key, _ := cmd.Flags().GetString("request-key")
			return insert(cmd.Context(), db, args[0], key) // want `IDEM202: idempotency key jobs.idempotency_key can be empty here: empty when the --request-key flag, whose default is "" \(cobraflags.go:70\), is not given \(pflag GetString, line 66\)`
		},
	}
	cmd.Flags().String("request-key", "", "idempotency key")
	return cmd
}

// newCheckedCmd rejects a run without a key.
func newCheckedCmd(db *sql.DB) *cobra.Command {
	var key string
	cmd := &cobra.Command{
		Use: "checked NAME",
		RunE: func(cmd *cobra.Command, args []string) error {
			if key == "" {
				return errors.New("--key is required")
			}
			return insert(cmd.Context(), db, args[0], key)
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "idempotency key")
	return cmd
}

// newRequiredCmd lets cobra require the flag.
func newRequiredCmd(db *sql.DB) *cobra.Command {
	var key string
	cmd := &cobra.Command{
		Use: "required NAME",
		RunE: func(cmd *cobra.Command, args []string) error {
			return insert(cmd.Context(), db, args[0], key)
		},
	}
	cmd.Flags().StringVar(&key, "job-key", "", "idempotency key")
	_ = cmd.MarkFlagRequired("job-key")
	return cmd
}

// newDefaultedCmd's flag has a default of its own.
func newDefaultedCmd(db *sql.DB) *cobra.Command {
	var key string
	cmd := &cobra.Command{
		Use: "defaulted NAME",
		RunE: func(cmd *cobra.Command, args []string) error {
			return insert(cmd.Context(), db, args[0], key)
		},
	}
	cmd.Flags().StringVar(&key, "batch-key", "nightly", "idempotency key")
	return cmd
}

// newPreRunCmd fills the variable in PreRunE when the flag is not given:
// another writer than the flag, so not followed.
func newPreRunCmd(db *sql.DB, fallback func() string) *cobra.Command {
	var key string
	cmd := &cobra.Command{
		Use: "prerun NAME",
		PreRunE: func(cmd *cobra.Command, args []string) error {
			if key == "" {
				key = fallback()
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return insert(cmd.Context(), db, args[0], key)
		},
	}
	cmd.Flags().StringVar(&key, "pre-key", "", "idempotency key")
	return cmd
}

// Root wires the commands.
func Root(db *sql.DB) *cobra.Command {
	root := &cobra.Command{Use: "jobs"}
	root.AddCommand(newRunCmd(db), newImportCmd(db), newGetCmd(db), newCheckedCmd(db),
		newRequiredCmd(db), newDefaultedCmd(db), newPreRunCmd(db, func() string { return "x" }))
	return root
}
