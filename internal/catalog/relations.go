package catalog

import (
	"slices"
	"sort"
	"time"
)

// visible reports whether a page is shown under the load's options.
func (l *loader) visible(draft bool, published time.Time) bool {
	if l.opts.Drafts {
		return true
	}
	return !draft && !published.After(l.opts.Now)
}

// relate links criteria and articles both ways, keeping only visible pages.
func (l *loader) relate(criteria []*criterionDraft, articles []*articleDraft) {
	for _, d := range criteria {
		if l.visible(d.raw.Draft, time.Time{}) {
			l.cat.criteria[d.slug] = d.c
		}
	}
	for _, d := range articles {
		if l.visible(d.raw.Draft, d.a.Published) {
			l.cat.articles[d.slug] = d.a
		}
	}
	link := func(c *Criterion, a *Article) {
		if !slices.Contains(c.Articles, a) {
			c.Articles = append(c.Articles, a)
		}
		if !slices.Contains(a.Criteria, c) {
			a.Criteria = append(a.Criteria, c)
		}
	}
	for _, d := range criteria {
		for _, slug := range d.raw.Articles {
			c, okc := l.cat.criteria[d.slug]
			a, oka := l.cat.articles[slug]
			if okc && oka {
				link(c, a)
			}
		}
	}
	for _, d := range articles {
		for _, slug := range d.raw.Criteria {
			c, okc := l.cat.criteria[slug]
			a, oka := l.cat.articles[d.slug]
			if okc && oka {
				link(c, a)
			}
		}
	}
}

// order puts criteria in display order (group, then order, then title) and articles
// newest first, and links each criterion to its neighbours.
func (l *loader) order(criteria []*criterionDraft, articles []*articleDraft) {
	groupIndex := map[*Group]int{}
	for i, g := range l.cat.Groups {
		groupIndex[g] = i
	}
	for _, d := range criteria {
		if c, ok := l.cat.criteria[d.slug]; ok && c.Group != nil {
			l.cat.Criteria = append(l.cat.Criteria, c)
		}
	}
	sort.SliceStable(l.cat.Criteria, func(i, j int) bool {
		a, b := l.cat.Criteria[i], l.cat.Criteria[j]
		if groupIndex[a.Group] != groupIndex[b.Group] {
			return groupIndex[a.Group] < groupIndex[b.Group]
		}
		if a.order != b.order {
			return a.order < b.order
		}
		return a.Title < b.Title
	})
	for i, c := range l.cat.Criteria {
		c.Group.Criteria = append(c.Group.Criteria, c)
		if i > 0 {
			c.Prev = l.cat.Criteria[i-1]
			l.cat.Criteria[i-1].Next = c
		}
	}
	for _, d := range articles {
		if a, ok := l.cat.articles[d.slug]; ok {
			l.cat.Articles = append(l.cat.Articles, a)
		}
	}
	sort.SliceStable(l.cat.Articles, func(i, j int) bool {
		a, b := l.cat.Articles[i], l.cat.Articles[j]
		if !a.Published.Equal(b.Published) {
			return a.Published.After(b.Published)
		}
		return a.Title < b.Title
	})
	byArticleDate := func(a, b *Article) int { return b.Published.Compare(a.Published) }
	for _, c := range l.cat.Criteria {
		slices.SortStableFunc(c.Articles, byArticleDate)
	}
}
