// Package api is the wire format of the site's open data: the JSON documents served
// under /api/v1/ (API.md), their mapping from the catalog, the problem documents that
// report errors (RFC 9457) and the OpenAPI 3.1 document that describes them all.
//
// The types here are the API's own, never the catalog's: a field is named once, in
// snake_case, and version 1 only ever gains fields. Field order is the order of the
// struct fields. Values a catalog may lack are null, never missing.
//
// Text fields are plain text, except those whose names end in _html: they hold HTML
// rendered from the content's Markdown, whose links are relative to the site's origin.
package api

import (
	"encoding/json"
	"io"
	"time"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
)

// MediaType is the Content-Type of every API document.
const MediaType = "application/json"

// Site is what the documents need to know about the site that serves them.
type Site struct {
	// BaseURL is the public origin without a trailing slash, or empty; URLs in the
	// documents are absolute when it is set and paths from the origin otherwise.
	BaseURL string
	License License
}

func (s Site) url(path string) string { return s.BaseURL + path }

// License is the license the data may be reused under.
type License struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Index is the API's entry point: what it is, its license and its documents.
type Index struct {
	Title       string     `json:"title"`
	Description string     `json:"description"`
	License     License    `json:"license"`
	HTMLURL     string     `json:"html_url"`
	OpenAPIURL  string     `json:"openapi_url"`
	Endpoints   []Endpoint `json:"endpoints"`
}

// Endpoint is one document of the API, or one family of documents when its URL is a
// template such as …/criteria/{slug}.
type Endpoint struct {
	Name        string `json:"name"`
	URL         string `json:"url"`
	Description string `json:"description"`
}

// endpoints lists the API's documents in the index, in the order readers meet them.
var endpoints = []struct{ name, path, description string }{
	{"subjects", paths.APISubjects, "The subjects compared."},
	{"groups", paths.APIGroups, "The groups criteria are arranged in, in display order, with their criteria's slugs."},
	{"criteria", paths.APICriteria, "Every criterion in display order, with its ratings, verdict, claims and sources."},
	{"criterion", paths.APICriterionPattern, "One criterion by its slug."},
	{"articles", paths.APIArticles, "Articles, newest first: metadata and URLs."},
	{"sources", paths.APISources, "The documents that ratings and claims rely on."},
	{"openapi", paths.APIOpenAPI, "The OpenAPI 3.1 document describing this API."},
}

// NewIndex is the index document of cat.
func NewIndex(cat *catalog.Catalog, s Site) Index {
	idx := Index{
		Title:       cat.Title,
		Description: cat.Description,
		License:     s.License,
		HTMLURL:     s.url(paths.Home),
		OpenAPIURL:  s.url(paths.APIOpenAPI),
	}
	for _, e := range endpoints {
		idx.Endpoints = append(idx.Endpoints, Endpoint{Name: e.name, URL: s.url(e.path), Description: e.description})
	}
	return idx
}

// Subjects is the list of subjects.
type Subjects struct {
	License  License   `json:"license"`
	Subjects []Subject `json:"subjects"`
}

// Subject is one of the things compared.
type Subject struct {
	ID              string  `json:"id"`
	Name            string  `json:"name"`
	Description     string  `json:"description"`
	Kind            string  `json:"kind"`
	Language        string  `json:"language"`
	SoftwareLicense string  `json:"software_license"`
	FirstRelease    string  `json:"first_release"`
	Homepage        string  `json:"homepage"`
	CurrentVersion  *string `json:"current_version"`
	LTSVersion      *string `json:"lts_version"`
}

// NewSubjects is the subjects document of cat.
func NewSubjects(cat *catalog.Catalog, s Site) Subjects {
	doc := Subjects{License: s.License, Subjects: make([]Subject, len(cat.Subjects))}
	for i, sub := range cat.Subjects {
		doc.Subjects[i] = Subject{
			ID: sub.ID, Name: sub.Name, Description: sub.Description, Kind: sub.Kind,
			Language: sub.Language, SoftwareLicense: sub.License, FirstRelease: isoDate(sub.FirstRelease),
			Homepage: sub.Homepage, CurrentVersion: orNull(sub.CurrentVersion), LTSVersion: orNull(sub.LTSVersion),
		}
	}
	return doc
}

