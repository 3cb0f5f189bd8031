package server

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
)

// What crawlers read: robots.txt, and a sitemap of every listed HTML page. The sitemap
// needs absolute URLs, so a site without a base URL has none (serve says so at start).

var robotsKind = pageKind{
	name:        "robots",
	pattern:     paths.Robots,
	contentType: "text/plain; charset=utf-8",
	pages: func(st *site) []page {
		return []page{{path: paths.Robots, build: document(func(w io.Writer) error { return writeRobots(w, st) })}}
	},
	example: func(*catalog.Catalog) string { return paths.Robots },
}

var sitemapKind = pageKind{
	name:        "sitemap",
	pattern:     paths.Sitemap,
	contentType: "application/xml; charset=utf-8",
	pages: func(st *site) []page {
		if st.shared.BaseURL == "" {
			return nil
		}
		return []page{{path: paths.Sitemap, build: document(func(w io.Writer) error { return writeSitemap(w, st) })}}
	},
	example: func(*catalog.Catalog) string { return paths.Sitemap },
}

// writeRobots keeps crawlers out of search results and of every view a query string
// makes: those are endless, and each says noindex anyway.
func writeRobots(w io.Writer, st *site) error {
	_, err := fmt.Fprintf(w, "User-agent: *\nDisallow: %s\nDisallow: /*?\n", paths.Search)
	if err == nil && st.shared.BaseURL != "" {
		_, err = fmt.Fprintf(w, "\nSitemap: %s\n", st.shared.Absolute(paths.Sitemap))
	}
	return err
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// writeSitemap lists every HTML page of a listed kind, with when its content changed.
func writeSitemap(w io.Writer, st *site) error {
	set := sitemapURLSet{}
	catalogModified := st.cat.Modified() // once: it walks every article and criterion
	for _, p := range st.index {
		if !p.kind.isHTML() || p.kind.unlisted || p.kind.pattern == "" {
			continue
		}
		set.URLs = append(set.URLs, sitemapURL{
			Loc:     st.shared.Absolute(p.path),
			LastMod: cmp.Or(p.modified, catalogModified).Format(time.DateOnly),
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(set); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
