package web

import (
	"time"

	"github.com/versus-web/versus/internal/paths"
)

// The JSON-LD (schema.org) that search engines read from a page: a BreadcrumbList below
// the home page, an Article on articles and a Dataset on the home page. It needs
// absolute URLs, so pages carry none without a base URL.

// ArticleFacts are what an article's structured data says beyond its Meta.
type ArticleFacts struct {
	Published time.Time
	Modified  time.Time // zero when never updated
}

// DatasetFacts describe the comparison as open data.
type DatasetFacts struct {
	Modified  time.Time // the newest review or article
	Keywords  []string
	Downloads []Download
}

// Download is one way to get the data.
type Download struct {
	Format string // a media type: "application/json", "text/csv"
	Path   string
}

// Crumb is one step of a page's place in the site.
type Crumb struct {
	Name string
	Path string
}

// Breadcrumbs are the steps from the home page to this one, or nil on the home page and
// on pages without a canonical path.
func (m Meta) Breadcrumbs() []Crumb {
	if m.Path == "" || m.Path == paths.Home {
		return nil
	}
	crumbs := []Crumb{{Name: m.Site.Title, Path: paths.Home}}
	for _, item := range mainNav {
		if item.section == m.Section && item.href != paths.Home && item.href != m.Path {
			crumbs = append(crumbs, Crumb{Name: item.label, Path: item.href})
		}
	}
	return append(crumbs, Crumb{Name: m.Title, Path: m.Path})
}

type ldThing struct {
	Context string `json:"@context,omitempty"`
	Type    string `json:"@type"`
}

type ldOrganization struct {
	ldThing
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldBreadcrumbs struct {
	ldThing
	Items []ldListItem `json:"itemListElement"`
}

type ldListItem struct {
	ldThing
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

type ldArticle struct {
	ldThing
	Headline      string         `json:"headline"`
	Description   string         `json:"description,omitempty"`
	URL           string         `json:"url"`
	Image         string         `json:"image,omitempty"`
	DatePublished string         `json:"datePublished"`
	DateModified  string         `json:"dateModified,omitempty"`
	InLanguage    string         `json:"inLanguage"`
	Author        ldOrganization `json:"author"`
	Publisher     ldOrganization `json:"publisher"`
	License       string         `json:"license,omitempty"`
}

type ldDataset struct {
	ldThing
	Name                string           `json:"name"`
	Description         string           `json:"description"`
	URL                 string           `json:"url"`
	License             string           `json:"license,omitempty"`
	IsAccessibleForFree bool             `json:"isAccessibleForFree"`
	DateModified        string           `json:"dateModified,omitempty"`
	Keywords            []string         `json:"keywords,omitempty"`
	Creator             ldOrganization   `json:"creator"`
	Distribution        []ldDataDownload `json:"distribution,omitempty"`
}

type ldDataDownload struct {
	ldThing
	EncodingFormat string `json:"encodingFormat"`
	ContentURL     string `json:"contentUrl"`
}

const schemaOrg = "https://schema.org"

// LinkedData is the page's structured data, one JSON-LD object per element.
func (m Meta) LinkedData() []any {
	s := m.Site
	if s.BaseURL == "" || m.Path == "" {
		return nil
	}
	var out []any
	if crumbs := m.Breadcrumbs(); len(crumbs) > 0 {
		list := ldBreadcrumbs{ldThing: ldThing{schemaOrg, "BreadcrumbList"}}
		for i, c := range crumbs {
			list.Items = append(list.Items, ldListItem{ldThing{Type: "ListItem"}, i + 1, c.Name, s.Absolute(c.Path)})
		}
		out = append(out, list)
	}
	site := ldOrganization{ldThing{Type: "Organization"}, "Versus", s.Absolute(paths.Home)}
	if a := m.Article; a != nil {
		article := ldArticle{
			ldThing: ldThing{schemaOrg, "Article"}, Headline: m.Title, Description: m.Description,
			URL: m.Canonical(), Image: s.Absolute(m.Preview().Path),
			DatePublished: isoDate(a.Published), InLanguage: "en",
			Author: site, Publisher: site, License: s.License.URL,
		}
		if !a.Modified.IsZero() {
			article.DateModified = isoDate(a.Modified)
		}
		out = append(out, article)
	}
	if d := m.Dataset; d != nil {
		dataset := ldDataset{
			ldThing: ldThing{schemaOrg, "Dataset"}, Name: s.Title, Description: m.Description,
			URL: m.Canonical(), License: s.License.URL, IsAccessibleForFree: true,
			Keywords: d.Keywords, Creator: site,
		}
		if !d.Modified.IsZero() {
			dataset.DateModified = isoDate(d.Modified)
		}
		for _, dl := range d.Downloads {
			dataset.Distribution = append(dataset.Distribution, ldDataDownload{ldThing{Type: "DataDownload"}, dl.Format, s.Absolute(dl.Path)})
		}
		out = append(out, dataset)
	}
	return out
}
