package server

import (
	"bytes"
	"errors"
	"maps"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	xhtml "golang.org/x/net/html"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
	"github.com/versus-web/versus/static"
)

// TestContentLinks checks the content's internal links against the rendered pages: each
// case edits the sample and expects exactly these problems (none, for links that work).
func TestContentLinks(t *testing.T) {
	replace := func(file, old, new string) func(fstest.MapFS) {
		return func(fsys fstest.MapFS) {
			s := string(fsys[file].Data)
			if !strings.Contains(s, old) {
				t.Fatalf("fixture: %s lacks %q", file, old)
			}
			fsys[file].Data = []byte(strings.Replace(s, old, new, 1))
		}
	}
	// The article's only internal link is on line 8, to /criteria/security.
	link := func(dest string) func(fstest.MapFS) {
		return replace("articles/overview.md", "(/criteria/security)", "("+dest+")")
	}
	tests := []struct {
		name  string
		edit  func(fstest.MapFS)
		wants []string // every problem, in order; none when the links are good
	}{
		{"the sample's links", func(fstest.MapFS) {}, nil},
		{"pages without content files", link("/decide"), nil},
		{"the search page", link("/search?q=orm"), nil},
		{"the filter with a query", link("/compare?c=security#filter-title"), nil},
		{"a subject's column", link("/criteria/security#nodejs"), nil},
		{"the home page", link("/"), nil},
		{"a heading on the same page", link("#decision-guide"), nil},
		{"a trailing slash", link("/criteria/"), nil},
		{"misspelt page", link("/criteria/securty"),
			[]string{`articles/overview.md:8: link to unknown page "/criteria/securty"; did you mean "/criteria/security"?`}},
		{"unknown page", link("/pricing"),
			[]string{`articles/overview.md:8: link to unknown page "/pricing"`}},
		{"a heading of another article", replace("articles/security-basics.md", "#decision-guide", "#decide"),
			[]string{`articles/security-basics.md:9: link to unknown anchor "#decide" on /articles/overview`}},
		{"from a criterion's Markdown", replace("criteria/architecture.yaml", "/criteria/security#django", "/criteria/security#rails"),
			[]string{`criteria/architecture.yaml:20: link to unknown anchor "#rails" on /criteria/security`}},
		{"a section the page does not have", link("/criteria/security#claims"),
			[]string{`articles/overview.md:8: link to unknown anchor "#claims" on /criteria/security`}},
		{"a section the page has", link("/criteria/performance#claims"), nil},
		{"a criterion's change log", link("/criteria/architecture#changes"), nil},
		{"a claim where it is judged", link("/criteria/performance#claim-seed-2021-24-1"), nil},
		{"a claim where it is referred to", link("/criteria/architecture#claim-seed-2021-24-1"), nil},
		{"a claim the page does not list", link("/criteria/security#claim-seed-2021-24-1"),
			[]string{`articles/overview.md:8: link to unknown anchor "#claim-seed-2021-24-1" on /criteria/security`}},
		{"an error page's key", link("/404"),
			[]string{`articles/overview.md:8: link to unknown page "/404"`}},
		{"an unhashed static file", link("/static/css/site.css"),
			[]string{`articles/overview.md:8: link to unknown static file "/static/css/site.css"`}},
		{"a heading in one subject's column", link("/criteria/security#django-defaults"), nil},
		{"a heading without its column's prefix", link("/criteria/security#defaults"),
			[]string{`articles/overview.md:8: link to unknown anchor "#defaults" on /criteria/security`}},
		{"a heading that takes a page element's id", replace("articles/overview.md", "## Decision guide", "## Main"),
			[]string{`articles/overview.md:10: heading id "main" is used more than once on /articles/overview; reword the heading`,
				`articles/security-basics.md:9: link to unknown anchor "#decision-guide" on /articles/overview`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture.SampleMap(t)
			tt.edit(fsys)
			_, err := Open(fsys, static.FS(), catalog.Options{}, Options{})
			var got []string
			var problems catalog.Problems
			switch {
			case errors.As(err, &problems):
				for _, p := range problems {
					got = append(got, p.String())
				}
			case err != nil:
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(tt.wants, "\n") {
				t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.wants, "\n  "))
			}
		})
	}
}

// TestSameHeadingInTwoColumns: two subjects' bodies may use the same heading; each gets
// its own id, so both can be linked and the page has no duplicate id.
func TestSameHeadingInTwoColumns(t *testing.T) {
	fsys := fixture.SampleMap(t)
	s := string(fsys["criteria/security.yaml"].Data)
	s = strings.Replace(s, "Add Helmet for headers", "## Defaults\n\n      Add Helmet for headers", 1)
	s = strings.Replace(s, "Django ships the protections;", "See [Node.js](#nodejs-defaults) and [Django](#django-defaults).\n    Django ships the protections;", 1)
	fsys["criteria/security.yaml"].Data = []byte(s)
	srv := newTestServer(t, fsys)
	body := get(t, srv, http.MethodGet, "/criteria/security").Body.String()
	for _, id := range []string{`id="nodejs-defaults"`, `id="django-defaults"`} {
		if strings.Count(body, id) != 1 {
			t.Errorf("%s appears %d times, want once", id, strings.Count(body, id))
		}
	}
	for id, n := range pageIDs([]byte(body)) {
		if n > 1 {
			t.Errorf("id %q appears %d times", id, n)
		}
	}
}

