package server

import (
	"fmt"
	"net/http"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/metrics"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

// The error pages are rendered once per catalog, like every page that depends only on
// it, so they look like the site and cost nothing to serve.

var notFoundKind = pageKind{
	name: "not-found",
	pages: one(notFoundKey, func(st *site, m web.Meta) templ.Component {
		m.Title, m.NoIndex = "Page not found", true
		m.Description = "There is no page at this address. The criteria and articles of " + st.cat.Title + " are listed here."
		return web.NotFound(m, web.NotFoundView{Criteria: st.cat.Criteria, Articles: st.cat.Articles})
	}),
	example: func(*catalog.Catalog) string { return "/no-such-page" },
	status:  http.StatusNotFound,
}

var overloadedKind = pageKind{
	name:         "overloaded",
	cacheControl: "no-store", // a refusal is for now only
	pages: one(overloadedKey, func(st *site, m web.Meta) templ.Component {
		m.Title, m.NoIndex = "Too many requests", true
		return web.Problem(m, web.ProblemView{Message: "The server is busy answering other searches and comparisons. Please try again in a few seconds; every criterion and article page still works."})
	}),
	status: http.StatusTooManyRequests,
}

var serverErrorKind = pageKind{
	name:         "server-error",
	cacheControl: "no-store", // a failure must not outlive its cause in a shared cache
	pages: one(serverErrorKey, func(st *site, m web.Meta) templ.Component {
		m.Title, m.NoIndex = "Something went wrong", true
		return web.Problem(m, web.ProblemView{Message: "Something went wrong on our side. Please try again in a moment."})
	}),
	status: http.StatusInternalServerError,
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	denyFraming(w.Header())
	switch {
	case chi.RouteContext(r.Context()).RoutePattern() == paths.APICriterionPattern:
		apiProblem(w, r, http.StatusNotFound, apiCriterionNotFound)
	case paths.InAPI(r.URL.Path):
		apiProblem(w, r, http.StatusNotFound, apiNotFound)
	default:
		s.current.Load().notFound.Serve(w, r, http.StatusNotFound)
	}
}

func (s *Server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", "GET, HEAD")
	if paths.InAPI(r.URL.Path) {
		apiProblem(w, r, http.StatusMethodNotAllowed, apiMethodNotAllowed)
		return
	}
	st := s.current.Load()
	m := st.meta(web.NoSection)
	m.Title, m.NoIndex = "Method not allowed", true
	s.renderPerRequest(w, r, htmlType, http.StatusMethodNotAllowed, web.Problem(m, web.ProblemView{
		Message: fmt.Sprintf("This site only reads: %s requests are not accepted here.", truncate(r.Method, 16)),
	}))
}

// serverError logs the details with the request ID and shows the reader the site's
// generic error page.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return // the client is gone (the access log says 499); nobody reads the answer
	}
	s.log.Error("request failed", "request_id", info(r).id, "path", truncate(r.URL.Path, 200), "err", err)
	if paths.InAPI(r.URL.Path) {
		apiProblem(w, r, http.StatusInternalServerError, apiServerError)
		return
	}
	st := s.current.Load()
	if st == nil || st.serverError == nil {
		http.Error(w, "Something went wrong on our side. Please try again.", http.StatusInternalServerError)
		return
	}
	w.Header().Del("ETag")
	denyFraming(w.Header())
	st.serverError.Serve(w, r, http.StatusInternalServerError)
}

// overloaded answers a request the query limiter turned away: 429, with when to retry.
func (s *Server) overloaded(w http.ResponseWriter, r *http.Request) {
	s.metrics.Rejected(metrics.Route(r))
	w.Header().Set("Retry-After", retryAfterSeconds)
	s.current.Load().overloaded.Serve(w, r, http.StatusTooManyRequests)
}
