// Package suggest finds the likely intended name when a reader or author misspells one,
// for "did you mean" hints in messages.
package suggest

import "fmt"

// DidYouMean returns `; did you mean "x"?` when a known name is a likely typo of name,
// and an empty string otherwise.
func DidYouMean(name string, known []string) string {
	if best, ok := Closest(name, known); ok {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// Closest returns the known name fewest edits away from name, if it is close enough to
// be a typo: at most two edits.
func Closest(name string, known []string) (string, bool) {
	best, bestDistance := "", 3
	for _, k := range known {
		if d := editDistance(name, k); d < bestDistance {
			best, bestDistance = k, d
		}
	}
	return best, best != ""
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
