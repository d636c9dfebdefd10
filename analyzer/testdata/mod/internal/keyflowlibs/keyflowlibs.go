// Package keyflowlibs imports the request, validation and key libraries
// whose real types analyzer/keyflow's unit tests type-check against (from
// go list -export in this module), so that this module requires them.
package keyflowlibs

import (
	_ "github.com/gin-gonic/gin"
	_ "github.com/go-chi/chi/v5"
	_ "github.com/go-chi/render"
	_ "github.com/go-playground/form/v4"
	_ "github.com/go-playground/validator/v10"
	_ "github.com/gofrs/uuid/v5"
	_ "github.com/google/uuid"
	_ "github.com/gorilla/schema"
	_ "github.com/jackc/pgx/v5/pgtype"
	_ "github.com/labstack/echo/v4"
	_ "github.com/oklog/ulid/v2"
	_ "github.com/rs/xid"
	_ "github.com/samber/lo"
	_ "github.com/segmentio/ksuid"
)
