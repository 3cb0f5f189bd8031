// Package web holds the templ components that render every HTML page. Each page has a
// view model (web/<page>.go) beside its component (web/<page>.templ); components receive
// view models and the catalog's content types, do no I/O and never see the whole catalog.
package web

import "github.com/versus-web/versus/internal/paths"

// Meta is what the layout needs to know about a page. A page builder writes the page's
// own fields as a literal; the server fills in Site.
type Meta struct {
	Title       string // the page's own title; empty on the home page
	Description string
	Path        string // the canonical path; empty for pages without a canonical URL
	Section     Section
	Query       string // the search box's text
	NoIndex     bool
	Code        bool // the page shows highlighted code and needs its stylesheet
	Site        Site
}

// Site is what every page of one catalog shares.
type Site struct {
	Title   string
	BaseURL string // the public origin without a trailing slash; empty when not configured
	Assets  Assets
	License License // the license of the comparison's data and text
	Dev     *Dev    // set only in dev mode
}

// License is a license that readers may reuse the content under.
type License struct {
	Name string // "CC BY 4.0"
	URL  string // its legal text
}

// DefaultLicense is the license the content is published under unless the operator
// chooses another.
var DefaultLicense = License{Name: "CC BY 4.0", URL: "https://creativecommons.org/licenses/by/4.0/"}

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
	// EmbedCSS styles the embeds other sites frame (web/embed.templ).
	EmbedCSS string
}

// Section is an item of the main navigation; a page marks its own as current.
type Section int

const (
	NoSection Section = iota
	HomeSection
	CriteriaSection
	CompareSection
	DecideSection
	ArticlesSection
)

type navItem struct {
	section Section
	href    string
	label   string
}

var mainNav = []navItem{
	{HomeSection, paths.Home, "Comparison"},
	{CriteriaSection, paths.Criteria, "Criteria"},
	{CompareSection, paths.Compare, "Filter"},
	{DecideSection, paths.Decide, "Decide"},
	{ArticlesSection, paths.Articles, "Articles"},
}

// DocumentTitle is the text of the page's <title>.
func (m Meta) DocumentTitle() string {
	if m.Title == "" {
		return m.Site.Title + " — Versus"
	}
	return m.Title + " · " + m.Site.Title + " — Versus"
}

// Canonical is the page's absolute URL, or empty without a base URL or canonical path.
func (m Meta) Canonical() string {
	if m.Site.BaseURL == "" || m.Path == "" {
		return ""
	}
	return m.Site.BaseURL + m.Path
}
