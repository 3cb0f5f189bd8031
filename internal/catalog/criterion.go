package catalog

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

var judgements = []Judgement{Holds, PartlyHolds, DoesNotHold, Disputed}

// maxChangeSummary is the most characters a change log entry's summary may have: one or
// two sentences, short enough to take in at a glance in a list or a feed.
const maxChangeSummary = 280

// criterionDraft holds a decoded criterion file until references can be resolved.
type criterionDraft struct {
	slug string
	doc  *yamlDoc
	raw  criterionFile
	c    *Criterion
}

// decodeCriterion reads a criterion file; it is built later, once every page is known.
// slug is the one its file name gives, or "" when that is not a valid slug: the file is
// still read, so that its other problems are reported too.
func (l *loader) decodeCriterion(p, slug string) *criterionDraft {
	src := l.read(p)
	if slug == "" || src == nil {
		return nil
	}
	d := &criterionDraft{slug: slug}
	var ok bool
	d.doc, ok = decodeYAML(p, 0, src, &d.raw, &l.problems)
	if !ok {
		return nil
	}
	d.c = &Criterion{Slug: slug, order: d.raw.Order}
	return d
}

// buildCriterion checks a decoded criterion against the rest of the content and fills in
// its page. The steps run in this order so that problems keep the order authors expect.
func (l *loader) buildCriterion(d *criterionDraft, groups map[string]*Group) {
	l.criterionBasics(d, groups)
	l.criterionRatings(d)
	l.criterionVerdict(d)
	l.criterionClaims(d)
	if !d.raw.Draft {
		l.checkPublishedCriterion(d)
	}
	l.criterionSources(d)
	l.criterionArticles(d)
	l.criterionHistory(d)
}

// criterionBasics fills in the title and question and places the criterion in its group.
func (l *loader) criterionBasics(d *criterionDraft, groups map[string]*Group) {
	doc, raw, c := d.doc, d.raw, d.c
	c.Title = required(doc, "$.title", "title", raw.Title)
	c.Question = required(doc, "$.question", "question", raw.Question)
	if raw.Group == "" {
		doc.add("$.group", `missing required field "group"`)
	} else if g, ok := groups[raw.Group]; ok {
		c.Group = g
	} else if !l.comparisonBroken {
		doc.add("$.group", fmt.Sprintf("unknown group %q; known: %s", raw.Group, strings.Join(groupIDs(l.cat.Groups), ", ")))
	}
}

// criterionRatings checks that the ratings name every subject exactly once and builds
// them in the subjects' order.
func (l *loader) criterionRatings(d *criterionDraft) {
	doc, raw := d.doc, d.raw
	if len(raw.Ratings) == 0 {
		doc.add("$.ratings", `missing required field "ratings"`)
	}
	for _, s := range l.subjectsToRate(d) {
		r, ok := raw.Ratings[s.ID]
		if !ok {
			if len(raw.Ratings) > 0 {
				doc.add("$.ratings", fmt.Sprintf("missing rating for subject %q", s.ID))
			}
			continue
		}
		d.c.Ratings = append(d.c.Ratings, l.rating(d, s, r))
	}
}

// subjectsToRate returns the subjects a criterion rates, reporting ratings filed under
// an unknown subject. When comparison.yaml is broken the subjects are unknown, so each
// rating is checked under the id it is filed under instead.
func (l *loader) subjectsToRate(d *criterionDraft) []*Subject {
	ids := sortedKeys(d.raw.Ratings)
	if l.comparisonBroken {
		subjects := make([]*Subject, len(ids))
		for i, id := range ids {
			subjects[i] = &Subject{ID: id}
		}
		return subjects
	}
	for _, id := range ids {
		if _, ok := l.cat.subjects[id]; !ok {
			d.doc.add("$.ratings."+id, fmt.Sprintf("unknown subject %q; known: %s", id, strings.Join(l.subjectIDs(), ", ")))
		}
	}
	return l.cat.Subjects
}

// rating checks one subject's rating and renders its body. The body's heading ids start
// with the subject's id, so two subjects' bodies never give one page the same id twice.
func (l *loader) rating(d *criterionDraft, s *Subject, r ratingYAML) Rating {
	doc, at := d.doc, "$.ratings."+s.ID
	if r.Rating < 1 || r.Rating > MaxScore {
		if r.Rating == 0 {
			doc.add(at, `missing required field "rating" (1–5)`)
		} else {
			doc.add(at+".rating", fmt.Sprintf("rating %d is out of range; use 1 to %d", r.Rating, MaxScore))
		}
	}
	required(doc, at+".summary", "summary", r.Summary)
	required(doc, at+".body", "body", r.Body)
	body := l.renderField(&d.c.Refs, doc, at+".body", r.Body, s.ID+"-")
	return Rating{Subject: s, Score: r.Rating, Summary: strings.TrimSpace(r.Summary), Assumes: r.Assumes, Body: body}
}

