// Package decide ranks the subjects of a catalog by the reader's priorities: each
// criterion weighted 0–3, each subject scored by its weighted ratings.
package decide

import (
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/internal/query"
)

// Weights from 0 (ignore) to MaxWeight; a criterion the reader did not weight counts
// DefaultWeight.
const (
	MaxWeight     = 3
	DefaultWeight = 1
)

// Weights maps criterion slugs to weights.
type Weights map[string]int

// Of returns a criterion's weight.
func (w Weights) Of(slug string) int {
	if v, ok := w[slug]; ok {
		return v
	}
	return DefaultWeight
}

// ParseWeights reads w=slug:weight values (repeated or comma-separated). Unknown slugs and
// malformed weights are named in notices and ignored; a repeated slug keeps its last weight.
func ParseWeights(cat *catalog.Catalog, q url.Values) (Weights, []query.Notice) {
	weights := Weights{}
	var unknown, malformed []string
	for _, v := range query.Values(q[paths.WeightParam]) {
		slug, weight, ok := strings.Cut(v, ":")
		slug, weight = strings.TrimSpace(slug), strings.TrimSpace(weight)
		if _, known := cat.Criterion(slug); !known {
			unknown = append(unknown, slug)
			continue
		}
		n, err := strconv.Atoi(weight)
		if !ok || err != nil || n < 0 || n > MaxWeight {
			malformed = append(malformed, v)
			continue
		}
		weights[slug] = n
	}
	notices := query.Ignored(paths.WeightParam, query.Unknown, unknown)
	return weights, append(notices, query.Ignored(paths.WeightParam, query.Malformed, malformed)...)
}

// Encode is the weights as a canonical query: only weights that differ from the default,
// in catalog order.
func (w Weights) Encode(cat *catalog.Catalog) string {
	var parts []string
	for _, c := range cat.Criteria {
		if v, ok := w[c.Slug]; ok && v != DefaultWeight {
			parts = append(parts, paths.WeightParam+"="+url.QueryEscape(c.Slug+":"+strconv.Itoa(v)))
		}
	}
	return strings.Join(parts, "&")
}

// Standing is one subject's result.
type Standing struct {
	Subject *catalog.Subject
	Points  int // sum of weight × rating
	Max     int // sum of weight × the top rating
}

// Percent is the subject's points as a share of the maximum, 0–100.
func (s Standing) Percent() int {
	if s.Max == 0 {
		return 0
	}
	return (s.Points*100 + s.Max/2) / s.Max
}

// Line is one criterion's part in the result.
type Line struct {
	Criterion *catalog.Criterion
	Weight    int
	Points    []int // weight × rating, per subject in catalog order
	// Swing is how far this criterion moved the leader ahead of the runner-up (negative:
	// it held the leader back).
	Swing int
}

// Result is the ranking and the arithmetic behind it.
type Result struct {
	Subjects []*catalog.Subject // in catalog order, as Line.Points are
	Ranking  []Standing         // best first; ties keep catalog order
	Lines    []Line             // counted criteria, the largest swing first
	Ignored  []*catalog.Criterion
	Tied     bool // the top two subjects have the same points
}

// Rank scores every subject under the weights.
func Rank(cat *catalog.Catalog, w Weights) Result {
	res := Result{Subjects: cat.Subjects}
	totals := make([]Standing, len(cat.Subjects))
	for i, s := range cat.Subjects {
		totals[i].Subject = s
	}
	for _, c := range cat.Criteria {
		weight := w.Of(c.Slug)
		if weight == 0 {
			res.Ignored = append(res.Ignored, c)
			continue
		}
		line := Line{Criterion: c, Weight: weight, Points: make([]int, len(cat.Subjects))}
		for i, s := range cat.Subjects {
			if r, ok := c.Rating(s.ID); ok {
				line.Points[i] = weight * r.Score
			}
			totals[i].Points += line.Points[i]
			totals[i].Max += weight * catalog.MaxScore
		}
		res.Lines = append(res.Lines, line)
	}
	res.Ranking = append([]Standing(nil), totals...)
	sort.SliceStable(res.Ranking, func(i, j int) bool { return res.Ranking[i].Points > res.Ranking[j].Points })
	if len(res.Ranking) >= 2 {
		leader, runnerUp := index(cat, res.Ranking[0].Subject), index(cat, res.Ranking[1].Subject)
		res.Tied = res.Ranking[0].Points == res.Ranking[1].Points
		for i := range res.Lines {
			res.Lines[i].Swing = res.Lines[i].Points[leader] - res.Lines[i].Points[runnerUp]
		}
	}
	sort.SliceStable(res.Lines, func(i, j int) bool { return abs(res.Lines[i].Swing) > abs(res.Lines[j].Swing) })
	return res
}

func index(cat *catalog.Catalog, s *catalog.Subject) int {
	for i, x := range cat.Subjects {
		if x == s {
			return i
		}
	}
	return -1
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
