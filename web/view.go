// Package web holds the templ components that render every HTML page. Components receive
// the catalog's types and small view models; they do no I/O and never load content.
package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/versus-web/versus/internal/catalog"
)

// Meta is what the layout needs to know about a page.
type Meta struct {
	SiteTitle   string
	Title       string // the page's own title; empty on the home page
	Description string
	Canonical   string // absolute URL, or empty when no base URL is configured
	Section     string // the nav item to mark current: "home", "criteria", "articles", "compare", "decide"
	Query       string // the search box's text
	NoIndex     bool
	Assets      Assets
	Dev         *Dev // set only in dev mode
}

// Dev is what dev mode adds to every page: the reload script and a problem banner.
type Dev struct {
	Problems   []string // content problems; the page shows the last good content
	Generation uint64   // the site's update count when the page was rendered
}

// Assets are the hashed URLs of the static files pages link to.
type Assets struct {
	SiteCSS string
	CodeCSS string
	Favicon string
	ThemeJS string // applies the saved colour theme before the page paints
	SiteJS  string // progressive enhancement: live filters, select all/none, theme toggle
}

// DocumentTitle is the text of the page's <title>.
func (m Meta) DocumentTitle() string {
	if m.Title == "" {
		return m.SiteTitle + " — Versus"
	}
	return m.Title + " · " + m.SiteTitle + " — Versus"
}

// Rows is one group's criteria as shown in a comparison table.
type Rows struct {
	Group    *catalog.Group
	Criteria []*catalog.Criterion
}

// AllRows is every criterion of the catalog, group by group.
func AllRows(cat *catalog.Catalog) []Rows {
	rows := make([]Rows, 0, len(cat.Groups))
	for _, g := range cat.Groups {
		if len(g.Criteria) > 0 {
			rows = append(rows, Rows{Group: g, Criteria: g.Criteria})
		}
	}
	return rows
}

// Filter is the state of the criteria filter form.
type Filter struct {
	Groups   []*catalog.Group
	Subjects []*catalog.Subject
	Criteria map[string]bool // checked criterion slugs
	Chosen   map[string]bool // checked subject ids
}

// CompareView is the /compare page.
type CompareView struct {
	Chart    Chart
	Subjects []*catalog.Subject
	Rows     []Rows
	Shown    int // criteria shown
	Total    int // criteria in the catalog
	Notices  []string
	Filter   Filter
}

func criterionURL(c *catalog.Criterion) string { return "/criteria/" + c.Slug }
func articleURL(a *catalog.Article) string     { return "/articles/" + a.Slug }

func longDate(t time.Time) string { return t.Format("2 January 2006") }
func isoDate(t time.Time) string  { return t.Format("2006-01-02") }

func scoreLabel(score int) string { return fmt.Sprintf("%d out of %d", score, catalog.MaxScore) }
func scoreClass(score int) string { return fmt.Sprintf("score score-%d", score) }

func verdictClass(v catalog.Verdict) string {
	if v.Kind == catalog.VerdictWinner {
		return "verdict verdict-" + v.Winner.ID
	}
	return "verdict verdict-" + string(v.Kind)
}

func judgementClass(j catalog.Judgement) string { return "judgement judgement-" + string(j) }

func columnCount(subjects []*catalog.Subject) string { return fmt.Sprint(len(subjects) + 2) }

func subjectNames(subjects []*catalog.Subject) string {
	names := make([]string, len(subjects))
	for i, s := range subjects {
		names[i] = s.Name
	}
	return strings.Join(names, " vs ")
}

func year(t time.Time) string { return fmt.Sprint(t.Year()) }

func sourceKindLabel(kind string) string {
	switch kind {
	case "docs":
		return "Official docs"
	case "release":
		return "Release information"
	}
	return strings.ToUpper(kind[:1]) + kind[1:]
}

func latest(articles []*catalog.Article, n int) []*catalog.Article {
	return articles[:min(n, len(articles))]
}

func termList(terms []string) string { return "“" + strings.Join(terms, "”, “") + "”" }

func resultCount(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}
