package server

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"
	"time"

	"github.com/versus-web/versus/internal/assets"
	"github.com/versus-web/versus/internal/cached"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/parallel"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

// Check renders every page of cat and checks the content's links against them, without
// compressing anything: what `versus check` runs once the content has loaded. Problems
// are returned as catalog.Problems.
func Check(cat *catalog.Catalog, static *assets.Assets) error {
	s := &Server{checking: true}
	return s.render(&site{cat: cat, assets: static})
}

// render fills in a site's pages: it renders every page of every kind in the registry
// (lazy kinds only on first request) and checks the content's links against the HTML
// pages. Nothing is compressed here: each encoding is made on first use (cached.New),
// and OptimizeInBackground recompresses at the best level later.
func (s *Server) render(st *site) error {
	if !s.checking { // nobody searches what is only checked
		st.search = &searchIndex{ready: make(chan struct{})} // built once the site is served
	}
	st.previews = previews(st.cat)
	if s.compress {
		st.queries = newQueryCache()
	}
	var err error
	if st.parts, err = web.NewParts(st.cat); err != nil {
		return err
	}
	if err := s.share(st); err != nil {
		return err
	}
	var pages []page // rendered now, or for lazy HTML pages, their ids read now
	st.pages, st.index = map[string]*entry{}, nil
	for i := range pageKinds {
		kind := &pageKinds[i]
		for _, p := range kind.pages(st) {
			if _, dup := st.pages[p.path]; dup {
				return fmt.Errorf("two pages at %s", p.path)
			}
			p.kind = kind
			st.index = append(st.index, p)
			st.pages[p.path] = &entry{kind: kind}
			if kind.lazy {
				st.pages[p.path].make = func() (*cached.Response, error) {
					body, err := renderPage(st, p)
					if err != nil {
						return nil, err
					}
					res := s.prepare(kind, body)
					s.madeLazily()
					return res, nil
				}
				if !kind.isHTML() {
					continue
				}
				if p.ids == nil {
					return fmt.Errorf("lazy page %s cannot say its ids, so links to it cannot be checked", p.path)
				}
			}
			pages = append(pages, p)
		}
	}
	// Each page's ids are read where it is rendered, on every core; the links are checked
	// once every page's ids are known.
	rendered, err := inParallel(pages, func(p page) (renderedPage, error) {
		if p.kind.lazy {
			ids, err := p.ids(st, p)
			return renderedPage{ids: ids}, err
		}
		body, err := renderPage(st, p)
		if err != nil || !p.kind.isHTML() {
			return renderedPage{body: body}, err
		}
		return renderedPage{body: body, ids: pageIDs(body)}, nil
	})
	if err != nil {
		return err
	}
	if err := checkPages(st, pages, rendered); err != nil {
		return err
	}
	prepared := make(map[string]*cached.Response, len(pages))
	for _, p := range pages {
		if p.kind.lazy {
			continue
		}
		prepared[p.path] = s.prepare(p.kind, rendered[p.path].body)
		st.pages[p.path].res = prepared[p.path]
	}
	st.notFound, st.overloaded, st.serverError = prepared[notFoundKey], prepared[overloadedKey], prepared[serverErrorKey]
	for key := range st.pages {
		if isErrorPage(key) {
			delete(st.pages, key)
		}
	}
	return nil
}

// renderedPage is a page's body (none for a lazy page) and, for an HTML page, its ids
// with how often each occurs.
type renderedPage struct {
	body []byte
	ids  map[string]int
}

// renderPage renders one page with the Meta its kind and path call for.
func renderPage(st *site, p page) ([]byte, error) {
	// Into a buffer grown by earlier pages, then copied out at its size: templ writes
	// in 4 KB chunks, and a new buffer grown chunk by chunk was a tenth of loading a
	// large catalog.
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledRender {
			buf.Reset()
			renderBuffers.Put(buf)
		}
	}()
	m := st.meta(p.kind.section)
	m.Image = st.previews[p.path].image
	if err := p.build(m).Render(context.Background(), buf); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", p.path, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledRender bounds the buffers kept for the next page: a rare huge page (the
// compare table of a catalog of hundreds of criteria) is not held on to.
const maxPooledRender = 1 << 20

// prepare makes a rendered page ready to serve: compressed on demand, except in dev mode
// and for check, where nobody waits for the bytes on the wire.
func (s *Server) prepare(kind *pageKind, body []byte) *cached.Response {
	cacheControl := cmp.Or(kind.cacheControl, revalidate)
	if s.compress {
		return cached.New(kind.mediaType(), cacheControl, body)
	}
	return cached.NewUncompressed(kind.mediaType(), cacheControl, body)
}

