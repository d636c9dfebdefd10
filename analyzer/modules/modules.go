package modules

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/idemlint/idemlint/analyzer/keyuse"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/vetshare"
	"github.com/idemlint/idemlint/schema"
	"github.com/idemlint/idemlint/schema/load"
)

// A Cache is what one run knows per module root, computed once however
// many of the module's packages ask: the resolved options, the schemas
// inserting packages check against, and the -schema owner's directory.
// It is safe for concurrent use (drivers analyse packages in parallel).
type Cache struct {
	opts *config.Options

	mu       sync.Mutex
	settings map[string]settingsOrErr   // by module root
	models   map[string][]*schema.Model // by module root
	owners   map[string]string          // by module root
	uses     map[string][]schema.ConflictTarget
	methods  map[string]Methods // by module root (receivers.go)
}

type settingsOrErr struct {
	s   config.Settings
	err error
}

// NewCache returns an empty cache for a run configured by opts.
func NewCache(opts *config.Options) *Cache {
	return &Cache{opts: opts, settings: map[string]settingsOrErr{}, models: map[string][]*schema.Model{}, owners: map[string]string{}}
}

// Settings resolves the options for the module at root, once.
func (c *Cache) Settings(root string) (config.Settings, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	se, ok := c.settings[root]
	if !ok {
		se.s, se.err = c.opts.Resolve(root)
		c.settings[root] = se
	}
	return se.s, se.err
}

// Models returns the models of the module at root that packages inserting
// without an embedded schema check against: the -schema files, else every
// schema load.Module finds (through the go vet run's shared walk when
// vetWorkDir, its scratch folder, is set; see internal/vetshare). They are
// read once per run, however many packages insert.
func (c *Cache) Models(root string, s config.Settings, vetWorkDir string) []*schema.Model {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.models[root]; ok {
		return m
	}
	var m []*schema.Model
	if len(s.SchemaPaths) > 0 {
		m = load.Check(s.SchemaPaths, s.Load).Models
	} else {
		sources, err := vetshare.FindSchemas(vetWorkDir, root)
		// Unchecked: the findings are the schema owner's to report
		// (checkModuleSchemas); the Go side needs the tables alone.
		m = load.SourceModels(root, sources, err, s.Load.Options)
	}
	c.models[root] = m
	return m
}

// Conflicts returns the ON CONFLICT targets the code of the module at
// root uses (keyuse.Scan), read once per run (through the go vet run's
// shared walk when vetWorkDir is set): a column of one is a key.
func (c *Cache) Conflicts(root, vetWorkDir string) []schema.ConflictTarget {
	if root == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.uses == nil {
		c.uses = map[string][]schema.ConflictTarget{}
	}
	t, ok := c.uses[root]
	if !ok {
		t, _ = vetshare.Once(vetWorkDir, "conflicts-v2", root, func() ([]schema.ConflictTarget, error) { return keyuse.Scan(root), nil })
		c.uses[root] = t
	}
	return t
}

// SchemaOwner returns the directory of the package that owns the -schema
// files of the module at root (FirstPackageDir), walked once per run.
func (c *Cache) SchemaOwner(root string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	dir, ok := c.owners[root]
	if !ok {
		dir = FirstPackageDir(root)
		c.owners[root] = dir
	}
	return dir
}

// FirstPackageDir returns the module root when it holds a non-test Go file,
// else the first directory below it, in lexical walk order, that does. Every process computes the
// same answer, which is what lets one package own -schema findings without
// any shared state.
func FirstPackageDir(root string) string {
	if entries, err := os.ReadDir(root); err == nil {
		for _, e := range entries {
			if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
				return root
			}
		}
	}
	var found string
	WalkGoFiles(root, func(p string) bool {
		if strings.HasSuffix(p, "_test.go") {
			return true
		}
		found = filepath.Dir(p)
		return false
	})
	return found
}

// WalkGoFiles calls visit for every Go file of the module at root,
// in lexical order, skipping what the go command skips (testdata, vendor,
// folders starting with . or _, nested modules), until visit returns
// false.
func WalkGoFiles(root string, visit func(path string) bool) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			if p != root {
				if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
					return filepath.SkipDir // a nested module
				}
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !visit(p) {
			return fs.SkipAll
		}
		return nil
	})
}
