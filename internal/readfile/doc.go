// Package readfile reads schema files without ever blocking: only regular
// files are read (after following symbolic links). A named pipe, a device
// or a socket that happens to be called schema.sql would otherwise block a
// run forever in os.ReadFile, or read something that is not a file at all.
//
// [Regular] stats the path before opening it, so a non-regular file is
// never opened, and opens it non-blocking and checks the open file again,
// so a file swapped for a pipe in between cannot block either. [Error]
// turns a read error into the IDEM001 parse error idemlint reports at the
// file's path.
package readfile
