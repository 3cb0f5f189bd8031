package server

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/versus-web/versus/web"
)

// handleCachedPage serves a page rendered when the catalog was loaded.
func (s *Server) handleCachedPage(w http.ResponseWriter, r *http.Request) {
	st := s.current.Load()
	page, ok := st.pages[r.URL.Path]
	if !ok {
		st.notFound.Serve(w, r, http.StatusNotFound)
		return
	}
	page.Serve(w, r, http.StatusOK)
}

// handleCompare renders the table narrowed to the criteria and subjects in the query.
// Without a query it is the whole table, rendered once per catalog.
func (s *Server) handleCompare(w http.ResponseWriter, r *http.Request) {
	s.serveQueryPage(w, r, s.comparePage)
}

// comparePage is the /compare page for a query.
func (s *Server) comparePage(st *site, query url.Values) templ.Component {
	sel := parseSelection(st.cat, query)
	view := web.CompareView{
		Subjects: sel.subjects,
		Shown:    len(sel.criteria),
		Total:    len(st.cat.Criteria),
		Notices:  sel.notices,
		Filter:   web.Filter{Groups: st.cat.Groups, Subjects: st.cat.Subjects, Criteria: sel.checkedC, Chosen: sel.checkedS},
	}
	chosen := map[string]bool{}
	for _, c := range sel.criteria {
		chosen[c.Slug] = true
	}
	for _, g := range st.cat.Groups {
		rows := web.Rows{Group: g}
		for _, c := range g.Criteria {
			if chosen[c.Slug] {
				rows.Criteria = append(rows.Criteria, c)
			}
		}
		if len(rows.Criteria) > 0 {
			view.Rows = append(view.Rows, rows)
		}
	}
	caption := "Each subject's rating on the selected criteria, 1 (weak) to 5 (strong)."
	if view.Shown == view.Total {
		caption = "Each subject's rating on every criterion, 1 (weak) to 5 (strong)."
	}
	view.Chart = web.CriteriaChart("compare-chart", caption, view.Subjects, view.Rows)
	path := "/compare"
	if q := sel.canonicalQuery(); q != "" {
		path += "?" + q
	}
	title := "Filter"
	if view.Shown < view.Total {
		title = fmt.Sprintf("%d of %d criteria", view.Shown, view.Total)
	}
	m := s.meta(st, title, "The "+st.cat.Title+" comparison, narrowed to the criteria you choose.", path, "compare")
	m.NoIndex = len(sel.notices) > 0
	return web.Compare(m, view)
}

// serveQueryPage serves a page that depends on its query: from the cache when there is
// no query, rendered for this request otherwise.
func (s *Server) serveQueryPage(w http.ResponseWriter, r *http.Request, page func(*site, url.Values) templ.Component) {
	st := s.current.Load()
	if r.URL.RawQuery == "" {
		if cached, ok := st.pages[r.URL.Path]; ok {
			cached.Serve(w, r, http.StatusOK)
			return
		}
	}
	s.renderHTML(w, r, http.StatusOK, page(st, r.URL.Query()))
}

// renderHTML renders a per-request page into a buffer first, so a failure never sends
// half a page.
func (s *Server) renderHTML(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", htmlType)
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

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.current.Load().notFound.Serve(w, r, http.StatusNotFound)
}

func (s *Server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	st := s.current.Load()
	m := s.meta(st, "Method not allowed", "", "", "")
	m.NoIndex = true
	w.Header().Set("Allow", "GET, HEAD")
	s.renderHTML(w, r, http.StatusMethodNotAllowed, web.Problem(m, fmt.Sprintf("This site only reads: %s requests are not accepted here.", r.Method)))
}

// serverError logs the details with the request ID and shows the reader a generic page.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "request_id", middleware.GetReqID(r.Context()), "path", r.URL.Path, "err", err)
	http.Error(w, "Something went wrong on our side. Please try again.", http.StatusInternalServerError)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if s.current.Load() == nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("catalog not loaded\n"))
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

// logRequests logs one line per request.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		next.ServeHTTP(ww, r)
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", ww.Status()), slog.Int("bytes", ww.BytesWritten()),
			slog.Duration("duration", time.Since(start)),
			slog.String("request_id", middleware.GetReqID(r.Context())))
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

// securityHeaders allow only the site's own scripts, styles and forms.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
