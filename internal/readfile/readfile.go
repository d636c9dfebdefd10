package readfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/idemlint/idemlint/schema"
)

// ErrNotRegular is wrapped by the error for a path that is not a regular
// file.
var ErrNotRegular = errors.New("not a regular file")

// Regular reads the regular file at path, following symbolic links. Any
// other kind of file fails with an *fs.PathError wrapping ErrNotRegular,
// without being opened.
func Regular(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, explain(path, err)
	}
	if err := regular(path, info); err != nil {
		return nil, err
	}
	f, err := openNonblock(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err = f.Stat()
	if err != nil {
		return nil, err
	}
	if err := regular(path, info); err != nil {
		return nil, err
	}
	b := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew: let append pick the size
		}
	}
}

// IsRegular reports whether path is a regular file, following links.
func IsRegular(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

func regular(path string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, kind(info.Mode()))}
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}

// explain adds to a failed Stat that path is a symbolic link to nothing.
func explain(path string, err error) error {
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if target, lerr := os.Readlink(path); lerr == nil {
		return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("dangling symbolic link to %s", target)}
	}
	return err
}

// Error returns the IDEM001 parse error for a file that cannot be read,
// positioned at the file (no line): "cannot read: permission denied".
func Error(path string, err error) *schema.ParseError {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &schema.ParseError{Pos: schema.Position{Path: path}, Msg: "cannot read: " + err.Error()}
}
