// Package server serves a catalog over HTTP. Pages that depend only on the catalog are
// rendered once per catalog and compressed once, on first use; requests select bytes
// from memory.
package server

import (
	"bytes"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/versus-web/versus/internal/assets"
	"github.com/versus-web/versus/internal/cached"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/clientip"
	"github.com/versus-web/versus/internal/markdown"
	"github.com/versus-web/versus/internal/metrics"
	"github.com/versus-web/versus/web"
)

// Options configure a Server.
type Options struct {
	// BaseURL is the public origin ("https://versus.example.com"); when set, pages carry
	// canonical links.
	BaseURL string
	// License is the license readers may reuse the content under; empty means
	// web.DefaultLicense.
	License web.License
	// Logger receives the access log (one record per request, at Info; 5xx at Error)
	// and errors. Nil discards them.
	Logger *slog.Logger
	// TrustedProxies are the proxies whose X-Forwarded-For and Forwarded headers name
	// the client; empty means the TCP peer is the client.
	TrustedProxies clientip.Trusted
	// Metrics counts requests and catalog loads; nil counts nothing.
	Metrics *metrics.Metrics
	// QueryLimit is how many pages rendered per request (compare, decide and search
	// with a query) may be rendered at once; more wait briefly, then get 429. Zero
	// means half the CPUs, at least one, so cached pages keep a core under a flood.
	QueryLimit int
	// Dev serves pages uncompressed, with a banner listing content problems and a script
	// that reloads the page when the content changes. For authors only.
	Dev bool
}

// Server serves one catalog at a time. The catalog, its assets and its rendered pages are
// swapped as a whole, so a request never sees half of one and half of another.
type Server struct {
	baseURL  string
	license  web.License
	log      *slog.Logger
	dev      bool
	trusted  clientip.Trusted
	metrics  *metrics.Metrics
	queries  *limiter                // bounds the pages rendered per request
	security headerSet               // on every response
	kinds    map[*pageKind]headerSet // on each kind's pages: security loosened where the kind needs it
	checking bool                    // only rendering to check the content (Check): no search index
	compress bool                    // pages are compressed for the wire; not in dev mode or for check
	changes  *broadcaster            // tells dev pages to reload; nil outside dev mode
	ending   chan struct{}           // closed by EndStreams
	lazyMade chan struct{}           // a lazy page was made: see OptimizeInBackground
	endOnce  sync.Once

	mu      sync.Mutex // serialises updates; readers only load current
	current atomic.Pointer[site]
	handler chi.Router
}

// site is everything a request can read: a catalog, the assets, and every page that
// depends only on those, rendered.
type site struct {
	cat         *catalog.Catalog
	assets      *assets.Assets
	shared      web.Site // what every page's Meta shares
	search      *searchIndex
	previews    map[string]pagePreview // page path → its preview image
	problems    []string               // content problems shown in dev mode, while the last good catalog is served
	generation  uint64                 // counts updates, so dev pages can tell they are stale
	index       []page                 // every page of every kind, listed before any is rendered
	pages       map[string]*entry      // URL path → page
	notFound    *cached.Response
	overloaded  *cached.Response
	serverError *cached.Response
	queries     *queryCache // views rendered for queries; nil in dev mode
	parts       *web.Parts  // what views rendered per request share, made once
}

// meta starts a page's Meta: the site's shared part and the page's navigation section.
func (st *site) meta(section web.Section) web.Meta {
	return web.Meta{Section: section, Site: st.shared}
}

