package server

import (
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/versus-web/versus/internal/assets"
	"github.com/versus-web/versus/internal/paths"
)

// assetRoute is the route pattern of every asset.
const assetRoute = assets.Prefix + "*"

// routes lists every URL the site answers: the pages of the registry (pages.go), then
// the few routes that are not pages.
func (s *Server) routes() chi.Router {
	r := chi.NewRouter()
	r.Use(s.observe)
	r.Use(s.recoverPanics)
	r.Use(s.securityHeaders)
	r.Use(s.untilLoaded)
	r.Use(middleware.RedirectSlashes)
	r.Use(middleware.GetHead)

	r.NotFound(s.handleNotFound)
	r.MethodNotAllowed(s.handleMethodNotAllowed)

	for i := range pageKinds {
		kind := &pageKinds[i]
		switch {
		case kind.pattern == "": // error pages have no URL
		case kind.query != nil:
			r.With(s.kindHeaders(kind)).Get(kind.pattern, s.handleQueryPage(kind))
		default:
			r.With(s.kindHeaders(kind)).Get(kind.pattern, s.handleCachedPage)
		}
	}

	// Static files under content-hashed names, and the health checks.
	r.Get(assetRoute, s.handleAsset)
	r.Get(paths.Health, s.handleHealth)
	r.Get(paths.Ready, s.handleReady)

	// Live reload for authors: only in dev mode.
	if s.dev {
		r.Get(paths.DevEvents, s.handleDevEvents)
		r.Get(paths.DevScript, s.handleDevScript)
	}
	return r
}