// Groups is the list of groups.
type Groups struct {
	License License `json:"license"`
	Groups  []Group `json:"groups"`
}

// Group gathers related criteria; HTMLURL is the comparison table narrowed to them.
type Group struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description *string  `json:"description"`
	Criteria    []string `json:"criteria"`
	HTMLURL     string   `json:"html_url"`
}

// NewGroups is the groups document of cat.
func NewGroups(cat *catalog.Catalog, s Site) Groups {
	doc := Groups{License: s.License, Groups: make([]Group, len(cat.Groups))}
	for i, g := range cat.Groups {
		doc.Groups[i] = Group{
			ID: g.ID, Title: g.Title, Description: orNull(g.Description),
			Criteria: slugs(g.Criteria), HTMLURL: s.url(paths.CompareGroup(g.ID)),
		}
	}
	return doc
}

// Criteria is the list of every criterion.
type Criteria struct {
	License  License     `json:"license"`
	Criteria []Criterion `json:"criteria"`
}

// CriterionDocument is one criterion.
type CriterionDocument struct {
	License   License   `json:"license"`
	Criterion Criterion `json:"criterion"`
}

// Criterion is one question the subjects are compared on.
type Criterion struct {
	Slug     string   `json:"slug"`
	Title    string   `json:"title"`
	Group    string   `json:"group"`
	Question string   `json:"question"`
	Ratings  []Rating `json:"ratings"`
	Verdict  Verdict  `json:"verdict"`
	Claims   []Claim  `json:"claims"`
	Sources  []string `json:"sources"`
	Articles []string `json:"articles"`
	URL      string   `json:"url"`
	HTMLURL  string   `json:"html_url"`
}

// Rating is how one subject fares on a criterion.
type Rating struct {
	Subject  string  `json:"subject"`
	Score    int     `json:"score"`
	Summary  string  `json:"summary"`
	Assumes  *string `json:"assumes"`
	BodyHTML string  `json:"body_html"`
}

// Verdict is a criterion's conclusion; Winner is set only when Kind is "winner".
type Verdict struct {
	Kind          string  `json:"kind"`
	Winner        *string `json:"winner"`
	RationaleHTML string  `json:"rationale_html"`
}

// Claim is something a source asserts, judged against the evidence. Each passage is
// judged on one criterion; another criterion that lists it names that one in JudgedOn
// and carries no evidence of its own.
type Claim struct {
	Source          string   `json:"source"`
	Passage         string   `json:"passage"`
	Text            string   `json:"text"`
	Judgement       string   `json:"judgement"`
	EvidenceHTML    string   `json:"evidence_html"`
	EvidenceSources []string `json:"evidence_sources"`
	JudgedOn        *string  `json:"judged_on"`
}

// NewCriteria is the document of every criterion of cat.
func NewCriteria(cat *catalog.Catalog, s Site) Criteria {
	doc := Criteria{License: s.License, Criteria: make([]Criterion, len(cat.Criteria))}
	for i, c := range cat.Criteria {
		doc.Criteria[i] = newCriterion(c, s)
	}
	return doc
}

// NewCriterionDocument is the document of one criterion.
func NewCriterionDocument(c *catalog.Criterion, s Site) CriterionDocument {
	return CriterionDocument{License: s.License, Criterion: newCriterion(c, s)}
}