// TestClaimReference: a claim judged on another page shows its text and judgement and
// links to the judgement, whose id is on the page that judges it.
func TestClaimReference(t *testing.T) {
	srv := newTestServer(t, fixture.Sample())
	arch := get(t, srv, http.MethodGet, "/criteria/architecture").Body.String()
	const href = `href="/criteria/performance#claim-seed-2021-24-1"`
	for _, want := range []string{
		`<li id="claim-seed-2021-24-1" class="claim claim-reference">`,
		"Django is faster than Node.js.", "Does not hold",
		"Judged on <a " + href + `>Performance<span class="visually-hidden"> (the judgement of A blog, 2021, passage 24.1)</span></a>`,
	} {
		if !strings.Contains(arch, want) {
			t.Errorf("/criteria/architecture lacks %s", want)
		}
	}
	if strings.Contains(arch, "Benchmarks show the opposite") {
		t.Error("/criteria/architecture repeats the evidence of a claim judged elsewhere")
	}
	perf := get(t, srv, http.MethodGet, "/criteria/performance").Body.String()
	if n := pageIDs([]byte(perf))["claim-seed-2021-24-1"]; n != 1 {
		t.Errorf("/criteria/performance has the judged claim's id %d times, want once", n)
	}
	if !strings.Contains(perf, "Benchmarks show the opposite") || strings.Contains(perf, "Judged on") {
		t.Error("/criteria/performance does not show the claim with its evidence")
	}
}

// TestCheckReportsLinks: Check, which `versus check` runs, reports link problems too.
func TestCheckReportsLinks(t *testing.T) {
	fsys := fixture.SampleMap(t)
	fsys["articles/overview.md"].Data = []byte(strings.Replace(string(fsys["articles/overview.md"].Data), "(/criteria/security)", "(/criteria/nope)", 1))
	cat, err := catalog.Load(fsys, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Assets(static.FS())
	if err != nil {
		t.Fatal(err)
	}
	var problems catalog.Problems
	if err := Check(cat, files); !errors.As(err, &problems) || len(problems) != 1 {
		t.Fatalf("Check = %v, want one problem", err)
	}
}

// TestPageIDsMatchATokenizer: the byte scan of pageIDs finds what an HTML tokenizer
// finds, on every HTML page of the real content and the sample.
func TestPageIDsMatchATokenizer(t *testing.T) {
	tokenized := func(page []byte) map[string]int {
		ids := map[string]int{}
		z := xhtml.NewTokenizer(bytes.NewReader(page))
		for {
			switch z.Next() {
			case xhtml.ErrorToken:
				return ids
			case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
				for more := true; more; {
					var key, val []byte
					key, val, more = z.TagAttr()
					if string(key) == "id" {
						ids[string(val)]++
					}
				}
			}
		}
	}
	pages := 0
	for _, s := range []*Server{testServer(t), newTestServer(t, fixture.Sample())} {
		for path, e := range s.current.Load().pages {
			if !e.kind.isHTML() {
				continue
			}
			res, err := e.response()
			if err != nil {
				t.Fatal(err)
			}
			body := res.Encoded().Identity
			if got, want := pageIDs(body), tokenized(body); !maps.Equal(got, want) {
				t.Errorf("%s: ids %v, a tokenizer finds %v", path, got, want)
			}
			pages++
		}
	}
	if pages < 40 {
		t.Errorf("only %d pages compared", pages)
	}
	if got := pageIDs([]byte(`<p id="a&amp;b">x id="not" <a href="/" id="b"></p>`)); !maps.Equal(got, map[string]int{"a&b": 1, "b": 1}) {
		t.Errorf("pageIDs = %v", got)
	}
}

// TestLazyPagesSayTheirIDs: a lazy HTML page's ids, read at load to check links to it,
// are the ids it has once rendered, for every such page of the real content, the
// sample, and an article that names no criteria (its page has one section fewer).
func TestLazyPagesSayTheirIDs(t *testing.T) {
	bare := fixture.SampleMap(t)
	overview := string(bare["articles/overview.md"].Data)
	start := strings.Index(overview, "\ncriteria:")
	end := start + 1 + strings.Index(overview[start+1:], "\n")
	bare["articles/overview.md"].Data = []byte(overview[:start] + overview[end:])
	pages := 0
	for _, s := range []*Server{testServer(t), newTestServer(t, fixture.Sample()), newTestServer(t, bare)} {
		st := s.current.Load()
		for _, p := range st.index {
			if !p.kind.lazy || !p.kind.isHTML() {
				continue
			}
			said, err := p.ids(st, p)
			if err != nil {
				t.Fatal(err)
			}
			res, err := st.pages[p.path].response()
			if err != nil {
				t.Fatal(err)
			}
			if got := pageIDs(res.Encoded().Identity); !maps.Equal(said, got) {
				t.Errorf("%s: ids said at load %v, rendered %v", p.path, said, got)
			}
			pages++
		}
	}
	if pages < 10 {
		t.Errorf("only %d lazy pages compared", pages)
	}
}
