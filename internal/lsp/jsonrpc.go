package lsp

import (
	"bufio"
	"bytes"
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

	// typed are the params, already decoded (see parseMessage), with
	// the error that decoding them met; Params is then nil.
	typed    any
	typedErr error
}

// parseMessage decodes a message's body as json.Unmarshal would, with one
// shortcut: the params of the methods that carry a whole document (see
// textParams) are decoded into their type as the body is read, instead of
// kept as raw JSON that dispatch decodes again. On a 0.5 MB buffer each
// pass of encoding/json costs about a millisecond per keystroke, and
// Unmarshal makes two per decode (it validates first). Anything unusual
// (keys not spelt as the protocol spells them, a syntax error, data after
// the object) is left to json.Unmarshal, so errors read as they did.
func parseMessage(body []byte) (message, error) {
	if m, ok := parseCommon(body); ok {
		return m, nil
	}
	var m message
	err := json.Unmarshal(body, &m)
	return m, err
}

// textParams returns a new value of the params type of method when its
// params carry a document's text, else nil.
func textParams(method string) any {
	switch method {
	case "textDocument/didOpen":
		return new(didOpenParams)
	case "textDocument/didChange":
		return new(didChangeParams)
	case "textDocument/didSave":
		return new(didSaveParams)
	}
	return nil
}

// parseCommon is parseMessage's shortcut, for a message spelt as clients
// spell them; ok is false when json.Unmarshal must decide.
func parseCommon(body []byte) (m message, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return m, false
	}
	typedFor := ""
	for dec.More() {
		t, err := dec.Token()
		key, isKey := t.(string)
		if err != nil || !isKey {
			return m, false
		}
		switch key {
		case "jsonrpc":
			err = dec.Decode(&m.JSONRPC)
		case "id":
			err = dec.Decode(&m.ID)
		case "method":
			err = dec.Decode(&m.Method)
		case "result":
			err = dec.Decode(&m.Result)
		case "error":
			err = dec.Decode(&m.Error)
		case "params":
			m.Params, m.typed, m.typedErr, typedFor = nil, nil, nil, ""
			if v := textParams(m.Method); v != nil {
				m.typedErr = dec.Decode(v)
				var typeErr *json.UnmarshalTypeError
				if m.typedErr != nil && !errors.As(m.typedErr, &typeErr) {
					return m, false // a syntax error: Unmarshal says it
				}
				m.typed, typedFor = v, m.Method
				continue
			}
			err = dec.Decode(&m.Params)
		default:
			return m, false
		}
		if err != nil {
			return m, false
		}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return m, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return m, false // data after the object
	}
	if m.typed != nil && typedFor != m.Method {
		return m, false // the method was given again, after the params
	}
	return m, true
}

// paramsOf returns m's params as a *T: the value parseMessage decoded, or
// the raw params decoded now.
func paramsOf[T any](m *message) (*T, *rpcError) {
	if p, ok := m.typed.(*T); ok {
		if m.typedErr != nil {
			return nil, &rpcError{Code: codeInvalidParams, Message: "invalid params: " + m.typedErr.Error()}
		}
		return p, nil
	}
	p := new(T)
	if err := decode(m.Params, p); err != nil {
		return nil, err
	}
	return p, nil
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
	n, err := strconv.ParseInt(strings.TrimSpace(length), 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%w: Content-Length %q", errFraming, length)
	}
	if n > maxMessage {
		return nil, c.skipBody(n)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(c.r, body); err != nil {
		return nil, fmt.Errorf("%w: body of %d bytes: %v", errFraming, n, err)
	}
	return body, nil
}

// A tooLarge is a message whose body is over maxMessage. The body was
// read past, not kept, so the stream is still in step; id is the
// request's ID when the start of the body names one, else nil.
type tooLarge struct {
	size int64
	id   json.RawMessage
}

func (e *tooLarge) Error() string {
	return fmt.Sprintf("message of %d bytes is over the server's limit of %d bytes (%d MiB) and was not read", e.size, maxMessage, maxMessage>>20)
}

// skipBody reads past a body of n bytes that is over the limit, keeping
// only its start to find the request's ID.
func (c *conn) skipBody(n int64) error {
	head := make([]byte, 4<<10)
	k, err := io.ReadFull(c.r, head)
	if err == nil {
		_, err = io.CopyN(io.Discard, c.r, n-int64(k))
	}
	if err != nil {
		return fmt.Errorf("%w: body of %d bytes: %v", errFraming, n, err)
	}
	return &tooLarge{size: n, id: topLevelID(head[:k])}
}

// topLevelID returns the value of the "id" member of the JSON object that
// starts with head, when head holds it; nil otherwise.
func topLevelID(head []byte) json.RawMessage {
	dec := json.NewDecoder(bytes.NewReader(head))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for {
		key, err := dec.Token()
		if err != nil || key == json.Delim('}') {
			return nil
		}
		if key == "id" {
			var id json.RawMessage
			if dec.Decode(&id) != nil {
				return nil
			}
			return id
		}
		if skipValue(dec) != nil {
			return nil
		}
	}
}

// skipValue reads past one JSON value, token by token.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
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

// write sends one message. Its Params and Result must be JSON as
// json.Marshal writes it (notify and reply make them so): they go into
// the body as they are, where marshalling the message would compact them
// again, one more pass over a document's whole text.
func (c *conn) write(m *message) error {
	head, err := json.Marshal(&message{JSONRPC: "2.0", ID: m.ID, Method: m.Method, Error: m.Error})
	if err != nil {
		return err
	}
	body := make([]byte, 0, len(head)+len(m.Params)+len(m.Result)+len(`,"params":,"result":`))
	body = append(body, head[:len(head)-1]...) // without its closing brace
	if len(m.Params) > 0 {
		body = append(append(body, `,"params":`...), m.Params...)
	}
	if len(m.Result) > 0 {
		body = append(append(body, `,"result":`...), m.Result...)
	}
	body = append(body, '}')
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

// request sends a request the server makes of the client; its response is
// read as any message and not waited for.
func (c *conn) request(id int, method string, params any) error {
	b, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return c.write(&message{ID: json.RawMessage(strconv.Itoa(id)), Method: method, Params: b})
}
