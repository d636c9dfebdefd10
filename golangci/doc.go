// Package golangci is idemlint as a golangci-lint v2 module plugin.
//
// A blank import registers the linter "idemlint" with
// github.com/golangci/plugin-module-register; `golangci-lint custom`
// compiles it into a custom golangci-lint binary (see .custom-gcl.yml at
// the repository root). Its settings come from .golangci.yml:
//
//	linters:
//	  enable: [idemlint]
//	  settings:
//	    custom:
//	      idemlint:
//	        type: module
//	        description: idempotency keys the database cannot enforce
//	        settings:
//	          schema: [db/schema.sql] # for packages that do not //go:embed their schema
//	          key: [request_id]       # extra key columns
//	          dialect: postgresql     # override the detected dialect
//	          checks: "-IDEM202"      # a -checks list
//	          uncovered: true         # report IDEM102 too
//
// The plugin is only a constructor: it turns the settings into a
// config.Options and hands golangci-lint analyzer.New's analyzer, so
// loading, checking and fixes are the CLI's own. golangci-lint drops
// diagnostics positioned outside Go files, so schema findings are always
// anchored at the //go:embed line that reads the schema, with the schema
// position in the message and related information.
package golangci
