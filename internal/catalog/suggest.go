package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// didYouMean returns `; did you mean "x"?` when a known name is a likely typo of name,
// and an empty string otherwise.
func didYouMean(name string, known []string) string {
	best, bestDistance := "", 3 // more than two edits away is not a typo
	for _, k := range known {
		if d := editDistance(name, k); d < bestDistance {
			best, bestDistance = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// pageSlugs lists the slugs of the pages under prefix ("/criteria/").
func (l *loader) pageSlugs(prefix string) []string {
	var slugs []string
	for p := range l.pages {
		if slug, ok := strings.CutPrefix(p, prefix); ok {
			slugs = append(slugs, slug)
		}
	}
	sort.Strings(slugs)
	return slugs
}

func (l *loader) sourceIDs() []string {
	ids := make([]string, 0, len(l.cat.sources))
	for id := range l.cat.sources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
