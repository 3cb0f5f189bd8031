package server

import (
	"strings"
	"unicode/utf8"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/markdown"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

// embedCriterionKind is one criterion, compact, for other sites' iframes: the only kind
// of page that may be framed (headers.go).
var embedCriterionKind = pageKind{
	name:    "embedCriterion",
	pattern: paths.EmbedCriterionPattern,
	section: web.NoSection,
	pages: func(st *site) []page {
		pages := make([]page, len(st.cat.Criteria))
		for i, c := range st.cat.Criteria {
			pages[i] = page{path: paths.EmbedCriterion(c.Slug), build: func(m web.Meta) templ.Component { return embedCriterionPage(m, c) }}
		}
		return pages
	},
	example: func(cat *catalog.Catalog) string {
		if len(cat.Criteria) == 0 {
			return ""
		}
		return paths.EmbedCriterion(cat.Criteria[0].Slug)
	},
	embeddable: true,
	unlisted:   true, // a copy of the criterion page, which is the one to index
}

func embedCriterionPage(m web.Meta, c *catalog.Criterion) templ.Component {
	m.Title = c.Title // the layout says noindex and names the criterion's page canonical
	return web.EmbedCriterion(m, web.EmbedView{
		Criterion: c,
		Rationale: firstSentence(markdown.PlainText(string(c.Verdict.Rationale)), maxRationale),
		PageURL:   siteURL(m, paths.Criterion(c.Slug)),
	})
}

// embedCode is the iframe snippet a criterion's page offers.
func embedCode(m web.Meta, c *catalog.Criterion) web.EmbedCode {
	return web.EmbedCode{
		Src:   siteURL(m, paths.EmbedCriterion(c.Slug)),
		Title: c.Title + ": " + m.Site.Title + " on Versus",
		// Enough for the title, question, verdict and link, and a card per subject, in a
		// frame 500 px wide or more; in a narrower one the cards stack and it scrolls.
		Height: 200 + 110*len(c.Ratings),
	}
}

// siteURL is the absolute URL of a path when the site's base URL is known, else the path.
func siteURL(m web.Meta, path string) string { return m.Site.BaseURL + path }

// maxRationale is how long, in characters, an embed's line of rationale may be.
const maxRationale = 220

// firstSentence is text's first sentence, shortened at a word to at most max characters.
func firstSentence(text string, max int) string {
	for i := 0; i+1 < len(text); i++ {
		if strings.ContainsRune(".!?", rune(text[i])) && text[i+1] == ' ' && i > 20 {
			text = text[:i+1]
			break
		}
	}
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	cut := []rune(text)[:max]
	if i := strings.LastIndexByte(string(cut), ' '); i > 0 {
		return strings.TrimRight(string(cut)[:i], " ,;:") + "…"
	}
	return string(cut) + "…"
}
