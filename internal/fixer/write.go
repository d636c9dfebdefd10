package fixer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Write writes every changed file of the plan and records in p.Written the
// files it wrote. A file that changed since Prepare read it is left alone
// with an ErrChanged. For every file it could not write, the fixes editing
// it are marked not applied in p.Applied (a fix that also edits another
// file may have been written there: the error says which file failed). It
// returns the errors of the files it could not write.
func (p *Plan) Write() error {
	p.Written = p.Written[:0]
	var errs []error
	for _, c := range p.Files {
		var err error
		if c.Created {
			err = CreateFile(c.Path, c.New)
		} else {
			err = replaceFile(c.Path, c.New, &c.Old)
		}
		if err != nil {
			errs = append(errs, err)
			for _, i := range c.Fixes {
				p.Applied[i] = false
			}
			continue
		}
		p.Written = append(p.Written, c.Path)
	}
	return errors.Join(errs...)
}

// hooks for tests to inject failures.
var (
	createTemp   = os.CreateTemp
	writeTemp    = func(f *os.File, b []byte) (int, error) { return f.Write(b) }
	writeInPlace = func(f *os.File, b []byte) (int, error) { return f.WriteAt(b, 0) }
	// beforeCommit runs after the new content is ready and just before
	// the final check that the file is unchanged.
	beforeCommit = func(path string) {}
)

// CreateFile creates the file at path with data atomically, creating its
// directory if needed. It fails if the file exists, even when another
// process creates it meanwhile.
func CreateFile(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := createTemp(dir, "."+base+".idemlint-*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		f.Close()
		os.Remove(tmp) // after a successful link, the name is redundant
		if err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
	}()
	if _, err = writeTemp(f, data); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	// A hard link never replaces an existing file.
	if err = os.Link(tmp, path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return err
		}
		// File systems without hard links: check, then rename.
		if _, serr := os.Lstat(path); serr == nil {
			return os.ErrExist
		}
		if err = os.Rename(tmp, path); err != nil {
			return err
		}
	}
	syncDir(dir)
	return nil
}

// WriteFile replaces the content of the file at path with data, keeping
// its owner, group, mode and hard links (see the package documentation for
// when it writes in place rather than renaming a temporary file over it).
// A symbolic link is followed, so the link stays and its target changes.
// A file that does not exist is created with mode 0644. On failure the
// original is untouched and no temporary file is left.
func WriteFile(path string, data []byte) error {
	return replaceFile(path, data, nil)
}

// replaceFile is WriteFile that, when old is not nil, first checks that the
// file still holds *old, and fails with an ErrChanged if not.
func replaceFile(path string, data []byte, old *[]byte) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
	}()
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t
	}
	info, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist) && old != nil:
		return changedError{"deleted"}
	case errors.Is(err, fs.ErrNotExist):
		return writeAtomic(target, data, nil, nil)
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return errors.New("not a regular file")
	}
	if links(info) > 1 {
		return rewrite(target, data, old)
	}
	err = writeAtomic(target, data, info, old)
	if errors.Is(err, errOwner) {
		return rewrite(target, data, old)
	}
	return err
}

// errOwner says a new file cannot be given the original's owner or group.
var errOwner = errors.New("cannot give a new file the original's owner")

// writeAtomic writes data to a temporary file beside target, gives it the
// owner, group and mode of info (when not nil), syncs it and renames it
// over target, after checking that target still holds *old.
func writeAtomic(target string, data []byte, info fs.FileInfo, old *[]byte) (err error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	f, err := createTemp(dir, "."+base+".idemlint-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = writeTemp(f, data); err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if info != nil {
		if err = keepOwner(f, info); err != nil {
			return err
		}
		// After the chown, which clears the set-id bits.
		mode = info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	}
	if err = f.Chmod(mode); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	beforeCommit(target)
	if old != nil {
		cur, err := os.ReadFile(target)
		if err != nil {
			return err
		}
		if !bytes.Equal(cur, *old) {
			return changedError{}
		}
	}
	if err = os.Rename(tmp, target); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// rewrite writes data into target in place, keeping its inode (so every
// hard link, the owner and the mode). It reads the content through the
// descriptor it writes with, so the check against *old is on the very
// file written. It overwrites from the start and then truncates; if that
// fails, it writes the original content back.
func rewrite(target string, data []byte, old *[]byte) error {
	f, err := os.OpenFile(target, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	beforeCommit(target)
	cur, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	if old != nil && !bytes.Equal(cur, *old) {
		return changedError{}
	}
	werr := overwrite(f, data)
	if werr == nil {
		return f.Close()
	}
	// The original fits: it occupied this space before.
	if rerr := overwrite(f, cur); rerr != nil {
		return fmt.Errorf("%w; writing the original content back also failed: %v", werr, rerr)
	}
	return werr
}

func overwrite(f *os.File, data []byte) error {
	if _, err := writeInPlace(f, data); err != nil {
		return err
	}
	if err := f.Truncate(int64(len(data))); err != nil {
		return err
	}
	return f.Sync()
}

// syncDir makes a rename or link in dir durable; not every file system
// supports syncing a directory, so failures are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