// criterionVerdict resolves the winner (a subject, tie or depends) and renders the rationale.
func (l *loader) criterionVerdict(d *criterionDraft) {
	doc, v, c := d.doc, d.raw.Verdict, d.c
	switch w := v.Winner; {
	case w == "":
		doc.add("$.verdict", `missing required field "winner" (a subject id, tie or depends)`)
	case w == string(VerdictTie) || w == string(VerdictDepends):
		c.Verdict.Kind = VerdictKind(w)
	default:
		if s, ok := l.cat.subjects[w]; ok {
			c.Verdict = Verdict{Kind: VerdictWinner, Winner: s}
		} else if !l.comparisonBroken {
			doc.add("$.verdict.winner", fmt.Sprintf("unknown verdict %q; use a subject id (%s), tie or depends", w, strings.Join(l.subjectIDs(), ", ")))
		}
	}
	if required(doc, "$.verdict.rationale", "rationale", v.Rationale) != "" {
		c.Verdict.Rationale = l.renderField(&c.Refs, doc, "$.verdict.rationale", v.Rationale, "verdict-")
	}
}

// checkPublishedCriterion reports what only a draft may lack: a list of sources, the
// date of the last review and a change log, and text in place of the skeleton's TODOs.
func (l *loader) checkPublishedCriterion(d *criterionDraft) {
	doc, raw := d.doc, d.raw
	if len(raw.Sources) == 0 {
		doc.add("$.sources", `missing required field "sources" (every source this page relies on)`)
	}
	if strings.TrimSpace(raw.Reviewed) == "" {
		doc.add("$.reviewed", `missing required field "reviewed" (the day the criterion was last checked against its sources)`)
	}
	if len(raw.Changes) == 0 {
		doc.add("$.changes", `missing required field "changes" (what changed and when, newest first; at least one entry)`)
	}
	l.checkNoTODO(doc, raw)
}

// criterionSources resolves the sources the page lists.
func (l *loader) criterionSources(d *criterionDraft) {
	c := d.c
	for i, id := range d.raw.Sources {
		if s := l.source(d.doc, fmt.Sprintf("$.sources[%d]", i), id); s != nil && !slices.Contains(c.Sources, s) {
			c.Sources = append(c.Sources, s)
		}
	}
	// Sources cited by claims are listed on the page too, so nothing cited goes unlisted.
	for _, cl := range c.Claims {
		for _, s := range append([]*Source{cl.Source}, cl.EvidenceSources...) {
			if s != nil && !slices.Contains(c.Sources, s) {
				c.Sources = append(c.Sources, s)
			}
		}
	}
}

// criterionArticles checks the related articles; relate links them once pages are visible.
func (l *loader) criterionArticles(d *criterionDraft) {
	for i, slug := range d.raw.Articles {
		if !l.articleFiles[slug] {
			d.doc.add(fmt.Sprintf("$.articles[%d]", i), fmt.Sprintf("unknown article %q%s", slug, didYouMean(slug, sortedKeys(l.articleFiles))))
		}
	}
}

// criterionHistory reads when the criterion was last reviewed and its change log, which
// lists changes newest first, none after the review.
func (l *loader) criterionHistory(d *criterionDraft) {
	doc, raw, c := d.doc, d.raw, d.c
	// Whether a published criterion lacks them is checkPublishedCriterion's report.
	c.Reviewed = date(doc, "$.reviewed", "reviewed", strings.TrimSpace(raw.Reviewed), false)
	var above time.Time // the date of the entry above, if it has a valid one
	for i, ch := range raw.Changes {
		at := fmt.Sprintf("$.changes[%d]", i)
		change := Change{
			Date:    date(doc, at+".date", "date", ch.Date, true),
			Summary: changeSummary(doc, at+".summary", ch.Summary),
		}
		if day := change.Date; !day.IsZero() {
			if !c.Reviewed.IsZero() && day.After(c.Reviewed) {
				doc.add(at+".date", fmt.Sprintf("change dated %s is after reviewed (%s); reviewed is the day of the latest check, so no change is newer",
					day.Format(dateLayout), c.Reviewed.Format(dateLayout)))
			}
			if !above.IsZero() && day.After(above) {
				doc.add(at+".date", fmt.Sprintf("change dated %s is newer than the entry above it (%s); list changes newest first",
					day.Format(dateLayout), above.Format(dateLayout)))
			}
		}
		above = change.Date
		c.Changes = append(c.Changes, change)
	}
}

// changeSummary checks a change log entry's summary: plain text of at most
// maxChangeSummary characters, its line breaks folded into spaces.
func changeSummary(doc *yamlDoc, at, value string) string {
	value = strings.Join(strings.Fields(required(doc, at, "summary", value)), " ")
	if n := utf8.RuneCountInString(value); n > maxChangeSummary {
		doc.add(at, fmt.Sprintf("summary is %d characters long; keep it to %d, one or two sentences", n, maxChangeSummary))
	}
	return value
}

// checkNoTODO reports scaffolding text that was never replaced in a published criterion.
func (l *loader) checkNoTODO(doc *yamlDoc, raw criterionFile) {
	fields := map[string]string{"$.title": raw.Title, "$.question": raw.Question, "$.verdict.rationale": raw.Verdict.Rationale}
	for id, r := range raw.Ratings {
		fields["$.ratings."+id+".summary"] = r.Summary
		fields["$.ratings."+id+".body"] = r.Body
	}
	for i, ch := range raw.Changes {
		fields[fmt.Sprintf("$.changes[%d].summary", i)] = ch.Summary
	}
	for _, at := range sortedKeys(fields) {
		if isTODO(fields[at]) {
			doc.add(at, "TODO left in a published criterion; finish it or mark it draft: true")
		}
	}
}

func judgementStrings() []string {
	s := make([]string, len(judgements))
	for i, j := range judgements {
		s[i] = string(j)
	}
	return s
}
