package lsp

import (
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/analyzer/keyuse"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
)

// upserts keeps, per module root, the ON CONFLICT targets of the module's
// Go and query files (keys by use), so that the editor offers the same
// fixes as `idemlint schema` and `idemlint ./...`: no random default for a
// key the code upserts on. Scanning a module reads every file that names a
// conflict, far more than a keystroke's budget, so a root is scanned once
// and again only after a save or a reported change of a Go or SQL file.
type upserts struct {
	byRoot map[string][]schema.ConflictTarget
}

// of returns the conflict targets of the module that holds dir, scanning
// it on first use; none outside a module.
func (u *upserts) of(dir string) []schema.ConflictTarget {
	root := load.ModuleRoot(dir)
	if root == "" {
		return nil
	}
	if t, ok := u.byRoot[root]; ok {
		return t
	}
	if u.byRoot == nil {
		u.byRoot = map[string][]schema.ConflictTarget{}
	}
	t := keyuse.Scan(root)
	u.byRoot[root] = t
	return t
}

// forget drops the scans the changed paths can make stale: a Go or SQL
// file (a query file names conflicts too) of a module, or go.mod. No path
// forgets every scan (a save: the editor may have written other files).
func (u *upserts) forget(paths ...string) {
	if len(paths) == 0 {
		u.byRoot = nil
		return
	}
	for _, p := range paths {
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".go" && ext != ".sql" && filepath.Base(p) != "go.mod" {
			continue
		}
		for root := range u.byRoot {
			if strings.HasPrefix(filepath.Clean(p), root+string(filepath.Separator)) {
				delete(u.byRoot, root)
			}
		}
	}
}
