package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/versus-web/versus/internal/assets"
)

// routes lists every URL the site answers.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(s.logRequests)
	r.Use(s.recoverPanics)
	r.Use(securityHeaders)
	r.Use(middleware.RedirectSlashes)
	r.Use(middleware.GetHead)

	r.NotFound(s.handleNotFound)
	r.MethodNotAllowed(s.handleMethodNotAllowed)

	// Pages rendered once per catalog.
	r.Get("/", s.handleCachedPage)
	r.Get("/criteria", s.handleCachedPage)
	r.Get("/criteria/{slug}", s.handleCachedPage)
	r.Get("/articles", s.handleCachedPage)
	r.Get("/articles/{slug}", s.handleCachedPage)

	// Pages that depend on the query.
	r.With(middleware.Compress(5)).Get("/compare", s.handleCompare)
	r.With(middleware.Compress(5)).Get("/decide", s.handleDecide)
	r.With(middleware.Compress(5)).Get("/search", s.handleSearch)

	// Static files under content-hashed names, and the health check.
	r.Get(assets.Prefix+"*", s.handleAsset)
	r.Get("/healthz", s.handleHealth)

	// Live reload for authors: only in dev mode.
	if s.dev {
		r.Get("/_dev/events", s.handleDevEvents)
		r.Get("/_dev/reload.js", s.handleDevScript)
	}
	return r
}
