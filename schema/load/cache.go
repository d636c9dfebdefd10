package load

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/migrate"
)

// A Cache keeps the migration histories earlier loads read and replayed,
// for a caller that loads the same schemas again and again: the language
// server checks on every keystroke, and an edit to a schema.prisma must
// not cost the replay of its 820 unchanged migrations, nor an edit to one
// migration the reading of the 819 others. Pass one in Options.Cache; the
// zero Options (no cache) reads everything afresh.
//
// A folder's entry stays valid while the folder looks as it did when it
// was read: the same entries, each entry and each step file with the same
// kind, size and modification time. A file modified less than
// recentWindow before the folder was read is never trusted (file systems
// keep coarse modification times, so a second write within one tick would
// look the same): such a folder is read again each time until it settles.
// An editor's unsaved text (the overlay) is compared byte for byte.
//
// The replayed models the cache hands out are shared with later loads: a
// caller of Files or Check must not change a model it gets (mergePrisma
// copies the tables it changes instead). A Cache is safe for concurrent
// use.
type Cache struct {
	mu      sync.Mutex
	folders map[string]*cachedFolder
	now     func() time.Time // the clock that tells a recent file; tests replace it
}

// NewCache returns an empty Cache.
func NewCache() *Cache {
	return &Cache{folders: map[string]*cachedFolder{}, now: time.Now}
}

// recentWindow is how recently modified a file may be for its folder to be
// kept: beyond the coarsest modification-time tick of common file systems.
const recentWindow = 2 * time.Second

// A cachedFolder is one migration folder as read from disk.
type cachedFolder struct {
	listing, files []fileStamp      // the folder's entries, the steps' files below them
	paths          []string         // those step files
	h              *migrate.History // scanned and loaded; handed out, never changed
	// dialects are FileDialect of each step's text as read (see
	// engineSteps), found on first use.
	dialects []fileDialect
	// last is the most recent replay of the folder.
	last *cachedReplay
}

type fileDialect struct {
	d    schema.Dialect
	from string
}

// A fileStamp is what tells that a file or folder changed without reading
// it: its kind, size and modification time (a folder's changes when an
// entry is added, removed or renamed in it).
type fileStamp struct {
	name  string
	mode  fs.FileMode
	size  int64
	mtime int64
}

// A cachedReplay is a history replayed with one set of overlay texts as
// one decided dialect.
type cachedReplay struct {
	key     replayKey
	overlay map[string][]byte // the steps' overlay texts it was replayed with
	models  []*schema.Model   // replayHistory's result before any Prisma merge
	plans   []*migrationPlan  // the models' fix plans, reset at each hand-out
}

type replayKey struct {
	d, override schema.Dialect
	from        string
}

// history returns the migration history in dir, scanned (with the unsaved
// files, see migrate.ScanWith) and, from a cache, loaded. A history from a
// cache is shared: the caller must not change it (replayHistory works on a
// copy). Without a cache, or with unsaved files, it is ScanWith's.
func (c *Cache) history(dir string, unsaved []string) (*migrate.History, error) {
	if c == nil || len(unsaved) > 0 {
		return migrate.ScanWith(dir, unsaved)
	}
	c.mu.Lock()
	e := c.folders[dir]
	c.mu.Unlock()
	if e != nil {
		listing, files, _ := stampFolder(dir, e.paths, time.Time{})
		if slices.Equal(listing, e.listing) && slices.Equal(files, e.files) {
			return e.h, nil
		}
	}
	// Stamp first, read after: a file changed in between has a newer
	// stamp than the one kept, so the next load reads it again.
	before, _, _ := stampFolder(dir, nil, time.Time{})
	h, err := migrate.ScanWith(dir, nil)
	if err != nil {
		c.forget(dir)
		return nil, err
	}
	paths := stepFiles(h)
	listing, files, recent := stampFolder(dir, paths, c.now().Add(-recentWindow))
	h.Load()
	h.HasStep("") // builds the index now: a shared history is only read
	if recent || !slices.Equal(before, listing) {
		c.forget(dir) // still being written: read it again next time
		return h, nil
	}
	c.mu.Lock()
	c.folders[dir] = &cachedFolder{listing: listing, files: files, paths: paths, h: h}
	c.mu.Unlock()
	return h, nil
}

func (c *Cache) forget(dir string) {
	c.mu.Lock()
	delete(c.folders, dir)
	c.mu.Unlock()
}

// entry returns the cached folder whose history h is, or nil.
func (c *Cache) entry(h *migrate.History) *cachedFolder {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.folders[h.Dir]; e != nil && e.h == h {
		return e
	}
	return nil
}

