// Package vetshare lets the tool processes of one go vet run share work
// that each would otherwise repeat alike.
//
// go vet starts one idemlint process per package. Every process that
// inserts without embedding a schema needs the module's schema sources,
// the ON CONFLICT targets its code uses (keys by use) and the Go files
// that may declare models, and each walks the whole module: hundreds of
// directories and every Go file, the same answer each time. The go
// command gives each run a scratch folder (its WORK directory, which
// holds each package's vet.cfg) and deletes it when the run ends. The
// first process to walk a module writes what it found there (Once), and
// the others of the same run read it.
//
// Nothing outlives the run, so nothing can go stale across edits: the
// cache assumes only what go vet assumes of sources, that the module does
// not change while it is being vetted. A file that cannot be read or
// decoded is ignored and the module is walked.
package vetshare
