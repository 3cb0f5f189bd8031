package web

import (
	"fmt"
	"html"

	"github.com/versus-web/versus/internal/catalog"
)

// EmbedView is one criterion, compact, for other sites' iframes (web/embed.templ).
type EmbedView struct {
	Criterion *catalog.Criterion
	Rationale string // the verdict's rationale as one line of plain text; empty if none
	PageURL   string // the criterion's page: absolute when the site's base URL is known
}

// EmbedCode is the iframe a criterion's page offers to paste into another site.
type EmbedCode struct {
	// Src is the embed's URL: absolute when the site's base URL is known, otherwise a
	// path, which site.js completes with the page's origin (data-origin-relative).
	Src    string
	Title  string // the iframe's title, which names it for screen readers
	Height int    // in CSS pixels: enough for the embed at a narrow width
}

// HTML is the snippet to paste.
func (e EmbedCode) HTML() string {
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="%d" style="border:0" loading="lazy"></iframe>`,
		html.EscapeString(e.Src), html.EscapeString(e.Title), e.Height)
}

// Absolute reports whether the snippet's src is a full URL.
func (e EmbedCode) Absolute() bool { return len(e.Src) > 0 && e.Src[0] != '/' }
