package server

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"slices"
	"time"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
)

// The Atom feed (RFC 4287) of what changes: new articles and each entry of a
// criterion's change log. Atom needs absolute, permanent ids, so a site without a base URL has no
// feed. Written with encoding/xml: the Go feed libraries allow one link per feed, and
// Atom wants both rel="self" and rel="alternate".

var feedKind = pageKind{
	name:        "feed",
	pattern:     paths.Feed,
	contentType: "application/atom+xml; charset=utf-8",
	crossOrigin: true,
	pages: func(st *site) []page {
		if st.shared.BaseURL == "" {
			return nil
		}
		return []page{{path: paths.Feed, build: document(func(w io.Writer) error { return writeFeed(w, st) })}}
	},
	example: func(*catalog.Catalog) string { return paths.Feed },
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	ID       string      `xml:"id"`
	Links    []atomLink  `xml:"link"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Rights   string      `xml:"rights"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomEntry struct {
	Title     string       `xml:"title"`
	ID        string       `xml:"id"`
	Link      atomLink     `xml:"link"`
	Published string       `xml:"published,omitempty"`
	Updated   string       `xml:"updated"`
	Summary   string       `xml:"summary"`
	Category  atomCategory `xml:"category"`
	updated   time.Time
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

// feedEntries is every change the feed announces, newest first.
func feedEntries(st *site) []atomEntry {
	abs := st.shared.Absolute
	var entries []atomEntry
	for _, a := range st.cat.Articles {
		entries = append(entries, atomEntry{
			Title:     a.Title,
			ID:        abs(paths.Article(a.Slug)),
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: abs(paths.Article(a.Slug))},
			Published: atomTime(a.Published),
			Updated:   atomTime(a.Modified()),
			Summary:   a.Summary,
			Category:  atomCategory{Term: "article", Label: "Article"},
			updated:   a.Modified(),
		})
	}
	for _, c := range st.cat.Criteria {
		for i, change := range c.Changes {
			// Numbered from the oldest, so an entry keeps its id as newer ones are added.
			n := len(c.Changes) - i
			entries = append(entries, atomEntry{
				Title:    c.Title + ": " + changeTitle(n),
				ID:       tagURI(st.shared.BaseURL, change.Date, fmt.Sprintf("%s/changes/%d", paths.Criterion(c.Slug), n)),
				Link:     atomLink{Rel: "alternate", Type: "text/html", Href: abs(paths.Criterion(c.Slug)) + "#" + changesID},
				Updated:  atomTime(change.Date),
				Summary:  change.Summary,
				Category: atomCategory{Term: "criterion", Label: "Criterion"},
				updated:  change.Date,
			})
		}
	}
	slices.SortStableFunc(entries, func(a, b atomEntry) int { return b.updated.Compare(a.updated) })
	return entries
}

// changesID is the id of a criterion page's change log.
const changesID = "changes"

func changeTitle(n int) string {
	if n == 1 {
		return "first published"
	}
	return "updated"
}

func writeFeed(w io.Writer, st *site) error {
	abs := st.shared.Absolute
	feed := atomFeed{
		Title:    st.cat.Title + " — Versus",
		Subtitle: "New articles on " + st.cat.Title + ", and every change to a criterion.",
		ID:       abs(paths.Home),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: abs(paths.Feed)},
			{Rel: "alternate", Type: "text/html", Href: abs(paths.Home)},
			{Rel: "license", Href: st.shared.License.URL},
		},
		Updated: atomTime(st.cat.Modified()),
		Author:  atomPerson{Name: "Versus", URI: abs(paths.About)},
		Rights:  st.cat.Title + " on Versus, " + st.shared.License.Name,
		Entries: feedEntries(st),
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	return enc.Encode(feed)
}

// atomTime writes a date as an RFC 3339 timestamp, as Atom requires; content dates are
// days, so the time is midnight UTC.
func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// tagURI is a permanent id for something without a URL of its own (RFC 4151).
func tagURI(base string, day time.Time, specific string) string {
	host := base
	if u, err := url.Parse(base); err == nil {
		host = u.Hostname()
	}
	return "tag:" + host + "," + day.Format(time.DateOnly) + ":" + specific
}
