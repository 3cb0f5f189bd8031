package server

import (
	"encoding/xml"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/static"
)

// TestSitemapValidates checks the sitemap against the sitemaps.org schema with xmllint,
// the reference validator (CI installs libxml2-utils).
func TestSitemapValidates(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (apt-get install libxml2-utils); CI installs it")
	}
	rec := get(t, testServer(t), http.MethodGet, "/sitemap.xml")
	file := filepath.Join(t.TempDir(), "sitemap.xml")
	if err := os.WriteFile(file, rec.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", "testdata/sitemap.xsd", file).CombinedOutput()
	if err != nil {
		t.Fatalf("sitemap does not validate: %v\n%s", err, out)
	}
	// The check must be able to fail: a date the schema does not accept.
	bad := strings.Replace(rec.Body.String(), "<lastmod>", "<lastmod>yesterday ", 1)
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--schema", "testdata/sitemap.xsd", file).CombinedOutput(); err == nil {
		t.Errorf("a broken sitemap validated:\n%s", out)
	}
}

// TestSitemapListsEveryPublicPage: every listed HTML page of the registry and nothing
// else, each answering 200, with the date its content last changed.
func TestSitemapListsEveryPublicPage(t *testing.T) {
	s := testServer(t)
	st := s.current.Load()
	var set sitemapURLSet
	rec := get(t, s, http.MethodGet, "/sitemap.xml")
	if err := xml.Unmarshal(rec.Body.Bytes(), &set); err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, u := range set.URLs {
		path, ok := strings.CutPrefix(u.Loc, "https://versus.example")
		if !ok {
			t.Errorf("%s is not on the site's base URL", u.Loc)
			continue
		}
		listed = append(listed, path)
		if rec := get(t, s, http.MethodGet, path); rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", path, rec.Code)
		}
		if _, err := time.Parse(time.DateOnly, u.LastMod); err != nil {
			t.Errorf("%s: lastmod %q: %v", path, u.LastMod, err)
		}
	}
	var want []string
	for path, e := range st.pages {
		if e.kind.isHTML() && !e.kind.unlisted {
			want = append(want, path)
		}
	}
	slices.Sort(listed)
	slices.Sort(want)
	if !slices.Equal(listed, want) {
		t.Errorf("sitemap lists\n%v\nwant\n%v", listed, want)
	}
	for _, path := range []string{"/", "/criteria/security", "/articles/overview", "/about"} {
		if !slices.Contains(listed, path) {
			t.Errorf("sitemap lacks %s", path)
		}
	}
	for _, path := range []string{"/search", "/robots.txt", "/sitemap.xml"} {
		if slices.Contains(listed, path) {
			t.Errorf("sitemap lists %s", path)
		}
	}
	article, _ := s.Catalog().Article("overview")
	criterion, _ := s.Catalog().Criterion("security")
	for _, u := range set.URLs {
		if strings.HasSuffix(u.Loc, "/articles/overview") && u.LastMod != article.Modified().Format(time.DateOnly) {
			t.Errorf("article lastmod %s, want %s", u.LastMod, article.Modified().Format(time.DateOnly))
		}
		if strings.HasSuffix(u.Loc, "/criteria/security") && u.LastMod != criterion.Changes[0].Date.Format(time.DateOnly) {
			t.Errorf("criterion lastmod %s, want its newest change %s", u.LastMod, criterion.Changes[0].Date.Format(time.DateOnly))
		}
	}
}

// TestNoBaseURL: without a base URL there are no absolute URLs to give, so there is no
// sitemap, robots.txt does not point to one, and pages carry no preview URLs.
func TestNoBaseURL(t *testing.T) {
	s, err := Open(content.FS(), static.FS(), catalog.Options{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/sitemap.xml", "/feed.xml"} {
		if rec := get(t, s, http.MethodGet, path); rec.Code != http.StatusNotFound {
			t.Errorf("%s without base URL: status %d", path, rec.Code)
		}
	}
	if rec := get(t, s, http.MethodGet, "/robots.txt"); rec.Code != 200 || strings.Contains(rec.Body.String(), "Sitemap:") {
		t.Errorf("robots.txt without base URL: %d %q", rec.Code, rec.Body.String())
	}
	body := get(t, s, http.MethodGet, "/criteria/security").Body.String()
	for _, absent := range []string{`rel="canonical"`, `og:url`, `og:image"`, "application/ld+json", `rel="alternate"`} {
		if strings.Contains(body, absent) {
			t.Errorf("page without base URL has %s", absent)
		}
	}
	if !strings.Contains(body, `property="og:title"`) || !strings.Contains(body, `property="og:description"`) {
		t.Error("page without base URL lacks its Open Graph title and description")
	}
}
