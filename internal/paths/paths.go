// Package paths spells the site's URL paths: the patterns the server routes and the
// builders every link uses. Nothing else writes "/criteria/" by hand, so a page can move
// by changing one line.
package paths

import (
	"net/url"
	"strings"
)

// Patterns and fixed paths, as the router registers them.
const (
	Home             = "/"
	Criteria         = "/criteria"
	CriterionPattern = "/criteria/{slug}"
	Articles         = "/articles"
	ArticlePattern   = "/articles/{slug}"
	Compare          = "/compare"
	CompareCSV       = "/compare.csv"
	Decide           = "/decide"
	Search           = "/search"
	About            = "/about"
	Sitemap          = "/sitemap.xml"
	Robots           = "/robots.txt"
	Feed             = "/feed.xml"
	PreviewPattern   = "/preview/*"
	Health           = "/healthz" // the process is up (answers while the content loads)
	Ready            = "/readyz"  // the content is loaded and served
	DevEvents        = "/_dev/events"
	DevScript        = "/_dev/reload.js"
)

// EmbedCriterionPattern is the route of a criterion's compact view for other sites'
// iframes: the only pages that may be framed.
const EmbedCriterionPattern = "/embed/criteria/{slug}"

// The read-only JSON API, version 1 (API.md). Every path under APIRoot answers in JSON,
// errors included.
const (
	APIRoot             = "/api"
	API                 = APIRoot + "/v1"
	APISubjects         = API + "/subjects"
	APIGroups           = API + "/groups"
	APICriteria         = API + "/criteria"
	APICriterionPattern = API + "/criteria/{slug}"
	APIArticles         = API + "/articles"
	APISources          = API + "/sources"
	APIOpenAPI          = API + "/openapi.json"
)

// Query parameters of the pages that read their query.
const (
	CriterionParam = "c" // compare: a criterion slug
	GroupParam     = "g" // compare: a group id, meaning all of its criteria
	SubjectParam   = "s" // compare: a subject id
	WeightParam    = "w" // decide: slug:weight
	SearchParam    = "q" // search: the words
)

// Criterion is the page of one criterion.
func Criterion(slug string) string { return Criteria + "/" + slug }

// EmbedCriterion is the view of one criterion made for other sites' iframes.
func EmbedCriterion(slug string) string { return "/embed" + Criterion(slug) }

// Article is the page of one article.
func Article(slug string) string { return Articles + "/" + slug }

// APICriterion is the API document of one criterion.
func APICriterion(slug string) string { return APICriteria + "/" + slug }

// InAPI reports whether a request path belongs to the API, whose answers are JSON.
func InAPI(path string) bool { return path == APIRoot || strings.HasPrefix(path, APIRoot+"/") }

// CompareCriteria is the filter narrowed to the given criteria.
func CompareCriteria(slugs ...string) string { return withQuery(Compare, CriterionParam, slugs) }

// CompareGroup is the filter narrowed to one group's criteria.
func CompareGroup(id string) string { return withQuery(Compare, GroupParam, []string{id}) }

// SearchFor is the search page for a query.
func SearchFor(q string) string { return withQuery(Search, SearchParam, []string{q}) }

// Preview is a preview image: name says whose ("criteria/security"), version is a
// hash of what it shows, so the URL changes whenever the image does.
func Preview(name, version string) string { return "/preview/" + name + "." + version + ".png" }

// WithQuery appends an encoded query, if any, to a path.
func WithQuery(path, rawQuery string) string {
	if rawQuery == "" {
		return path
	}
	return path + "?" + rawQuery
}

func withQuery(path, key string, values []string) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = key + "=" + url.QueryEscape(v)
	}
	return WithQuery(path, strings.Join(parts, "&"))
}
