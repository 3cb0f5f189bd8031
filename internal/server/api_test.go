package server

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/versus-web/versus/internal/api"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

// testBaseURL is the base URL testServer is configured with.
const testBaseURL = "https://versus.example"

// fetch requests a path of the site as a client of testBaseURL would, so the request can
// also be matched against the OpenAPI document's server.
func fetch(t testing.TB, h http.Handler, method, path string, header ...string) (*http.Request, *httptest.ResponseRecorder) {
	t.Helper()
	req := httptest.NewRequest(method, testBaseURL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return req, rec
}

// apiGet fetches an API document and decodes it, failing the test unless it is served
// as JSON with status 200.
func apiGet[T any](t *testing.T, h http.Handler, path string) T {
	t.Helper()
	_, rec := fetch(t, h, http.MethodGet, path)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != api.MediaType {
		t.Fatalf("%s: status %d, Content-Type %q", path, rec.Code, rec.Header().Get("Content-Type"))
	}
	var doc T
	dec := json.NewDecoder(rec.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// onSite returns the path of an absolute URL on testBaseURL.
func onSite(t *testing.T, url string) string {
	t.Helper()
	path, ok := strings.CutPrefix(url, testBaseURL)
	if !ok || !strings.HasPrefix(path, "/") {
		t.Errorf("%q is not a URL on %s", url, testBaseURL)
	}
	return path
}

// isAPIKind reports whether a kind of the registry is a document of the API.
func isAPIKind(k pageKind) bool { return k.pattern != "" && paths.InAPI(k.pattern) }

// TestAPIMatchesTheCatalog reads every API document and checks it, field by field,
// against the catalog it was made from; every id it refers to is in another document,
// and every URL it gives is served.
func TestAPIMatchesTheCatalog(t *testing.T) {
	s := testServer(t)
	cat := s.Catalog()
	license := api.License{Name: web.DefaultLicense.Name, URL: web.DefaultLicense.URL}
	served := func(url, want string) {
		t.Helper()
		rec := get(t, s, http.MethodGet, onSite(t, url))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: status %d, or it lacks %q", url, rec.Code, want)
		}
	}

	index := apiGet[api.Index](t, s, paths.API)
	if index.Title != cat.Title || index.Description != cat.Description || index.License != license {
		t.Errorf("index: title %q, description %q, license %v", index.Title, index.Description, index.License)
	}
	served(index.HTMLURL, "<h1>"+html.EscapeString(cat.Title)+"</h1>")
	served(index.OpenAPIURL, `"openapi"`)
	listed := map[string]bool{}
	for _, e := range index.Endpoints {
		path := onSite(t, e.URL)
		listed[path] = true
		served(strings.Replace(e.URL, "{slug}", cat.Criteria[0].Slug, 1), `"`)
	}
	for _, k := range pageKinds {
		if isAPIKind(k) && k.pattern != paths.API && !listed[k.pattern] {
			t.Errorf("the index does not list the %s document (%s)", k.name, k.pattern)
		}
	}

	subjects := apiGet[api.Subjects](t, s, paths.APISubjects)
	if subjects.License != license || len(subjects.Subjects) != len(cat.Subjects) {
		t.Fatalf("subjects: license %v, %d subjects", subjects.License, len(subjects.Subjects))
	}
	for i, got := range subjects.Subjects {
		want := cat.Subjects[i]
		if got.ID != want.ID || got.Name != want.Name || got.Description != want.Description || got.Kind != want.Kind ||
			got.Language != want.Language || got.SoftwareLicense != want.License || got.Homepage != want.Homepage ||
			got.FirstRelease != want.FirstRelease.Format("2006-01-02") ||
			deref(got.CurrentVersion) != want.CurrentVersion || deref(got.LTSVersion) != want.LTSVersion {
			t.Errorf("subject %d: %+v, want %+v", i, got, want)
		}
	}

	groups := apiGet[api.Groups](t, s, paths.APIGroups)
	if groups.License != license || len(groups.Groups) != len(cat.Groups) {
		t.Fatalf("groups: license %v, %d groups", groups.License, len(groups.Groups))
	}
	for i, got := range groups.Groups {
		want := cat.Groups[i]
		if got.ID != want.ID || got.Title != want.Title || deref(got.Description) != want.Description ||
			!slices.Equal(got.Criteria, criterionSlugs(want.Criteria)) {
			t.Errorf("group %d: %+v, want %+v", i, got, want)
		}
		served(got.HTMLURL, `href="`+paths.Criterion(want.Criteria[0].Slug)+`"`)
	}

	sources := apiGet[api.Sources](t, s, paths.APISources)
	if sources.License != license || len(sources.Sources) != len(cat.Sources) {
		t.Fatalf("sources: license %v, %d sources", sources.License, len(sources.Sources))
	}
	sourceIDs := map[string]bool{}
	precisions := map[catalog.DatePrecision]bool{}
	for i, got := range sources.Sources {
		want := cat.Sources[i]
		sourceIDs[got.ID] = true
		precisions[want.Date.Precision] = true
		if got.ID != want.ID || got.Title != want.Title || got.Publisher != want.Publisher ||
			deref(got.URL) != want.URL || got.Kind != want.Kind || got.Date != wantDate(want.Date) {
			t.Errorf("source %d: %+v, want %+v", i, got, want)
		}
	}
	if len(precisions) < 2 {
		t.Errorf("the content's sources have dates of %d precisions; the test needs more to mean something", len(precisions))
	}

	articles := apiGet[api.Articles](t, s, paths.APIArticles)
	if articles.License != license || len(articles.Articles) != len(cat.Articles) {
		t.Fatalf("articles: license %v, %d articles", articles.License, len(articles.Articles))
	}
	articleSlugs := map[string]bool{}
	for i, got := range articles.Articles {
		want := cat.Articles[i]
		articleSlugs[got.Slug] = true
		wantUpdated := ""
		if !want.Updated.IsZero() {
			wantUpdated = want.Updated.Format("2006-01-02")
		}
		if got.Slug != want.Slug || got.Title != want.Title || got.Summary != want.Summary ||
			got.Published != want.Published.Format("2006-01-02") || deref(got.Updated) != wantUpdated ||
			!slices.Equal(got.Criteria, criterionSlugs(want.Criteria)) {
			t.Errorf("article %d: %+v, want %+v", i, got, want)
		}
		served(got.HTMLURL, html.EscapeString(want.Title))
	}

	all := apiGet[api.Criteria](t, s, paths.APICriteria)
	if all.License != license || len(all.Criteria) != len(cat.Criteria) {
		t.Fatalf("criteria: license %v, %d criteria", all.License, len(all.Criteria))
	}
	for i, want := range cat.Criteria {
		one := apiGet[api.CriterionDocument](t, s, paths.APICriterion(want.Slug))
		got := one.Criterion
		if one.License != license {
			t.Errorf("%s: license %v", want.Slug, one.License)
		}
		if !equalJSON(t, got, all.Criteria[i]) {
			t.Errorf("%s: the list's criterion %d differs from its own document", want.Slug, i)
		}
		if got.Slug != want.Slug || got.Title != want.Title || got.Group != want.Group.ID || got.Question != want.Question ||
			!slices.Equal(got.Articles, articleSlugsOf(want.Articles)) || !slices.Equal(got.Sources, sourceIDsOf(want.Sources)) {
			t.Errorf("%s: %+v", want.Slug, got)
		}
		if onSite(t, got.URL) != paths.APICriterion(want.Slug) {
			t.Errorf("%s: url %q", want.Slug, got.URL)
		}
		served(got.HTMLURL, html.EscapeString(want.Title))
		if len(got.Ratings) != len(want.Ratings) {
			t.Fatalf("%s: %d ratings, want %d", want.Slug, len(got.Ratings), len(want.Ratings))
		}
		for j, r := range got.Ratings {
			w := want.Ratings[j]
			if r.Subject != w.Subject.ID || r.Score != w.Score || r.Summary != w.Summary || deref(r.Assumes) != w.Assumes || r.BodyHTML != string(w.Body) {
				t.Errorf("%s: rating %d: %+v", want.Slug, j, r)
			}
		}
		wantWinner := ""
		if want.Verdict.Winner != nil {
			wantWinner = want.Verdict.Winner.ID
		}
		if got.Verdict.Kind != string(want.Verdict.Kind) || deref(got.Verdict.Winner) != wantWinner || got.Verdict.RationaleHTML != string(want.Verdict.Rationale) {
			t.Errorf("%s: verdict %+v", want.Slug, got.Verdict)
		}
		if len(got.Claims) != len(want.Claims) {
			t.Fatalf("%s: %d claims, want %d", want.Slug, len(got.Claims), len(want.Claims))
		}
		for j, cl := range got.Claims {
			w := want.Claims[j]
			judgedOn := ""
			if w.JudgedOn != nil {
				judgedOn = w.JudgedOn.Slug
			}
			if cl.Source != w.Source.ID || cl.Passage != w.Passage.String() || cl.Text != w.Text || cl.Judgement != string(w.Judgement) ||
				cl.EvidenceHTML != string(w.Evidence) || !slices.Equal(cl.EvidenceSources, sourceIDsOf(w.EvidenceSources)) || deref(cl.JudgedOn) != judgedOn {
				t.Errorf("%s: claim %d: %+v", want.Slug, j, cl)
			}
		}
		for _, id := range append(slices.Clone(got.Sources), claimSources(got.Claims)...) {
			if !sourceIDs[id] {
				t.Errorf("%s: source %q is not in %s", want.Slug, id, paths.APISources)
			}
		}
		for _, slug := range got.Articles {
			if !articleSlugs[slug] {
				t.Errorf("%s: article %q is not in %s", want.Slug, slug, paths.APIArticles)
			}
		}
	}

	// Spot checks that do not go through the code under test.
	security := apiGet[api.CriterionDocument](t, s, "/api/v1/criteria/security").Criterion
	if security.Verdict.Kind != "winner" || deref(security.Verdict.Winner) != "django" || security.Ratings[1].Subject != "django" || security.Ratings[1].Score != 5 {
		t.Errorf("/api/v1/criteria/security: verdict %+v, ratings %+v", security.Verdict, security.Ratings)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// wantDate writes a source's date by hand: as precisely as it is known.
func wantDate(d catalog.Date) string {
	switch d.Precision {
	case catalog.Year:
		return fmt.Sprintf("%04d", d.Year())
	case catalog.Month:
		return fmt.Sprintf("%04d-%02d", d.Year(), d.Month())
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year(), d.Month(), d.Day())
}

func criterionSlugs(cs []*catalog.Criterion) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Slug)
	}
	return out
}

func articleSlugsOf(as []*catalog.Article) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.Slug)
	}
	return out
}

