package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// JSON-RPC error codes used here.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeServerNotInitialized = -32002
)

// maxMessage bounds one message's body: a schema buffer is far smaller,
// and a wrong Content-Length must not make the server allocate gigabytes.
const maxMessage = 64 << 20

// A message is a request (ID and Method), a notification (Method only)
// or a response (ID and Result or Error).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// isRequest reports whether m expects a response.
func (m *message) isRequest() bool { return len(m.ID) > 0 && m.Method != "" }

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

// A conn reads and writes Content-Length framed JSON-RPC messages.
type conn struct {
	r  *bufio.Reader
	mu sync.Mutex
	w  io.Writer
}

func newConn(r io.Reader, w io.Writer) *conn {
	return &conn{r: bufio.NewReader(r), w: w}
}

// errFraming is a header block the server cannot read past.
var errFraming = errors.New("lsp: bad message framing")

// maxHeader bounds one message's header block, which in practice is a
// Content-Length line and perhaps a Content-Type line.
const maxHeader = 4 << 10

// read returns the next message's body. io.EOF means the client closed
// the stream between messages.
//
// The header block is read by hand rather than with net/textproto: that
// package pulls in net, and with it cgo and a dynamically linked binary,
// which every go vet tool process would pay for at start-up.
func (c *conn) read() ([]byte, error) {
	length, seen, err := c.readHeader()
	if err != nil {
		if errors.Is(err, io.EOF) && !seen {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("%w: %v", errFraming, err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(length))
	if err != nil || n < 0 || n > maxMessage {
		return nil, fmt.Errorf("%w: Content-Length %q", errFraming, length)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(c.r, body); err != nil {
		return nil, fmt.Errorf("%w: body of %d bytes: %v", errFraming, n, err)
	}
	return body, nil
}

// readHeader reads header lines up to the empty line that ends them and
// returns the Content-Length value (names are case-insensitive, as in
// HTTP). seen reports whether any byte of a header was read, so that a
// stream closed between messages is told apart from a truncated one.
func (c *conn) readHeader() (length string, seen bool, err error) {
	size := 0
	for {
		line, err := c.r.ReadString('\n')
		size += len(line)
		seen = seen || line != ""
		if err != nil {
			if err == io.EOF && seen {
				err = io.ErrUnexpectedEOF
			}
			return "", seen, err
		}
		if size > maxHeader {
			return "", seen, fmt.Errorf("header block longer than %d bytes", maxHeader)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if length == "" {
				return "", seen, errors.New("no Content-Length header")
			}
			return length, seen, nil
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return "", seen, fmt.Errorf("malformed header line %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			length = value
		}
	}
}

// write sends one message.
func (c *conn) write(m *message) error {
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = c.w.Write(body)
	return err
}

// reply answers the request whose ID is id with result, or with err when
// it is not nil.
func (c *conn) reply(id json.RawMessage, result any, err *rpcError) error {
	m := &message{ID: id, Error: err}
	if id == nil {
		m.ID = json.RawMessage("null") // an unreadable request's ID is null
	}
	if err == nil {
		b, merr := json.Marshal(result)
		if merr != nil {
			return merr
		}
		m.Result = b
	}
	return c.write(m)
}

// notify sends a notification.
func (c *conn) notify(method string, params any) error {
	b, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return c.write(&message{Method: method, Params: b})
}
