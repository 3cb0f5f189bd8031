package server

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// TestFeed reads the feed with a real feed parser: it is Atom, every entry has a unique
// id and a link the site answers, newest first, and every page links to it.
func TestFeed(t *testing.T) {
	s := testServer(t)
	rec := get(t, s, http.MethodGet, "/feed.xml")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	feed, err := gofeed.NewParser().ParseString(rec.Body.String())
	if err != nil {
		t.Fatal(err)
	}
	if feed.FeedType != "atom" || feed.Title == "" || feed.FeedLink != "https://versus.example/feed.xml" || feed.Link != "https://versus.example/" {
		t.Errorf("feed: type %q, title %q, self %q, link %q", feed.FeedType, feed.Title, feed.FeedLink, feed.Link)
	}
	cat := s.Catalog()
	articles, changes := 0, 0
	ids := map[string]bool{}
	for i, item := range feed.Items {
		if ids[item.GUID] {
			t.Errorf("entry id %s twice", item.GUID)
		}
		ids[item.GUID] = true
		if item.UpdatedParsed == nil || item.Title == "" || item.Description == "" {
			t.Errorf("entry %q lacks a date, title or summary", item.GUID)
			continue
		}
		if i > 0 && item.UpdatedParsed.After(*feed.Items[i-1].UpdatedParsed) {
			t.Errorf("entry %q is newer than the one before it", item.Title)
		}
		link, ok := strings.CutPrefix(item.Link, "https://versus.example")
		if !ok {
			t.Errorf("entry link %q is not on the site", item.Link)
			continue
		}
		path, fragment, _ := strings.Cut(link, "#")
		rec := get(t, s, http.MethodGet, path)
		if rec.Code != http.StatusOK {
			t.Errorf("entry link %s: status %d", path, rec.Code)
		}
		if fragment != "" && !strings.Contains(rec.Body.String(), `id="`+fragment+`"`) {
			t.Errorf("entry link %s: the page has no id %q", link, fragment)
		}
		switch {
		case strings.HasPrefix(path, "/articles/"):
			articles++
		case strings.HasPrefix(path, "/criteria/") && fragment == "changes":
			changes++
		}
	}
	if articles != len(cat.Articles) {
		t.Errorf("%d article entries, want %d", articles, len(cat.Articles))
	}
	wantChanges := 0
	for _, c := range cat.Criteria {
		wantChanges += len(c.Changes)
	}
	if changes != wantChanges || wantChanges < len(cat.Criteria) {
		t.Errorf("%d criterion change entries, want %d (at least one per criterion)", changes, wantChanges)
	}
	security, _ := cat.Criterion("security")
	first := security.Changes[len(security.Changes)-1]
	if !slices.ContainsFunc(feed.Items, func(it *gofeed.Item) bool {
		return it.Title == security.Title+": first published" && it.Description == first.Summary
	}) {
		t.Error("no entry for the first publication of the security criterion")
	}
	h := readHead(t, get(t, s, http.MethodGet, "/criteria/security").Body.Bytes())
	if len(h.alternates) != 1 || h.alternates[0] != "/feed.xml" {
		t.Errorf("page alternates %v, want the feed", h.alternates)
	}
}
