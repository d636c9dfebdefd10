// Package ginecho takes keys from gin's and echo's request APIs, each a
// source of "" when the client (or a middleware) gave none: gin's
// GetHeader and GetString (a value a middleware may not have set),
// echo's c.Request().Header.Get, echo's BindHeaders, and echo's Bind,
// which binds no headers at all, so a field tagged only header:"…" is
// never the header. Each beside the same key checked.
package ginecho

import (
	"database/sql"
	_ "embed"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

//go:embed schema.sql
var schema string

const insertPayment = `INSERT INTO payments (account_id, idempotency_key) VALUES ($1, $2)`

type Handler struct{ db *sql.DB }

// GinContextKey takes the key a middleware stored in the context.
func (h *Handler) GinContextKey(c *gin.Context) {
	key := c.GetString("idempotency_key")
	h.db.ExecContext(c, insertPayment, c.Param("account"), key) // want `IDEM202: idempotency key payments.idempotency_key can be empty here: empty when the "idempotency_key" context value was not set`
}

func (h *Handler) GinContextKeyChecked(c *gin.Context) {
	key := c.GetString("idempotency_key")
	if key == "" {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	h.db.ExecContext(c, insertPayment, c.Param("account"), key)
}

func (h *Handler) GinHeader(c *gin.Context) {
	h.db.ExecContext(c, insertPayment, c.Param("account"), c.GetHeader("Idempotency-Key")) // want `IDEM202: .*empty when the Idempotency-Key header is absent`
}

func (h *Handler) GinHeaderChecked(c *gin.Context) {
	key := c.GetHeader("Idempotency-Key")
	if key == "" {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	h.db.ExecContext(c, insertPayment, c.Param("account"), key)
}

func (h *Handler) EchoHeader(c echo.Context) error {
	key := c.Request().Header.Get("Idempotency-Key")
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, c.Param("account"), key) // want `IDEM202: .*empty when the Idempotency-Key header is absent`
	return err
}

// EchoHeaderInline passes echo's header getter inline: the fix reads it
// into a variable first (c.Request() is an accessor, as r.URL.Query() is).
func (h *Handler) EchoHeaderInline(c echo.Context) error {
	if _, err := h.db.ExecContext(c.Request().Context(), insertPayment, c.Param("account"), c.Request().Header.Get("Idempotency-Key")); err != nil { // want `IDEM202: .*empty when the Idempotency-Key header is absent`
		return err
	}
	return nil
}

// EchoQueryInline reads the key from the query string inline.
func (h *Handler) EchoQueryInline(c echo.Context) error {
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, c.Param("account"), c.Request().URL.Query().Get("dedupe")) // want `IDEM202: .*empty when the "dedupe" query parameter is absent`
	return err
}

func (h *Handler) EchoHeaderChecked(c echo.Context) error {
	key := c.Request().Header.Get("Idempotency-Key")
	if key == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "Idempotency-Key header required")
	}
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, c.Param("account"), key)
	return err
}

type PayIn struct {
	Account string `json:"account"`
	Key     string `header:"Idempotency-Key"`
}

// EchoBindHeaders binds the header into the struct: "" when absent.
func (h *Handler) EchoBindHeaders(c echo.Context) error {
	var in PayIn
	if err := (&echo.DefaultBinder{}).BindHeaders(c, &in); err != nil {
		return err
	}
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, in.Account, in.Key) // want `IDEM202: .*empty when the headers have no Idempotency-Key, decoded at ginecho.go:\d+`
	return err
}

func (h *Handler) EchoBindHeadersChecked(c echo.Context) error {
	var in PayIn
	if err := (&echo.DefaultBinder{}).BindHeaders(c, &in); err != nil {
		return err
	}
	if in.Key == "" {
		return errors.New("Idempotency-Key header required")
	}
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, in.Account, in.Key)
	return err
}

// EchoBind expects c.Bind to fill Key from its header tag: it does not.
func (h *Handler) EchoBind(c echo.Context) error {
	var in PayIn
	if err := c.Bind(&in); err != nil {
		return err
	}
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, in.Account, in.Key) // want `IDEM202: .*empty: .*Bind binds no headers, so the Idempotency-Key header never reaches Key`
	return err
}

func (h *Handler) EchoBindChecked(c echo.Context) error {
	var in PayIn
	if err := c.Bind(&in); err != nil {
		return err
	}
	if in.Key == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "Idempotency-Key header required")
	}
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, in.Account, in.Key)
	return err
}

type BodyIn struct {
	Account string `json:"account"`
	Key     string `json:"idempotency_key"`
}

// EchoBindBody decodes the body into its second argument (BindBody(c,
// &in)): a key the body left out is "".
func (h *Handler) EchoBindBody(c echo.Context) error {
	var in BodyIn
	if err := (&echo.DefaultBinder{}).BindBody(c, &in); err != nil {
		return err
	}
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, in.Account, in.Key) // want `IDEM202: .*empty when the request body has no idempotency_key, decoded at ginecho.go:\d+`
	return err
}

func (h *Handler) EchoBindBodyChecked(c echo.Context) error {
	var in BodyIn
	if err := (&echo.DefaultBinder{}).BindBody(c, &in); err != nil {
		return err
	}
	if in.Key == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "idempotency_key required")
	}
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, in.Account, in.Key)
	return err
}

type QueryIn struct {
	Account string `param:"account"`
	Key     string `query:"key"`
}

// EchoBindQuery binds the query and the path: the key query parameter
// may be absent.
func (h *Handler) EchoBindQuery(c echo.Context) error {
	var in QueryIn
	b := &echo.DefaultBinder{}
	if err := b.BindPathParams(c, &in); err != nil {
		return err
	}
	if err := b.BindQueryParams(c, &in); err != nil {
		return err
	}
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, in.Account, in.Key) // want `IDEM202: .*empty when the query has no key, decoded at ginecho.go:\d+`
	return err
}

func (h *Handler) EchoBindQueryChecked(c echo.Context) error {
	var in QueryIn
	if err := (&echo.DefaultBinder{}).BindQueryParams(c, &in); err != nil {
		return err
	}
	if in.Key == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "key required")
	}
	_, err := h.db.ExecContext(c.Request().Context(), insertPayment, in.Account, in.Key)
	return err
}
