// Package search finds criteria and articles by words. The index is built once per
// catalog: the words of every page and where they occur. A query looks its terms up,
// ranks the pages that have them all with titles above body text, and cuts a snippet
// around the first match with the matching words marked.
package search

import (
	"bytes"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/markdown"
	"github.com/versus-web/versus/internal/parallel"
)

// Limits that keep odd queries cheap.
const (
	MaxQueryLength = 200 // runes; longer queries are cut
	MaxTerms       = 8
	minTermLength  = 2
	snippetRunes   = 180
)

// Field weights: a match in a title counts most, in body text least. Each word that
// starts with a term counts on its own: "node" finds "node" and "nodejs", each capped.
const (
	titleWeight   = 10
	summaryWeight = 4
	bodyWeight    = 1
	maxBodyHits   = 5 // more hits in a long body do not make it more relevant
)

// Index holds the searchable text of one catalog and an inverted index over it: every
// word, lower-cased, with where it occurs. A query term finds the words that start with it
// by binary search in the sorted words, so a search costs what its terms' occurrences
// cost, not the size of the text.
type Index struct {
	docs   []document
	fields []field // every document's fields, document by document
	words  []string
	// postings[i] is where words[i] occurs: one entry per field it is in, in field order.
	postings [][]posting
}

type document struct {
	criterion *catalog.Criterion // one of criterion and article is set
	article   *catalog.Article
	title     string
	fields    int // index of its first field in Index.fields
	nfields   int
	rank      int // its place among all documents by title, for ties in score
}

type field struct {
	doc    int
	weight int
	text   string
}

// posting is a word's occurrences in one field: what they add to the score and the
// byte offset of the first, where a snippet centres. It names the field's document
// too, which a search reads for every posting.
type posting struct {
	field int32
	doc   int32
	first int32
	score uint8 // what the occurrences add to the document's score: see fieldScore
}

// fieldScore is what a word's occurrences in a field add to its document's score: the
// field's weight for each, counting at most maxBodyHits in body text and one elsewhere.
func fieldScore(weight, count int) uint8 {
	if weight != bodyWeight {
		count = min(count, 1)
	}
	return uint8(min(count, maxBodyHits) * weight)
}

// rarestFirst orders the terms by how many postings they read, fewest first, so that
// the commoner terms' postings are mostly of documents already ruled out, which cost
// a comparison each.
func (ix *Index) rarestFirst(terms []string) []string {
	if len(terms) < 2 {
		return terms
	}
	type counted struct {
		term     string
		postings int
	}
	order := make([]counted, len(terms))
	for i, term := range terms {
		order[i].term = term
		for w := sort.SearchStrings(ix.words, term); w < len(ix.words) && strings.HasPrefix(ix.words[w], term); w++ {
			order[i].postings += len(ix.postings[w])
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].postings < order[j].postings })
	sorted := make([]string, len(terms))
	for i, c := range order {
		sorted[i] = c.term
	}
	return sorted
}

