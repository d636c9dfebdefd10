package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/output"
	"github.com/idemlint/idemlint/schema/load"
)

// Options configure a server.
type Options struct {
	// Check are the settings every check uses (-key, -dialect, -checks,
	// -uncovered); the language server has no -schema.
	Check config.Options
	// Version is reported as serverInfo.version.
	Version string
	// Log receives one line per problem the client should not see as a
	// protocol error (a document that cannot be checked); nil discards.
	Log io.Writer
}

// A configured is the settings resolved with one configuration file.
type configured struct {
	modTime  time.Time
	size     int64
	settings config.Settings
	err      error
}

// settingsFor returns the settings for a document in dir: the flags over
// the .idemlint.yaml that governs dir (config.Find), as every driver
// finds it. A file idemlint cannot use is logged and the flags alone are
// used.
func (s *server) settingsFor(dir string) config.Settings {
	path := config.Find(dir)
	if path == "" {
		return s.settings
	}
	info, err := os.Stat(path)
	if err != nil {
		return s.settings
	}
	c, ok := s.configs[path]
	if !ok || !c.modTime.Equal(info.ModTime()) || c.size != info.Size() {
		c = configured{modTime: info.ModTime(), size: info.Size()}
		c.settings, c.err = s.opts.Check.Resolve(dir)
		s.configs[path] = c
		if c.err != nil && s.opts.Log != nil {
			fmt.Fprintf(s.opts.Log, "idemlint lsp: %v (using the flags alone)\n", c.err)
		}
	}
	if c.err != nil {
		return s.settings
	}
	return c.settings
}

// How often the cache compares the stamps of every file of a migration
// history (1,800 stats for trigger.dev's 900 migrations, a third of a
// keystroke's budget); in between a keystroke stats the history's folder
// alone, which tells a migration added or removed. A file changed in
// place (a git checkout) is seen at the next comparison, or at once when
// the client's watcher reports it or a document is saved.
const (
	revalidate        = time.Second      // the client watches no files: once per burst of typing
	revalidateWatched = 30 * time.Second // the watcher tells; this is for what it misses
)

// ErrNoShutdown is Serve's error when the client sent exit without
// shutdown first (LSP's exit code 1).
var ErrNoShutdown = errors.New("lsp: exit without shutdown")

// A document is an open editor buffer.
type document struct {
	uri, path string
	version   int
	text      []byte
}

// A server is one client's session.
type server struct {
	conn     *conn
	opts     Options
	settings config.Settings // the flags alone, for documents outside any configured module
	// configs are the settings for each configuration file, with the
	// file's state when it was read: an edited file is read again.
	configs map[string]configured

	initialized, shuttingDown bool
	canCreate                 bool // the client applies CreateFile operations
	// watch says the client reports changes of files on disk
	// (workspace/didChangeWatchedFiles): the cache then compares its
	// folders' stamps less often, see revalidate.
	watch bool

	docs map[string]*document // by URI
	// cache keeps the migration histories read and replayed by earlier
	// checks: a keystroke re-reads only what it can change.
	cache *load.Cache
	// upserts are the keys each module's code upserts on, which decide
	// the fixes offered (see upserts.go).
	upserts upserts
	// diags are the diagnostics last published per URI, with the
	// neutral diagnostics they came from, for code actions; owner is the
	// document whose check published them.
	diags map[string][]published
	owner map[string]string
}

// published pairs a published diagnostic with idemlint's.
type published struct {
	lsp Diagnostic
	out output.Diagnostic
}

// Serve runs a language server on in and out until the client sends exit
// or closes in. It returns nil after shutdown and exit.
func Serve(in io.Reader, out io.Writer, opts Options) error {
	settings, err := opts.Check.Resolve("")
	if err != nil {
		return err
	}
	s := &server{conn: newConn(in, out), opts: opts, settings: settings, configs: map[string]configured{},
		docs: map[string]*document{}, cache: load.NewCache(), diags: map[string][]published{}, owner: map[string]string{}}
	s.cache.Revalidate(revalidate)
	for {
		body, err := s.conn.read()
		var big *tooLarge
		if errors.As(err, &big) {
			if werr := s.refuse(big); werr != nil {
				return werr
			}
			continue
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF // the client went away without exit
			}
			return err
		}
		m, err := parseMessage(body)
		if err != nil {
			if werr := s.conn.reply(nil, nil, &rpcError{Code: codeParseError, Message: "parse error: " + err.Error()}); werr != nil {
				return werr
			}
			continue
		}
		if m.Method == "exit" {
			if !s.shuttingDown {
				return ErrNoShutdown
			}
			return nil
		}
		if err := s.handle(&m); err != nil {
			return err
		}
	}
}

// handle answers one message. Its error is a broken connection; protocol
// errors go to the client.
func (s *server) handle(m *message) error {
	if m.Method == "" {
		return nil // a response to a request the server never sends
	}
	result, rerr := s.dispatch(m)
	if !m.isRequest() {
		if rerr != nil {
			s.logf("%s: %s", m.Method, rerr.Message)
		}
		return nil
	}
	return s.conn.reply(m.ID, result, rerr)
}

func (s *server) dispatch(m *message) (any, *rpcError) {
	switch {
	case m.Method == "initialize":
		return s.initialize(m.Params)
	case !s.initialized:
		return nil, &rpcError{Code: codeServerNotInitialized, Message: "initialize first"}
	case s.shuttingDown:
		return nil, &rpcError{Code: codeInvalidRequest, Message: "shutting down"}
	}
	switch m.Method {
	case "initialized":
		if s.watch {
			if err := s.conn.request(1, "client/registerCapability", watchedFiles()); err != nil {
				s.logf("registering a file watcher: %v", err)
			}
		}
		return nil, nil
	case "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
		return nil, nil
	case "workspace/didChangeWatchedFiles":
		return nil, s.didChangeWatchedFiles(m.Params)
	case "shutdown":
		s.shuttingDown = true
		return nil, nil
	case "textDocument/didOpen":
		return nil, s.didOpen(m)
	case "textDocument/didChange":
		return nil, s.didChange(m)
	case "textDocument/didSave":
		return nil, s.didSave(m)
	case "textDocument/didClose":
		return nil, s.didClose(m.Params)
	case "textDocument/codeAction":
		return s.codeAction(m.Params)
	}
	return nil, &rpcError{Code: codeMethodNotFound, Message: "method not supported: " + m.Method}
}

func (s *server) initialize(params json.RawMessage) (any, *rpcError) {
	if s.initialized {
		return nil, &rpcError{Code: codeInvalidRequest, Message: "initialize sent twice"}
	}
	var p initializeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	we := p.Capabilities.Workspace.WorkspaceEdit
	s.canCreate = we.DocumentChanges && slices.Contains(we.ResourceOperations, "create")
	s.watch = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	if s.watch {
		s.cache.Revalidate(revalidateWatched)
	}
	s.initialized = true
	return serverCapabilities(s.opts.Version), nil
}

func (s *server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "idemlint lsp: "+format+"\n", args...)
	}
}

// refuse answers a message over the size limit: an error response when it
// was a request whose ID could be read, else a message for the user, since
// a notification (a buffer's new text) has no response to carry it.
func (s *server) refuse(big *tooLarge) error {
	s.logf("%v", big)
	if big.id != nil {
		return s.conn.reply(big.id, nil, &rpcError{Code: codeInvalidRequest, Message: big.Error()})
	}
	return s.conn.notify("window/showMessage", ShowMessageParams{Type: messageError, Message: "idemlint: " + big.Error()})
}