// stepFiles are the steps' files that are not entries of the folder itself
// (Prisma Migrate's <version>_name/migration.sql): their own stamps tell
// when they are edited.
func stepFiles(h *migrate.History) []string {
	var out []string
	for _, s := range h.Steps {
		if filepath.Dir(s.Path) != filepath.Clean(h.Dir) {
			out = append(out, s.Path)
		}
	}
	return out
}

// stampFolder stamps the entries of dir (hidden ones left out, as Scan
// leaves them), following symbolic links, and the files at paths. It
// reports whether one was modified after recent (never, for a zero time).
// A folder that cannot be listed, or an entry that cannot be stat'ed,
// stamps as such: a change of that is a change too.
func stampFolder(dir string, paths []string, recent time.Time) (listing, files []fileStamp, isRecent bool) {
	stamp := func(name string, info fs.FileInfo, err error) fileStamp {
		if err != nil {
			return fileStamp{name: name, size: -1}
		}
		mt := info.ModTime()
		if !recent.IsZero() && mt.After(recent) {
			isRecent = true
		}
		return fileStamp{name: name, mode: info.Mode(), size: info.Size(), mtime: mt.UnixNano()}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		listing = []fileStamp{{name: dir, size: -1}}
	}
	for _, e := range entries {
		name := e.Name()
		if name != "" && name[0] == '.' {
			continue
		}
		var info fs.FileInfo
		if e.Type()&fs.ModeSymlink != 0 {
			info, err = os.Stat(filepath.Join(dir, name))
		} else {
			info, err = e.Info()
		}
		listing = append(listing, stamp(name, info, err))
	}
	files = make([]fileStamp, 0, len(paths))
	for _, p := range paths {
		info, err := os.Stat(p)
		files = append(files, stamp(p, info, err))
	}
	return listing, files, isRecent
}

// replayed returns h replayed (see replayEngines) with the overlay's texts
// for its steps, and how many of the models are replays (none when no
// engine of the history is modelled). With a cache that holds h, a replay
// with the same overlay texts and the same decided dialect is handed out
// again, and steps whose text is the one on disk keep the engine
// FileDialect found for them.
func (c *Cache) replayed(h *migrate.History, clues DialectClues, opts Options) ([]*schema.Model, int) {
	e := c.entry(h)
	if e == nil {
		if c != nil {
			h = h.Copy() // perhaps a history the cache handed out before
		}
		h.Load()
		opts.Overlay.apply(h)
		clues.Sniff = sniffHistory(h)
		d, from := DetectDialect(clues)
		models, plans := replayEngines(h, d, from, opts.Dialect, nil)
		return models, len(plans)
	}
	hc := h.Copy()
	overlay := map[string][]byte{}
	for path, src := range opts.Overlay {
		if hc.SetSource(path, src) {
			overlay[filepath.Clean(path)] = src
		}
	}
	clues.Sniff = sniffHistory(hc)
	d, from := DetectDialect(clues)
	key := replayKey{d: d, override: opts.Dialect, from: from}

	c.mu.Lock()
	defer c.mu.Unlock()
	if r := e.last; r != nil && r.key == key && sameTexts(r.overlay, overlay) {
		for _, p := range r.plans {
			p.reset()
		}
		return slices.Clone(r.models), len(r.plans)
	}
	if e.dialects == nil {
		e.dialects = make([]fileDialect, len(e.h.Steps))
		for i := range e.h.Steps {
			s := &e.h.Steps[i]
			e.dialects[i].d, e.dialects[i].from = FileDialect(s.Path, s.Src(), false)
		}
	}
	known := func(i int) (schema.Dialect, string, bool) {
		if _, edited := overlay[filepath.Clean(hc.Steps[i].Path)]; edited {
			return schema.DialectUnknown, "", false
		}
		return e.dialects[i].d, e.dialects[i].from, true
	}
	models, plans := replayEngines(hc, d, from, opts.Dialect, known)
	for _, m := range models {
		// Shared from now on: a caller's append must not write into the
		// kept arrays.
		m.Files, m.Tables, m.Errors = slices.Clip(m.Files), slices.Clip(m.Tables), slices.Clip(m.Errors)
		m.Notes, m.Drift = slices.Clip(m.Notes), slices.Clip(m.Drift)
	}
	kept := make(map[string][]byte, len(overlay))
	for p, src := range overlay {
		kept[p] = bytes.Clone(src) // the caller may reuse its buffers
	}
	e.last = &cachedReplay{key: key, overlay: kept, models: models, plans: plans}
	return slices.Clone(models), len(plans)
}

// sameTexts reports whether a and b hold the same texts for the same paths.
func sameTexts(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		bv, ok := b[k]
		if !ok || !bytes.Equal(a[k], bv) {
			return false
		}
	}
	return true
}
