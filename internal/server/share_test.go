package server

import (
	"bytes"
	"encoding/json"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/versus-web/versus/internal/catalog"
)

// head is what a link unfurler or crawler reads from a page's head.
type head struct {
	meta       map[string]string // meta property or name → content
	canonical  string
	alternates []string // hrefs of rel="alternate"
	linkedData []map[string]any
}

func readHead(t *testing.T, body []byte) head {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	h := head{meta: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "meta" && attr["property"] != "":
				h.meta[attr["property"]] = attr["content"]
			case n.Data == "meta" && attr["name"] != "":
				h.meta[attr["name"]] = attr["content"]
			case n.Data == "link" && attr["rel"] == "canonical":
				h.canonical = attr["href"]
			case n.Data == "link" && attr["rel"] == "alternate":
				h.alternates = append(h.alternates, attr["href"])
			case n.Data == "script" && attr["type"] == "application/ld+json":
				var v map[string]any
				if err := json.Unmarshal([]byte(n.FirstChild.Data), &v); err != nil {
					t.Errorf("invalid JSON-LD: %v", err)
				}
				h.linkedData = append(h.linkedData, v)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return h
}

func (h head) ofType(typ string) map[string]any {
	for _, v := range h.linkedData {
		if v["@type"] == typ {
			return v
		}
	}
	return nil
}

const testBase = "https://versus.example"

// TestSocialTags: every kind of HTML page in the registry carries what a link unfurler
// reads, with absolute URLs.
func TestSocialTags(t *testing.T) {
	s := testServer(t)
	for _, e := range Examples(s.Catalog()) {
		if !e.HTML || e.Embeddable { // embeds are shown in frames, not shared
			continue
		}
		t.Run(e.Kind, func(t *testing.T) {
			h := readHead(t, get(t, s, http.MethodGet, e.Path).Body.Bytes())
			for _, name := range []string{"og:site_name", "og:title", "og:type", "og:description", "description", "twitter:title",
				"og:image", "og:image:width", "og:image:height", "og:image:alt", "twitter:image:alt"} {
				if h.meta[name] == "" {
					t.Errorf("no %s", name)
				}
			}
			if !strings.HasPrefix(h.meta["og:image"], testBase+"/preview/") || h.meta["twitter:card"] != "summary_large_image" {
				t.Errorf("og:image %q, twitter:card %q", h.meta["og:image"], h.meta["twitter:card"])
			}
			if e.Status == http.StatusOK && h.meta["robots"] != "noindex" {
				if !strings.HasPrefix(h.canonical, testBase+"/") || h.meta["og:url"] != h.canonical {
					t.Errorf("canonical %q, og:url %q: want the same absolute URL", h.canonical, h.meta["og:url"])
				}
			}
			if !strings.Contains(h.meta["og:title"], s.Catalog().Title) {
				t.Errorf("og:title %q does not name the comparison", h.meta["og:title"])
			}
		})
	}
}

// TestCriterionDescriptionSaysTheResult: a shared criterion link tells the result, not
// only the question.
func TestCriterionDescriptionSaysTheResult(t *testing.T) {
	s := testServer(t)
	h := readHead(t, get(t, s, http.MethodGet, "/criteria/security").Body.Bytes())
	c, _ := s.Catalog().Criterion("security")
	want := "Django 5/5, Node.js 3/5. Django: " + mustRating(t, c.Ratings, "django")
	if h.meta["og:description"] != want || h.meta["description"] != want {
		t.Errorf("description %q, want %q", h.meta["og:description"], want)
	}
	h = readHead(t, get(t, s, http.MethodGet, "/criteria/architecture").Body.Bytes())
	if d := h.meta["description"]; !strings.HasPrefix(d, "Node.js 4/5, Django 4/5; it depends. ") {
		t.Errorf("description of a criterion without a winner: %q", d)
	}
}

func mustRating(t *testing.T, ratings []catalog.Rating, subject string) string {
	t.Helper()
	for _, r := range ratings {
		if r.Subject.ID == subject {
			return r.Summary
		}
	}
	t.Fatalf("no rating for %s", subject)
	return ""
}

// TestLinkedData: breadcrumbs below the home page, an Article on articles and a Dataset
// on the home page, all with absolute URLs; and the feed linked from every page.
func TestLinkedData(t *testing.T) {
	s := testServer(t)
	for _, e := range Examples(s.Catalog()) {
		if !e.HTML || e.Embeddable || e.Status != http.StatusOK {
			continue
		}
		t.Run(e.Kind, func(t *testing.T) {
			h := readHead(t, get(t, s, http.MethodGet, e.Path).Body.Bytes())
			if h.meta["robots"] == "noindex" {
				return // search results: no canonical URL to give
			}
			crumbs := h.ofType("BreadcrumbList")
			if e.Path == "/" {
				if crumbs != nil {
					t.Error("the home page has breadcrumbs")
				}
				return
			}
			if crumbs == nil {
				t.Fatal("no BreadcrumbList")
			}
			items := crumbs["itemListElement"].([]any)
			first, last := items[0].(map[string]any), items[len(items)-1].(map[string]any)
			if first["item"] != testBase+"/" || last["item"] != h.canonical || last["position"] != float64(len(items)) {
				t.Errorf("breadcrumbs %v: want home first and this page (%s) last", items, h.canonical)
			}
		})
	}
	home := readHead(t, get(t, s, http.MethodGet, "/").Body.Bytes())
	dataset := home.ofType("Dataset")
	if dataset == nil || dataset["license"] != "https://creativecommons.org/licenses/by/4.0/" || dataset["url"] != testBase+"/" {
		t.Fatalf("home page Dataset: %v", dataset)
	}
	for _, d := range dataset["distribution"].([]any) {
		url := d.(map[string]any)["contentUrl"].(string)
		path, _ := strings.CutPrefix(url, testBase)
		if rec := get(t, s, http.MethodGet, path); rec.Code != http.StatusOK || rec.Header().Get("Content-Type") == "" ||
			!strings.HasPrefix(rec.Header().Get("Content-Type"), d.(map[string]any)["encodingFormat"].(string)) {
			t.Errorf("Dataset download %s: status %d, %q", url, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
	article := readHead(t, get(t, s, http.MethodGet, "/articles/overview").Body.Bytes())
	a := article.ofType("Article")
	overview, _ := s.Catalog().Article("overview")
	if a == nil || a["headline"] != overview.Title || a["datePublished"] != overview.Published.Format("2006-01-02") || a["url"] != testBase+"/articles/overview" {
		t.Errorf("article JSON-LD: %v", a)
	}
	if article.meta["og:type"] != "article" {
		t.Errorf("article og:type %q", article.meta["og:type"])
	}
}

// TestPreviewImages: the home page, every criterion and every article unfurl with their
// own 1200×630 PNG, served under a URL that is cached for a year.
func TestPreviewImages(t *testing.T) {
	s := testServer(t)
	cat := s.Catalog()
	pages := []string{"/"}
	for _, c := range cat.Criteria {
		pages = append(pages, "/criteria/"+c.Slug)
	}
	for _, a := range cat.Articles {
		pages = append(pages, "/articles/"+a.Slug)
	}
	seen := map[string]string{} // image bytes → page
	for _, page := range pages {
		h := readHead(t, get(t, s, http.MethodGet, page).Body.Bytes())
		path, ok := strings.CutPrefix(h.meta["og:image"], testBase)
		if !ok {
			t.Errorf("%s: og:image %q", page, h.meta["og:image"])
			continue
		}
		rec := get(t, s, http.MethodGet, path)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/png" ||
			rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %s: status %d, %q, %q", page, path, rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Cache-Control"))
			continue
		}
		img, err := png.Decode(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 630 || h.meta["og:image:width"] != "1200" || h.meta["og:image:height"] != "630" {
			t.Errorf("%s: image %v, meta %s×%s; want 1200×630", page, b, h.meta["og:image:width"], h.meta["og:image:height"])
		}
		if other, dup := seen[rec.Body.String()]; dup {
			t.Errorf("%s and %s share a preview image", page, other)
		}
		seen[rec.Body.String()] = page
	}
	security, _ := cat.Criterion("security")
	h := readHead(t, get(t, s, http.MethodGet, "/criteria/security").Body.Bytes())
	if want := "Security out of the box: Node.js 3 of 5, Django 5 of 5. Verdict: Django."; h.meta["og:image:alt"] != want || security.Verdict.Winner.ID != "django" {
		t.Errorf("alt %q, want %q", h.meta["og:image:alt"], want)
	}
	// Query pages show the comparison's picture.
	compare := readHead(t, get(t, s, http.MethodGet, "/compare?c=security").Body.Bytes())
	home := readHead(t, get(t, s, http.MethodGet, "/").Body.Bytes())
	if compare.meta["og:image"] != home.meta["og:image"] {
		t.Errorf("/compare unfurls with %q, want the comparison's %q", compare.meta["og:image"], home.meta["og:image"])
	}
}
