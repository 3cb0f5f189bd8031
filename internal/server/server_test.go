package server

import (
	"compress/gzip"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
	"github.com/versus-web/versus/static"
)

// realServer is built once: the read-only tests share it.
var realServer = sync.OnceValues(func() (*Server, error) { return buildServer(content.FS()) })

func testServer(t testing.TB) *Server {
	t.Helper()
	s, err := realServer()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newTestServer(t testing.TB, fsys fs.FS) *Server {
	t.Helper()
	s, err := buildServer(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func buildServer(fsys fs.FS) (*Server, error) {
	return Open(fsys, static.FS(), catalog.Options{}, Options{BaseURL: "https://versus.example"})
}

func get(t testing.TB, h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// templLeak finds a component call that templ printed as text instead of running.
var templLeak = regexp.MustCompile(`@[A-Za-z.]+\(`)

// pageTest is one expectation of TestPages: path → status → what the page must contain.
type pageTest struct {
	path    string
	status  int
	want    []string
	wantNot []string
}

// pageTests covers every kind of page in the registry (TestEveryKindIsTested checks).
var pageTests = []pageTest{
	{"/", 200, []string{"<h1>Node.js vs Django</h1>", `<caption>`, `scope="col">Node.js</th>`, `scope="col">Django</th>`, `href="/criteria/security"`, `action="/compare"`, "Latest articles", `rel="canonical" href="https://versus.example/"`}, nil},
	{"/criteria", 200, []string{"<h1>Criteria</h1>", "Security", `href="/criteria/rest-apis"`}, nil},
	{"/criteria/security", 200, []string{"<h1>Security out of the box</h1>", `id="nodejs"`, `id="django"`, "Verdict:", "What the sources say", `id="sources"`, `rel="next"`, "Assumes:",
		"Last reviewed", `id="changes-title">Change log</h2>`,
		`<a class="permalink" href="#nodejs" aria-label="Link to this section: Node.js"></a>`, `data-share="django"`, `data-share="verdict"`, `href="#sources"`,
		`<details id="embed"`, `&lt;iframe src=&#34;https://versus.example/embed/criteria/security&#34;`}, []string{"data-origin-relative"}},
	{"/embed/criteria/security", 200, []string{"<h1>Security out of the box</h1>", "Node.js", "Django", "out of 5", `Verdict: <span class="verdict verdict-django">Django</span>`,
		`name="robots" content="noindex"`, `rel="canonical" href="https://versus.example/criteria/security"`, `href="https://versus.example/criteria/security" target="_blank" rel="noopener">View on Versus`},
		[]string{`class="site-header"`, "<script", "<nav", "<form"}},
	{"/embed/criteria/nope", 404, []string{"Page not found"}, nil},
	{"/criteria/architecture", 200, []string{`rel="next" href="/criteria/performance-io"`}, []string{`rel="prev"`}},
	{"/criteria/no-such-criterion", 404, []string{"Page not found", `href="/criteria/security"`, `name="robots" content="noindex"`}, nil},
	{"/articles", 200, []string{"<h1>Articles</h1>", `href="/articles/overview"`}, nil},
	{"/articles/rest-api", 200, []string{"Criteria in this article", `class="chroma"`, `<div class="table-scroll" role="region" tabindex="0" aria-label="How they compare">`}, nil},
	{"/articles/nope", 404, []string{"Page not found"}, nil},
	{"/compare", 200, []string{"Showing all", `name="c" value="security"`}, nil},
	{"/compare?c=security&c=performance-io", 200, []string{"Showing 2 of", `value="security" checked`, `href="/criteria/performance-io"`}, []string{`href="/criteria/rest-apis"`}},
	{"/compare?g=security", 200, []string{`href="/criteria/auth"`, `href="/criteria/security"`}, []string{`href="/criteria/rest-apis"`}},
	{"/compare?c=security&s=django", 200, []string{`scope="col">Django</th>`}, []string{`scope="col">Node.js</th>`}},
	{"/compare?c=nope", 200, []string{"Unknown criterion “nope” was ignored.", "all are shown"}, nil},
	{"/compare?c=%3Cscript%3Ealert(1)%3C/script%3E", 200, []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script>alert(1)"}},
	{"/compare?c=security", 200, []string{`<figure class="chart"`, "The chart as text", `role="img"`}, nil},
	{"/decide", 200, []string{"<h1>Your priorities</h1>", "comes first with your weights", "How the points add up", `name="w"`, `value="security:1" selected`}, nil},
	{"/decide?w=security:3&w=performance-io:0", 200, []string{`value="security:3" selected`, `value="performance-io:0" selected`, "Not counted (weight 0)", "3 × "}, nil},
	{"/decide?w=nope:2&w=security:7", 200, []string{"Unknown criteria ignored: “nope”.", "ignored: “security:7”."}, nil},
	{"/decide?w=%3Cscript%3Ealert(1)%3C/script%3E:1", 200, []string{"&lt;script&gt;"}, []string{"<script>alert"}},
	{"/search?q=websockets", 200, []string{`<ol class="search-results">`, "<mark>", `href="/criteria/concurrency-realtime"`}, nil},
	{"/search?q=", 200, []string{"Type a word or two"}, nil},
	{"/search?q=%21%21%21", 200, []string{"has no words to search for"}, nil},
	{"/search?q=zzzzqqq", 200, []string{"Nothing matches all of", "Browse instead"}, nil},
	{"/search?q=" + strings.Repeat("x", 5000), 200, []string{"shortened to its first 200 characters"}, nil},
	{"/search?q=%3Cscript%3Ealert(1)%3C/script%3E", 200, []string{"&lt;script&gt;"}, []string{"<script>alert"}},
	{"/compare.csv", 200, []string{"criterion,criterion_title,group,subject,subject_name,score,max_score,summary,verdict,url\n", "security,Security out of the box,security,django,Django,5,5,"}, nil},
	{"/compare?c=security", 200, []string{`href="/compare.csv?c=security" download`}, nil},
	{"/feed.xml", 200, []string{`<feed xmlns="http://www.w3.org/2005/Atom">`, `<link rel="self" type="application/atom+xml" href="https://versus.example/feed.xml"></link>`}, nil},
	{"/preview/criteria/security.0123456789.png", 404, []string{"Page not found"}, nil}, // an image that is no more
	{"/about", 200, []string{"<h1>About this comparison</h1>", `rel="license"`, "CC BY 4.0", `href="/sitemap.xml"`}, nil},
	{"/robots.txt", 200, []string{"Disallow: /search\n", "Sitemap: https://versus.example/sitemap.xml"}, nil},
	{"/sitemap.xml", 200, []string{"<loc>https://versus.example/criteria/security</loc>"}, []string{"/search", "/about?"}},
	{"/api/v1", 200, []string{`"openapi_url": "https://versus.example/api/v1/openapi.json"`, `"name": "CC BY 4.0"`, `"url": "https://versus.example/api/v1/criteria/{slug}"`}, nil},
	{"/api/v1/subjects", 200, []string{`"id": "nodejs"`, `"software_license": "BSD-3-Clause"`, `"first_release": "2005-07-15"`}, nil},
	{"/api/v1/groups", 200, []string{`"id": "security"`, `"html_url": "https://versus.example/compare?g=security"`}, nil},
	{"/api/v1/criteria", 200, []string{`"slug": "architecture"`, `"slug": "security"`, `"body_html": "<p>`}, nil},
	{"/api/v1/criteria/security", 200, []string{`"winner": "django"`, `"judgement": "does-not-hold"`, `"html_url": "https://versus.example/criteria/security"`}, []string{`\u003c`}},
	{"/api/v1/criteria/no-such-criterion", 404, []string{`"type": "about:blank"`, `"status": 404`, "no criterion with this slug"}, []string{"no-such-criterion", "<h1"}},
	{"/api/v1/articles", 200, []string{`"html_url": "https://versus.example/articles/rest-api"`, `"updated": "2026-`}, nil},
	{"/api/v1/sources", 200, []string{`"id": "seed-2021"`, `"date": "2021"`, `"url": null`}, nil},
	{"/api/v1/openapi.json", 200, []string{`"openapi": "3.1.1"`, `"url": "https://versus.example"`, `"/api/v1/criteria/{slug}"`}, nil},
	{"/api/v1/nope", 404, []string{`"title": "Not Found"`, "no API document at this path"}, []string{"nope", "Page not found"}},
	{"/healthz", 200, []string{"ok\nversus "}, nil},
	{"/readyz", 200, []string{"ready: 24 criteria"}, nil},
	{"/static/css/site.css", 404, []string{"Page not found"}, nil},
	{"/no/such/page", 404, []string{"Page not found", `href="/articles/overview"`}, nil},
	{"/criteria/", 301, nil, nil},
	{"/_dev/events", 404, []string{"Page not found"}, nil}, // dev mode only
	{"/_dev/reload.js", 404, []string{"Page not found"}, []string{"EventSource"}},
}

// TestPages walks every route over the real, embedded content: path → status → what the
// page must contain.
func TestPages(t *testing.T) {
	s := testServer(t)
	css, _ := s.current.Load().assets.URL("css/site.css")
	tests := append(pageTests, pageTest{css, 200, []string{"body"}, nil})
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := get(t, s, http.MethodGet, tt.path)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d", rec.Code, tt.status)
			}
			body := rec.Body.String()
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(body, w) {
					t.Errorf("body contains %q", w)
				}
			}
			if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") && (rec.Code == 200 || rec.Code == 404) {
				if n := strings.Count(body, "<h1"); n != 1 {
					t.Errorf("page has %d h1 elements, want 1", n)
				}
				if leaked := templLeak.FindString(body); leaked != "" {
					t.Errorf("templ syntax leaked into the page: %q", leaked)
				}
				if rec.Header().Get("Content-Security-Policy") == "" {
					t.Error("no Content-Security-Policy header")
				}
			}
		})
	}
}

