package content_test

import (
	"strings"
	"testing"
	"time"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/markdown"
)

// TestShippedComparison loads the embedded content and checks the shape the site promises:
// at least 20 criteria in groups, each with every subject side by side, sourced claims,
// and at least six published articles.
func TestShippedComparison(t *testing.T) {
	cat, err := catalog.Load(content.FS(), catalog.Options{})
	if err != nil {
		t.Fatalf("embedded content does not load:\n%v", err)
	}
	if len(cat.Subjects) != 2 || cat.Subjects[0].ID != "nodejs" || cat.Subjects[1].ID != "django" {
		t.Fatalf("subjects = %v, want nodejs and django", cat.Subjects)
	}
	if len(cat.Criteria) < 20 {
		t.Errorf("%d criteria, want at least 20", len(cat.Criteria))
	}
	if len(cat.Articles) < 6 {
		t.Errorf("%d articles, want at least 6", len(cat.Articles))
	}
	for _, g := range cat.Groups {
		if len(g.Criteria) == 0 {
			t.Errorf("group %s has no criteria", g.ID)
		}
	}
	for _, c := range cat.Criteria {
		if len(c.Ratings) != len(cat.Subjects) {
			t.Errorf("%s: %d ratings, want one per subject", c.Slug, len(c.Ratings))
		}
		for _, r := range c.Ratings {
			words := len(strings.Fields(markdown.PlainText(string(r.Body))))
			if words < 120 || words > 320 {
				t.Errorf("%s/%s: body has %d words, want 120–300", c.Slug, r.Subject.ID, words)
			}
			if r.Subject.ID == "nodejs" && r.Assumes == "" {
				t.Errorf("%s: the Node.js column does not say which framework it assumes", c.Slug)
			}
		}
		if len(c.Claims) == 0 {
			t.Errorf("%s: no claims from the sources are judged", c.Slug)
		}
		for _, s := range c.Sources {
			if s.Title == "" || s.Publisher == "" || s.Date.IsZero() {
				t.Errorf("%s: source %s lacks title, publisher or date", c.Slug, s.ID)
			}
			if s.URL == "" && !strings.HasPrefix(s.ID, "seed-") {
				t.Errorf("%s: source %s has no URL", c.Slug, s.ID)
			}
		}
	}
	// Every source id referenced anywhere resolves (Load fails otherwise); every listed
	// source is cited by some criterion, so the source files hold no dead entries.
	used := map[*catalog.Source]bool{}
	for _, c := range cat.Criteria {
		for _, s := range c.Sources {
			used[s] = true
		}
	}
	for _, s := range cat.Sources {
		if !used[s] {
			t.Errorf("source %s is listed but no criterion cites it", s.ID)
		}
	}
	now := time.Now()
	for _, a := range cat.Articles {
		if a.Published.After(now) {
			t.Errorf("article %s is dated in the future", a.Slug)
		}
		if len(a.Criteria) == 0 {
			t.Errorf("article %s links to no criteria", a.Slug)
		}
		if words := len(strings.Fields(markdown.PlainText(string(a.Body)))); words < 600 || words > 1600 {
			t.Errorf("article %s has %d words, want 600–1,500", a.Slug, words)
		}
	}
}
