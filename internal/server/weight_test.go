package server

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/versus-web/versus/content"
)

// maxFirstLoad is what a page and everything it needs for its first paint may weigh on
// the wire: one initial TCP congestion window (10 segments of 1,460 bytes), so the first
// paint needs one round trip after the connection is up.
const maxFirstLoad = 14_600

// TestPageWeight fetches pages of every HTML kind on the real content as a browser does
// on a first visit, and sums the compressed bytes of each page and of every stylesheet
// and script it loads before its first paint. It checks every kind's example and every
// page rendered at load (the full comparison table, every article and criterion), and
// logs each kind's example and its heaviest page. It measures the best compression
// level, which a long-running server sends once OptimizeInBackground has run, and logs
// the fast level it sends before that. `go test -run PageWeight -v` prints the table.
func TestPageWeight(t *testing.T) {
	s, err := buildServer(content.FS()) // its own server: the shared one may be optimized already
	if err != nil {
		t.Fatal(err)
	}
	kindOf := map[string]string{}
	var pages []string // the examples first, then every other HTML page
	for _, e := range Examples(s.Catalog()) {
		if e.HTML {
			pages = append(pages, e.Path)
			kindOf[e.Path] = e.Kind
		}
	}
	examples := len(pages)
	for _, path := range s.HTMLPaths() {
		if _, ok := kindOf[path]; !ok {
			pages = append(pages, path)
			kindOf[path] = s.current.Load().pages[path].kind.name
		}
	}
	fast := map[string]pageWeight{}
	for _, path := range pages {
		fast[path] = weigh(t, s, path, browserEncodings)
	}
	s.optimize(context.Background())

	var table, details strings.Builder
	fmt.Fprintf(&table, "\n%-15s %6s %6s %5s %5s %3s %9s  %6s %6s  %s\n", "kind", "total", "page", "css", "js", "req", "encoding",
		"gzip", "fast", "path")
	heaviest := map[string]string{} // kind → its heaviest page's path
	best := map[string]pageWeight{}
	for _, path := range pages {
		w := weigh(t, s, path, browserEncodings)
		best[path] = w
		if h, ok := heaviest[kindOf[path]]; !ok || w.total() > best[h].total() {
			heaviest[kindOf[path]] = path
		}
		if w.total() > maxFirstLoad {
			t.Errorf("%s page %s weighs %d bytes on first load, over %d:\n%s", kindOf[path], path, w.total(), maxFirstLoad, w)
		}
	}
	for i, path := range pages {
		kind := kindOf[path]
		if i >= examples && heaviest[kind] != path {
			continue // neither an example nor its kind's heaviest page
		}
		w, gz := best[path], weigh(t, s, path, "gzip")
		fmt.Fprintf(&table, "%-15s %6d %6d %5d %5d %3d %9s  %6d %6d  %s\n", kind, w.total(), w[0].bytes, w.sum(".css"), w.sum(".js"),
			len(w), w[0].encoding+"/"+gz[0].encoding, gz.total(), fast[path].total(), path)
		fmt.Fprintf(&details, "%s:\n%s", kind, w)
	}
	t.Log("first load in bytes, best level: total (page + css + js) with Chromium's Accept-Encoding, " +
		"requests, the page's encoding for Chromium/gzip-only, total with gzip only, total at the fast level" + table.String())
	t.Log("\n" + details.String())
}

// browserEncodings is the Accept-Encoding header Chromium sends: it prefers brotli, and a
// response the server only gzips comes gzipped.
const browserEncodings = "gzip, deflate, br, zstd"

// pageWeight is what one first load fetches: the page first, then its resources.
type pageWeight []resource

type resource struct {
	path     string
	encoding string // Content-Encoding as served; empty when sent as it is
	bytes    int    // body bytes on the wire
}

func (w pageWeight) total() int {
	n := 0
	for _, r := range w {
		n += r.bytes
	}
	return n
}

// sum adds up the resources whose path ends in ext.
func (w pageWeight) sum(ext string) int {
	n := 0
	for _, r := range w {
		if strings.HasSuffix(r.path, ext) {
			n += r.bytes
		}
	}
	return n
}

func (w pageWeight) String() string {
	var b strings.Builder
	for _, r := range w {
		fmt.Fprintf(&b, "\t%6d %-4s %s\n", r.bytes, r.encoding, r.path)
	}
	return b.String()
}

// weigh fetches a page and what it loads for its first paint with Accept-Encoding: enc,
// as a browser without a cache does.
func weigh(t *testing.T, s *Server, path, enc string) pageWeight {
	t.Helper()
	rec := get(t, s, http.MethodGet, path, "Accept-Encoding", enc)
	if rec.Code != http.StatusOK && rec.Code != http.StatusNotFound {
		t.Errorf("%s: status %d", path, rec.Code)
	}
	w := pageWeight{{path, rec.Header().Get("Content-Encoding"), rec.Body.Len()}}
	page := get(t, s, http.MethodGet, path) // the same page, to read
	for _, ref := range firstPaintResources(t, page.Body.String()) {
		rec := get(t, s, http.MethodGet, ref, "Accept-Encoding", enc)
		if rec.Code != http.StatusOK {
			t.Errorf("%s loads %s: status %d", path, ref, rec.Code)
		}
		w = append(w, resource{ref, rec.Header().Get("Content-Encoding"), rec.Body.Len()})
	}
	return w
}

// firstPaintResources lists the stylesheets, scripts and preloads a page makes the
// browser fetch as it parses it, in document order, each once. Images and the icon do
// not hold up the first paint and are left out.
func firstPaintResources(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		var ref string
		switch n.Data {
		case "link":
			rel := strings.Fields(strings.ToLower(attr(n, "rel")))
			if slices.Contains(rel, "stylesheet") || slices.Contains(rel, "modulepreload") ||
				(slices.Contains(rel, "preload") && attr(n, "as") != "image") {
				ref = attr(n, "href")
			}
		case "script":
			ref = attr(n, "src")
		}
		if ref != "" && !slices.Contains(refs, ref) {
			refs = append(refs, ref)
		}
	}
	return refs
}