// TestEveryCriterionAndArticlePage makes sure each page of the real content is served.
func TestEveryCriterionAndArticlePage(t *testing.T) {
	s := testServer(t)
	cat := s.Catalog()
	for _, c := range cat.Criteria {
		rec := get(t, s, http.MethodGet, "/criteria/"+c.Slug)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), html.EscapeString(c.Question)) {
			t.Errorf("/criteria/%s: status %d or question missing", c.Slug, rec.Code)
		}
	}
	for _, a := range cat.Articles {
		rec := get(t, s, http.MethodGet, "/articles/"+a.Slug)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), html.EscapeString(a.Summary)) {
			t.Errorf("/articles/%s: status %d or summary missing", a.Slug, rec.Code)
		}
	}
}

// TestCodeStylesheetOnlyWhereCodeIs: the highlighting stylesheet is linked from pages
// that show highlighted code and from no other.
func TestCodeStylesheetOnlyWhereCodeIs(t *testing.T) {
	s := testServer(t)
	codeCSS, _ := s.current.Load().assets.URL("css/code.css")
	for path, want := range map[string]bool{"/articles/rest-api": true, "/": false, "/criteria/security": false, "/no-such-page": false} {
		body := get(t, s, http.MethodGet, path).Body.String()
		if got := strings.Contains(body, codeCSS); got != want {
			t.Errorf("%s links code.css: %v, want %v", path, got, want)
		}
		if got := strings.Contains(body, `class="chroma"`); got != want {
			t.Errorf("%s shows highlighted code: %v, want %v", path, got, want)
		}
	}
}

