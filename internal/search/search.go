// Package search finds criteria and articles by words. The index is built once per
// catalog; a query scans it, ranks matches with titles above body text, and cuts a
// snippet around the first match with the matching words marked.
package search

import (
	"sort"
	"strings"
	"unicode"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/markdown"
)

// Limits that keep odd queries cheap.
const (
	MaxQueryLength = 200 // runes; longer queries are cut
	MaxTerms       = 8
	minTermLength  = 2
	snippetRunes   = 180
)

// Field weights: a match in a title counts most, in body text least.
const (
	titleWeight   = 10
	summaryWeight = 4
	bodyWeight    = 1
	maxBodyHits   = 5 // more hits in a long body do not make it more relevant
)

// Index holds the searchable text of one catalog.
type Index struct {
	docs []document
}

type document struct {
	criterion *catalog.Criterion // one of criterion and article is set
	article   *catalog.Article
	title     string
	fields    []field
}

type field struct {
	weight int
	text   []rune
	lower  []rune // same length as text, so offsets carry over
}

func newField(weight int, text string) field {
	r := []rune(text)
	l := make([]rune, len(r))
	for i, c := range r {
		l[i] = unicode.ToLower(c)
	}
	return field{weight: weight, text: r, lower: l}
}

// New indexes every criterion and article of cat.
func New(cat *catalog.Catalog) *Index {
	ix := &Index{}
	for _, c := range cat.Criteria {
		d := document{criterion: c, title: c.Title}
		d.fields = append(d.fields, newField(titleWeight, c.Title), newField(summaryWeight, c.Question))
		for _, r := range c.Ratings {
			d.fields = append(d.fields, newField(summaryWeight, r.Summary))
		}
		for _, r := range c.Ratings {
			d.fields = append(d.fields, newField(bodyWeight, r.Subject.Name+": "+markdown.PlainText(string(r.Body))))
		}
		d.fields = append(d.fields, newField(bodyWeight, markdown.PlainText(string(c.Verdict.Rationale))))
		for _, cl := range c.Claims {
			d.fields = append(d.fields, newField(bodyWeight, cl.Text+" "+markdown.PlainText(string(cl.Evidence))))
		}
		ix.docs = append(ix.docs, d)
	}
	for _, a := range cat.Articles {
		d := document{article: a, title: a.Title}
		d.fields = append(d.fields, newField(titleWeight, a.Title), newField(summaryWeight, a.Summary),
			newField(bodyWeight, markdown.PlainText(string(a.Body))))
		ix.docs = append(ix.docs, d)
	}
	return ix
}

// Query is a parsed search.
type Query struct {
	Text      string   // the query as searched, after trimming and cutting
	Terms     []string // lower-case words, at least minTermLength runes each
	Truncated bool     // the query was longer than MaxQueryLength or had too many words
}

// ParseQuery turns what the reader typed into terms.
func ParseQuery(q string) Query {
	q = strings.TrimSpace(q)
	var parsed Query
	if r := []rune(q); len(r) > MaxQueryLength {
		q, parsed.Truncated = string(r[:MaxQueryLength]), true
	}
	parsed.Text = q
	seen := map[string]bool{}
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range words {
		if len([]rune(w)) < minTermLength || seen[w] {
			continue
		}
		if len(parsed.Terms) == MaxTerms {
			parsed.Truncated = true
			break
		}
		seen[w] = true
		parsed.Terms = append(parsed.Terms, w)
	}
	return parsed
}

// Result is one matching page: a criterion or an article.
type Result struct {
	Criterion *catalog.Criterion // nil when the match is an article
	Article   *catalog.Article   // nil when the match is a criterion
	Snippet   []Segment
	score     int
	title     string
}

// Segment is a piece of a snippet; Match marks a word the query found.
type Segment struct {
	Text  string
	Match bool
}

// Search returns the pages that contain every term, best first.
func (ix *Index) Search(q Query) []Result {
	if len(q.Terms) == 0 {
		return nil
	}
	var results []Result
	for _, d := range ix.docs {
		score, ok := 0, true
		for _, term := range q.Terms {
			t := []rune(term)
			termScore := 0
			for _, f := range d.fields {
				hits := len(wordMatches(f.lower, t))
				if f.weight == bodyWeight {
					hits = min(hits, maxBodyHits)
				} else {
					hits = min(hits, 1)
				}
				termScore += hits * f.weight
			}
			if termScore == 0 {
				ok = false
				break
			}
			score += termScore
		}
		if ok {
			results = append(results, Result{Criterion: d.criterion, Article: d.article, Snippet: snippet(d, q.Terms), score: score, title: d.title})
		}
	}
	sort.SliceStable(results, func(i, j int) bool {
		if results[i].score != results[j].score {
			return results[i].score > results[j].score
		}
		return results[i].title < results[j].title
	})
	return results
}

// wordMatches returns the start of every word in text that begins with term.
func wordMatches(text, term []rune) []int {
	var starts []int
	for i := 0; i+len(term) <= len(text); i++ {
		if (i == 0 || !isWordRune(text[i-1])) && hasPrefixAt(text, term, i) {
			starts = append(starts, i)
		}
	}
	return starts
}

func hasPrefixAt(text, term []rune, at int) bool {
	for j, r := range term {
		if text[at+j] != r {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// snippet cuts the text around the first match in the field (other than the title) that
// matches the most terms, marking every word that starts with a term.
func snippet(d document, terms []string) []Segment {
	f, first, best := d.fields[1], 0, 0
	for _, candidate := range d.fields[1:] { // the title is shown anyway
		found, earliest := 0, -1
		for _, term := range terms {
			if m := wordMatches(candidate.lower, []rune(term)); len(m) > 0 {
				found++
				if earliest < 0 || m[0] < earliest {
					earliest = m[0]
				}
			}
		}
		if found > best {
			f, first, best = candidate, earliest, found
		}
	}
	start := max(0, first-snippetRunes/3)
	end := min(len(f.text), start+snippetRunes)
	for start > 0 && isWordRune(f.text[start-1]) && first-start < snippetRunes/2 {
		start--
	}
	for end < len(f.text) && isWordRune(f.text[end]) {
		end++
	}
	marked := make([]bool, end-start)
	for _, term := range terms {
		for _, m := range wordMatches(f.lower[start:end], []rune(term)) {
			for k := m; k < len(marked) && (k == m || isWordRune(f.lower[start+k])); k++ {
				marked[k] = true
			}
		}
	}
	var segs []Segment
	if start > 0 {
		segs = append(segs, Segment{Text: "…"})
	}
	for i := 0; i < len(marked); {
		j := i
		for j < len(marked) && marked[j] == marked[i] {
			j++
		}
		segs = append(segs, Segment{Text: string(f.text[start+i : start+j]), Match: marked[i]})
		i = j
	}
	if end < len(f.text) {
		segs = append(segs, Segment{Text: "…"})
	}
	return segs
}
