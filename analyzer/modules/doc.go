// Package modules is the home of per-module state in an idemlint run:
// one Cache answers, per module root and once for all the module's
// packages, the resolved options, the module's schemas and which package
// owns the -schema files, the methods the module's files declare (which
// types implement an interface a call goes through), and walks a
// module's Go files the way the go command does.
package modules
