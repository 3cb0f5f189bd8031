package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/internal/preview"
	"github.com/versus-web/versus/web"
)

// Preview images: the picture a shared link unfurls with, one per criterion, per article
// and for the comparison. They are drawn on first request (each costs tens of
// milliseconds, and most are never asked for), under URLs that hash what they show, so
// they can be cached for a year.

var previewKind = pageKind{
	name:         "preview",
	pattern:      paths.PreviewPattern,
	contentType:  "image/png",
	cacheControl: "public, max-age=31536000, immutable",
	lazy:         true,
	crossOrigin:  true,
	pages: func(st *site) []page {
		pages := make([]page, 0, len(st.previews))
		for _, p := range st.previews {
			pages = append(pages, page{path: p.image.Path, build: document(func(w io.Writer) error {
				png, err := preview.PNG(p.card)
				if err == nil {
					_, err = w.Write(png)
				}
				return err
			})})
		}
		return pages
	},
	example: func(cat *catalog.Catalog) string { return comparisonPreview(cat).image.Path },
}

// pagePreview is a page's preview image: what it shows, and where and how it is served.
type pagePreview struct {
	card  preview.Card
	image web.Image
}

// previews makes every page's preview image, by the path of the page it belongs to.
func previews(cat *catalog.Catalog) map[string]pagePreview {
	out := map[string]pagePreview{paths.Home: comparisonPreview(cat)}
	for _, c := range cat.Criteria {
		out[paths.Criterion(c.Slug)] = criterionPreview(cat, c)
	}
	for _, a := range cat.Articles {
		out[paths.Article(a.Slug)] = newPreview("articles/"+a.Slug, preview.Card{
			Kicker:   cat.Title + " · Article",
			Title:    a.Title,
			Subtitle: a.Summary,
			Footer:   "Versus",
		}, a.Title+": an article on "+cat.Title+".")
	}
	return out
}

func comparisonPreview(cat *catalog.Catalog) pagePreview {
	return newPreview("comparison", preview.Card{
		Kicker:   "Versus",
		Title:    cat.Title,
		Subtitle: cat.Description,
		Verdict:  fmt.Sprintf("%d criteria, side by side", len(cat.Criteria)),
		Footer:   "Versus",
	}, fmt.Sprintf("%s: %d criteria compared side by side.", cat.Title, len(cat.Criteria)))
}

func criterionPreview(cat *catalog.Catalog, c *catalog.Criterion) pagePreview {
	card := preview.Card{
		Kicker:   cat.Title + " · " + c.Group.Title,
		Title:    c.Title,
		Subtitle: c.Question,
		Verdict:  "Verdict: " + c.Verdict.Label(),
		Footer:   "Versus",
	}
	scores := make([]string, len(c.Ratings))
	for i, r := range c.Ratings {
		card.Ratings = append(card.Ratings, preview.Rating{Subject: r.Subject.Name, Score: r.Score, Max: catalog.MaxScore})
		scores[i] = fmt.Sprintf("%s %d of %d", r.Subject.Name, r.Score, catalog.MaxScore)
	}
	alt := fmt.Sprintf("%s: %s. Verdict: %s.", c.Title, strings.Join(scores, ", "), c.Verdict.Label())
	return newPreview("criteria/"+c.Slug, card, alt)
}

// newPreview names an image by a hash of what it shows and how it is drawn.
func newPreview(name string, card preview.Card, alt string) pagePreview {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%#v", preview.Design, card))
	return pagePreview{card: card, image: web.Image{
		Path:   paths.Preview(name, hex.EncodeToString(sum[:5])),
		Width:  preview.Width,
		Height: preview.Height,
		Alt:    alt,
	}}
}
