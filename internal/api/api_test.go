package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
)

var site = Site{BaseURL: "https://versus.example", License: License{Name: "CC BY 4.0", URL: "https://creativecommons.org/licenses/by/4.0/"}}

func sample(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(fixture.Sample(), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// encode writes a document as the server does and decodes it into a generic value.
func encode(t *testing.T, doc any) (string, map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, doc); err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	return buf.String(), v
}

func TestPartialDate(t *testing.T) {
	day := time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		precision catalog.DatePrecision
		want      string
	}{{catalog.Day, "2025-03-17"}, {catalog.Month, "2025-03"}, {catalog.Year, "2025"}} {
		if got := partialDate(catalog.Date{Time: day, Precision: tt.precision}); got != tt.want {
			t.Errorf("precision %d: %q, want %q", tt.precision, got, tt.want)
		}
	}
}

// TestMissingValuesAreNull: a value the content lacks is null, never left out, and an
// empty list is [], so every field is always there.
func TestMissingValuesAreNull(t *testing.T) {
	cat := sample(t)
	_, subjects := encode(t, NewSubjects(cat, site))
	django := subjects["subjects"].([]any)[1].(map[string]any)
	if v, ok := django["lts_version"]; !ok || v != nil {
		t.Errorf("django's lts_version: %v, %v; want null", v, ok)
	}
	_, groups := encode(t, NewGroups(cat, site))
	if v, ok := groups["groups"].([]any)[0].(map[string]any)["description"]; !ok || v != nil {
		t.Errorf("group description: %v, %v; want null", v, ok)
	}
	text, sources := encode(t, NewSources(cat, site))
	for _, s := range sources["sources"].([]any) {
		s := s.(map[string]any)
		if s["id"] == "seed-2021" && (s["url"] != nil || s["date"] != "2021") {
			t.Errorf("seed-2021: url %v, date %v", s["url"], s["date"])
		}
	}
	if !strings.Contains(text, `"url": null`) {
		t.Error("no null url in the sources")
	}
	c := *cat.Criteria[0]
	c.Claims, c.Articles = nil, nil
	_, criterion := encode(t, NewCriterionDocument(&c, site))
	for _, field := range []string{"claims", "articles"} {
		if list, ok := criterion["criterion"].(map[string]any)[field].([]any); !ok || len(list) != 0 {
			t.Errorf("%s: %v, want []", field, criterion["criterion"].(map[string]any)[field])
		}
	}
}

// TestWriteKeepsHTMLReadable: HTML fields are written as they are, not as \u003c.
func TestWriteKeepsHTMLReadable(t *testing.T) {
	text, _ := encode(t, Rating{BodyHTML: `<p>a &amp; b</p>`})
	if !strings.Contains(text, `"body_html": "<p>a &amp; b</p>"`) {
		t.Errorf("got %s", text)
	}
}

func TestURLs(t *testing.T) {
	cat := sample(t)
	c := cat.Criteria[0]
	for _, tt := range []struct {
		site          Site
		html, apiPath string
	}{
		{site, "https://versus.example/criteria/" + c.Slug, "https://versus.example/api/v1/criteria/" + c.Slug},
		{Site{}, "/criteria/" + c.Slug, "/api/v1/criteria/" + c.Slug},
	} {
		got := NewCriterionDocument(c, tt.site).Criterion
		if got.HTMLURL != tt.html || got.URL != tt.apiPath {
			t.Errorf("base %q: html_url %q, url %q", tt.site.BaseURL, got.HTMLURL, got.URL)
		}
	}
}

// TestOpenAPIDocument: the served document is the embedded one with the site's server
// and license, and nothing of the embedded one is lost on the way.
func TestOpenAPIDocument(t *testing.T) {
	var embedded map[string]any
	if err := json.Unmarshal(openAPI, &embedded); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	for _, tt := range []struct {
		site   Site
		server string
	}{{site, "https://versus.example"}, {Site{License: License{Name: "CC0 1.0", URL: "https://creativecommons.org/publicdomain/zero/1.0/"}}, "/"}} {
		var buf bytes.Buffer
		if err := WriteOpenAPI(&buf, tt.site); err != nil {
			t.Fatal(err)
		}
		var served map[string]any
		if err := json.Unmarshal(buf.Bytes(), &served); err != nil {
			t.Fatal(err)
		}
		servers := served["servers"].([]any)
		if len(servers) != 1 || servers[0].(map[string]any)["url"] != tt.server {
			t.Errorf("servers %v, want %s", servers, tt.server)
		}
		license := served["info"].(map[string]any)["license"].(map[string]any)
		if license["name"] != tt.site.License.Name || license["url"] != tt.site.License.URL {
			t.Errorf("license %v, want %v", license, tt.site.License)
		}
		license["name"], license["url"] = "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"
		served["servers"] = embedded["servers"]
		if !reflect.DeepEqual(served, embedded) {
			t.Error("the served document differs from openapi.json in more than its server and license")
		}
	}
}

func TestProblems(t *testing.T) {
	for _, tt := range []struct {
		body   []byte
		status int
	}{{NotFound, 404}, {CriterionNotFound, 404}, {MethodNotAllowed, 405}, {ServerError, 500}} {
		var p Problem
		dec := json.NewDecoder(bytes.NewReader(tt.body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.Type != "about:blank" || p.Status != tt.status || p.Title != http.StatusText(tt.status) || p.Detail == "" {
			t.Errorf("%+v", p)
		}
	}
}
