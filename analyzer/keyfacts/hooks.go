package keyfacts

import (
	"fmt"
	"sort"
	"strings"

	"github.com/idemlint/idemlint/analyzer/rowwrite"
)

// A ModelHooks is the fact on an exported model type whose package
// declares its insert hooks (bun's BeforeAppendModel and BeforeInsert,
// GORM's BeforeCreate and BeforeSave): what that package read of them
// (rowwrite.HookFills). A package that inserts the type sees its hooks'
// bodies nowhere else: lndhub's models.Invoice, inserted by package
// service, declares its BeforeAppendModel in package models.
type ModelHooks struct {
	Bun, GORM *HookRead
}

// A HookRead is what the hooks of one library fill on every insert:
// Fills maps the field's index path from the type ("2", "0.1") to what
// fills it, for messages, and whether only where it is nil or invalid;
// with OK false, Why says what is not read.
type HookRead struct {
	Fills map[string]rowwrite.HookFill
	Why   string
	OK    bool
}

func (*ModelHooks) AFact() {}

func (f *ModelHooks) String() string {
	var parts []string
	for _, r := range []struct {
		lib string
		h   *HookRead
	}{{"bun", f.Bun}, {"GORM", f.GORM}} {
		if r.h == nil {
			continue
		}
		switch {
		case !r.h.OK:
			parts = append(parts, fmt.Sprintf("%s hooks not read: %s", r.lib, r.h.Why))
		case len(r.h.Fills) == 0:
			parts = append(parts, fmt.Sprintf("%s hooks fill nothing", r.lib))
		default:
			var paths []string
			for p, fill := range r.h.Fills {
				if fill.NullOnly {
					p += " (where nil or invalid)"
				}
				paths = append(paths, p)
			}
			sort.Strings(paths)
			parts = append(parts, fmt.Sprintf("%s hooks fill fields %s", r.lib, strings.Join(paths, ", ")))
		}
	}
	return strings.Join(parts, "; ")
}
