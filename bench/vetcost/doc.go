// Package vetcost measures what idemlint adds to go vet's own floor: it
// generates a synthetic module, builds idemlint and a no-op vettool on the
// same x/tools unitchecker, and times go vet -vettool with each, with vet's
// results cache invalidated and the build cache warm. See README.md.
//
// It is a module of its own so that neither the main module nor the bench
// module needs a new requirement for it.
package vetcost
