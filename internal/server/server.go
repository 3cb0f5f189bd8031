// Package server serves a catalog over HTTP. Pages that depend only on the catalog are
// rendered and compressed once per catalog; requests select bytes from memory.
package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/assets"
	"github.com/versus-web/versus/internal/cached"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/markdown"
	"github.com/versus-web/versus/internal/search"
	"github.com/versus-web/versus/web"
)

// Options configure a Server.
type Options struct {
	// BaseURL is the public origin ("https://versus.example.com"); when set, pages carry
	// canonical links.
	BaseURL string
	Logger  *slog.Logger
	// Dev serves pages uncompressed, with a banner listing content problems and a script
	// that reloads the page when the content changes. For authors only.
	Dev bool
}

// Server serves one catalog at a time. The catalog, its assets and its rendered pages are
// swapped as a whole, so a request never sees half of one and half of another.
type Server struct {
	baseURL string
	log     *slog.Logger
	dev     bool
	changes *broadcaster // tells dev pages to reload; nil outside dev mode

	mu      sync.Mutex // serialises updates; readers only load current
	current atomic.Pointer[site]
	handler http.Handler
}

// site is everything a request can read: a catalog, the assets, and every page that
// depends only on those, rendered and compressed.
type site struct {
	cat        *catalog.Catalog
	assets     *assets.Assets
	urls       web.Assets
	search     *search.Index
	problems   []string                    // content problems shown in dev mode, while the last good catalog is served
	generation uint64                      // counts updates, so dev pages can tell they are stale
	pages      map[string]*cached.Response // URL path → page
	notFound   *cached.Response
}

// New returns a Server for cat, rendering its pages up front.
func New(cat *catalog.Catalog, static *assets.Assets, opts Options) (*Server, error) {
	s := &Server{baseURL: strings.TrimSuffix(opts.BaseURL, "/"), log: opts.Logger, dev: opts.Dev}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.dev {
		s.changes = newBroadcaster()
	}
	if err := s.Update(Update{Catalog: cat, Assets: static}); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// Assets prepares the static files that pages link to, plus the generated stylesheet
// for highlighted code.
func Assets(files fs.FS) (*assets.Assets, error) {
	var codeCSS bytes.Buffer
	if err := markdown.WriteCSS(&codeCSS); err != nil {
		return nil, err
	}
	return assets.New(files, map[string][]byte{"css/code.css": codeCSS.Bytes()})
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Catalog returns the catalog being served.
func (s *Server) Catalog() *catalog.Catalog { return s.current.Load().cat }

// Update describes a change to what is served. Nil fields keep what is served now.
type Update struct {
	Catalog  *catalog.Catalog
	Assets   *assets.Assets
	Problems []string // replaces the current problems; nil clears them
}

// Swap serves cat in place of the current catalog.
func (s *Server) Swap(cat *catalog.Catalog) error { return s.Update(Update{Catalog: cat}) }

// Update renders every page for the new state and then serves it in one atomic step.
func (s *Server) Update(u Update) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := &site{problems: u.Problems}
	if prev := s.current.Load(); prev != nil {
		next.cat, next.assets, next.generation = prev.cat, prev.assets, prev.generation+1
	}
	if u.Catalog != nil {
		next.cat = u.Catalog
	}
	if u.Assets != nil {
		next.assets = u.Assets
	}
	if err := s.render(next); err != nil {
		return err
	}
	s.current.Store(next)
	if s.changes != nil {
		s.changes.publish()
	}
	return nil
}

const (
	htmlType   = "text/html; charset=utf-8"
	revalidate = "no-cache" // pages change when content does; ETags make revalidation cheap
)

// render fills in a site's pages.
func (s *Server) render(st *site) error {
	cat := st.cat
	st.search = search.New(cat)
	var err error
	url := func(name string) string {
		u, e := st.assets.URL(name)
		if e != nil && err == nil {
			err = e
		}
		return u
	}
	st.urls = web.Assets{
		SiteCSS: url("css/site.css"), CodeCSS: url("css/code.css"), Favicon: url("img/favicon.svg"),
		ThemeJS: url("js/theme.js"), SiteJS: url("js/site.js"),
	}
	if err != nil {
		return err
	}
	filter := web.Filter{Groups: cat.Groups, Subjects: cat.Subjects}
	pages := map[string]templ.Component{
		"/":         web.Home(s.meta(st, "", cat.Description, "/", "home"), cat, filter),
		"/criteria": web.CriteriaIndex(s.meta(st, "Criteria", "Every criterion "+cat.Title+" is compared on, by group.", "/criteria", "criteria"), cat),
		"/articles": web.ArticlesIndex(s.meta(st, "Articles", "Articles on "+cat.Title+", newest first.", "/articles", "articles"), cat),
	}
	// The filter and priorities pages without a query depend only on the catalog too.
	pages["/compare"] = s.comparePage(st, nil)
	pages["/decide"] = s.decidePage(st, nil)
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

	rendered, err := renderAll(pages, !s.dev)
	if err != nil {
		return err
	}
	st.notFound = rendered[notFoundKey]
	delete(rendered, notFoundKey)
	st.pages = rendered
	return nil
}

// notFoundKey names the 404 page among the rendered pages; no URL path looks like it.
const notFoundKey = "404"

// renderAll renders and compresses pages on every core: compression at the highest
// brotli level dominates the cost, and it is paid once per catalog.
func renderAll(pages map[string]templ.Component, compress bool) (map[string]*cached.Response, error) {
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
				res := cached.NewUncompressed(htmlType, revalidate, buf.Bytes())
				if compress {
					res = cached.New(htmlType, revalidate, buf.Bytes())
				}
				results <- result{path: path, res: res}
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
		Assets:      st.urls,
	}
	if s.dev {
		m.Dev = &web.Dev{Problems: st.problems, Generation: st.generation}
	}
	if s.baseURL != "" && canonicalPath != "" {
		m.Canonical = s.baseURL + canonicalPath
	}
	return m
}
