package catalog

import (
	"fmt"
	"slices"
	"strings"
)

var judgements = []Judgement{Holds, PartlyHolds, DoesNotHold, Disputed}

// criterionDraft holds a decoded criterion file until references can be resolved.
type criterionDraft struct {
	slug string
	doc  *yamlDoc
	raw  criterionFile
	c    *Criterion
}

func (l *loader) decodeCriterion(p string) *criterionDraft {
	slug, ok := l.fileSlug(p)
	src := l.read(p)
	if !ok || src == nil {
		return nil
	}
	// The page exists even if its file is broken, so links to it are not reported too.
	l.pages["/criteria/"+slug] = map[string]bool{"verdict": true, "claims": true, "sources": true}
	d := &criterionDraft{slug: slug}
	d.doc, ok = decodeYAML(p, 0, src, &d.raw, &l.problems)
	if !ok {
		return nil
	}
	d.c = &Criterion{Slug: slug, order: d.raw.Order}
	return d
}

func (l *loader) buildCriterion(d *criterionDraft, groups map[string]*Group) {
	doc, raw, c := d.doc, d.raw, d.c
	c.Title = required(doc, "$.title", "title", raw.Title)
	c.Question = required(doc, "$.question", "question", raw.Question)
	if raw.Group == "" {
		doc.add("$.group", `missing required field "group"`)
	} else if g, ok := groups[raw.Group]; ok {
		c.Group = g
	} else {
		doc.add("$.group", fmt.Sprintf("unknown group %q; known: %s", raw.Group, strings.Join(groupIDs(l.cat.Groups), ", ")))
	}
	anchors := l.pages["/criteria/"+c.Slug]
	if len(raw.Ratings) == 0 {
		doc.add("$.ratings", `missing required field "ratings"`)
	}
	for _, id := range sortedKeys(raw.Ratings) {
		if _, ok := l.cat.subjects[id]; !ok {
			doc.add("$.ratings."+id, fmt.Sprintf("unknown subject %q; known: %s", id, strings.Join(l.subjectIDs(), ", ")))
		}
	}
	for _, s := range l.cat.Subjects {
		r, ok := raw.Ratings[s.ID]
		if !ok {
			if len(raw.Ratings) > 0 {
				doc.add("$.ratings", fmt.Sprintf("missing rating for subject %q", s.ID))
			}
			continue
		}
		at := "$.ratings." + s.ID
		if r.Rating < 1 || r.Rating > MaxScore {
			if r.Rating == 0 {
				doc.add(at, `missing required field "rating" (1–5)`)
			} else {
				doc.add(at+".rating", fmt.Sprintf("rating %d is out of range; use 1 to %d", r.Rating, MaxScore))
			}
		}
		required(doc, at+".summary", "summary", r.Summary)
		required(doc, at+".body", "body", r.Body)
		body, ids := l.renderField(doc, at+".body", r.Body)
		for _, id := range ids {
			anchors[id] = true
		}
		anchors[s.ID] = true
		c.Ratings = append(c.Ratings, Rating{Subject: s, Score: r.Rating, Summary: strings.TrimSpace(r.Summary), Assumes: r.Assumes, Body: body})
	}
	switch w := raw.Verdict.Winner; {
	case w == "":
		doc.add("$.verdict", `missing required field "winner" (a subject id, tie or depends)`)
	case w == string(VerdictTie) || w == string(VerdictDepends):
		c.Verdict.Kind = VerdictKind(w)
	default:
		if s, ok := l.cat.subjects[w]; ok {
			c.Verdict = Verdict{Kind: VerdictWinner, Winner: s}
		} else {
			doc.add("$.verdict.winner", fmt.Sprintf("unknown verdict %q; use a subject id (%s), tie or depends", w, strings.Join(l.subjectIDs(), ", ")))
		}
	}
	if required(doc, "$.verdict.rationale", "rationale", raw.Verdict.Rationale) != "" {
		c.Verdict.Rationale, _ = l.renderField(doc, "$.verdict.rationale", raw.Verdict.Rationale)
	}
	for i, cl := range raw.Claims {
		at := fmt.Sprintf("$.claims[%d]", i)
		claim := Claim{
			Source:    l.source(doc, at+".source", cl.Source),
			Text:      required(doc, at+".claim", "claim", cl.Claim),
			Judgement: Judgement(oneOf(doc, at+".judgement", "judgement", cl.Judgement, judgementStrings())),
		}
		if required(doc, at+".evidence", "evidence", cl.Evidence) != "" {
			claim.Evidence, _ = l.renderField(doc, at+".evidence", cl.Evidence)
		}
		if len(cl.EvidenceSources) == 0 {
			doc.add(at, `missing required field "evidence_sources" (the source ids that back the judgement)`)
		}
		for j, id := range cl.EvidenceSources {
			if s := l.source(doc, fmt.Sprintf("%s.evidence_sources[%d]", at, j), id); s != nil {
				claim.EvidenceSources = append(claim.EvidenceSources, s)
			}
		}
		c.Claims = append(c.Claims, claim)
	}
	if len(raw.Sources) == 0 && !raw.Draft {
		doc.add("$.sources", `missing required field "sources" (every source this page relies on)`)
	}
	if !raw.Draft {
		l.checkNoTODO(doc, raw)
	}
	for i, id := range raw.Sources {
		if s := l.source(doc, fmt.Sprintf("$.sources[%d]", i), id); s != nil && !slices.Contains(c.Sources, s) {
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
	for i, slug := range raw.Articles {
		if _, ok := l.pages["/articles/"+slug]; !ok {
			doc.add(fmt.Sprintf("$.articles[%d]", i), fmt.Sprintf("unknown article %q%s", slug, didYouMean(slug, l.pageSlugs("/articles/"))))
		}
	}
}

// checkNoTODO reports scaffolding text that was never replaced in a published criterion.
func (l *loader) checkNoTODO(doc *yamlDoc, raw criterionFile) {
	fields := map[string]string{"$.title": raw.Title, "$.question": raw.Question, "$.verdict.rationale": raw.Verdict.Rationale}
	for id, r := range raw.Ratings {
		fields["$.ratings."+id+".summary"] = r.Summary
		fields["$.ratings."+id+".body"] = r.Body
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