func sourceIDsOf(ss []*catalog.Source) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

func claimSources(claims []api.Claim) []string {
	var out []string
	for _, cl := range claims {
		out = append(append(out, cl.Source), cl.EvidenceSources...)
	}
	return out
}

func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(ja) == string(jb)
}

// TestAPIWithoutBaseURL: without a configured base URL, URLs in the documents are paths
// from the origin, and the OpenAPI document's server is the origin it was fetched from.
func TestAPIWithoutBaseURL(t *testing.T) {
	s, err := buildDevServer()
	if err != nil {
		t.Fatal(err)
	}
	c := s.Catalog().Criteria[0]
	index := apiGet[api.Index](t, s, paths.API)
	criterion := apiGet[api.CriterionDocument](t, s, paths.APICriterion(c.Slug)).Criterion
	if index.HTMLURL != "/" || index.OpenAPIURL != paths.APIOpenAPI || criterion.HTMLURL != paths.Criterion(c.Slug) || criterion.URL != paths.APICriterion(c.Slug) {
		t.Errorf("URLs: %q, %q, %q, %q", index.HTMLURL, index.OpenAPIURL, criterion.HTMLURL, criterion.URL)
	}
	doc, router := loadOpenAPI(t, s, true)
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "/" {
		t.Errorf("servers: %+v", doc.Servers)
	}
	// The sample content lacks values the real content has, which are then null.
	var docs []string
	for path, e := range s.current.Load().pages {
		if isAPIKind(*e.kind) {
			docs = append(docs, path)
		}
	}
	for _, path := range append(docs, paths.APICriterion("no-such-criterion")) {
		req, rec := fetch(t, s, http.MethodGet, path)
		if err := validateResponse(req, rec, router); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}

// loadOpenAPI loads and validates the OpenAPI document the server serves. A strict
// copy forbids the properties its schemas do not declare, so that a field added to a
// response but not to the document fails the tests; the document readers get allows
// them, since version 1 may gain fields.
func loadOpenAPI(t *testing.T, h http.Handler, strict bool) (*openapi3.T, routers.Router) {
	t.Helper()
	_, rec := fetch(t, h, http.MethodGet, paths.APIOpenAPI)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d", paths.APIOpenAPI, rec.Code)
	}
	body := rec.Body.Bytes()
	if strict {
		var raw map[string]any
		if err := json.Unmarshal(body, &raw); err != nil {
			t.Fatal(err)
		}
		for _, schema := range raw["components"].(map[string]any)["schemas"].(map[string]any) {
			if s := schema.(map[string]any); s["properties"] != nil {
				s["additionalProperties"] = false
			}
		}
		var err error
		if body, err = json.Marshal(raw); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := openapi3.NewLoader().LoadFromData(body)
	if err != nil {
		t.Fatalf("loading the OpenAPI document: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() || doc.IsOpenAPI32OrLater() {
		t.Fatalf("the document is OpenAPI %s, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is invalid: %v", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

// validateResponse checks a response against the operation the OpenAPI document
// describes for its request: status, headers, content type and body.
func validateResponse(req *http.Request, rec *httptest.ResponseRecorder, router routers.Router) error {
	return validateBody(req, rec.Code, rec.Header(), rec.Body.Bytes(), router)
}

func validateBody(req *http.Request, status int, header http.Header, body []byte, router routers.Router) error {
	route, params, err := router.FindRoute(req)
	if err != nil {
		return fmt.Errorf("no operation for %s %s: %w", req.Method, req.URL, err)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(context.Background(), in)
}

// validateProblem checks an error that no operation describes (an unknown path, a
// method the API does not answer) against the document's problem schema.
func validateProblem(doc *openapi3.T, header http.Header, body []byte) error {
	if ct := header.Get("Content-Type"); ct != api.ProblemMediaType {
		return fmt.Errorf("Content-Type %q, want %s", ct, api.ProblemMediaType)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return err
	}
	return doc.Components.Schemas["Problem"].Value.VisitJSON(v, openapi3.EnableJSONSchema2020())
}

// TestAPIConformsToOpenAPI validates the OpenAPI document with kin-openapi, then every
// API response the site can give against it: each document, its 304, and its errors.
// Responses edited to break the schema must fail, so the validation is known to bite.
func TestAPIConformsToOpenAPI(t *testing.T) {
	s := testServer(t)
	doc, router := loadOpenAPI(t, s, true)
	loadOpenAPI(t, s, false) // the document as served is valid too

	// The document describes exactly the API's kinds of the registry.
	var patterns []string
	for _, k := range pageKinds {
		if isAPIKind(k) {
			patterns = append(patterns, k.pattern)
			if doc.Paths.Value(k.pattern) == nil {
				t.Errorf("the OpenAPI document lacks %s", k.pattern)
			}
		}
	}
	for path := range doc.Paths.Map() {
		if !slices.Contains(patterns, path) {
			t.Errorf("the OpenAPI document has %s, which the registry does not serve", path)
		}
	}

	var pages []string
	for path, e := range s.current.Load().pages {
		if isAPIKind(*e.kind) {
			pages = append(pages, path)
		}
	}
	slices.Sort(pages)
	if len(pages) < len(patterns)+10 {
		t.Fatalf("only %d API documents", len(pages))
	}
	for _, path := range pages {
		req, rec := fetch(t, s, http.MethodGet, path)
		if err := validateResponse(req, rec, router); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		req, rec = fetch(t, s, http.MethodGet, path, "If-None-Match", rec.Header().Get("ETag"))
		if rec.Code != http.StatusNotModified {
			t.Errorf("%s: conditional GET: status %d", path, rec.Code)
		}
		if err := validateResponse(req, rec, router); err != nil {
			t.Errorf("%s (304): %v", path, err)
		}
	}
	req, rec := fetch(t, s, http.MethodGet, paths.APICriterion("no-such-criterion"))
	if err := validateResponse(req, rec, router); err != nil || rec.Code != http.StatusNotFound {
		t.Errorf("unknown criterion: status %d: %v", rec.Code, err)
	}
	for _, tt := range []struct{ method, path string }{
		{http.MethodGet, "/api/v1/nope"},
		{http.MethodGet, paths.APIRoot},
		{http.MethodGet, "/api/v2/criteria"},
		{http.MethodPost, paths.APICriteria},
		{http.MethodDelete, paths.APICriterion("security")},
	} {
		_, rec := fetch(t, s, tt.method, tt.path)
		if err := validateProblem(doc, rec.Header(), rec.Body.Bytes()); err != nil {
			t.Errorf("%s %s: %v", tt.method, tt.path, err)
		}
	}

	t.Run("broken responses fail", func(t *testing.T) {
		path := paths.APICriterion("security")
		req, rec := fetch(t, s, http.MethodGet, path)
		edit := func(f func(doc map[string]any)) []byte {
			var doc map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			f(doc)
			b, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		criterion := func(doc map[string]any) map[string]any { return doc["criterion"].(map[string]any) }
		rating := func(doc map[string]any) map[string]any {
			return criterion(doc)["ratings"].([]any)[0].(map[string]any)
		}
		withHeader := func(key, value string) http.Header {
			h := rec.Header().Clone()
			if value == "" {
				h.Del(key)
			} else {
				h.Set(key, value)
			}
			return h
		}
		if err := validateResponse(req, rec, router); err != nil {
			t.Fatalf("the unedited response fails: %v", err)
		}
		for _, tt := range []struct {
			name   string
			header http.Header
			body   []byte
		}{
			{"a required field dropped", rec.Header(), edit(func(d map[string]any) { delete(criterion(d), "question") })},
			{"the license dropped", rec.Header(), edit(func(d map[string]any) { delete(d, "license") })},
			{"a score as a string", rec.Header(), edit(func(d map[string]any) { rating(d)["score"] = "3" })},
			{"a score out of range", rec.Header(), edit(func(d map[string]any) { rating(d)["score"] = 6 })},
			{"a winner missing", rec.Header(), edit(func(d map[string]any) { criterion(d)["verdict"].(map[string]any)["winner"] = nil })},
			{"an unknown judgement", rec.Header(), edit(func(d map[string]any) {
				criterion(d)["claims"].([]any)[0].(map[string]any)["judgement"] = "maybe"
			})},
			{"a field the document does not declare", rec.Header(), edit(func(d map[string]any) { criterion(d)["score"] = 3 })},
			{"HTML instead of JSON", withHeader("Content-Type", "text/html; charset=utf-8"), rec.Body.Bytes()},
			{"no ETag", withHeader("ETag", ""), rec.Body.Bytes()},
			{"no CORS header", withHeader("Access-Control-Allow-Origin", ""), rec.Body.Bytes()},
		} {
			if err := validateBody(req, http.StatusOK, tt.header, tt.body, router); err == nil {
				t.Errorf("%s: the validator accepts it", tt.name)
			}
		}
		if err := validateBody(req, http.StatusNotFound, http.Header{"Content-Type": {api.MediaType}, "Access-Control-Allow-Origin": {"*"}}, rec.Body.Bytes(), router); err == nil {
			t.Error("a criterion as a 404: the validator accepts it")
		}
		if err := validateProblem(doc, http.Header{"Content-Type": {api.ProblemMediaType}}, []byte(`{"type":"about:blank","title":"Not Found","status":"404","detail":"x"}`)); err == nil {
			t.Error("a problem with a string status: the validator accepts it")
		}
	})
}

// TestAPIErrors: every error under /api/ is a problem document that scripts on any site
// may read, never the HTML error page, and it never repeats the path it was sent.
func TestAPIErrors(t *testing.T) {
	s := testServer(t)
	tests := []struct {
		method, path string
		status       int
		detail       string
	}{
		{http.MethodGet, "/api/v1/nope", 404, "no API document"},
		{http.MethodGet, "/api/v1/criteria/no-such-criterion", 404, "no criterion with this slug"},
		{http.MethodGet, "/api/v1/criteria/security/ratings", 404, "no API document"},
		{http.MethodGet, "/api/v1/%3Cscript%3Ealert(1)%3C/script%3E", 404, "no API document"},
		{http.MethodGet, "/api/v1/criteria/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404, "no criterion"},
		{http.MethodGet, "/api/v1/criteria/" + strings.Repeat("x", 5000), 404, "no criterion"},
		{http.MethodGet, "/api", 404, "no API document"},
		{http.MethodGet, "/api/v2/criteria", 404, "no API document"},
		{http.MethodHead, "/api/v1/nope", 404, ""},
		{http.MethodPost, "/api/v1/criteria", 405, "read-only"},
		{http.MethodPut, "/api/v1/criteria/security", 405, "read-only"},
		{http.MethodDelete, "/api/v1", 405, "read-only"},
		{http.MethodPatch, "/api/v1/openapi.json", 405, "read-only"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path[:min(len(tt.path), 60)], func(t *testing.T) {
			_, rec := fetch(t, s, tt.method, tt.path)
			h := rec.Header()
			if rec.Code != tt.status || h.Get("Content-Type") != api.ProblemMediaType || h.Get("Access-Control-Allow-Origin") != "*" {
				t.Fatalf("status %d, Content-Type %q, Access-Control-Allow-Origin %q", rec.Code, h.Get("Content-Type"), h.Get("Access-Control-Allow-Origin"))
			}
			if h.Get("ETag") != "" {
				t.Error("an error has an ETag")
			}
			if tt.status == 405 && h.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q", h.Get("Allow"))
			}
			if tt.method == http.MethodHead {
				if rec.Body.Len() != 0 {
					t.Error("HEAD has a body")
				}
				return
			}
			body := rec.Body.String()
			var p api.Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			if p.Type != "about:blank" || p.Status != tt.status || p.Title != http.StatusText(tt.status) || !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("problem %+v", p)
			}
			for _, echo := range []string{"script", "nope", "xxxxx", "ratings", "v2"} {
				if strings.Contains(body, echo) {
					t.Errorf("the problem repeats %q from the request: %s", echo, body)
				}
			}
		})
	}
	// The HTML site keeps its own error pages.
	if _, rec := fetch(t, s, http.MethodGet, "/apis"); rec.Code != 404 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Errorf("/apis: status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	// A failure while answering is a problem too.
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	_, rec := fetch(t, h, http.MethodGet, paths.APICriteria)
	if rec.Code != 500 || rec.Header().Get("Content-Type") != api.ProblemMediaType || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("a panic: status %d, Content-Type %q, body %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}

// TestAPICaching: documents are revalidated with their ETag, compressed once, and
// readable from any site, 304s included.
func TestAPICaching(t *testing.T) {
	s := testServer(t)
	for _, path := range []string{paths.API, paths.APICriteria, paths.APICriterion("security"), paths.APIOpenAPI} {
		_, rec := fetch(t, s, http.MethodGet, path, "Accept-Encoding", "br, gzip")
		etag := rec.Header().Get("ETag")
		if rec.Code != 200 || etag == "" || rec.Header().Get("Access-Control-Allow-Origin") != "*" || rec.Header().Get("Cache-Control") != revalidate ||
			rec.Header().Get("Access-Control-Expose-Headers") != "ETag" {
			t.Errorf("%s: status %d, ETag %q, headers %v", path, rec.Code, etag, rec.Header())
		}
		if path == paths.APICriteria && rec.Header().Get("Content-Encoding") != "br" {
			t.Errorf("%s: Content-Encoding %q, want br", path, rec.Header().Get("Content-Encoding"))
		}
		for _, inm := range []string{etag, strings.TrimPrefix(etag, "W/"), `"other", ` + etag} {
			_, rec = fetch(t, s, http.MethodGet, path, "If-None-Match", inm)
			if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("Access-Control-Allow-Origin") != "*" || rec.Header().Get("ETag") != etag {
				t.Errorf("%s with If-None-Match %s: status %d, headers %v", path, inm, rec.Code, rec.Header())
			}
		}
		_, rec = fetch(t, s, http.MethodGet, path, "If-None-Match", `"stale"`)
		if rec.Code != http.StatusOK {
			t.Errorf("%s with a stale ETag: status %d", path, rec.Code)
		}
		_, rec = fetch(t, s, http.MethodHead, path)
		if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag {
			t.Errorf("HEAD %s: status %d, %d bytes, ETag %q", path, rec.Code, rec.Body.Len(), rec.Header().Get("ETag"))
		}
	}
	// The HTML pages are not for other sites' scripts.
	if _, rec := fetch(t, s, http.MethodGet, paths.Criterion("security")); rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Error("an HTML page allows any origin")
	}
}

// TestAPIFollowsTheCatalog: a new catalog brings new documents with new ETags, and
// keeps the ETags of the documents it does not change.
func TestAPIFollowsTheCatalog(t *testing.T) {
	s, err := buildDevServer()
	if err != nil {
		t.Fatal(err)
	}
	_, index := fetch(t, s, http.MethodGet, paths.API)
	_, criteria := fetch(t, s, http.MethodGet, paths.APICriteria)
	changed := *s.Catalog()
	changed.Title = "A new title"
	if err := s.Swap(&changed); err != nil {
		t.Fatal(err)
	}
	if got := apiGet[api.Index](t, s, paths.API).Title; got != changed.Title {
		t.Errorf("index title %q, want %q", got, changed.Title)
	}
	if _, rec := fetch(t, s, http.MethodGet, paths.API, "If-None-Match", index.Header().Get("ETag")); rec.Code != http.StatusOK {
		t.Errorf("changed index with its old ETag: status %d, want 200", rec.Code)
	}
	if _, rec := fetch(t, s, http.MethodGet, paths.APICriteria, "If-None-Match", criteria.Header().Get("ETag")); rec.Code != http.StatusNotModified {
		t.Errorf("unchanged criteria with their ETag: status %d, want 304", rec.Code)
	}
}
