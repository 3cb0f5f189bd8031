package server

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/static"
)

// frameAncestors is the frame-ancestors directive of a Content-Security-Policy.
func frameAncestors(csp string) string {
	for d := range strings.SplitSeq(csp, ";") {
		if d = strings.TrimSpace(d); strings.HasPrefix(d, "frame-ancestors ") {
			return d
		}
	}
	return ""
}

// TestOnlyEmbedsMayBeFramed: embeds may be framed by any site; every other page, one of
// every kind plus pages made per request and a missing embed, refuses to be framed.
func TestOnlyEmbedsMayBeFramed(t *testing.T) {
	s := testServer(t)
	type visit struct {
		path       string
		embeddable bool
	}
	var visits []visit
	for _, e := range Examples(s.Catalog()) {
		visits = append(visits, visit{e.Path, e.Embeddable})
	}
	visits = append(visits, visit{"/compare?c=security", false}, visit{"/search?q=orm", false}, visit{"/embed/criteria/nope", false}, visit{"/healthz", false})
	embeds := 0
	for _, v := range visits {
		rec := get(t, s, http.MethodGet, v.path)
		csp, xfo := rec.Header().Get("Content-Security-Policy"), rec.Header().Get("X-Frame-Options")
		if v.embeddable {
			embeds++
			if rec.Code != http.StatusOK {
				t.Errorf("%s: status %d", v.path, rec.Code)
			}
			if got := frameAncestors(csp); got != "frame-ancestors *" || xfo != "" {
				t.Errorf("%s: %q and X-Frame-Options %q, want frame-ancestors * and none", v.path, got, xfo)
			}
			if !strings.Contains(csp, "form-action 'none'") || !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("%s: CSP %q loosens more than framing", v.path, csp)
			}
			continue
		}
		if got := frameAncestors(csp); got != "frame-ancestors 'none'" || xfo != "DENY" {
			t.Errorf("%s: %q and X-Frame-Options %q, want frame-ancestors 'none' and DENY", v.path, got, xfo)
		}
	}
	if embeds == 0 {
		t.Error("no kind of page is embeddable")
	}
}

// TestEmbedShowsTheCriterion: every criterion's embed shows each subject's rating and
// summary, the verdict, and links to the criterion's page.
func TestEmbedShowsTheCriterion(t *testing.T) {
	s := testServer(t)
	for _, c := range s.Catalog().Criteria {
		rec := get(t, s, http.MethodGet, paths.EmbedCriterion(c.Slug))
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", c.Slug, rec.Code)
		}
		want := []string{
			"<h1>" + html.EscapeString(c.Title) + "</h1>",
			`<span class="verdict verdict-` + verdictID(c.Verdict) + `">` + html.EscapeString(c.Verdict.Label()) + "</span>",
			`href="https://versus.example` + paths.Criterion(c.Slug) + `" target="_blank"`,
		}
		for _, r := range c.Ratings {
			want = append(want,
				`<span class="subject">`+html.EscapeString(r.Subject.Name)+`</span><span class="score score-`+string(rune('0'+r.Score))+`">`,
				html.EscapeString(r.Summary))
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: embed lacks %q", c.Slug, w)
			}
		}
	}
}

func verdictID(v catalog.Verdict) string {
	if v.Kind == catalog.VerdictWinner {
		return v.Winner.ID
	}
	return string(v.Kind)
}

// TestEmbedCodeWithoutBaseURL: without a base URL the snippet's src is a path, marked
// for site.js to complete with the page's origin, and the embed links to its page by
// path, which the browser resolves against the embed's own address.
func TestEmbedCodeWithoutBaseURL(t *testing.T) {
	s, err := Open(fixture.Sample(), static.FS(), catalog.Options{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := get(t, s, http.MethodGet, "/criteria/security").Body.String()
	for _, w := range []string{`data-origin-relative`, `&lt;iframe src=&#34;/embed/criteria/security&#34;`} {
		if !strings.Contains(page, w) {
			t.Errorf("criterion page lacks %q", w)
		}
	}
	embed := get(t, s, http.MethodGet, "/embed/criteria/security").Body.String()
	for _, w := range []string{`rel="canonical" href="/criteria/security"`, `href="/criteria/security" target="_blank"`} {
		if !strings.Contains(embed, w) {
			t.Errorf("embed lacks %q", w)
		}
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct {
		text string
		max  int
		want string
	}{
		{"Short.", 40, "Short."},
		{"Django wins on defaults. Node.js needs add-ons.", 40, "Django wins on defaults."},
		{"Node.js and e.g. Deno are runtimes, not frameworks! More text.", 80, "Node.js and e.g. Deno are runtimes, not frameworks!"},
		{"Node.js and e.g. Deno are runtimes, not frameworks! More text.", 40, "Node.js and e.g. Deno are runtimes, not…"},
		{"No full stop at all", 40, "No full stop at all"},
		{strings.Repeat("word ", 60), 40, strings.TrimSpace(strings.Repeat("word ", 8)) + "…"},
	}
	for _, tt := range tests {
		if got := firstSentence(tt.text, tt.max); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