// TestServerErrorPage: a failure shows the site's own pre-rendered 500 page, never a
// stack trace or a bare line of text.
func TestServerErrorPage(t *testing.T) {
	s := testServer(t)
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := get(t, h, http.MethodGet, "/")
	body := rec.Body.String()
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	for _, want := range []string{"<h1>Something went wrong</h1>", `name="robots" content="noindex"`, `<nav aria-label="Main">`} {
		if !strings.Contains(body, want) {
			t.Errorf("500 page lacks %q", want)
		}
	}
	if strings.Contains(body, "boom") {
		t.Error("500 page shows the panic")
	}
}

func TestMethods(t *testing.T) {
	s := testServer(t)
	rec := get(t, s, http.MethodPost, "/criteria/security")
	if rec.Code != http.StatusMethodNotAllowed || !strings.Contains(rec.Header().Get("Allow"), "GET") {
		t.Errorf("POST: status %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
	if !strings.Contains(rec.Body.String(), "Method not allowed") {
		t.Error("405 page lacks its heading")
	}
	rec = get(t, s, http.MethodHead, "/criteria/security")
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD: status %d, body %d bytes, Content-Length %q", rec.Code, rec.Body.Len(), rec.Header().Get("Content-Length"))
	}
}

func TestCachedPagesAreCompressedAndRevalidated(t *testing.T) {
	s := testServer(t)
	rec := get(t, s, http.MethodGet, "/", "Accept-Encoding", "gzip, br")
	if rec.Header().Get("Content-Encoding") != "br" {
		t.Fatalf("Content-Encoding = %q, want br", rec.Header().Get("Content-Encoding"))
	}
	etag := rec.Header().Get("ETag")
	rec = get(t, s, http.MethodGet, "/", "If-None-Match", etag)
	if rec.Code != http.StatusNotModified {
		t.Fatalf("conditional GET: status %d, want 304", rec.Code)
	}
	// Cached query pages are compressed once, not again by the compression middleware.
	for _, path := range []string{"/compare", "/decide"} {
		rec = get(t, s, http.MethodGet, path, "Accept-Encoding", "gzip")
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		body, _ := io.ReadAll(zr)
		if rec.Header().Get("ETag") == "" || !strings.Contains(string(body), "<h1>") {
			t.Errorf("%s: not served from the cache, or doubly compressed", path)
		}
	}
	rec = get(t, s, http.MethodGet, "/compare?c=security", "Accept-Encoding", "gzip")
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("/compare Content-Encoding = %q, want gzip", rec.Header().Get("Content-Encoding"))
	}
}

