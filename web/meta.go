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
	HasCode     bool  // the page shows highlighted code and needs its stylesheet
	Image       Image // the picture a shared link unfurls with; the site's card by default
	// Article and Dataset describe the page to search engines, when it is one.
	Article *ArticleFacts
	Dataset *DatasetFacts
	Site    Site
}

// Image is a preview image of a page, as link unfurlers show it.
type Image struct {
	Path          string // the image's path on this site
	Width, Height int
	Alt           string
}

// Site is what every page of one catalog shares.
type Site struct {
	Title   string
	BaseURL string // the public origin without a trailing slash; empty when not configured
	Image   Image  // the comparison's own preview image, for pages without their own
	Feed    string // the path of the Atom feed, linked from every page
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
	// NarrowJS narrows a /compare page that a static host sent whole; site.js loads it
	// only then, from #results' data-narrow.
	NarrowJS string
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
	if m.Path == "" {
		return ""
	}
	return m.Site.Absolute(m.Path)
}

// Absolute is the absolute URL of a path on the site, or empty without a base URL:
// previews, feeds and search engines need absolute URLs, and a guessed origin would be
// wrong behind a proxy.
func (s Site) Absolute(path string) string {
	if s.BaseURL == "" || path == "" {
		return ""
	}
	return s.BaseURL + path
}

// Preview is the page's preview image: its own, or the site's.
func (m Meta) Preview() Image {
	if m.Image.Path != "" {
		return m.Image
	}
	return m.Site.Image
}

// SocialTitle is the title a shared link shows: the page's own, with the comparison's
// name so it makes sense out of context.
func (m Meta) SocialTitle() string {
	if m.Title == "" {
		return m.Site.Title
	}
	return m.Title + " · " + m.Site.Title
}
