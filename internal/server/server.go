// Package server serves a catalog over HTTP. Pages that depend only on the catalog are
// rendered and compressed once per catalog; requests select bytes from memory.
package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/assets"
	"github.com/versus-web/versus/internal/cached"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/web"
)

// Options configure a Server.
type Options struct {
	// BaseURL is the public origin ("https://versus.example.com"); when set, pages carry
	// canonical links.
	BaseURL string
	Logger  *slog.Logger
}

// Server serves one catalog at a time. The catalog and its rendered pages are swapped as
// a whole, so a request never sees half of one and half of another.
type Server struct {
	assets  *assets.Assets
	baseURL string
	log     *slog.Logger
	current atomic.Pointer[site]
	handler http.Handler
}

// site is a catalog with every page that depends only on it, rendered and compressed.
type site struct {
	cat      *catalog.Catalog
	assets   web.Assets
	pages    map[string]*cached.Response // URL path → page
	notFound *cached.Response
}

// New returns a Server for cat, rendering its pages up front.
func New(cat *catalog.Catalog, static *assets.Assets, opts Options) (*Server, error) {
	s := &Server{assets: static, baseURL: strings.TrimSuffix(opts.BaseURL, "/"), log: opts.Logger}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if err := s.Swap(cat); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Catalog returns the catalog being served.
func (s *Server) Catalog() *catalog.Catalog { return s.current.Load().cat }

// Swap renders every catalog-only page of cat and then serves it in place of the
// current catalog.
func (s *Server) Swap(cat *catalog.Catalog) error {
	next, err := s.build(cat)
	if err != nil {
		return err
	}
	s.current.Store(next)
	return nil
}

const (
	htmlType   = "text/html; charset=utf-8"
	revalidate = "no-cache" // pages change when content does; ETags make revalidation cheap
)

func (s *Server) build(cat *catalog.Catalog) (*site, error) {
	st := &site{cat: cat}
	var err error
	url := func(name string) string {
		u, e := s.assets.URL(name)
		if e != nil && err == nil {
			err = e
		}
		return u
	}
	st.assets = web.Assets{SiteCSS: url("css/site.css"), CodeCSS: url("css/code.css"), Favicon: url("img/favicon.svg")}
	if err != nil {
		return nil, err
	}
	filter := web.Filter{Groups: cat.Groups, Subjects: cat.Subjects}
	pages := map[string]templ.Component{
		"/":         web.Home(s.meta(st, "", cat.Description, "/", "home"), cat, filter),
		"/criteria": web.CriteriaIndex(s.meta(st, "Criteria", "Every criterion "+cat.Title+" is compared on, by group.", "/criteria", "criteria"), cat),
		"/articles": web.ArticlesIndex(s.meta(st, "Articles", "Articles on "+cat.Title+", newest first.", "/articles", "articles"), cat),
	}
	for _, c := range cat.Criteria {
		path := "/criteria/" + c.Slug
		pages[path] = web.CriterionPage(s.meta(st, c.Title, c.Question, path, "criteria"), cat, c)
	}
	for _, a := range cat.Articles {
		path := "/articles/" + a.Slug
		pages[path] = web.ArticlePage(s.meta(st, a.Title, a.Summary, path, "articles"), a)
	}
	notFound := s.meta(st, "Page not found", "", "", "")
	notFound.NoIndex = true
	pages[notFoundKey] = web.NotFound(notFound, cat)

	rendered, err := renderAll(pages)
	if err != nil {
		return nil, err
	}
	st.notFound = rendered[notFoundKey]
	delete(rendered, notFoundKey)
	st.pages = rendered
	return st, nil
}

// notFoundKey names the 404 page among the rendered pages; no URL path looks like it.
const notFoundKey = "404"

// renderAll renders and compresses pages on every core: compression at the highest
// brotli level dominates the cost, and it is paid once per catalog.
func renderAll(pages map[string]templ.Component) (map[string]*cached.Response, error) {
	type result struct {
		path string
		res  *cached.Response
		err  error
	}
	jobs := make(chan string)
	results := make(chan result)
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for path := range jobs {
				var buf bytes.Buffer
				if err := pages[path].Render(context.Background(), &buf); err != nil {
					results <- result{path: path, err: fmt.Errorf("rendering %s: %w", path, err)}
					continue
				}
				results <- result{path: path, res: cached.New(htmlType, revalidate, buf.Bytes())}
			}
		}()
	}
	go func() {
		for path := range pages {
			jobs <- path
		}
		close(jobs)
	}()
	rendered := make(map[string]*cached.Response, len(pages))
	var firstErr error
	for range pages {
		r := <-results
		if r.err != nil && firstErr == nil {
			firstErr = r.err
		}
		rendered[r.path] = r.res
	}
	return rendered, firstErr
}

// meta describes a page; canonicalPath is empty for pages that have no canonical URL.
func (s *Server) meta(st *site, title, description, canonicalPath, section string) web.Meta {
	m := web.Meta{
		SiteTitle:   st.cat.Title,
		Title:       title,
		Description: description,
		Section:     section,
		Assets:      st.assets,
	}
	if s.baseURL != "" && canonicalPath != "" {
		m.Canonical = s.baseURL + canonicalPath
	}
	return m
}