// TestCacheControl: what a shared cache (nginx proxy_cache, a CDN) may keep and for how
// long. Everything that depends only on the catalog and the URL, query pages and the 404
// page included, is public for 10 s and revalidated by browsers on every use; a failure
// is never stored (429 and 503 are checked in TestQueryLimit and the start-up tests).
func TestCacheControl(t *testing.T) {
	const shared = "public, max-age=0, s-maxage=10"
	s := testServer(t)
	panics := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	asset := regexp.MustCompile(`/static/css/[^"]+\.css`).FindString(get(t, s, http.MethodGet, "/").Body.String())
	tests := []struct {
		name    string
		h       http.Handler
		path    string
		status  int
		control string
	}{
		{"home", s, "/", 200, shared},
		{"criterion", s, "/criteria/security", 200, shared},
		{"API document", s, "/api/v1/criteria", 200, shared},
		{"feed", s, "/feed.xml", 200, shared},
		{"comparison query", s, "/compare?c=security", 200, shared},
		{"search query", s, "/search?q=orm", 200, shared},
		{"page not found", s, "/no-such-page", 404, shared},
		{"API not found", s, "/api/v1/no-such-document", 404, shared},
		{"asset", s, asset, 200, "public, max-age=31536000, immutable"},
		{"server error", panics, "/", 500, "no-store"},
		{"readiness", s, "/readyz", 200, "no-store"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, tt.h, http.MethodGet, tt.path)
			if rec.Code != tt.status || rec.Header().Get("Cache-Control") != tt.control {
				t.Errorf("GET %s: %d with Cache-Control %q, want %d with %q", tt.path, rec.Code, rec.Header().Get("Cache-Control"), tt.status, tt.control)
			}
		})
	}
}

func TestSwapReplacesTheWholeCatalog(t *testing.T) {
	s := newTestServer(t, content.FS())
	sample, err := catalog.Load(fixture.Sample(), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Swap(sample); err != nil {
		t.Fatal(err)
	}
	if rec := get(t, s, http.MethodGet, "/criteria/performance"); rec.Code != 200 {
		t.Errorf("sample criterion: status %d", rec.Code)
	}
	if rec := get(t, s, http.MethodGet, "/criteria/rest-apis"); rec.Code != 404 {
		t.Errorf("criterion of the old catalog: status %d, want 404", rec.Code)
	}
}

// buildDevServer serves the sample content in dev mode, which adds the dev routes.
func buildDevServer() (*Server, error) {
	return Open(fixture.Sample(), static.FS(), catalog.Options{}, Options{Dev: true})
}

// TestAPIArticleNeverUpdated: an article that was never updated says so with null, not
// with a made-up date (the sample's overview has no updated field).
func TestAPIArticleNeverUpdated(t *testing.T) {
	srv := newTestServer(t, fixture.Sample())
	body := get(t, srv, http.MethodGet, "/api/v1/articles").Body.String()
	if !strings.Contains(body, `"updated": null`) || !strings.Contains(body, `"updated": "2026-11-23"`) {
		t.Errorf("/api/v1/articles: want one article updated null and one 2026-11-23:\n%s", body)
	}
}