// New indexes every criterion and article of cat, on every core.
func New(cat *catalog.Catalog) *Index {
	ix := &Index{}
	var texts [][]field
	for _, c := range cat.Criteria {
		ix.docs = append(ix.docs, document{criterion: c, title: c.Title})
	}
	for _, a := range cat.Articles {
		ix.docs = append(ix.docs, document{article: a, title: a.Title})
	}
	texts = make([][]field, len(ix.docs))
	words := make([][]docWord, len(ix.docs))
	parallel.For(len(ix.docs), func(i int) {
		texts[i] = ix.docs[i].text()
		words[i] = docWords(texts[i])
	})
	ids := map[string]int{}
	for i := range ix.docs {
		d := &ix.docs[i]
		d.fields, d.nfields = len(ix.fields), len(texts[i])
		for _, f := range texts[i] {
			f.doc = i
			ix.fields = append(ix.fields, f)
		}
		for _, w := range words[i] {
			id, ok := ids[w.word]
			if !ok {
				id = len(ix.words)
				ids[w.word] = id
				ix.words = append(ix.words, w.word)
				ix.postings = append(ix.postings, nil)
			}
			ix.postings[id] = append(ix.postings[id], posting{field: int32(d.fields + w.field), doc: int32(i), first: w.first, score: fieldScore(ix.fields[d.fields+w.field].weight, int(w.count))})
		}
	}
	// Sort the words, keeping each one's postings with it.
	order := make([]int, len(ix.words))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return ix.words[order[i]] < ix.words[order[j]] })
	sortedWords, sortedPostings := make([]string, len(order)), make([][]posting, len(order))
	for i, id := range order {
		sortedWords[i], sortedPostings[i] = ix.words[id], ix.postings[id]
	}
	ix.words, ix.postings = sortedWords, sortedPostings
	byTitle := make([]int, len(ix.docs))
	for i := range byTitle {
		byTitle[i] = i
	}
	sort.SliceStable(byTitle, func(i, j int) bool { return ix.docs[byTitle[i]].title < ix.docs[byTitle[j]].title })
	for rank, i := range byTitle {
		ix.docs[i].rank = rank
	}
	return ix
}

// text lists a document's searchable fields; the title comes first.
func (d document) text() []field {
	var fs []field
	add := func(weight int, text string) { fs = append(fs, field{weight: weight, text: text}) }
	if c := d.criterion; c != nil {
		add(titleWeight, c.Title)
		add(summaryWeight, c.Question)
		for _, r := range c.Ratings {
			add(summaryWeight, r.Summary)
		}
		for _, r := range c.Ratings {
			add(bodyWeight, r.Subject.Name+": "+markdown.PlainText(string(r.Body)))
		}
		add(bodyWeight, markdown.PlainText(string(c.Verdict.Rationale)))
		for _, cl := range c.Claims {
			add(bodyWeight, cl.Text+" "+markdown.PlainText(string(cl.Evidence)))
		}
		return fs
	}
	a := d.article
	add(titleWeight, a.Title)
	add(summaryWeight, a.Summary)
	add(bodyWeight, markdown.PlainText(string(a.Body)))
	return fs
}

// docWord is one word of one field of a document: how often it occurs there (up to the
// most that can count) and where first.
type docWord struct {
	word  string
	field int
	first int32
	count uint8
}