// Start returns a Server with nothing loaded yet: it answers its health check at once,
// its readiness check and pages with 503 until the first Update (or Load) succeeds, so a
// process can listen before it loads its content.
func Start(opts Options) *Server {
	s := &Server{baseURL: strings.TrimSuffix(opts.BaseURL, "/"), license: opts.License, log: opts.Logger, dev: opts.Dev, compress: !opts.Dev,
		trusted: opts.TrustedProxies, metrics: opts.Metrics, queries: newLimiter(opts.QueryLimit),
		ending: make(chan struct{}), lazyMade: make(chan struct{}, 1)}
	if s.license.Name == "" {
		s.license = web.DefaultLicense
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.dev {
		s.changes = newBroadcaster()
	}
	s.security, s.kinds = securityHeaderSet(s.baseURL), map[*pageKind]headerSet{}
	for i := range pageKinds {
		s.kinds[&pageKinds[i]] = kindHeaderSet(s.security, &pageKinds[i])
	}
	s.handler = s.routes()
	return s
}

// New returns a Server for cat, with its pages rendered.
func New(cat *catalog.Catalog, static *assets.Assets, opts Options) (*Server, error) {
	s := Start(opts)
	if err := s.Update(Update{Catalog: cat, Assets: static}); err != nil {
		return nil, err
	}
	return s, nil
}

// Open loads a content folder and static files and returns a server for them: the one
// way the tests and the browser tests build a server. Content problems are returned as
// catalog.Problems.
func Open(content, static fs.FS, load catalog.Options, opts Options) (*Server, error) {
	s := Start(opts)
	if err := s.Load(content, static, load); err != nil {
		return nil, err
	}
	return s, nil
}

// Load loads a content folder and static files and serves them. Content problems are
// returned as catalog.Problems, and what was served before stays served.
func (s *Server) Load(content, static fs.FS, load catalog.Options) error {
	cat, err := catalog.Load(content, load)
	if err != nil {
		return err
	}
	files, err := Assets(static)
	if err != nil {
		return err
	}
	return s.Update(Update{Catalog: cat, Assets: files})
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
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if res, route, headers := s.ready(r); res != nil {
		s.serveReady(w, r, res, route, headers)
		return
	}
	s.handler.ServeHTTP(w, r)
}

// ready finds the response for a request that a page of the catalog or an asset answers
// as it is — GET or HEAD of its exact path, with no query — when it is made already. It
// returns the route pattern the router would have matched, and the headers of its kind.
// Most requests to a public site are such requests, and they need none of the router's
// work: see serveReady.
func (s *Server) ready(r *http.Request) (*cached.Response, string, headerSet) {
	st := s.current.Load()
	if st == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) || r.URL.RawQuery != "" {
		return nil, "", nil
	}
	if e, ok := st.pages[r.URL.Path]; ok {
		if res, ok := e.made(); ok {
			return res, e.kind.pattern, s.kinds[e.kind]
		}
		return nil, "", nil
	}
	if strings.HasPrefix(r.URL.Path, assets.Prefix) {
		if res, ok := st.assets.Lookup(r.URL.Path); ok {
			return res, assetRoute, s.security
		}
	}
	return nil, "", nil
}

// serveReady answers with a ready response as the router would — same headers, same
// log record and metrics — without the router's context, the six middlewares and
// the copies of the request they make: 23 allocations instead of 37 for the home page.
func (s *Server) serveReady(w http.ResponseWriter, r *http.Request, res *cached.Response, route string, headers headerSet) {
	start := time.Now()
	headers.apply(w.Header())
	ri := s.identify(w, r)
	rec := recorder{ResponseWriter: w}
	res.Serve(&rec, r, http.StatusOK)
	s.logRequest(r, &rec, route, ri, start)
}

// Catalog returns the catalog being served, or nil before the first one is.
func (s *Server) Catalog() *catalog.Catalog {
	if st := s.current.Load(); st != nil {
		return st.cat
	}
	return nil
}

// Update describes a change to what is served. Nil fields keep what is served now.
type Update struct {
	Catalog  *catalog.Catalog
	Assets   *assets.Assets
	Problems []string // replaces the current problems; nil clears them
}

// Swap serves cat in place of the current catalog.
func (s *Server) Swap(cat *catalog.Catalog) error { return s.Update(Update{Catalog: cat}) }

// Update renders the pages for the new state and then serves it in one atomic step.
func (s *Server) Update(u Update) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
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
	if next.search != nil {
		// After the pages: they need no index, and so do not wait for it.
		go next.search.build(next.cat)
	}
	s.metrics.CatalogLoaded(next.generation, time.Since(start))
	if s.changes != nil {
		s.changes.publish()
	}
	return nil
}

const (
	htmlType = "text/html; charset=utf-8"
	// revalidate is the Cache-Control of everything that changes when the content does:
	// pages, query pages, the API, the feed, the sitemap and the 404 page. Browsers ask
	// again on every use (max-age=0), with the ETag where there is one, so a reader sees
	// a change on the next visit and an unchanged page costs a 304. Shared caches (nginx
	// proxy_cache, a CDN) may reuse a response for 10 s without asking (s-maxage), which
	// spares the replicas most requests; behind them a change shows within 10 s. Not
	// "no-cache": nginx, Varnish and many CDNs store no response that says it.
	revalidate = "public, max-age=0, s-maxage=10"
)
