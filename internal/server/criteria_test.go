package server

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/versus-web/versus/internal/fixture"
)

// TestCriterionChangeLog: a criterion page says when it was last reviewed, near the top,
// and lists its changes, newest first, in a section near its sources.
func TestCriterionChangeLog(t *testing.T) {
	s := newTestServer(t, fixture.Sample())
	page := get(t, s, http.MethodGet, "/criteria/security").Body.String()
	want := []string{
		`Last reviewed <time datetime="2026-11-23">23 November 2026</time>`,
		`<a href="#changes">Change log</a>`,
		`<section id="sources"`,
		`<section id="changes" aria-labelledby="changes-title"><div class="section-heading"><h2 id="changes-title">Change log</h2>`,
		`<li><time datetime="2026-11-23">23 November 2026</time> Django&#39;s rating rose from 4 to 5 once its CSRF defaults were checked.</li>`,
		`<li><time datetime="2026-11-20">20 November 2026</time> First published.</li>`,
	}
	at := -1
	for _, w := range want {
		i := strings.Index(page, w)
		if i < 0 {
			t.Errorf("page lacks %q", w)
			continue
		}
		if i < at {
			t.Errorf("%q comes too early: the order is the reviewed line, sources, change log newest first", w)
		}
		at = i
	}
	if i := strings.Index(page, `id="verdict"`); i < strings.Index(page, "Last reviewed") {
		t.Error("the reviewed line is not above the verdict")
	}
}

// TestEveryCriterionShowsItsChanges: on the real content, every criterion page shows its
// reviewed date and every entry of its change log.
func TestEveryCriterionShowsItsChanges(t *testing.T) {
	s := testServer(t)
	for _, c := range s.Catalog().Criteria {
		page := get(t, s, http.MethodGet, "/criteria/"+c.Slug).Body.String()
		if want := `Last reviewed <time datetime="` + c.Reviewed.Format("2006-01-02") + `">`; !strings.Contains(page, want) {
			t.Errorf("/criteria/%s lacks %q", c.Slug, want)
		}
		if len(c.Changes) == 0 {
			t.Errorf("/criteria/%s has no changes", c.Slug)
		}
		for _, ch := range c.Changes {
			if !strings.Contains(page, html.EscapeString(ch.Summary)+"</li>") {
				t.Errorf("/criteria/%s lacks the change %q", c.Slug, ch.Summary)
			}
		}
	}
}
