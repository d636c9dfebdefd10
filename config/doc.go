// Package config is idemlint's one configuration: the settings every
// driver exposes (the standalone CLI and `idemlint schema`, go vet and go
// fix, the golangci-lint plugin, the language server), their flags, and
// their resolution into what a run uses: absolute schema paths, one
// dialect override, one key matcher and one selection of checks.
//
// Drivers fill an [Options] (from flags with [Options.RegisterFlags], or
// from a settings file) and call [Options.Resolve] once per module root.
package config