// entry is one page of a site, ready to serve or, for lazy kinds, made on first use.
type entry struct {
	kind  *pageKind
	make  func() (*cached.Response, error) // nil for pages rendered at load
	once  sync.Once
	ready atomic.Bool // once has run: res and err are set
	res   *cached.Response
	err   error
}

// made returns the page if it is ready without making it.
func (e *entry) made() (*cached.Response, bool) {
	if e.make != nil && !e.ready.Load() {
		return nil, false
	}
	return e.res, e.res != nil
}

// response returns the page, making it first if it is lazy and not made yet.
func (e *entry) response() (*cached.Response, error) {
	if e.make != nil {
		e.once.Do(func() {
			e.res, e.err = e.make()
			e.ready.Store(true)
		})
	}
	return e.res, e.err
}

// share fills in what every page of the site shares: the title, base URL, asset URLs
// and, in dev mode, the problem banner.
func (s *Server) share(st *site) error {
	var err error
	url := func(name string) string {
		u, e := st.assets.URL(name)
		if e != nil && err == nil {
			err = e
		}
		return u
	}
	st.shared = web.Site{
		Title:   st.cat.Title,
		BaseURL: s.baseURL,
		License: s.license,
		Feed:    feedPath(s.baseURL),
		Image:   st.previews[paths.Home].image,
		Assets: web.Assets{
			SiteCSS: url("css/site.css"), CodeCSS: url("css/code.css"), Favicon: url("img/favicon.svg"),
			ThemeJS: url("js/theme.js"), SiteJS: url("js/site.js"), NarrowJS: url("js/narrow.js"),
			EmbedCSS: url("css/embed.css"),
		},
	}
	if s.dev {
		st.shared.Dev = &web.Dev{Problems: st.problems, Generation: st.generation}
	}
	return err
}

// inParallel runs f for every page on every core and returns the results by page path,
// with the first error.
func inParallel[T any](pages []page, f func(page) (T, error)) (map[string]T, error) {
	results := make([]T, len(pages))
	errs := make([]error, len(pages))
	parallel.For(len(pages), func(i int) { results[i], errs[i] = f(pages[i]) })
	byPath := make(map[string]T, len(pages))
	for i, p := range pages {
		if errs[i] != nil {
			return nil, errs[i]
		}
		byPath[p.path] = results[i]
	}
	return byPath, nil
}

// feedPath is where the site's feed is, or empty when it has none (without a base URL).
func feedPath(baseURL string) string {
	if baseURL == "" {
		return ""
	}
	return paths.Feed
}

// OptimizeInBackground recompresses what is served at the best compression level, one
// response at a time, so it never takes more than one core from requests: every page and
// asset now, then what was made since — lazy pages a moment after they are made, new
// catalogs every interval. Each pass that does some work logs it. It returns when ctx is
// done.
func (s *Server) OptimizeInBackground(ctx context.Context, interval time.Duration) {
	if !s.compress {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		start := time.Now()
		if n := s.optimize(ctx); n > 0 {
			s.log.Info("compressed at the best level", "responses", n, "took", time.Since(start).Round(time.Millisecond))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.lazyMade:
			// Let the burst of first requests that made it (a crawler, an unfurler)
			// make the rest first, then do them in one pass.
			select {
			case <-ctx.Done():
				return
			case <-time.After(lazyPassDelay):
			}
		}
	}
}

// lazyPassDelay is how long after a lazy page is made its best-level pass starts.
const lazyPassDelay = time.Second

// madeLazily tells OptimizeInBackground that a lazy page was made.
func (s *Server) madeLazily() {
	select {
	case s.lazyMade <- struct{}{}:
	default: // a pass is due already
	}
}

// optimize recompresses every response of the current site that is not yet at the best
// level, stopping early when the site is replaced or ctx is done, and counts them.
func (s *Server) optimize(ctx context.Context) int {
	st := s.current.Load()
	if st == nil {
		return 0
	}
	n := 0
	for res := range st.responses() {
		if ctx.Err() != nil || s.current.Load() != st {
			break
		}
		if res.Optimize() {
			n++
		}
	}
	return n
}

// responses lists what a site has ready to serve: its assets, its pages (lazy ones once
// made) and its error pages.
func (st *site) responses() iter.Seq[*cached.Response] {
	return func(yield func(*cached.Response) bool) {
		// Assets first: every page needs them.
		for res := range st.assets.Responses() {
			if !yield(res) {
				return
			}
		}
		for _, p := range st.index {
			e := st.pages[p.path]
			if e == nil {
				continue // the error pages, yielded below
			}
			if res, ok := e.made(); ok && !yield(res) {
				return
			}
		}
		for _, res := range []*cached.Response{st.notFound, st.overloaded, st.serverError} {
			if !yield(res) {
				return
			}
		}
	}
}
