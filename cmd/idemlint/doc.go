// Command idemlint reports idempotency-key columns the database cannot
// enforce, such as a nullable key in a PostgreSQL unique constraint, where
// NULLs are distinct and every retry without a key is inserted again.
//
// One binary serves three ways.
//
// # Analyzing Go packages
//
//	idemlint [flags] [packages]
//
// analyzes the packages (default ./...) with their tests and checks the
// schema each package embeds with //go:embed, or the files named by
// -schema. It does so by running go vet with itself as the vet tool (one
// process per package, export data for dependencies, facts between
// processes, vet's result cache), so it costs what go vet costs, and reads
// vet's JSON back to print, fix or diff. The digest of the schema files go
// vet does not hash as inputs (-schema files, a module's schemas read for
// packages that do not embed them) goes to the tool as a flag, so a
// changed schema is never answered from vet's cache.
// Diagnostics print on stderr as go vet prints them, file:line:col: message,
// with files under the current directory shown relative. A finding repeated
// by a package's test variant prints once. The flags are:
//
//	-schema files   comma-separated schema files or folders for packages that
//	                do not //go:embed their schema; relative to the module root
//	-key columns    extra idempotency-key columns, as column or table.column
//	-checks list    checks to report, applied to the defaults: codes, globs
//	                (IDEM2*), all, default; -CODE turns one off
//	-uncovered      also report IDEM102 (same as -checks=IDEM102)
//	-dialect name   override the schema's dialect (postgresql, mysql, sqlite, …)
//	-anchor-embed   report schema findings at the //go:embed line
//	-test           no effect: test packages are analyzed, as go vet does
//	-tags list      build tags
//	-format name    text (default), json, sarif (SARIF 2.1.0) or github
//	                (GitHub Actions workflow commands)
//	-json           print go vet's JSON on stdout (-format=json):
//	                {"pkg": {"idemlint": [{"category", "posn", "end", "message",
//	                "suggested_fixes", "related"}]}}, or {"error": "…"}
//	-fix            apply the first suggested fix of every diagnostic, to Go
//	                and schema files alike, print a line per file changed,
//	                and print the diagnostics left
//	-diff           print the unified diff -fix would apply; write nothing
//	-q              with -fix, do not list the files changed
//	-v              print related positions (indented) under each diagnostic
//	-V, -version    print the version
//
// # Help
//
//	idemlint help [schema | CODE]
//
// prints the usage with every flag and the check catalogue, the schema
// mode's usage, or a check's entry from docs/checks.md.
//
//	idemlint version [-m]
//
// prints the module version the binary was built from (a release tag, a
// pseudo-version, or "(devel)" and the commit for a build from a clone),
// and with -m the whole build information, as go version -m prints it.
//
// # Checking schema files alone
//
//	idemlint schema [-key columns] [-checks list] [-dialect name] [-format name] [-fix] [-diff] [-model] [-v] PATH...
//
// checks schema files (.prisma, .sql), or the schema files under folders,
// with no Go code: for repositories without Go, and for the pre-commit
// hook. With no PATH the current folder is checked. Prisma files in one
// folder (and its subfolders) form one schema, with the SQL migrations
// beneath it; other SQL files are grouped into migration histories and
// folders by the loader, and naming one migration replays its whole
// history. Findings print as path:line:col: CODE: message; files that do not
// parse print as path:line:col: IDEM001: message, and their findings are
// still reported. -json prints an array of diagnostics in the shape the
// package mode uses inside its tree; an edit with "create": true creates
// its file (such as the next migration). -v also says which dialect each
// schema was read as, and why.
// Named files idemlint does not read (a README passed by a hook, say) are
// skipped with a warning. A Go package named schema is analyzed as
// ./schema.
//
// # Under go vet and go fix
//
//	go vet -vettool=$(which idemlint) ./...
//	go vet -vettool=$(which idemlint) -fix ./...
//	go fix -fixtool=$(which idemlint) ./...
//
// Add -gcflags=-env=IDEMLINT_VET=report to go vet: without it, go vet's
// cache can answer for a package it vetted before only for an importer's
// facts, with no findings (docs/vet-cache.md). The standalone mode passes
// it itself.
//
// When run with a *.cfg file, -V=full or -flags (the protocol the go
// command speaks to vet tools), idemlint hands over to unitchecker. The
// analyzer's flags work as they do standalone (-schema, -key, -checks,
// -dialect, -uncovered, -anchor-embed) and with unitchecker's prefix
// (-idemlint.schema, …). A schema file reached both by //go:embed and by
// -schema belongs to the package that embeds it and is reported once. Schema findings are reported
// by the package that embeds the schema, so go vet's cache, which hashes
// embedded files, re-runs the check when the schema changes.
//
// # Fixes
//
// -fix applies each fix whole or not at all: edits are grouped per file,
// exact duplicates are dropped, and a file whose edits overlap, or that
// changed since it was analyzed, is left untouched together with every fix
// that edits it; a file another process changes while idemlint runs is
// reported as "changed during the run; run idemlint again". Files are
// replaced atomically (a temporary file in the same folder, synced and
// renamed), keeping their owner, group and mode; a file with several hard
// links, or whose owner idemlint cannot keep, is rewritten in place
// instead. Files a fix creates (a new migration) are never written over an
// existing file. -diff shows created files as diffs from /dev/null.
//
// # Exit status
//
// As go vet's: 0 when clean, 3 when diagnostics were reported (after -fix,
// only when some diagnostic had no fix applied; with -diff, whenever there
// was a diagnostic), 1 on errors (packages that do not load or type-check,
// schema files that do not parse, I/O), 2 when the command line cannot be
// used (an unknown flag, a bad flag value, a flag after the paths). Unlike
// go vet, -json also exits 3 when it reports diagnostics.
package main