// docWords splits each field into words: runs of letters and digits, lower-cased.
func docWords(fields []field) []docWord {
	var out []docWord
	var word []byte        // lower-cased, UTF-8
	at := map[string]int{} // word → its index in out, for the current field
	for fi, f := range fields {
		clear(at)
		flush := func(start int) {
			if len(word) == 0 {
				return
			}
			if i, ok := at[string(word)]; ok { // no allocation for a word seen before
				out[i].count = min(out[i].count+1, maxBodyHits)
			} else {
				w := string(word)
				at[w] = len(out)
				out = append(out, docWord{word: w, field: fi, first: int32(start), count: 1})
			}
			word = word[:0]
		}
		start := 0
		for i, r := range f.text {
			if l := unicode.ToLower(r); isWordRune(l) {
				if len(word) == 0 {
					start = i
				}
				word = utf8.AppendRune(word, l)
			} else {
				flush(start)
			}
		}
		flush(start)
	}
	return out
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

// MaxResults is the most results Search returns: the best ones. Twenty is about what a
// reader scans before adding a word, and each result's snippet costs about a
// microsecond, half of a broad search over a large site at fifty.
const MaxResults = 20

// Search returns the pages that contain every term, best first: at most MaxResults.
func (ix *Index) Search(q Query) []Result {
	results, _ := ix.Find(q, MaxResults)
	return results
}

// scratch is what one search counts in, per field and per document; reused across
// searches, and reset by undoing only what a search touched. Its counters are small so
// that they stay in the processor's caches.
type scratch struct {
	terms    []uint8 // per field: which terms occur in it, one bit each (MaxTerms ≤ 8)
	earliest []int32 // per field: the first occurrence of any term
	matched  []uint8 // per document: how many terms it has matched so far
	score    []int   // per document: the score so far
	seen     []int32 // fields touched by any term
	docs     []int32 // documents that matched the first term
}

var scratches sync.Pool

func (ix *Index) scratch() *scratch {
	if s, ok := scratches.Get().(*scratch); ok && len(s.terms) == len(ix.fields) && len(s.score) == len(ix.docs) {
		return s
	}
	return &scratch{terms: make([]uint8, len(ix.fields)), earliest: make([]int32, len(ix.fields)),
		matched: make([]uint8, len(ix.docs)), score: make([]int, len(ix.docs))}
}

// Find returns the best pages that contain every term, best first, at most limit of them,
// and how many pages contain every term. It reads the occurrences of the words that
// start with each term, so its cost grows with the terms' occurrences, not the text.
func (ix *Index) Find(q Query, limit int) ([]Result, int) {
	if len(q.Terms) == 0 {
		return nil, 0
	}
	s := ix.scratch()
	defer func() {
		for _, f := range s.seen {
			s.terms[f], s.earliest[f] = 0, 0
		}
		for _, d := range s.docs {
			s.score[d], s.matched[d] = 0, 0
		}
		s.seen, s.docs = s.seen[:0], s.docs[:0]
		scratches.Put(s)
	}()
	for ti, term := range ix.rarestFirst(q.Terms) {
		bit, want := uint8(1)<<ti, uint8(ti)
		lo := sort.SearchStrings(ix.words, term)
		for w := lo; w < len(ix.words) && strings.HasPrefix(ix.words[w], term); w++ {
			for _, p := range ix.postings[w] {
				// matched is want before the document's first posting for this term,
				// want+1 after it, less when it lacks an earlier term.
				switch m := s.matched[p.doc]; {
				case m < want:
					continue
				case m == want:
					s.matched[p.doc] = want + 1
					if ti == 0 {
						s.docs = append(s.docs, p.doc)
					}
				}
				s.score[p.doc] += int(p.score)
				switch t := s.terms[p.field]; {
				case t == 0:
					s.seen = append(s.seen, p.field)
					s.earliest[p.field] = p.first
				case p.first < s.earliest[p.field]:
					s.earliest[p.field] = p.first
				}
				s.terms[p.field] |= bit
			}
		}
	}
	// The best limit of the documents that matched every term, by score then title.
	better := func(a, b int32) bool {
		if s.score[a] != s.score[b] {
			return s.score[a] > s.score[b]
		}
		return ix.docs[a].rank < ix.docs[b].rank
	}
	var best []int32
	total := 0
	for _, d := range s.docs {
		if int(s.matched[d]) != len(q.Terms) {
			continue
		}
		total++
		if len(best) == limit && (limit == 0 || !better(d, best[limit-1])) {
			continue
		}
		i := sort.Search(len(best), func(i int) bool { return better(d, best[i]) })
		if len(best) < limit {
			best = append(best, 0)
		}
		copy(best[i+1:], best[i:])
		best[i] = d
	}
	if len(best) == 0 {
		return nil, total
	}
	results := make([]Result, len(best))
	for i, di := range best {
		d := ix.docs[di]
		results[i] = Result{Criterion: d.criterion, Article: d.article, Snippet: ix.snippet(d, s, q.Terms), score: s.score[di], title: d.title}
	}
	return results, total
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// snippet cuts the text around the first match in the field (other than the title) that
// matches the most terms, marking every word that starts with a term.
func (ix *Index) snippet(d document, s *scratch, terms []string) []Segment {
	fi, first, best := d.fields+1, 0, 0
	for i := d.fields + 1; i < d.fields+d.nfields; i++ { // the title is shown anyway
		if found := bits.OnesCount8(s.terms[i]); found > best {
			fi, first, best = i, int(s.earliest[i]), found
		}
	}
	text := ix.fields[fi].text
	// From a third of snippetRunes before the first match to snippetRunes after that.
	start, back := first, 0
	for start > 0 && back < snippetRunes/3 {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
		back++
	}
	end := start
	for n := 0; end < len(text) && n < snippetRunes; n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	for start > 0 && back < snippetRunes/2 { // not in the middle of a word
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if !isWordRune(r) {
			break
		}
		start -= size
		back++
	}
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(r) {
			break
		}
		end += size
	}
	if segs, ok := markWords(text, start, end, terms); ok {
		return segs
	}
	return markRunes(text, start, end, terms)
}

// markRunes is markWords for any text, working on runes.
func markRunes(text string, start, end int, terms []string) []Segment {
	window := []rune(text[start:end])
	lower := make([]rune, len(window))
	for i, r := range window {
		lower[i] = unicode.ToLower(r)
	}
	marked := make([]bool, len(window))
	for _, term := range terms {
		for _, m := range wordMatches(lower, []rune(term)) {
			for k := m; k < len(marked) && (k == m || isWordRune(lower[k])); k++ {
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
		segs = append(segs, Segment{Text: string(window[i:j]), Match: marked[i]})
		i = j
	}
	if end < len(text) {
		segs = append(segs, Segment{Text: "…"})
	}
	return segs
}

// markWords cuts text[start:end] into segments, marking every word that starts with a
// term, without copying the text: the segments are substrings of it. It works on the
// bytes of the lower-cased window, so it declines (ok false) the rare window whose
// lower case is not the same length (a few letters, such as 'İ', change length), and
// snippet then works on runes.
func markWords(text string, start, end int, terms []string) (segs []Segment, ok bool) {
	window := text[start:end]
	// A snippet's window is about snippetRunes long: its lower case and marks fit in
	// arrays on the stack, and a search makes one per result.
	var lowerBuf [4 * snippetRunes]byte
	var markedBuf [4 * snippetRunes]bool
	lower, ok := appendLower(lowerBuf[:0], window)
	if !ok {
		return nil, false
	}
	marked := markedBuf[:0]
	if len(window) <= len(markedBuf) {
		marked = markedBuf[:len(window)]
	} else {
		marked = make([]bool, len(window))
	}
	for _, term := range terms {
		for i := 0; i < len(lower); {
			j := bytes.Index(lower[i:], []byte(term))
			if j < 0 {
				break
			}
			j += i
			if before, _ := utf8.DecodeLastRune(lower[:j]); j == 0 || !isWordRune(before) {
				for k := j; k < len(lower); {
					r, size := utf8.DecodeRune(lower[k:])
					if k > j && !isWordRune(r) {
						break
					}
					for b := k; b < k+size; b++ {
						marked[b] = true
					}
					k += size
				}
			}
			_, size := utf8.DecodeRune(lower[j:])
			i = j + size
		}
	}
	if start > 0 {
		segs = append(segs, Segment{Text: "…"})
	}
	for i := 0; i < len(marked); {
		j := i
		for j < len(marked) && marked[j] == marked[i] {
			j++
		}
		segs = append(segs, Segment{Text: window[i:j], Match: marked[i]})
		i = j
	}
	if end < len(text) {
		segs = append(segs, Segment{Text: "…"})
	}
	return segs, true
}

// appendLower appends s in lower case to b, and declines (ok false) when that would
// change its length, as it does for a few letters such as 'İ'.
func appendLower(b []byte, s string) (_ []byte, ok bool) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		lower := unicode.ToLower(r)
		if utf8.RuneLen(lower) != size {
			return b, false
		}
		b = utf8.AppendRune(b, lower)
		i += size
	}
	return b, true
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
