package server

import (
	"errors"
	"iter"
	"net/http"

	"github.com/versus-web/versus/internal/cached"
)

// StaticFile is one response of the site as a static server would send it: what
// `versus export` writes to a file, with the headers it must be served with.
type StaticFile struct {
	// Path is the URL path. A pre-rendered query view carries its query
	// ("/compare?g=data"); the not-found page, which has no URL, has an empty Path.
	Path string
	// Status is 200, or 404 for the not-found page.
	Status int
	// Response is the body, in every encoding the server sends it in.
	Response *cached.Response
	// Header is every header the server sends with the response that does not depend
	// on the request or the encoding: Content-Type, Cache-Control, cross-origin and
	// framing rules, the security headers. Not ETag, Vary or Content-Encoding.
	Header http.Header
	// Query is true for a view rendered from a query. The server keeps such views in
	// its cache of query views compressed at the fast level, never the best, so an
	// export writes those bytes for them.
	Query bool
}

// Static lists every response a static copy of the current site needs, from the page
// registry: every asset, every page of every kind (lazy kinds are made here, so this
// takes a while on first use), the views of a query that kinds export, and the
// not-found page. A static server cannot run the site's search, decide or per-query
// views; it serves their pages without a query instead.
func (s *Server) Static() iter.Seq2[StaticFile, error] {
	return func(yield func(StaticFile, error) bool) {
		st := s.current.Load()
		if st == nil {
			yield(StaticFile{}, errors.New("no content is loaded"))
			return
		}
		for path, res := range st.assets.Files() {
			if !yield(StaticFile{Path: path, Status: http.StatusOK, Response: res, Header: s.staticHeader(nil, res)}, nil) {
				return
			}
		}
		for _, p := range st.index {
			if isErrorPage(p.path) {
				continue // below; only the not-found page has a use without a server
			}
			res, err := st.pages[p.path].response()
			if !yield(StaticFile{Path: p.path, Status: http.StatusOK, Response: res, Header: s.staticHeader(p.kind, res)}, err) || err != nil {
				return
			}
		}
		for i := range pageKinds {
			kind := &pageKinds[i]
			if kind.exports == nil {
				continue
			}
			for _, p := range kind.exports(st) {
				p.kind = kind
				body, err := renderPage(st, p)
				var res *cached.Response
				if err == nil {
					res = s.prepare(kind, body)
				}
				f := StaticFile{Path: p.path, Status: http.StatusOK, Response: res, Query: true}
				if res != nil {
					f.Header = s.staticHeader(kind, res)
				}
				if !yield(f, err) || err != nil {
					return
				}
			}
		}
		yield(StaticFile{Status: http.StatusNotFound, Response: st.notFound, Header: s.staticHeader(nil, st.notFound)}, nil)
	}
}

// staticHeader is what the server's middleware and cached.Response.Serve send with res,
// a response of kind (nil for assets and error pages).
func (s *Server) staticHeader(kind *pageKind, res *cached.Response) http.Header {
	h := http.Header{}
	if kind != nil {
		s.kinds[kind].apply(h)
	} else {
		s.security.apply(h)
	}
	h.Set("Content-Type", res.ContentType())
	if cc := res.CacheControl(); cc != "" {
		h.Set("Cache-Control", cc)
	}
	return h
}
