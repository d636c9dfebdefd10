// Package vetshare lets the tool processes of one go vet run share work
// that each would otherwise repeat alike.
//
// go vet starts one idemlint process per package. Every process that
// inserts without embedding a schema needs the module's schema sources,
// and finding them walks the whole module (migrate.FindSchemas): hundreds
// of directories, the same answer each time. The go command gives each run
// a scratch folder (its WORK directory, which holds each package's
// vet.cfg) and deletes it when the run ends. The first process to walk a
// module writes the sources it found there, and the others of the same run
// read them.
//
// Nothing outlives the run, so nothing can go stale across edits: the
// cache assumes only what go vet assumes of sources, that the module does
// not change while it is being vetted. A file that cannot be read or
// decoded is ignored and the module is walked.
package vetshare
