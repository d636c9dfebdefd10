package lsp

import (
	"encoding/json"
	"slices"

	"github.com/idemlint/idemlint/internal/output"
)

// codeAction offers the fixes of the diagnostics published for the
// document that overlap the requested range, first fix preferred (the one
// -fix applies). A fix that creates a file is offered only to a client
// that can create one.
func (s *server) codeAction(params json.RawMessage) (any, *rpcError) {
	var p codeActionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	actions := []CodeAction{}
	if len(p.Context.Only) > 0 && !slices.Contains(p.Context.Only, quickFix) {
		return actions, nil
	}
	src := newSources(s.docs, s.uriOf)
	for _, e := range s.diags[p.TextDocument.URI] {
		if !overlaps(e.lsp.Range, p.Range) {
			continue
		}
		offered := 0
		for _, fix := range e.out.Fixes {
			edit, ok := s.workspaceEdit(src, fix)
			if !ok {
				continue
			}
			actions = append(actions, CodeAction{Title: fix.Message, Kind: quickFix,
				Diagnostics: []Diagnostic{e.lsp}, IsPreferred: offered == 0, Edit: edit})
			offered++
		}
	}
	return actions, nil
}

// workspaceEdit spells fix as a WorkspaceEdit: in-place edits as Changes,
// or, when the fix creates files, DocumentChanges with each edited
// document's version, then a CreateFile and an insertion per new file.
// It reports false for a fix that creates files the client cannot.
func (s *server) workspaceEdit(src *sources, fix output.Fix) (*WorkspaceEdit, bool) {
	byURI := map[string][]TextEdit{}
	var order []string // URIs in first-edit order
	var creates []output.Edit
	for _, e := range fix.Edits {
		if e.Create {
			creates = append(creates, e)
			continue
		}
		uri := s.uriOf(e.Path)
		if _, ok := byURI[uri]; !ok {
			order = append(order, uri)
		}
		r := Range{Start: src.position(e.Path, e.Start), End: src.position(e.Path, e.End)}
		byURI[uri] = append(byURI[uri], TextEdit{Range: r, NewText: e.New})
	}
	if len(creates) == 0 {
		return &WorkspaceEdit{Changes: byURI}, true
	}
	if !s.canCreate {
		return nil, false
	}
	we := &WorkspaceEdit{DocumentChanges: []any{}}
	for _, uri := range order {
		id := VersionedTextDocumentIdentifier{URI: uri}
		if d := s.docs[uri]; d != nil {
			v := d.version
			id.Version = &v
		}
		we.DocumentChanges = append(we.DocumentChanges, TextDocumentEdit{TextDocument: id, Edits: byURI[uri]})
	}
	for _, c := range creates {
		uri := pathURI(c.Path)
		// No overwrite option: a file that appeared since the check is the
		// user's, not the fix's.
		we.DocumentChanges = append(we.DocumentChanges,
			CreateFile{Kind: "create", URI: uri},
			TextDocumentEdit{TextDocument: VersionedTextDocumentIdentifier{URI: uri},
				Edits: []TextEdit{{NewText: c.New}}})
	}
	return we, true
}

// overlaps reports whether two ranges share a position (touching counts,
// so a cursor at either end of a diagnostic finds it).
func overlaps(a, b Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(p, q Position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Character < q.Character
}
