// Package config is idemlint's one configuration: the settings every
// driver exposes (the standalone CLI and `idemlint schema`, go vet and go
// fix, the golangci-lint plugin, the language server), their flags, and
// their resolution into what a run uses: absolute schema paths, one
// dialect override, one key matcher and one selection of checks.
//
// Drivers fill an [Options] (from flags with [Options.RegisterFlags], or
// from golangci-lint's settings with [Options.MarkSet]) and call
// [Options.Resolve] once per module root, which reads the module's
// configuration file, .idemlint.yaml ([Find], [ReadFile]): what the driver
// was not given comes from the file. file.go says why the file is YAML;
// `idemlint help config` is its user documentation.
package config