func newCriterion(c *catalog.Criterion, s Site) Criterion {
	out := Criterion{
		Slug: c.Slug, Title: c.Title, Group: c.Group.ID, Question: c.Question,
		Ratings:  make([]Rating, len(c.Ratings)),
		Verdict:  Verdict{Kind: string(c.Verdict.Kind), RationaleHTML: string(c.Verdict.Rationale)},
		Claims:   make([]Claim, len(c.Claims)),
		Sources:  sourceIDs(c.Sources),
		Articles: make([]string, len(c.Articles)),
		URL:      s.url(paths.APICriterion(c.Slug)),
		HTMLURL:  s.url(paths.Criterion(c.Slug)),
	}
	for i, r := range c.Ratings {
		out.Ratings[i] = Rating{Subject: r.Subject.ID, Score: r.Score, Summary: r.Summary, Assumes: orNull(r.Assumes), BodyHTML: string(r.Body)}
	}
	if c.Verdict.Winner != nil {
		out.Verdict.Winner = &c.Verdict.Winner.ID
	}
	for i, cl := range c.Claims {
		out.Claims[i] = Claim{
			Source: cl.Source.ID, Passage: cl.Passage.String(), Text: cl.Text, Judgement: string(cl.Judgement),
			EvidenceHTML: string(cl.Evidence), EvidenceSources: sourceIDs(cl.EvidenceSources),
		}
		if cl.JudgedOn != nil {
			out.Claims[i].JudgedOn = &cl.JudgedOn.Slug
		}
	}
	for i, a := range c.Articles {
		out.Articles[i] = a.Slug
	}
	return out
}

// Articles is the list of articles.
type Articles struct {
	License  License   `json:"license"`
	Articles []Article `json:"articles"`
}

// Article is an article's metadata; its text is on the page at HTMLURL.
type Article struct {
	Slug      string   `json:"slug"`
	Title     string   `json:"title"`
	Summary   string   `json:"summary"`
	Published string   `json:"published"`
	Updated   *string  `json:"updated"`
	Criteria  []string `json:"criteria"`
	HTMLURL   string   `json:"html_url"`
}

// NewArticles is the articles document of cat.
func NewArticles(cat *catalog.Catalog, s Site) Articles {
	doc := Articles{License: s.License, Articles: make([]Article, len(cat.Articles))}
	for i, a := range cat.Articles {
		doc.Articles[i] = Article{
			Slug: a.Slug, Title: a.Title, Summary: a.Summary, Published: isoDate(a.Published),
			Criteria: slugs(a.Criteria), HTMLURL: s.url(paths.Article(a.Slug)),
		}
		if !a.Updated.IsZero() {
			doc.Articles[i].Updated = orNull(isoDate(a.Updated))
		}
	}
	return doc
}

// Sources is the list of sources.
type Sources struct {
	License License  `json:"license"`
	Sources []Source `json:"sources"`
}

// Source is a document that ratings and claims rely on. Date is as precise as it is
// known: "2025-03-17", "2025-03" or "2025".
type Source struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Publisher string  `json:"publisher"`
	URL       *string `json:"url"`
	Date      string  `json:"date"`
	Kind      string  `json:"kind"`
}

// NewSources is the sources document of cat.
func NewSources(cat *catalog.Catalog, s Site) Sources {
	doc := Sources{License: s.License, Sources: make([]Source, len(cat.Sources))}
	for i, src := range cat.Sources {
		doc.Sources[i] = Source{
			ID: src.ID, Title: src.Title, Publisher: src.Publisher, URL: orNull(src.URL),
			Date: partialDate(src.Date), Kind: src.Kind,
		}
	}
	return doc
}

// Write writes a document as indented JSON, with HTML left unescaped: API documents
// are served as application/json, never as a page.
func Write(w io.Writer, doc any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func isoDate(t time.Time) string { return t.Format(time.DateOnly) }

// partialDate writes a date only as precisely as it is known (ISO 8601).
func partialDate(d catalog.Date) string {
	switch d.Precision {
	case catalog.Year:
		return d.Format("2006")
	case catalog.Month:
		return d.Format("2006-01")
	}
	return isoDate(d.Time)
}

// orNull is nil for an empty string, so that a missing value is written as null.
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func slugs(criteria []*catalog.Criterion) []string {
	out := make([]string, len(criteria))
	for i, c := range criteria {
		out[i] = c.Slug
	}
	return out
}

func sourceIDs(sources []*catalog.Source) []string {
	out := make([]string, len(sources))
	for i, s := range sources {
		out[i] = s.ID
	}
	return out
}
