package server

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var (
	anchorTag = regexp.MustCompile(`(?s)<a\b([^>]*)>(.*?)</a>`)
	hrefAttr  = regexp.MustCompile(`\bhref="([^"]*)"`)
	labelAttr = regexp.MustCompile(`\baria-label="([^"]*)"`)
	anyTag    = regexp.MustCompile(`<[^>]*>`)
)

// link is an <a> as a screen reader lists it: its accessible name and where it goes.
type link struct{ name, href string }

// links finds the links of a page. The name is the aria-label, or else the text inside the
// link, visually hidden text included, with white space folded. (The pages use no
// aria-labelledby on links.)
func links(page string) []link {
	var found []link
	for _, m := range anchorTag.FindAllStringSubmatch(page, -1) {
		var l link
		if h := hrefAttr.FindStringSubmatch(m[1]); h != nil {
			l.href = html.UnescapeString(h[1])
		}
		if a := labelAttr.FindStringSubmatch(m[1]); a != nil {
			l.name = html.UnescapeString(a[1])
		} else {
			l.name = html.UnescapeString(anyTag.ReplaceAllString(m[2], " "))
		}
		l.name = strings.Join(strings.Fields(l.name), " ")
		found = append(found, l)
	}
	return found
}

// TestLinkNamesSayWhereTheyGo: on every page, links with the same accessible name go to
// the same place (WCAG 2.4.4 and 2.4.9), so a screen reader's list of links is not a list
// of look-alikes.
func TestLinkNamesSayWhereTheyGo(t *testing.T) {
	s := testServer(t)
	paths := []string{"/", "/criteria", "/articles", "/compare", "/compare?c=security&c=performance-io",
		"/compare?g=security", "/decide", "/decide?w=security:3", "/search?q=websockets", "/search?q=zzzzqqq", "/no-such-page"}
	for _, c := range s.Catalog().Criteria {
		paths = append(paths, "/criteria/"+c.Slug)
	}
	for _, a := range s.Catalog().Articles {
		paths = append(paths, "/articles/"+a.Slug)
	}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			dest := map[string]string{}
			for _, l := range links(get(t, s, http.MethodGet, path).Body.String()) {
				key := strings.ToLower(l.name)
				if prev, ok := dest[key]; ok && prev != l.href {
					t.Errorf("two links named %q go to %s and %s", l.name, prev, l.href)
				}
				dest[key] = l.href
			}
		})
	}
}

// TestGroupLinksNameTheirGroup: each "Only this group" link of the filter form keeps its
// short visible text and adds the group's title for screen readers; the name starts with
// the visible text, so a speech user can say what they see (WCAG 2.5.3).
func TestGroupLinksNameTheirGroup(t *testing.T) {
	s := testServer(t)
	for _, path := range []string{"/", "/compare"} {
		names := map[string]string{}
		for _, l := range links(get(t, s, http.MethodGet, path).Body.String()) {
			names[l.href] = l.name
		}
		for _, g := range s.Catalog().Groups {
			if got, want := names["/compare?g="+g.ID], "Only this group ("+g.Title+")"; got != want {
				t.Errorf("%s: the link to group %s is named %q, want %q", path, g.ID, got, want)
			}
		}
	}
}

// TestNotFoundLinksAreUnique: the 404 page lists criteria and articles; the article
// "Security out of the box" has the title of a criterion, and its link says it is the
// article.
func TestNotFoundLinksAreUnique(t *testing.T) {
	s := testServer(t)
	names := map[string]string{}
	for _, l := range links(get(t, s, http.MethodGet, "/no-such-page").Body.String()) {
		names[l.href] = l.name
	}
	if got := names["/criteria/security"]; got != "Security out of the box" {
		t.Errorf("criterion link named %q", got)
	}
	if got := names["/articles/security-out-of-the-box"]; got != "Security out of the box (article)" {
		t.Errorf("article link named %q", got)
	}
}
