package lsp

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/idemlint/idemlint/internal/output"
	"github.com/idemlint/idemlint/schema/load"
)

func (s *server) didOpen(m *message) *rpcError {
	p, err := paramsOf[didOpenParams](m)
	if err != nil {
		return err
	}
	path, err := uriPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	d := &document{uri: p.TextDocument.URI, path: path, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.docs[d.uri] = d
	return s.check(d)
}

func (s *server) didChange(m *message) *rpcError {
	p, err := paramsOf[didChangeParams](m)
	if err != nil {
		return err
	}
	d, rerr := s.doc(p.TextDocument.URI)
	if rerr != nil {
		return rerr
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			d.text = []byte(c.Text)
			continue
		}
		text, ok := applyChange(d.text, *c.Range, c.Text)
		if !ok {
			return &rpcError{Code: codeInvalidParams, Message: fmt.Sprintf("change range %+v ends before it starts", *c.Range)}
		}
		d.text = text
	}
	d.version = p.TextDocument.Version
	return s.check(d)
}

// applyChange returns text with the range r replaced by repl, in a new
// buffer: the old one may be held by the cache's models (their names are
// substrings of it), so it is never written to.
func applyChange(text []byte, r Range, repl string) ([]byte, bool) {
	start, end := positionOffset(text, r.Start), positionOffset(text, r.End)
	if end < start {
		return nil, false
	}
	out := make([]byte, 0, len(text)-(end-start)+len(repl))
	out = append(out, text[:start]...)
	out = append(out, repl...)
	return append(out, text[end:]...), true
}

func (s *server) didSave(m *message) *rpcError {
	p, err := paramsOf[didSaveParams](m)
	if err != nil {
		return err
	}
	d, rerr := s.doc(p.TextDocument.URI)
	if rerr != nil {
		return rerr
	}
	if p.Text != nil {
		d.text = []byte(*p.Text)
	}
	// Other files may have changed on disk too (a migration created by a
	// code action): check again, every file's stamp compared.
	s.cache.Invalidate()
	s.upserts.forget()
	return s.check(d)
}

// didChangeWatchedFiles hears of files changed on disk: the histories
// that hold them are read again, and every open document is checked again.
func (s *server) didChangeWatchedFiles(params json.RawMessage) *rpcError {
	var p didChangeWatchedFilesParams
	if err := decode(params, &p); err != nil {
		return err
	}
	var paths []string
	for _, c := range p.Changes {
		if path, err := uriPath(c.URI); err == nil {
			paths = append(paths, path)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	s.cache.Invalidate(paths...)
	s.upserts.forget(paths...)
	uris := make([]string, 0, len(s.docs))
	for uri := range s.docs {
		uris = append(uris, uri)
	}
	slices.Sort(uris)
	for _, uri := range uris {
		if err := s.check(s.docs[uri]); err != nil {
			return err
		}
	}
	return nil
}

func (s *server) didClose(params json.RawMessage) *rpcError {
	var p didCloseParams
	if err := decode(params, &p); err != nil {
		return err
	}
	if _, rerr := s.doc(p.TextDocument.URI); rerr != nil {
		return rerr
	}
	delete(s.docs, p.TextDocument.URI)
	// Closed files show no diagnostics: clear what this document published.
	for uri, owner := range s.owner {
		if owner == p.TextDocument.URI {
			s.publish(uri, nil, owner)
		}
	}
	return nil
}

func (s *server) doc(uri string) (*document, *rpcError) {
	d := s.docs[uri]
	if d == nil {
		return nil, &rpcError{Code: codeInvalidParams, Message: "document not open: " + uri}
	}
	return d, nil
}

// check runs idemlint on d, with every open document's text as an
// overlay, and publishes the diagnostics of every file the check reads.
func (s *server) check(d *document) *rpcError {
	if !load.IsSchemaFile(d.path) {
		return nil // not a file idemlint reads; nothing to say
	}
	cfg := s.settingsFor(filepath.Dir(d.path)).Load
	cfg.Checks.Keys.Conflicts = s.upserts.of(filepath.Dir(d.path))
	cfg.Overlay = load.Overlay{}
	cfg.Cache = s.cache
	for _, o := range s.docs {
		cfg.Overlay[o.path] = o.text
	}
	checked := load.Check(schemaPaths(d.path), cfg)
	var res output.Result
	for _, f := range checked.Findings {
		res.AddFinding(f)
	}
	res.Normalize()
	src := newSources(s.docs, s.uriOf)
	byURI := map[string][]published{d.uri: nil} // the document always gets an answer
	for _, m := range checked.Models {
		for _, f := range m.Files {
			byURI[s.uriOf(f.Path)] = nil
		}
	}
	for _, od := range res.Diagnostics {
		uri := s.uriOf(od.Pos.Path)
		byURI[uri] = append(byURI[uri], published{lsp: src.diagnostic(od), out: od})
	}
	for uri, list := range byURI {
		if len(list) > 0 || len(s.diags[uri]) > 0 || uri == d.uri {
			s.publish(uri, list, d.uri)
		}
	}
	// Files this document's last check reported in and this one did not
	// read (the document moved to another history) keep nothing stale.
	for uri, owner := range s.owner {
		if _, ok := byURI[uri]; !ok && owner == d.uri {
			s.publish(uri, nil, d.uri)
		}
	}
	return nil
}

// publish replaces uri's diagnostics.
func (s *server) publish(uri string, list []published, owner string) {
	s.diags[uri] = list
	if len(list) == 0 {
		delete(s.diags, uri)
		delete(s.owner, uri)
	} else {
		s.owner[uri] = owner
	}
	p := PublishDiagnosticsParams{URI: uri, Diagnostics: []Diagnostic{}}
	if d := s.docs[uri]; d != nil {
		v := d.version
		p.Version = &v
	}
	for _, e := range list {
		p.Diagnostics = append(p.Diagnostics, e.lsp)
	}
	if err := s.conn.notify("textDocument/publishDiagnostics", p); err != nil {
		s.logf("publishing diagnostics for %s: %v", uri, err)
	}
}

// schemaPaths are the files checked for the document at path: it and its
// siblings of the same kind, since a folder of schema files is one schema
// (a multi-file Prisma schema, a migration history, a folder of DDL), as
// `idemlint schema` reads a folder.
func schemaPaths(path string) []string {
	paths := []string{path}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return paths
	}
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range entries {
		p := filepath.Join(filepath.Dir(path), e.Name())
		if !e.IsDir() && strings.ToLower(filepath.Ext(p)) == ext && p != path {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	return paths
}

// uriPath returns the clean absolute path of a file URI.
func uriPath(uri string) (string, *rpcError) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || !filepath.IsAbs(filepath.FromSlash(u.Path)) {
		return "", &rpcError{Code: codeInvalidParams, Message: fmt.Sprintf("not a file URI: %q", uri)}
	}
	return filepath.Clean(filepath.FromSlash(u.Path)), nil
}

// uriOf is the URI of the file at path: the open document's own spelling
// when there is one (clients differ in what they percent-encode).
func (s *server) uriOf(path string) string {
	path = filepath.Clean(path)
	for _, d := range s.docs {
		if d.path == path {
			return d.uri
		}
	}
	return pathURI(path)
}

// pathURI is the file URI of an absolute path.
func pathURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
