package server

import (
	"cmp"
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/web"
)

// pageKind is one kind of page the site has. The registry below is the only list of
// them: routes, pre-rendering, link checking and the tests' page lists all read it, so a
// new kind of page is one entry here, a view model and a component.
type pageKind struct {
	name    string      // names the kind in tests: "criterion"
	pattern string      // the route; empty for error pages, which have no URL of their own
	section web.Section // the main navigation item the kind belongs to
	// pages lists the kind's pages in a site, each rendered once per catalog.
	pages func(st *site) []page
	// query renders the page for a query string, per request; nil when the kind reads
	// no query. Without a query the page comes from pages.
	query func(st *site, m web.Meta, q url.Values) templ.Component
	// canonical is the part of a query that decides the page query renders, in one
	// form for every query that renders the same page: the key its views are cached
	// under. ok is false when the page depends on more than that (notices naming what
	// the reader typed), and such a page is rendered every time. Nil: never cached.
	canonical func(st *site, q url.Values) (key string, ok bool)
	// exports are views of the kind's query that a static export pre-renders, since a
	// static server cannot render a query; each page's path carries its query. Nil
	// for most kinds: an export serves their query views with the page without one.
	exports func(st *site) []page
	// example is one URL of the kind that tests and browser tests visit; nil when the
	// kind cannot be reached by URL.
	example func(cat *catalog.Catalog) string
	status  int // the status its pages are served with; 0 means 200

	// contentType of its pages; empty means an HTML page, whose links and ids are
	// checked and which the sitemap may list.
	contentType string
	// cacheControl of its pages; empty means revalidate on every use.
	cacheControl string
	// lazy kinds are rendered on first request rather than at load, because few of
	// their pages are ever asked for: documents that cost more than a page of HTML, and
	// articles, of which a large site has thousands. A lazy HTML kind's pages say which
	// ids they will have (page.ids), so links to them are checked at load all the same.
	lazy bool
	// crossOrigin kinds may be read by scripts on any site (open data).
	crossOrigin bool
	// embeddable kinds may be framed by any site; every other page refuses framing.
	embeddable bool
	// unlisted kinds are kept out of the sitemap and of search engines' indexes.
	unlisted bool
}

// isHTML reports whether the kind's pages are HTML pages for readers.
func (k pageKind) isHTML() bool { return k.contentType == "" }

// mediaType is the Content-Type its pages are served with.
func (k pageKind) mediaType() string { return cmp.Or(k.contentType, htmlType) }

// page is one page of a kind: its path, how to build it, and the links and heading ids
// its content brings, which are checked once every page is rendered.
type page struct {
	path     string // URL path; for error pages a key no URL path can equal
	build    func(m web.Meta) templ.Component
	refs     catalog.Refs
	modified time.Time // when its content last changed; zero means when the catalog did
	kind     *pageKind // set by render
	// ids are the ids the page will have, with how often each occurs, for a page of a
	// lazy HTML kind: known at load without rendering the page in full.
	ids func(st *site, p page) (map[string]int, error)
}

// document is a page that is not HTML: a feed, an API document, an image. It ignores
// the Meta that HTML pages are built with.
func document(write func(w io.Writer) error) func(web.Meta) templ.Component {
	return func(web.Meta) templ.Component {
		return templ.ComponentFunc(func(_ context.Context, w io.Writer) error { return write(w) })
	}
}

// Keys of the error pages among a site's rendered pages.
const (
	notFoundKey    = "404"
	overloadedKey  = "429"
	serverErrorKey = "500"
)

// isErrorPage tells an error page's key from a URL path.
func isErrorPage(key string) bool {
	return key == notFoundKey || key == overloadedKey || key == serverErrorKey
}

// pageKinds is every kind of page, in navigation order.
var pageKinds = []pageKind{
	homeKind,
	criteriaKind,
	criterionKind,
	compareKind,
	compareCSVKind,
	decideKind,
	articlesKind,
	articleKind,
	searchKind,
	aboutKind,
	robotsKind,
	sitemapKind,
	feedKind,
	previewKind,
	embedCriterionKind,
	apiIndexKind,
	apiSubjectsKind,
	apiGroupsKind,
	apiCriteriaKind,
	apiCriterionKind,
	apiArticlesKind,
	apiSourcesKind,
	apiOpenAPIKind,
	notFoundKind,
	overloadedKind,
	serverErrorKind,
}

// one is a kind with a single page at path.
func one(path string, build func(st *site, m web.Meta) templ.Component) func(st *site) []page {
	return func(st *site) []page {
		return []page{{path: path, build: func(m web.Meta) templ.Component { return build(st, m) }}}
	}
}

// PageExample is one URL of a kind of page, and the status it is served with.
type PageExample struct {
	Kind   string
	Path   string
	Status int
	HTML   bool // a page for readers, not a document for programs
	// Embeddable pages are made for other sites' iframes: they have none of the site's
	// header, navigation or footer.
	Embeddable bool
}

// Examples lists one URL of every kind of page a reader can reach, for tests that visit
// every kind (the browser tests among them).
func Examples(cat *catalog.Catalog) []PageExample {
	var out []PageExample
	for _, kind := range pageKinds {
		if kind.example == nil {
			continue
		}
		if path := kind.example(cat); path != "" {
			out = append(out, PageExample{Kind: kind.name, Path: path, Status: cmp.Or(kind.status, http.StatusOK),
				HTML: kind.isHTML(), Embeddable: kind.embeddable})
		}
	}
	return out
}

// HTMLPaths lists the path of every HTML page the site serves now, sorted: every page of
// every kind for readers, as rendered for the current catalog.
func (s *Server) HTMLPaths() []string {
	var paths []string
	for path, e := range s.current.Load().pages {
		if e.kind.isHTML() {
			paths = append(paths, path)
		}
	}
	slices.Sort(paths)
	return paths
}
