package load

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
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
// Comparing stamps costs a stat of every entry and step file: 1,800 for a
// history of 900 Prisma migrations, more than a keystroke may cost. A
// caller told of changes on disk (the language server, by the editor's
// file watcher) calls Revalidate and Invalidate: between full comparisons
// a folder is then trusted while its own stamp is unchanged (an entry
// added, removed or renamed changes it: a new migration, a deleted one),
// and a file changed in place (a git checkout) is seen when Invalidate
// names it, or at the next full comparison.
//
// The replayed models the cache hands out are shared with later loads: a
// caller of Files or Check must not change a model it gets (mergePrisma
// copies the tables it changes instead). A Cache is safe for concurrent
// use.
type Cache struct {
	mu      sync.Mutex
	folders map[string]*cachedFolder
	now     func() time.Time // the clock that tells a recent file; tests replace it
	every   time.Duration    // see Revalidate; 0 compares every stamp on every load
}

// Revalidate makes the cache compare every stamp of a folder at most once
// per period: in between, a load stats only the folder itself. A file
// edited in place in between is read again only once Invalidate names it
// or the period has passed.
func (c *Cache) Revalidate(period time.Duration) {
	c.mu.Lock()
	c.every = period
	c.mu.Unlock()
}

// Invalidate says that the files or folders at paths changed on disk: the
// folders that hold them compare all their stamps on their next load. No
// path invalidates every folder.
func (c *Cache) Invalidate(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for dir, e := range c.folders {
		if len(paths) == 0 {
			e.checked = time.Time{}
		}
		for _, p := range paths {
			p = filepath.Clean(p)
			if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) || strings.HasPrefix(dir, p+string(filepath.Separator)) {
				e.checked = time.Time{}
			}
		}
	}
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
	// listing is the folder's own stamp, then its entries'; files are the
	// stamps of the steps' files below them.
	listing, files []fileStamp
	checked        time.Time        // when all the stamps were last compared; zero once invalidated
	paths          []string         // those step files
	h              *migrate.History // scanned and loaded; handed out, never changed
	// dialects are FileDialect of each step's text as read (see
	// engineSteps), found on first use.
	dialects []fileDialect
	// last is the most recent replay of the folder.
	last *cachedReplay
	// checkpoints are replays of the steps before the one an editor
	// changed, most recent first: one per engine and edited step, at most
	// maxCheckpoints. They are never applied to, only cloned.
	checkpoints []*migrate.Replay
}

// maxCheckpoints is how many replays of unedited steps a folder keeps: one
// per engine for a migration being edited, and one more for a switch
// between two open migrations of one history.
const maxCheckpoints = 3

// checkpoint returns the kept replay as d of the steps before at, or nil.
func (e *cachedFolder) checkpoint(d schema.Dialect, at int) *migrate.Replay {
	for _, r := range e.checkpoints {
		if r.Dialect() == d && r.Next() == at {
			return r
		}
	}
	return nil
}

// keep records r as a checkpoint, forgetting the oldest beyond
// maxCheckpoints.
func (e *cachedFolder) keep(r *migrate.Replay) {
	e.checkpoints = append([]*migrate.Replay{r}, e.checkpoints...)
	if len(e.checkpoints) > maxCheckpoints {
		e.checkpoints = e.checkpoints[:maxCheckpoints]
	}
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
	var checked time.Time
	if e != nil {
		checked = e.checked
	}
	every := c.every
	c.mu.Unlock()
	if e != nil {
		now := c.now()
		if every > 0 && !checked.IsZero() && now.Sub(checked) < every && stampOf(dir) == e.listing[0] {
			return e.h, nil
		}
		listing, files, _ := stampFolder(dir, e.paths, time.Time{})
		if slices.Equal(listing, e.listing) && slices.Equal(files, e.files) {
			c.mu.Lock()
			e.checked = now
			c.mu.Unlock()
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
	c.folders[dir] = &cachedFolder{listing: listing, files: files, checked: c.now(), paths: paths, h: h}
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

// stampOf stamps the folder dir itself, as the first of stampFolder's
// listing.
func stampOf(dir string) fileStamp {
	info, err := os.Stat(dir)
	if err != nil {
		return fileStamp{name: ".", size: -1}
	}
	return fileStamp{name: ".", mode: info.Mode(), size: info.Size(), mtime: info.ModTime().UnixNano()}
}

// stampFolder stamps dir itself, then its entries (hidden ones left out,
// as Scan leaves them), following symbolic links, and the files at paths. It
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
	self, err := os.Stat(dir)
	listing = []fileStamp{stamp(".", self, err)}
	entries, err := os.ReadDir(dir)
	if err != nil {
		listing = append(listing, fileStamp{name: dir, size: -1})
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
		models, plans := replayEngines(h, d, from, opts.Dialect, nil, nil)
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
	// Steps before the first edited one replay as on disk: each engine's
	// replay of them is kept, and only the steps from there on are read.
	at := len(hc.Steps)
	for i := range hc.Steps {
		if _, edited := overlay[filepath.Clean(hc.Steps[i].Path)]; edited {
			at = i
			break
		}
	}
	replay := func(h *migrate.History, d schema.Dialect) *schema.Model {
		r := e.checkpoint(d, at)
		if r == nil {
			r = h.StartReplay(d)
			r.To(at)
			e.keep(r.Clone(h))
		} else {
			r = r.Clone(h)
		}
		r.To(len(h.Steps))
		return r.Model()
	}
	models, plans := replayEngines(hc, d, from, opts.Dialect, known, replay)
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
