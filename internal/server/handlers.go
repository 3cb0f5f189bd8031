package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/buildinfo"
	"github.com/versus-web/versus/internal/cached"
	"github.com/versus-web/versus/internal/paths"
)

// handleCachedPage serves a kind's pages as rendered for the catalog.
func (s *Server) handleCachedPage(w http.ResponseWriter, r *http.Request) {
	st := s.current.Load()
	page, ok := st.pages[r.URL.Path]
	if !ok {
		s.handleNotFound(w, r)
		return
	}
	res, err := page.response()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	res.Serve(w, r, http.StatusOK)
}

// handleQueryPage serves a kind of page that depends on its query: from the cache when
// there is no query; otherwise from the site's cache of views by the query's canonical
// form, or rendered (within the limit on such renders) and, when the view has a
// canonical form, kept for the next reader. Readers who ask for a view while it is being
// rendered wait for that render rather than start their own: a link shared to many
// people is rendered once, not refused to all but the first few. Every view is
// compressed at a fast level on first use, as every cached response is.
func (s *Server) handleQueryPage(kind *pageKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st := s.current.Load()
		if r.URL.RawQuery == "" {
			s.handleCachedPage(w, r)
			return
		}
		q := r.URL.Query()
		key, cacheable := st.queries.key(st, kind, q)
		var res *cached.Response
		var err error
		if cacheable {
			res, err = st.queries.view(key, func() (*cached.Response, error) {
				// Shared by every reader waiting for it, so not cut short by the first.
				return s.renderQuery(context.WithoutCancel(r.Context()), st, kind, q)
			})
		} else {
			res, err = s.renderQuery(r.Context(), st, kind, q)
		}
		switch {
		case errors.Is(err, errOverloaded):
			s.overloaded(w, r)
		case err != nil:
			s.serverError(w, r, err)
		default:
			res.Serve(w, r, http.StatusOK)
		}
	}
}

// errOverloaded says a render was refused: too many are under way.
var errOverloaded = errors.New("too many pages are being rendered")

// renderQuery renders kind's page for q, within the limit on renders.
func (s *Server) renderQuery(ctx context.Context, st *site, kind *pageKind, q url.Values) (*cached.Response, error) {
	if !s.queries.acquire(ctx) {
		return nil, errOverloaded
	}
	defer s.queries.release()
	var buf bytes.Buffer
	if err := kind.query(st, st.meta(kind.section), q).Render(ctx, &buf); err != nil {
		return nil, err
	}
	return s.prepare(kind, buf.Bytes()), nil
}

// renderPerRequest renders a per-request page into a buffer first, so a failure never
// sends half a page.
func (s *Server) renderPerRequest(w http.ResponseWriter, r *http.Request, contentType string, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", revalidate)
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) handleAsset(w http.ResponseWriter, r *http.Request) {
	if res, ok := s.current.Load().assets.Lookup(r.URL.Path); ok {
		res.Serve(w, r, http.StatusOK)
		return
	}
	s.handleNotFound(w, r)
}

// handleHealth says the process is up and which build it is, even while the content
// is still loading: a liveness check.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	state := "ok"
	if s.current.Load() == nil {
		state = "ok, loading content"
	}
	fmt.Fprintf(w, "%s\nversus %s\n", state, buildinfo.Get())
}

// handleReady says whether the content is loaded and served: a readiness check, for
// load balancers and container health checks.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	st := s.current.Load()
	if st == nil {
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("loading content\n"))
		return
	}
	fmt.Fprintf(w, "ready: %d criteria, %d articles\n", len(st.cat.Criteria), len(st.cat.Articles))
}

// untilLoaded answers 503 to everything but the health checks until the first catalog
// is served, so a process can listen before its content is loaded.
func (s *Server) untilLoaded(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.current.Load() == nil && r.URL.Path != paths.Health && r.URL.Path != paths.Ready {
			h := w.Header()
			h.Set("Content-Type", "text/plain; charset=utf-8")
			h.Set("Cache-Control", "no-store")
			h.Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("Versus is starting and loading its content; try again in a moment.\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic into a logged 500, keeping the server up.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.serverError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
