// Package importer uses the embedded schema's package but must not report
// its findings a second time.
package importer

import _ "embedded"
