package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/versus-web/versus/content"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
)

func index(t *testing.T) *Index {
	t.Helper()
	cat, err := catalog.Load(fixture.Sample(), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return New(cat)
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in        string
		terms     string
		truncated bool
	}{
		{"  Security  ", "security", false},
		{"CSRF, csrf & XSS!", "csrf,xss", false},
		{"a ! ?", "", false},
		{"<script>alert(1)</script>", "script,alert", false},
		{strings.Repeat("node ", 100), "node", true},
		{"one two three four five six seven eight nine", "one,two,three,four,five,six,seven,eight", true},
		{"Überprüfung", "überprüfung", false},
	}
	for _, tt := range tests {
		q := ParseQuery(tt.in)
		if strings.Join(q.Terms, ",") != tt.terms || q.Truncated != tt.truncated {
			t.Errorf("ParseQuery(%q) = %q (truncated %v), want %q (%v)", tt.in, q.Terms, q.Truncated, tt.terms, tt.truncated)
		}
	}
}

func TestSearchRanksTitlesFirst(t *testing.T) {
	ix := index(t)
	results := ix.Search(ParseQuery("security"))
	if len(results) < 2 {
		t.Fatalf("results = %+v", results)
	}
	// "Security out of the box" and "Security basics" have the word in their titles; they
	// rank above pages that only mention it in the text.
	titles := []string{results[0].title, results[1].title}
	for _, want := range []string{"Security out of the box", "Security basics"} {
		if titles[0] != want && titles[1] != want {
			t.Errorf("top two = %q, want %q among them", titles, want)
		}
	}
	for _, r := range results[2:] {
		if strings.Contains(strings.ToLower(r.title), "security") {
			t.Errorf("title match %q ranked below text-only matches", r.title)
		}
	}
}

func TestSearchMatchesEveryTermAndMarksSnippets(t *testing.T) {
	ix := index(t)
	results := ix.Search(ParseQuery("csrf middleware"))
	if len(results) != 1 || results[0].Criterion == nil || results[0].Criterion.Slug != "security" {
		t.Fatalf("results = %+v", results)
	}
	var marked []string
	for _, s := range results[0].Snippet {
		if s.Match {
			marked = append(marked, s.Text)
		}
	}
	if strings.Join(marked, ",") != "CSRF,middleware" {
		t.Errorf("marked = %q", marked)
	}
	// A prefix finds whole words.
	if r := ix.Search(ParseQuery("authent")); len(r) == 0 || r[0].Criterion == nil || r[0].Criterion.Slug != "auth" {
		t.Errorf("prefix search = %+v", r)
	}
	if r := ix.Search(ParseQuery("csrf zebra")); len(r) != 0 {
		t.Errorf("a term found nowhere still matched: %+v", r)
	}
	if r := ix.Search(ParseQuery("?!")); r != nil {
		t.Errorf("no terms matched: %+v", r)
	}
}

func TestFindKeepsTheBest(t *testing.T) {
	ix := index(t)
	q := ParseQuery("security")
	all := ix.Search(q)
	for limit := range len(all) + 2 {
		best, total := ix.Find(q, limit)
		if total != len(all) || len(best) != min(limit, len(all)) {
			t.Fatalf("Find(limit %d) = %d results of %d, want %d of %d", limit, len(best), total, min(limit, len(all)), len(all))
		}
		for i := range best {
			if best[i].title != all[i].title {
				t.Errorf("Find(limit %d)[%d] = %q, want %q", limit, i, best[i].title, all[i].title)
			}
		}
	}
}

// TestMarkWordsIsMarkRunes: the byte-wise marking of snippets marks what the rune-wise
// one does, on every stretch of the real content's text and a few odd words.
func TestMarkWordsIsMarkRunes(t *testing.T) {
	cat, err := catalog.Load(content.FS(), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := New(cat)
	queries := [][]string{{"node"}, {"django", "orm"}, {"a", "s"}, {"async", "await", "event"}, {"é", "naïve"}, {"the"}}
	texts := []string{"Naïve ÉCOLE — Node’s “async” naïveté, node-gyp and NODE"}
	for _, f := range ix.fields {
		texts = append(texts, f.text)
	}
	compared := 0
	for _, text := range texts {
		for start := 0; start < len(text); start += 97 {
			for !utf8.RuneStart(text[start]) {
				start++
			}
			end := min(len(text), start+240)
			for end < len(text) && !utf8.RuneStart(text[end]) {
				end++
			}
			for _, terms := range queries {
				fast, ok := markWords(text, start, end, terms)
				if !ok {
					continue
				}
				compared++
				if slow := markRunes(text, start, end, terms); !slices.Equal(fast, slow) {
					t.Fatalf("%q %v:\nbytes %v\nrunes %v", text[start:end], terms, fast, slow)
				}
			}
		}
	}
	if compared < 1000 {
		t.Errorf("only %d windows compared", compared)
	}
}

// TestFindIsAScan: what Find returns through the index is what reading every page's
// words finds: the same pages, scores and order, for one-word, several-word and prefix
// queries over the real content, whatever order the terms are read in.
func TestFindIsAScan(t *testing.T) {
	cat, err := catalog.Load(content.FS(), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := New(cat)
	scan := func(terms []string) (titles []string, scores []int) {
		type hit struct {
			doc, score int
		}
		var hits []hit
		for di, d := range ix.docs {
			fields := ix.fields[d.fields : d.fields+d.nfields]
			score, found := 0, make([]bool, len(terms))
			for _, w := range docWords(fields) {
				for ti, term := range terms {
					if strings.HasPrefix(w.word, term) {
						found[ti] = true
						score += int(fieldScore(fields[w.field].weight, int(w.count)))
					}
				}
			}
			if !slices.Contains(found, false) {
				hits = append(hits, hit{di, score})
			}
		}
		slices.SortStableFunc(hits, func(a, b hit) int {
			if a.score != b.score {
				return b.score - a.score
			}
			return ix.docs[a.doc].rank - ix.docs[b.doc].rank
		})
		for _, h := range hits {
			titles, scores = append(titles, ix.docs[h.doc].title), append(scores, h.score)
		}
		return titles, scores
	}
	for _, query := range []string{"security", "node django performance", "websockets channels redis",
		"de co pr", "csrf", "async orm", "django admin", "no", "zzz node", "typescript types"} {
		q := ParseQuery(query)
		got, total := ix.Find(q, 1000)
		wantTitles, wantScores := scan(q.Terms)
		if total != len(wantTitles) || len(got) != total {
			t.Errorf("%q: Find found %d (%d returned), a scan %d", query, total, len(got), len(wantTitles))
			continue
		}
		for i, r := range got {
			if r.title != wantTitles[i] || r.score != wantScores[i] {
				t.Errorf("%q: result %d is %q (score %d), a scan says %q (%d)", query, i, r.title, r.score, wantTitles[i], wantScores[i])
				break
			}
		}
	}
}
